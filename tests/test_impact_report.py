"""The impact report (impact app): the coordinators' page, its sections, the words they write,
its exports, and the rule that no count about people under five is ever shown."""

import csv
import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from events.models import Booking
from impact.models import SectionText
from impact.report import default_period, sections
from network_site.core.impact import FEWER_THAN_SMALLEST
from network_site.core.roles import COORDINATOR, EDITOR
from network_site.membership.models import JoinRequest, MemberStatusChange
from resources.models import ResourceUse
from resources.usage import count_view
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.membership import (
    JoinRequestFactory,
    MemberFactory,
    MemberProfileFactory,
    make_staff,
)
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryPageFactory, make_story_index
from tests.pdf_structure import assert_pdf_ua
from tests.test_resources_booklet import structure_tags

pytestmark = pytest.mark.django_db

REPORT = "/admin/impact/"
PEOPLE_SECTIONS = ("members", "joiners_leavers", "meetings")


@pytest.fixture
def coordinator(client):
    person = make_staff(COORDINATOR)
    client.force_login(person)
    return person


def grow(home_page, size, *, tag=""):
    """`size` of everything the report counts, all inside the default period."""
    library = ResourceIndexPageFactory(parent=home_page, slug=f"library{tag}")
    stories = make_story_index(home_page) if tag == "" else None
    meetings = MeetingIndexPageFactory(parent=home_page, slug=f"meetings{tag}")
    recently = timezone.now() - timedelta(days=20)
    meeting = MeetingPageFactory(
        parent=meetings, starts_at=recently, ends_at=recently + timedelta(hours=2)
    )
    for number in range(size):
        profile = MemberProfileFactory(sector="health", council_area="highland")
        Booking.objects.create(
            meeting=meeting, member=profile.user, status=Booking.Status.ATTENDING
        )
        JoinRequestFactory(
            user=profile.user, status=JoinRequest.Status.APPROVED, decided_at=recently
        )
        MemberStatusChange.objects.create(
            user=MemberFactory(), active=False, reason="Moved away", changed_at=recently
        )
        resource = ResourcePageFactory(parent=library, title=f"Resource {tag}{number}")
        count_view(resource)
        if stories is not None:
            StoryPageFactory(parent=stories)
    return meeting


def test_the_report_shows_every_registered_section_with_charts_and_tables(
    client, coordinator, home_page
):
    grow(home_page, 6)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    slugs = {section.slug for section in sections()}
    assert {"members", "joiners_leavers", "meetings", "stories", "resources"} <= slugs
    for section in sections():
        assert f'id="section-{section.slug}"' in html
    # A chart is an image with a title and a description, followed by its table.
    assert html.count('role="img"') >= 5
    assert html.count("<caption>") >= 6
    # The tile map has one tile for each of the 32 council areas.
    members = html.split('id="section-members"')[1].split("<section")[0]
    assert members.count("<rect x=") >= 32
    assert ">HLD<" in members and ">6<" in members


def test_the_menu_shows_the_report_to_coordinators_only(client, home_page):
    client.force_login(make_staff(COORDINATOR))
    assert "Impact report" in client.get("/admin/").content.decode()
    client.force_login(make_staff(EDITOR))
    assert "Impact report" not in client.get("/admin/").content.decode()
    assert client.get(REPORT).status_code == 302


def numbers_in(text):
    return [int(number) for number in re.findall(r"(?:>|: )\s*(\d+)\s*<", text)]


