"""The practice map in the generated network: its outcome areas (the demo's, which group the
themes generated stories are given) and its page, when the site has none yet."""

from wagtail.models import Page

from network_site.core.demo_data import read_records, upsert_page_from_file

from .demo import MAP_PAGE, OUTCOME_AREAS, ensure_outcome_areas
from .models import OutcomeArea, PracticeMapPage


def generate(context, count):
    stdout = context["stdout"]
    if count and not OutcomeArea.objects.exists():
        ensure_outcome_areas(read_records(OUTCOME_AREAS, {"slug", "name", "themes"}))
    if not PracticeMapPage.objects.exists():
        home = Page.objects.filter(depth=2).first()
        if home is not None:
            upsert_page_from_file(home.specific, PracticeMapPage, MAP_PAGE)
    stdout.write(f"Practice map: {OutcomeArea.objects.count()} outcome areas")
