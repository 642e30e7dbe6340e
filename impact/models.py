from django.db import models


class SectionText(models.Model):
    """What the coordinators wrote about one section of the report for one period: the network's
    annual report, with the words left to them. It names no one."""

    section = models.SlugField(max_length=60)
    start = models.DateField()
    end = models.DateField()
    text = models.TextField(max_length=5000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["section", "start", "end"], name="impact_one_text_per_section_and_period"
            )
        ]
        # Held by the coordinators and administrators (network_site/core/roles.py).
        permissions = [("view_report", "Can see, write and export the impact report")]

    def __str__(self):
        return f"{self.section} {self.start} to {self.end}"