def test_no_count_about_people_under_five_is_shown_in_the_page_or_the_csv(
    client, coordinator, home_page
):
    # Small groups: three members in one place and sector, two joiners, three bookings.
    grow(home_page, 3)
    # And one group of six, which is shown.
    for _ in range(6):
        MemberProfileFactory(sector="housing", council_area="fife")
    html = client.get(REPORT).content.decode()
    for slug in PEOPLE_SECTIONS:
        section = html.split(f'id="section-{slug}"')[1].split("<section")[0]
        assert FEWER_THAN_SMALLEST in section, slug
        small = [number for number in numbers_in(section) if 0 < number < 5]
        # Numbers in the drawing (positions) never appear between tags; a count would.
        assert small == [], (slug, small)
    assert ">FIF<" in html and ">6<" in html
    query = "start={}&end={}".format(*(day.isoformat() for day in vars(default_period()).values()))
    archive = zipfile.ZipFile(io.BytesIO(client.get("/admin/impact/report.zip?" + query).content))
    for name in archive.namelist():
        if not name.startswith(PEOPLE_SECTIONS):
            continue
        rows = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        counts = [cell for row in rows[1:] for cell in row[1:]]
        assert counts, name
        for cell in counts:
            assert cell in (FEWER_THAN_SMALLEST, "not yet held") or int(cell) >= 5, (name, cell)
    assert any(name.startswith("members") for name in archive.namelist())


def test_the_csv_zip_has_one_file_per_table_and_is_private(client, coordinator, home_page):
    grow(home_page, 5)
    response = client.get("/admin/impact/report.zip?start=2021-01-01&end=2027-06-30")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "members-1.csv" in names and "members-2.csv" in names
    assert {"joiners_leavers.csv", "meetings.csv", "stories.csv", "resources.csv"} <= set(names)


@pytest.mark.parametrize(
    "query",
    [
        "start=yesterday&end=2026-01-01",
        "start=2026-05-01&end=2026-01-01",
        "start=1990-01-01&end=1991-01-01",
        "start=2001-01-01&end=2026-01-01",
        "start=2026-01-01",
        "start=2026-02-30&end=2026-03-01",
    ],
)
def test_a_wrong_period_is_explained_never_a_500(client, coordinator, home_page, query):
    response = client.get(f"{REPORT}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The period was not understood" in html
    assert 'id="section-' not in html
    for export in ("report.zip", "report.pdf", "words/"):
        assert client.get(f"/admin/impact/{export}?{query}").status_code == 302


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    start=st.text(max_size=30) | st.dates().map(date.isoformat),
    end=st.text(max_size=30) | st.dates().map(date.isoformat),
)
def test_hostile_periods_never_fail(client, coordinator, home_page, start, end):
    for address in (REPORT, "/admin/impact/words/", "/admin/impact/report.zip"):
        response = client.get(address, {"start": start, "end": end})
        assert response.status_code in (200, 302)


def test_coordinators_write_and_edit_the_words_of_each_section(client, coordinator, home_page):
    period = default_period()
    query = f"start={period.start}&end={period.end}"
    form = client.get(f"/admin/impact/words/?{query}")
    assert form.status_code == 200
    response = client.post(
        f"/admin/impact/words/?{query}",
        {"members": "We grew in the Highlands.", "stories": "More stories than last year."},
    )
    assert response.status_code == 302
    assert SectionText.objects.get(section="members", start=period.start).text.startswith("We grew")
    client.post(f"/admin/impact/words/?{query}", {"members": "Changed words."})
    assert SectionText.objects.get(section="members", start=period.start).text == "Changed words."
    html = client.get(f"{REPORT}?{query}").content.decode()
    assert "Changed words." in html


def test_words_too_long_are_refused_and_nothing_is_saved(client, coordinator, home_page):
    period = default_period()
    query = f"start={period.start}&end={period.end}"
    response = client.post(
        f"/admin/impact/words/?{query}", {"members": "Fine.", "stories": "x" * 5001}
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert not SectionText.objects.exists()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(words=st.dictionaries(st.sampled_from(["members", "stories", "x"]), st.text(max_size=60)))
def test_hostile_words_never_fail(client, coordinator, home_page, words):
    period = default_period()
    response = client.post(f"/admin/impact/words/?start={period.start}&end={period.end}", words)
    assert response.status_code in (302, 400)


def report_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORT).status_code == 200
    return len(queries)


def test_the_report_costs_the_same_queries_for_few_and_many(client, coordinator, home_page):
    grow(home_page, 5)
    few = report_queries(client)
    grow(home_page, 15, tag="-more")
    assert report_queries(client) == few


