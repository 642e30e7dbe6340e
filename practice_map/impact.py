"""The practice map as a section of the impact report (network_site/core/impact.py)."""

from network_site.core.impact import Period, Table

from .drawing import drawing
from .map import AXIS_SECTOR, MapFilters, build_map


def practice_map_section_context(period: Period):
    """Stories, resources and guide entries first published in the period, by outcome area and
    sector. The report is for coordinators: members-only stories are counted (as numbers: this is
    a count of content, not of people, so no floor of five applies)."""
    filters = MapFilters(published_from=period.start, published_to=period.end)
    practice_map = build_map(AXIS_SECTOR, filters, with_members_only=True)
    table = Table(
        caption="Stories, resources and guide entries by outcome area and sector",
        headers=["Outcome area", "Sector", "Stories", "Resources", "Guide entries"],
        rows=[
            [cell.area.name, cell.column.label, *cell.counts.values()]
            for _area, _themes, cells in practice_map.rows
            for cell in cells
        ],
    )
    return {
        "map": practice_map,
        "drawing": drawing(practice_map),
        "table_rows": [
            (area, themes, [(cell, None) for cell in cells])
            for area, themes, cells in practice_map.rows
        ],
        "tables": [table],
    }
