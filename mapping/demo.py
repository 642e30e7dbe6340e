"""Demo content for the mapping guide: the guide page and its entries from the starter list
(shared/reference/mapping-starter.md), written in the network's own words.

The entries are `demo_content/mapping-guide.csv`, in the guide's own export format, read by the same
importer editors use; it publishes only what changed, so loading twice adds no revisions.
"""

from pathlib import Path

from network_site.core.demo_data import DemoDataError, upsert_page_from_file

from .importing import GuideFileError, carry_out, plan_import, read_guide_file
from .models import MappingGuidePage

DEMO_CONTENT = Path(__file__).parent / "demo_content"
GUIDE = DEMO_CONTENT / "mapping-guide.md"
ENTRIES = DEMO_CONTENT / "mapping-guide.csv"


def load(context):
    guide = upsert_page_from_file(context["home"], MappingGuidePage, GUIDE)
    try:
        guide_file = read_guide_file(ENTRIES.read_bytes(), ENTRIES.name)
    except GuideFileError as error:
        raise DemoDataError(ENTRIES, str(error)) from None
    plan = plan_import(guide, guide_file)
    if plan.rejected:
        reasons = "; ".join(
            f"{plan.place_label.lower()} {place}: {' '.join(problems)}"
            for place, problems in sorted(plan.rejected.items())
        )
        raise DemoDataError(ENTRIES, f"the importer refused {reasons}")
    outcome = carry_out(guide, plan)
    changed = sum(1 for result in outcome.values() if result != "unchanged")
    context["stdout"].write(f"Mapping guide: {len(outcome)} entries ({changed} changed)")
