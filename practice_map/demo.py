"""Demo content for the practice map: its outcome areas, its page under the home page, and the
consent records of the demo tellers whose stories say they may be quoted in briefings."""

from pathlib import Path

from django.utils.text import slugify
from taggit.models import Tag

from network_site.core.demo_data import read_records, upsert_page_from_file
from network_site.core.site_address import page_url
from stories.models import StoryPage
from stories.quoting import record_quote_choice

from .models import OutcomeArea, PracticeMapPage

DEMO_CONTENT = Path(__file__).parent / "demo_content"
MAP_PAGE = DEMO_CONTENT / "practice-map.md"
OUTCOME_AREAS = DEMO_CONTENT / "outcome-areas.yaml"


def tag_named(name, existing):
    """The tag with this name (any case), made when missing."""
    tag = existing.get(name.lower())
    if tag is None:
        slug, number = slugify(name), 2
        while Tag.objects.filter(slug=slug).exists():
            slug, number = f"{slugify(name)}-{number}", number + 1
        tag = Tag.objects.create(name=name, slug=slug)
        existing[name.lower()] = tag
    return tag


def ensure_outcome_areas(records):
    existing = {tag.name.lower(): tag for tag in Tag.objects.all()}
    for position, record in enumerate(records):
        area, _ = OutcomeArea.objects.update_or_create(
            slug=record["slug"],
            defaults={
                "name": record["name"],
                "description": record.get("description", ""),
                "sort_order": position,
            },
        )
        area.themes.set([tag_named(name, existing) for name in record["themes"]])


def load(context):
    ensure_outcome_areas(read_records(OUTCOME_AREAS, {"slug", "name", "themes"}))
    page = upsert_page_from_file(context["home"], PracticeMapPage, MAP_PAGE)
    for story in StoryPage.objects.live().filter(may_be_quoted=True, owner__isnull=False):
        record_quote_choice(story, story.owner)
    context["stdout"].write(
        f"Practice map: {OutcomeArea.objects.count()} areas at {page_url(page)}"
    )
