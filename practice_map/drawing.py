"""The numbers the map's SVG is drawn from (positions, radii, wedge paths); the markup itself is
the template's (pages/practice_map/includes/map_svg.html).

Each cell is a bubble whose area grows with its count, cut into wedges for stories, resources and
guide entries; each wedge has its own pattern as well as its own shade, and each bubble carries its
number, so the picture reads without colour.
"""

import math
from dataclasses import dataclass

CELL = 64
LABEL_WIDTH = 220
HEADER_HEIGHT = 150
KEY_HEIGHT = 40
LARGEST_RADIUS = 23
SMALLEST_RADIUS = 7


@dataclass(frozen=True)
class Wedge:
    content_key: str
    path: str  # SVG path data, or "" when the wedge is the whole circle


@dataclass(frozen=True)
class Bubble:
    x: float
    y: float
    radius: float
    total: int
    wedges: list
    label_y: float


def radius_for(total, largest):
    if not total or not largest:
        return 0
    return max(SMALLEST_RADIUS, LARGEST_RADIUS * math.sqrt(total / largest))


def point(x, y, radius, turn):
    """The point `turn` of the way round a circle, clockwise from the top."""
    angle = 2 * math.pi * turn - math.pi / 2
    return x + radius * math.cos(angle), y + radius * math.sin(angle)


def wedges(x, y, radius, parts):
    """A wedge per (content key, count); a single part is the whole circle."""
    total = sum(count for _key, count in parts)
    if len(parts) == 1:
        return [Wedge(parts[0][0], "")]
    drawn, start = [], 0.0
    for key, count in parts:
        end = start + count / total
        x0, y0 = point(x, y, radius, start)
        x1, y1 = point(x, y, radius, end)
        large_arc = 1 if end - start > 0.5 else 0
        drawn.append(
            Wedge(
                key,
                f"M{x:.1f} {y:.1f} L{x0:.1f} {y0:.1f} "
                f"A{radius:.1f} {radius:.1f} 0 {large_arc} 1 {x1:.1f} {y1:.1f} Z",
            )
        )
        start = end
    return drawn


def drawing(practice_map):
    """What the SVG template needs: its size, column and row label positions, and bubbles."""
    columns, rows = practice_map.columns, practice_map.rows
    largest = practice_map.largest
    top = KEY_HEIGHT + HEADER_HEIGHT
    column_labels = [
        (LABEL_WIDTH + CELL * position + CELL / 2, top - 8, column.label)
        for position, column in enumerate(columns)
    ]
    row_labels, bubbles = [], []
    for row_number, (area, _themes, cells) in enumerate(rows):
        y = top + CELL * row_number + CELL / 2
        row_labels.append((LABEL_WIDTH - 10, y + 4, area.name))
        for column_number, cell in enumerate(cells):
            if not cell.total:
                continue
            x = LABEL_WIDTH + CELL * column_number + CELL / 2
            radius = radius_for(cell.total, largest)
            parts = [(key, count) for key, count, _words in cell.parts()]
            bubbles.append(
                Bubble(x, y - 6, radius, cell.total, wedges(x, y - 6, radius, parts), y + 29)
            )
    return {
        "width": LABEL_WIDTH + CELL * max(len(columns), 1) + 10,
        "height": top + CELL * max(len(rows), 1) + 10,
        "grid_top": top,
        "grid_left": LABEL_WIDTH,
        "grid_right": LABEL_WIDTH + CELL * len(columns),
        "grid_bottom": top + CELL * len(rows),
        "row_lines": [top + CELL * n for n in range(len(rows) + 1)],
        "column_lines": [LABEL_WIDTH + CELL * n for n in range(len(columns) + 1)],
        "column_labels": column_labels,
        "row_labels": row_labels,
        "bubbles": bubbles,
    }
