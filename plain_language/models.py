from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class AdviceKind(models.TextChoices):
    SERVICE_LED = "service-led", "Service-led or deficit wording"
    JARGON = "jargon", "Jargon"


@register_snippet
class LanguageAdvice(index.Indexed, models.Model):
    """A phrase the language check points out, with the wording to use instead and why.

    The check matches the phrase as whole words, in any case, with a plural of its last word; a
    hyphen in the phrase also matches a space or nothing ("non-compliant", "non compliant").
    """

    phrase = models.CharField(
        max_length=80,
        unique=True,
        help_text="The words to look for, e.g. “service user”. Write the singular: plurals are found too.",
    )
    kind = models.CharField(
        max_length=20, choices=AdviceKind.choices, default=AdviceKind.SERVICE_LED
    )
    suggestion = models.CharField(
        max_length=300, help_text="Outcome-focused wording to use instead, in a few words."
    )
    why = models.TextField(max_length=600, help_text="A sentence on why the suggestion is better.")

    panels = [FieldPanel("phrase"), FieldPanel("kind"), FieldPanel("suggestion"), FieldPanel("why")]
    search_fields = [index.SearchField("phrase"), index.SearchField("suggestion")]

    class Meta:
        ordering = ["phrase"]
        verbose_name = "language advice"
        verbose_name_plural = "language advice"

    def __str__(self):
        return self.phrase
