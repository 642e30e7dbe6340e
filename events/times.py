"""Meeting times: stored in UTC, shown and reasoned about in UK time."""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

UK_TIME = ZoneInfo("Europe/London")


def in_uk(moment):
    return moment.astimezone(UK_TIME)


def uk_today():
    return in_uk(timezone.now()).date()


def uk_datetime(day, wall_time):
    """An aware datetime for a wall-clock time on a UK date (GMT or BST as that day has it)."""
    return datetime.combine(day, wall_time, tzinfo=UK_TIME)


def format_date(moment):
    """'Sunday 29 March 2026', in UK time."""
    local = in_uk(moment)
    return f"{local:%A} {local.day} {local:%B %Y}"


def format_time(moment):
    """'10:00 GMT' or '11:00 BST': the zone is named because it changes twice a year."""
    local = in_uk(moment)
    return f"{local:%H:%M} {local.tzname()}"


def format_time_range(starts_at, ends_at):
    """'10:00 to 12:30 GMT'; each zone named when the clocks change in between."""
    start, end = in_uk(starts_at), in_uk(ends_at)
    if start.date() != end.date():
        return f"{format_time(start)} on {format_date(start)} to {format_time(end)} on {format_date(end)}"
    if start.tzname() != end.tzname():
        return f"{format_time(start)} to {format_time(end)}"
    return f"{start:%H:%M} to {end:%H:%M} {end.tzname()}"


def same_weekday_months_later(day, months):
    """The same weekday in the same week of the month, `months` later: the second Wednesday of
    February gives the second Wednesday of May. A fifth weekday gives the month's last one."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    first_weekday_of_month = (day.weekday() - date(year, month, 1).weekday()) % 7 + 1
    nth = (day.day - 1) // 7
    days_in_month = calendar.monthrange(year, month)[1]
    target = first_weekday_of_month + 7 * nth
    while target > days_in_month:
        target -= 7
    return date(year, month, target)


def moved_like(moment, from_day, to_day):
    """`moment` moved by as many days as `from_day` to `to_day`, at the same UK wall-clock time:
    a meeting's end and booking deadline keep their place around its new start."""
    local = in_uk(moment)
    return uk_datetime(local.date() + (to_day - from_day), local.time())


def start_of_uk_day(day):
    return uk_datetime(day, time.min)


def end_of_uk_day(day):
    return start_of_uk_day(day + timedelta(days=1))
