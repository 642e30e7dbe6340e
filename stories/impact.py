"""The impact report's section on stories: stories published per quarter, public and
members-only. A count of stories, not of people."""

from network_site.core.charts import BarChart, Series
from network_site.core.impact import Period, Table
from network_site.core.impact_data import count_by_quarter, quarters

from . import choices
from .models import StoryPage


def stories_per_quarter(period: Period):
    live = StoryPage.objects.live()
    public = count_by_quarter(
        live.filter(audience=choices.AUDIENCE_PUBLIC), "first_published_at", period
    )
    members = count_by_quarter(
        live.filter(audience=choices.AUDIENCE_MEMBERS), "first_published_at", period
    )
    labels = [quarter.label for quarter in quarters(period)]
    return {
        "chart": BarChart(
            "stories-per-quarter",
            "Stories published per quarter",
            "Two bars for each quarter: solid for stories everyone can read, hatched for stories"
            " for members only.",
            labels,
            [Series("For everyone", public), Series("Members only", members)],
        ),
        "tables": [
            Table(
                "Stories published per quarter",
                ["Quarter", "For everyone", "Members only", "All"],
                [
                    [label, shared, restricted, shared + restricted]
                    for label, shared, restricted in zip(labels, public, members, strict=True)
                ],
            )
        ],
    }
