"""Helpers the impact report's sections share: the quarters of a period, and counts by quarter
in one grouped query (so a section's queries do not grow with its content)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from .impact import Period

QUARTER_MONTHS = ("January to March", "April to June", "July to September", "October to December")


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date

    @property
    def label(self):
        return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"

    @property
    def long_label(self):
        return f"{QUARTER_MONTHS[(self.start.month - 1) // 3]} {self.start.year}"


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarters(period: Period) -> list[Quarter]:
    """Each quarter the period touches, in order (the first and last may be partly outside it)."""
    found = []
    start = quarter_start(period.start)
    while start <= period.end:
        month = start.month + 3
        following = date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
        found.append(Quarter(start, following - timedelta(days=1)))
        start = following
    return found


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as [from, to) in aware datetimes: its first day's start, the day after its end."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(period.start, time.min, tzinfo=zone),
        datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone),
    )


def in_period(queryset: QuerySet, field_name: str, period: Period) -> QuerySet:
    start, end = bounds(period)
    return queryset.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end})


def count_by_quarter(queryset: QuerySet, field_name: str, period: Period) -> list[int]:
    """How many of `queryset` have `field_name` (a date and time) in each quarter of the period,
    counting only days inside it; one grouped query."""
    grouped = (
        in_period(queryset, field_name, period)
        .annotate(quarter=TruncQuarter(field_name))
        .values("quarter")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_start = {}
    for row in grouped:
        started = row["quarter"]
        if isinstance(started, datetime):
            started = (
                timezone.localtime(started).date() if timezone.is_aware(started) else started.date()
            )
        by_start[started] = by_start.get(started, 0) + row["count"]
    return [by_start.get(quarter.start, 0) for quarter in quarters(period)]
