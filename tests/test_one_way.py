"""One way in templates and code: HTML comes from templates, not from strings in Python, and
every question is drawn by the form renderer."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

from resources.models import SelfCheckPage
from tests.project_apps import FEATURE_APPS, PROJECT_PACKAGES
from tests.test_form_rendering import assert_every_reference_resolves

DEMO_APPS = ["resources", "mapping"]

SOURCE_PACKAGES = PROJECT_PACKAGES
HTML_IN_PYTHON = {"mark_safe", "format_html", "format_html_join", "SafeString"}


def source_files():
    base = Path(settings.BASE_DIR)
    for package in SOURCE_PACKAGES:
        for path in sorted((base / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_builds_html_as_strings():
    """A page's markup is a template; Python that glues HTML together with mark_safe or
    format_html escapes by hand what a template escapes by itself."""
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{node.lineno} {node.id}"
        for path in source_files()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Name) and node.id in HTML_IN_PYTHON
    ]
    assert offenders == []


# Inputs that belong to no Django form: the menu toggle and the header's search box (a plain GET
# to /search/), the join form's honeypot (its field must not look like one), and the guide list's
# compare tray (one checkbox per listed entry, read by compare-tray.js); and allauth's field element,
# which allauth draws without Django's renderer (it keeps the renderer's ids). The admin's screens
# keep Wagtail's look and are not counted.
HAND_DRAWN_INPUTS = {
    "allauth/elements/field.html": 2,
    "navigation/header.html": 2,
    "pages/membership/join.html": 1,
    "pages/mapping/mapping_guide_page.html": 1,
}
FIELD_MARKUP = re.compile(r"<select\b|<textarea\b|ds_question__error-message")
VISIBLE_INPUT = re.compile(r"<input\b(?![^>]*type=\"hidden\")")


def site_templates():
    base = Path(settings.BASE_DIR)
    for path in sorted(base.rglob("templates/**/*.html")):
        relative = path.relative_to(base)
        if {".venv", "node_modules"} & set(relative.parts):
            continue
        yield relative.as_posix().split("templates/", 1)[1], path.read_text()


def test_no_template_draws_a_form_field_by_hand():
    """Questions are drawn by the form renderer's templates (templates/forms/), so they share one
    markup and one id scheme for hints and errors (`<id>_helptext`, `<id>_error`)."""
    by_hand = {
        name: len(FIELD_MARKUP.findall(text)) + len(VISIBLE_INPUT.findall(text))
        for name, text in site_templates()
        if not name.startswith(("forms/", "wagtailadmin/")) and "/admin/" not in name
    }
    assert {name: count for name, count in by_hand.items() if count} == HAND_DRAWN_INPUTS


def test_a_metadata_row_is_written_by_its_component():
    by_hand = [
        name
        for name, text in site_templates()
        if "ds_metadata__item" in text and name != "components/metadata_item.html"
    ]
    assert by_hand == []


def error_ids(html):
    return re.findall(r'<p class="ds_question__error-message" id="([^"]+)"', html)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize(
    "address, query",
    [
        ("/resources/", {"type": "pirates", "q": "x" * 201}),
        ("/mapping-guide/matrix/", {"kind": "spaceship", "sector": "nowhere"}),
        ("/mapping-guide/compare/", {"entry": "no-such-entry"}),
        ("self-check", {"check": "1"}),
        ("/search/", {"q": "x" * 201}),
    ],
)
def test_every_refused_answer_has_the_one_error_id_scheme(client, address, query):
    if address == "self-check":
        address = SelfCheckPage.objects.get().url
    html = client.get(address, query).content.decode()
    ids = error_ids(html)
    assert ids, "the page shows a message beside the refused answer"
    assert all(re.fullmatch(r"id_\w+_error", error_id) for error_id in ids), ids
    # Every message is named by its question, and every summary link leads to a question.
    assert_every_reference_resolves(html)
    summary_links = re.findall(r'<li><a href="#(id_\w+)">', html)
    assert {f"{link}_error" for link in summary_links} <= set(ids)


def test_the_networks_name_is_written_once():
    """settings.WAGTAIL_SITE_NAME is the name; templates write {{ site_name }} and code reads the
    setting (demo content, being content, may name the network in its prose)."""
    base = Path(settings.BASE_DIR)
    written = [
        path.relative_to(base).as_posix()
        for package in [*SOURCE_PACKAGES, "templates"]
        for path in sorted((base / package).rglob("*"))
        if path.suffix in {".py", ".html", ".txt"}
        and "demo_content" not in path.parts
        and "Personal Outcomes Network" in path.read_text()
    ]
    assert written == ["network_site/settings/base.py"]


@pytest.mark.django_db
def test_a_page_takes_the_name_from_the_setting(client, settings, home_page):
    settings.WAGTAIL_SITE_NAME = "Northern Outcomes Network"
    html = client.get(home_page.url).content.decode()
    assert '<meta property="og:site_name" content="Northern Outcomes Network">' in html
    assert "<p>The Northern Outcomes Network: an open" in html


LISTING_TEMPLATES = [
    "pages/stories/story_index_page.html",
    "pages/resources/resource_index_page.html",
    "pages/mapping/mapping_guide_page.html",
]


@pytest.mark.parametrize("name", LISTING_TEMPLATES)
def test_every_listing_is_built_on_the_one_skeleton(name):
    text = (Path(settings.BASE_DIR) / "templates" / name).read_text()
    assert text.startswith('{% extends "components/listing_page.html" %}')
    assert "robots" not in text, "the skeleton holds the one noindex rule"


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("address", ["/resources/", "/mapping-guide/"])
@pytest.mark.parametrize(
    "query, indexable",
    [({}, True), ({"q": "carers"}, False), ({"page": "0"}, False), ({"sector": "nowhere"}, False)],
)
def test_only_a_listings_plain_first_page_is_indexed(client, address, query, indexable):
    html = client.get(address, query).content.decode()
    assert ('<meta name="robots" content="noindex">' not in html) == indexable


def test_each_sections_index_page_is_the_one_index_page():
    from events.models import MeetingIndexPage
    from mapping.models import MappingGuidePage
    from network_site.core.index_pages import SectionIndexPage
    from resources.models import ResourceIndexPage
    from stories.models import StoryIndexPage

    for index_page in (StoryIndexPage, ResourceIndexPage, MeetingIndexPage, MappingGuidePage):
        assert issubclass(index_page, SectionIndexPage), index_page
        # Its table keeps its name and its introduction: no data moves.
        assert (
            index_page._meta.db_table
            == f"{index_page._meta.app_label}_{index_page.__name__.lower()}"
        )
        assert index_page._meta.get_field("introduction").model is index_page


def test_an_apps_filters_live_in_its_listing_module():
    """Each app's facets of the core's filtered listing are in `<app>/listing.py`."""
    declaring = sorted(
        path.relative_to(settings.BASE_DIR).as_posix()
        for path in source_files()
        if "Facet(" in path.read_text() or "sector_facet(" in path.read_text()
    )
    assert all(name.endswith("/listing.py") for name in declaring), declaring


def test_apps_extend_each_other_through_wagtail_hooks_not_ready():
    """What an app adds to core's and membership's lists (demo content, generators, scheduled
    jobs, home page and member home sections, news, reviewable types) is a hook in its
    wagtail_hooks.py, so that a newcomer reads one place per app."""
    from network_site.core import home_sections, schedule
    from network_site.core.bulk import registered_generators
    from network_site.core.demo import demo_app_labels
    from network_site.core.reviews import reviewable_types

    base = Path(settings.BASE_DIR)
    registries = re.compile(
        r"register_demo_content|register_generator|schedule|home_sections|register_reviewable"
        r"|register_section|register_news|register_tagged_pages|personal_data|register_next_meeting"
    )
    apps_modules = [base / package / "apps.py" for package in FEATURE_APPS]
    apps_modules += [base / "network_site/core/apps.py", base / "network_site/membership/apps.py"]
    assert [path.name for path in apps_modules if registries.search(path.read_text())] == []

    # In INSTALLED_APPS order, as `ready()` gave them.
    assert demo_app_labels() == [
        "membership",
        "resources",
        "mapping",
        "stories",
        "events",
        "impact",
        "following",
        "conversations",
        "learning_log",
        "accessibility",
        "ripples",
        "practice_map",
        "easy_read",
    ]
    assert [option for option, _path, _default in registered_generators()] == [
        "members",
        "stories",
        "ripples",
        "resources",
        "mapping_entries",
        "meetings",
        "follows",
        "conversations",
        "outcome_areas",
    ]
    assert {key for key, _label in home_sections.choices()} == {
        "join",
        "latest_stories",
        "next_meeting",
    }
    assert {kind.key for kind in reviewable_types()} == {
        "resource",
        "carers-act-guide",
        "mapping-entry",
    }
    assert "send_meeting_reminders" in schedule.registered_jobs()
    assert "send_following_digests" in schedule.registered_jobs()


@pytest.mark.django_db
def test_the_member_directory_filters_through_the_listing_helper_without_counts(client, home_page):
    from django.urls import reverse

    from network_site.core.listing import ListingFilterForm
    from tests.factories.membership import MemberFactory, MemberProfileFactory

    MemberProfileFactory(user__first_name="Fife Housing", sector="housing", council_area="fife")
    client.force_login(MemberFactory())
    response = client.get(reverse("membership:directory"), {"sector": "housing"})
    assert isinstance(response.context["form"], ListingFilterForm)
    html = response.content.decode()
    assert "Fife Housing" in html
    # An option's count would be a count of people, possibly below five.
    assert not re.search(r"<option [^>]*>[^<]*\(\d+\)</option>", html)
