"""The impact report: a period chosen by a coordinator, and the sections apps register through
`IMPACT_SECTIONS_HOOK` (network_site/core/impact.py), each with the words coordinators wrote."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail import hooks

from network_site.core.impact import IMPACT_SECTIONS_HOOK, ImpactSection, Period

from .models import SectionText

EARLIEST = date(2000, 1, 1)
LONGEST = timedelta(days=366 * 10)
PERMISSION = "impact.view_report"


def may_see_report(user) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def default_period(today: date | None = None) -> Period:
    """The twelve months up to today."""
    today = today or timezone.localdate()
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return Period(year_ago + timedelta(days=1), today)


class PeriodForm(forms.Form):
    start = forms.DateField(
        label="From",
        help_text="The first day of the period, for example 2026-01-01.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label="To",
        help_text="The last day, for example 2026-12-31.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and start < EARLIEST:
            self.add_error("start", f"Choose a day from {EARLIEST:%-d %B %Y} on.")
        if end and end > timezone.localdate() + timedelta(days=366):
            self.add_error("end", "Choose a day no more than a year from today.")
        if start and end and end < start:
            self.add_error("end", "The last day must be on or after the first day.")
        elif start and end and end - start > LONGEST:
            self.add_error("end", "Choose a period of ten years or less.")
        return cleaned

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


def period_form(data) -> tuple[PeriodForm, Period | None]:
    """The form from the query string and the period it gives; with no period asked for, the
    default one; with a wrong one, None (the page says what is wrong)."""
    if "start" not in data and "end" not in data:
        default = default_period()
        return PeriodForm(initial={"start": default.start, "end": default.end}), default
    form = PeriodForm(data)
    return form, form.period() if form.is_valid() else None


def sections() -> list[ImpactSection]:
    registered = [give() for give in hooks.get_hooks(IMPACT_SECTIONS_HOOK)]
    return sorted(registered, key=lambda section: (section.order, section.slug))


def section_by_slug(slug: str) -> ImpactSection | None:
    return next((section for section in sections() if section.slug == slug), None)


@dataclass(frozen=True)
class SectionReport:
    section: ImpactSection
    context: dict[str, Any]
    words: str

    @property
    def tables(self):
        return self.context.get("tables", [])

    def render(self) -> str:
        return render_to_string(self.section.template, self.context)


def texts_for(period: Period) -> dict[str, str]:
    return dict(
        SectionText.objects.filter(start=period.start, end=period.end).values_list(
            "section", "text"
        )
    )


def section_reports(period: Period) -> list[SectionReport]:
    words = texts_for(period)
    return [
        SectionReport(section, section.get_context(period), words.get(section.slug, ""))
        for section in sections()
    ]


def period_query(period: Period) -> str:
    return f"start={period.start.isoformat()}&end={period.end.isoformat()}"
