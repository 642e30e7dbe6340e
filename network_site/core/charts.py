"""Charts for the impact report: the geometry of a bar chart, worked out here and drawn as SVG by
`templates/components/charts/bar_chart.html`, so every app draws its charts one way.

A chart is readable without colour: each bar has its value written beside it, each series has its
own pattern (solid, hatched, dotted) named in the legend, and the SVG has a title and a description
that say what it shows (the table under it gives every number). A value that is text (for example
"fewer than 5" from `count_about_people`) draws no bar: its length would tell the number.
"""

from dataclasses import dataclass, field
from typing import Any

# Patterns by series, in order; the template defines each one.
PATTERNS = ("solid", "hatched", "dotted", "crossed")
ROW_HEIGHT = 24
GROUP_GAP = 12
# Each group's label is written above its bars, across the chart, so long names need no room
# beside them; a name longer than fits is shortened (the table gives it whole).
LABEL_HEIGHT = 22
LONGEST_LABEL = 50
BAR_AREA_WIDTH = 240
VALUE_WIDTH = 200
LEGEND_HEIGHT = 32


@dataclass(frozen=True)
class Series:
    name: str
    values: list[Any]


@dataclass(frozen=True)
class Bar:
    series: str
    pattern: str
    value: Any
    y: int
    width: float
    text_x: float


@dataclass(frozen=True)
class Group:
    label: str
    y: int
    label_y: int
    bars: list[Bar] = field(default_factory=list)


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one group per category, one bar per series in each group."""

    chart_id: str
    title: str
    description: str
    categories: list[str]
    series: list[Series]

    @property
    def legend(self):
        return [
            {"name": one.name, "pattern": PATTERNS[index % len(PATTERNS)], "x": index * 150}
            for index, one in enumerate(self.series)
        ]

    @property
    def largest(self):
        numbers = [value for one in self.series for value in one.values if is_number(value)]
        return max(numbers, default=0) or 1

    @property
    def group_height(self):
        return LABEL_HEIGHT + ROW_HEIGHT * len(self.series) + GROUP_GAP

    @property
    def groups(self):
        groups = []
        for row, category in enumerate(self.categories):
            label_top = LEGEND_HEIGHT + row * self.group_height
            top = label_top + LABEL_HEIGHT
            bars = []
            for index, one in enumerate(self.series):
                value = one.values[row]
                width = BAR_AREA_WIDTH * value / self.largest if is_number(value) else 0
                bars.append(
                    Bar(
                        series=one.name,
                        pattern=PATTERNS[index % len(PATTERNS)],
                        value=value,
                        y=top + index * ROW_HEIGHT,
                        width=round(width, 1),
                        text_x=round(width + 6, 1),
                    )
                )
            groups.append(
                Group(label=shortened(category), y=top, label_y=label_top + 16, bars=bars)
            )
        return groups

    @property
    def height(self):
        return LEGEND_HEIGHT + self.group_height * max(len(self.categories), 1)

    @property
    def width(self):
        return BAR_AREA_WIDTH + VALUE_WIDTH

    @property
    def bar_height(self):
        return ROW_HEIGHT - 6


def shortened(label):
    text = str(label)
    return text if len(text) <= LONGEST_LABEL else text[: LONGEST_LABEL - 1].rstrip() + "…"


def is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)
