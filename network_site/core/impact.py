"""The network's impact report: sections that apps give through a Wagtail hook, and the rule for
counts about people.

An app registers a function that returns an `ImpactSection`:

    @hooks.register(IMPACT_SECTIONS_HOOK)
    def impact_section():
        return ImpactSection("check_outs", "How meetings felt", "events/impact/check_outs.html",
                             check_out_results, order=40)

`get_context(period)` returns the template's context; its "tables" (a list of `Table`) are what the
report shows under each chart and what its CSV export writes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

IMPACT_SECTIONS_HOOK = "register_impact_report_sections"

# No count about people below this is ever shown: it reads "fewer than 5" instead.
SMALLEST_COUNT_SHOWN = 5
FEWER_THAN_SMALLEST = f"fewer than {SMALLEST_COUNT_SHOWN}"


def count_about_people(count: int) -> int | str:
    """The count as shown: itself from five up, else "fewer than 5" (zero included)."""
    return count if count >= SMALLEST_COUNT_SHOWN else FEWER_THAN_SMALLEST


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date


@dataclass(frozen=True)
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ImpactSection:
    slug: str
    title: str
    template: str
    get_context: Callable[[Period], dict[str, Any]]
    order: int = 100