def test_the_pdf_is_tagged_with_a_title_a_language_and_bookmarks(client, coordinator, home_page):
    pytest.importorskip("weasyprint")
    grow(home_page, 5)
    SectionText.objects.create(
        section="stories", start=default_period().start, end=default_period().end, text="Words."
    )
    response = client.get(REPORT.rstrip("/") + "/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    # Tagged in reading order, with a title, a language, bookmarks and alternative text.
    assert_pdf_ua(response.content)
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert reader.metadata.title.endswith(
        f"impact report, {default_period().start:%-d %B %Y} to {default_period().end:%-d %B %Y}"
    )
    tags = set(structure_tags(catalog["/StructTreeRoot"].get_object()))
    figures = list(figures_of(catalog["/StructTreeRoot"].get_object()))
    # Each chart is a figure with its title as the text alternative.
    assert len(figures) >= 6 and all(figures), figures
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD"} <= tags
    bookmarks = [item.title for item in flattened(reader.outline)]
    assert bookmarks[0] == "Impact report"
    assert "Contents" in bookmarks
    assert {section.title for section in sections()} <= set(bookmarks)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Words." in text and "About the chart:" in text and FEWER_THAN_SMALLEST in text


def figures_of(element, depth=0):
    """The text alternative (/Alt) of every /Figure below `element`, None where it has none."""
    kids = element.get("/K") if depth < 40 else None
    kids = [] if kids is None else kids if isinstance(kids, list) else [kids]
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and "/S" in kid:
            if kid["/S"] == "/Figure":
                yield kid.get("/Alt")
            yield from figures_of(kid, depth + 1)


def flattened(outline):
    for item in outline:
        if isinstance(item, list):
            yield from flattened(item)
        else:
            yield item


def test_a_resource_view_is_counted_by_its_image_with_no_cookie(client, home_page):
    library = ResourceIndexPageFactory(parent=home_page)
    resource = ResourcePageFactory(parent=library)
    page = client.get(resource.url)
    assert f'src="{resource.url}seen/"' in page.content.decode()
    # The page itself stays cacheable for visitors.
    assert "no-store" not in page.get("Cache-Control", "")
    for _ in range(3):
        image = client.get(resource.url + "seen/")
        assert image.status_code == 200
        assert image["Content-Type"] == "image/gif"
        assert "no-store" in image["Cache-Control"]
        assert not image.cookies
    use = ResourceUse.objects.get(page=resource)
    assert (use.day, use.views) == (timezone.localdate(), 3)
    # Nothing about the visitor: the row is a page, a day and a number.
    assert {field.name for field in ResourceUse._meta.get_fields()} == {
        "id",
        "page",
        "day",
        "views",
    }


def test_a_cached_resource_page_still_has_every_view_counted(client, home_page):
    from django.core.cache import cache
    from django.test import override_settings

    library = ResourceIndexPageFactory(parent=home_page)
    resource = ResourcePageFactory(parent=library)
    client.get("/")  # the site's first request makes its settings, which purges the cache
    cache.clear()
    with override_settings(VISITOR_PAGE_CACHE_SECONDS=300):
        assert client.get(resource.url)["X-Cache"] == "miss"
        client.get(resource.url + "seen/")
        second = client.get(resource.url)
        assert second["X-Cache"] == "hit"
        assert f'src="{resource.url}seen/"' in second.content.decode()
        client.get(resource.url + "seen/")
        # The counter itself is never stored.
        assert "X-Cache" not in client.get(resource.url + "seen/")
    cache.clear()
    assert ResourceUse.objects.get(page=resource).views == 3


@pytest.mark.usefixtures("content_cache_off")
def test_the_report_costs_the_same_queries_with_a_generated_network_three_times_larger(
    client, coordinator, home_page
):
    from tests.test_query_counts_at_scale import grow as generate

    make_story_index(home_page)
    ResourceIndexPageFactory(parent=home_page)
    MeetingIndexPageFactory(parent=home_page)
    generate(seed=1, stories=25)
    few = report_queries(client)
    generate(seed=2, stories=75, members=18, resources=12, entries=9, meetings=6)
    assert report_queries(client) == few
