"""The impact report's section on the most used resources: views of each resource's page in the
period, counted by resources/usage.py. A count of page views, not of people."""

from django.db.models import Sum

from network_site.core.charts import BarChart, Series
from network_site.core.impact import Period, Table

from .models import ResourceUse

SHOWN = 10


def most_used_resources(period: Period):
    used = list(
        ResourceUse.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("page__title")
        .annotate(total=Sum("views"))
        .order_by("-total", "page__title")[:SHOWN]
    )
    rows = [[use["page__title"], use["total"]] for use in used]
    return {
        "chart": BarChart(
            "most-used-resources",
            f"The {SHOWN} most viewed resources",
            "A bar for each of the most viewed resources in the period, with its number of views.",
            [row[0] for row in rows],
            [Series("Views", [row[1] for row in rows])],
        ),
        "tables": [Table("The most viewed resources", ["Resource", "Views"], rows)],
    }


DEMO_DAYS = 90


def load_demo_uses(library):
    """Daily views of the demo library's resources over the last 90 days: some resources much
    more used than others, the same numbers each time the demo is loaded."""
    from datetime import timedelta

    from django.utils import timezone

    from .models import ResourcePage

    today = timezone.localdate()
    first = today - timedelta(days=DEMO_DAYS - 1)
    pages = list(ResourcePage.objects.child_of(library).live().order_by("path"))
    ResourceUse.objects.filter(page__in=pages, day__gte=first).delete()
    ResourceUse.objects.bulk_create(
        ResourceUse(page=page, day=first + timedelta(days=offset), views=views)
        for rank, page in enumerate(pages)
        for offset in range(DEMO_DAYS)
        if (views := (len(pages) - rank) * 2 + offset % 5 - 3) > 0
    )
