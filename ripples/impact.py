"""The impact report's section: stories, updates and "what I tried" per quarter of the period.

These are counts of contributions, not of people, so they are shown as they are.
"""

from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncQuarter

from network_site.core.impact import Period, Table
from stories.models import StoryPage

from .models import StoryUpdate, WhatITried


def quarters(period: Period) -> list[date]:
    """The first day of each quarter the period touches."""
    first = date(period.start.year, 3 * ((period.start.month - 1) // 3) + 1, 1)
    days = []
    while first <= period.end:
        days.append(first)
        month = first.month + 3
        first = date(first.year + (month > 12), (month - 1) % 12 + 1, 1)
    return days


def per_quarter(queryset, field, period):
    """{first day of quarter: count} of rows whose `field` falls in the period (UK dates)."""
    rows = (
        queryset.filter(**{f"{field}__date__gte": period.start, f"{field}__date__lte": period.end})
        .annotate(quarter=TruncQuarter(field))
        .values("quarter")
        .annotate(count=Count("pk"))
    )
    counts = {}
    for row in rows:
        quarter = row["quarter"]
        day = quarter.date() if hasattr(quarter, "date") else quarter
        counts[day] = counts.get(day, 0) + row["count"]
    return counts


def quarter_label(day: date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def ripples_context(period: Period):
    stories = per_quarter(StoryPage.objects.live(), "first_published_at", period)
    updates = per_quarter(StoryUpdate.objects.approved(), "approved_at", period)
    tried = per_quarter(WhatITried.objects.approved(), "approved_at", period)
    rows = [
        [quarter_label(day), stories.get(day, 0), updates.get(day, 0), tried.get(day, 0)]
        for day in quarters(period)
    ]
    totals = [sum(row[i] for row in rows) for i in (1, 2, 3)]
    table = Table(
        caption="Stories published, and their updates and “what I tried” approved, per quarter",
        headers=["Quarter", "Stories", "Updates", "What I tried"],
        rows=rows + [["All quarters", *totals]] if rows else [],
    )
    return {"tables": [table], "rows": rows, "totals": totals}
