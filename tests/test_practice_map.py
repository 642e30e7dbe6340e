"""The outcomes practice map: what it counts for whom, its filters, cells and briefings, the
tellers' choice to be quoted, its query counts, and bad input."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from wagtail import hooks

from network_site.core.impact import IMPACT_SECTIONS_HOOK, Period
from network_site.core.roles import COORDINATOR, EDITOR
from network_site.membership.models import ConsentRecord
from practice_map.map import AXIS_SECTOR, MapFilters, build_map
from practice_map.models import PracticeMapPage
from resources.pdf import pdf_available
from ripples.models import Moderation, StoryUpdate
from stories.models import StoryPage
from stories.quoting import ledger_key, quotable
from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import make_staff
from tests.factories.practice_map import PracticeMapPageFactory, make_outcome_area
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import (
    StoryPageFactory,
    make_member,
    make_story_index,
    story_form_data,
)
from tests.pdf_structure import assert_pdf_ua
from tests.test_hostile_input import NASTY, clean
from tests.test_query_counts_at_scale import grow

pytestmark = pytest.mark.django_db


def build_site(home_page):
    from network_site.core.models import Sector

    stories = make_story_index(home_page)
    library = ResourceIndexPageFactory(parent=home_page)
    guide = MappingGuidePageFactory(parent=home_page)
    page = PracticeMapPageFactory(parent=home_page)
    carers = make_outcome_area("Carers and families", ["Carers", "Young carers"], sort_order=0)
    make_outcome_area("Home and community", ["Housing"], sort_order=1)
    teller = make_member("map-teller")
    public = StoryPageFactory(
        parent=stories,
        owner=teller,
        title="A public carers story",
        themes=["Carers", "Young carers"],  # two themes of one area: counted once
        sector_slugs=["health"],
        council_area="fife",
        perspective="unpaid-carer",
    )
    members_only = StoryPageFactory(
        parent=stories,
        owner=teller,
        title="A members-only carers story",
        audience="members",
        themes=["Carers"],
        sector_slugs=["health"],
        council_area="fife",
        perspective="practitioner",
    )
    members_only.place_by_audience()
    StoryPageFactory(
        parent=stories,
        owner=teller,
        title="An unpublished carers story",
        themes=["Carers"],
        sector_slugs=["health"],
        published=False,
        live=False,
    )
    resource = ResourcePageFactory(
        parent=library,
        title="A carers resource",
        topics=["Carers"],
        sectors=[Sector.objects.get(slug="health")],
    )
    resource.save_revision().publish()
    entry = MappingEntryPageFactory(parent=guide, title="A carers approach", sectors=["health"])
    entry.themes.set(["Carers"])
    entry.save_revision().publish()
    return {
        "page_id": page.pk,
        "url": page.url,
        "carers": carers,
        "public_id": public.pk,
        "members_only_id": StoryPage.objects.get(title="A members-only carers story").pk,
        "teller": teller,
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with module_database(django_db_blocker):
        yield build_site(make_home_page())


def cell_counts(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def health_cell(practice_map, area_name="Carers and families"):
    for area, _themes, cells in practice_map.rows:
        if area.name == area_name:
            return next(cell for cell in cells if cell.column.key == "health")
    raise AssertionError(area_name)


def test_visitors_count_public_content_and_members_count_members_stories_too(client, site):
    response = client.get(site["url"])
    assert response.status_code == 200
    page = response.content.decode()
    # The table has the numbers in words, and the picture says what it shows.
    assert "1 story, 1 resource, 1 guide entry" in page
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page
    assert "share a story about this" in page  # an empty cell invites a story
    client.force_login(make_member("map-reader"))
    page = client.get(site["url"]).content.decode()
    assert "2 stories, 1 resource, 1 guide entry" in page
    assert "members-only stories" in page


def test_the_map_switches_to_council_areas_and_kinds_of_entry(client, site):
    page = client.get(site["url"], {"axis": "council"}).content.decode()
    assert "Council area" in page and "Fife" in page
    assert "1 story" in page  # resources and entries have no council area
    page = client.get(site["url"], {"axis": "kind"}).content.decode()
    assert "Approach" in page and "1 guide entry" in page


def test_story_filters_count_stories_only(site):
    by_perspective = build_map(
        AXIS_SECTOR, MapFilters(perspective="practitioner"), with_members_only=True
    )
    cell = health_cell(by_perspective)
    assert cell.counts == {"stories": 1, "resources": 0, "entries": 0}
    next_year = build_map(AXIS_SECTOR, MapFilters(year=2999), with_members_only=True)
    assert health_cell(next_year).total == 0
    everyone = build_map(AXIS_SECTOR, MapFilters(), with_members_only=False)
    assert health_cell(everyone).counts == {"stories": 1, "resources": 1, "entries": 1}


def test_the_practice_change_filter_counts_stories_with_an_approved_ripple(client, site):
    def stories_that_changed_practice():
        filters = MapFilters(changed_practice=True)
        return health_cell(build_map(AXIS_SECTOR, filters, with_members_only=True)).counts[
            "stories"
        ]

    assert stories_that_changed_practice() == 0
    story = StoryPage.objects.get(title="A public carers story")
    update = StoryUpdate.objects.create(story=story, author=story.owner, text="We kept it up.")
    assert stories_that_changed_practice() == 0  # held for a moderator: not evidence yet
    StoryUpdate.objects.filter(pk=update.pk).update(status=Moderation.APPROVED)
    assert stories_that_changed_practice() == 1

    page = client.get(site["url"], {"changed_practice": "on"}).content.decode()
    assert "changed_practice" in page


def test_a_cell_lists_what_is_in_it_and_an_empty_cell_invites_a_story(client, site):
    address = site["url"] + "cell/"
    page = client.get(address, {"area": "carers-and-families", "column": "health"}).content
    page = page.decode()
    assert "A public carers story" in page
    assert "A carers resource" in page and "A carers approach" in page
    assert "A members-only carers story" not in page
    assert "An unpublished carers story" not in page
    client.force_login(make_member("cell-reader"))
    page = client.get(address, {"area": "carers-and-families", "column": "health"}).content
    assert "A members-only carers story" in page.decode()
    empty = client.get(address, {"area": "home-and-community", "column": "health"})
    assert empty.status_code == 200
    assert "Nothing here yet." in empty.content.decode()
    assert "Share a story about this" in empty.content.decode()


def test_a_cell_that_does_not_exist_is_refused_with_a_message(client, site):
    response = client.get(site["url"] + "cell/", {"area": "nowhere", "column": "health"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


HOSTILE_NAMES = [
    "axis",
    "council_area",
    "perspective",
    "year",
    "changed_practice",
    "area",
    "column",
]
hostile_params = st.dictionaries(
    st.sampled_from(HOSTILE_NAMES),
    st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=40),
        st.lists(st.sampled_from(NASTY), max_size=3),
    ),
    max_size=5,
)
PROPERTY = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(params=hostile_params)
def test_no_query_string_breaks_the_map_or_its_cells(client, site, params):
    params = {name: clean(value) for name, value in params.items()}
    for route in ("", "cell/"):
        response = client.get(site["url"] + route, params)
        assert response.status_code in (200, 400), (route, params)


@PROPERTY
@given(params=hostile_params)
def test_no_query_string_breaks_a_briefing(client, site, params):
    client.force_login(make_staff(COORDINATOR))
    params = {name: clean(value) for name, value in params.items()}
    response = client.get(site["url"] + "briefing/csv/", params)
    assert response.status_code in (200, 400), params


def query_count(client, address):
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.usefixtures("content_cache_off")
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_query_counts_of_the_map_and_a_cell_do_not_grow_with_content(client, home_page, signed_in):
    make_story_index(home_page)
    ResourceIndexPageFactory(parent=home_page)
    MappingGuidePageFactory(parent=home_page)
    grow(seed=3, stories=20)  # makes the outcome areas and the map's page
    page = PracticeMapPage.objects.get()
    if signed_in:
        client.force_login(make_member("map-counter"))
    addresses = [
        page.url,
        page.url + "?axis=council&perspective=practitioner",
        page.url + "cell/?area=carers-and-families&column=health",
        page.url + "cell/?axis=council&area=home-and-community&column=fife",
    ]
    few = {address: query_count(client, address) for address in addresses}
    grow(seed=4, stories=60, members=10, resources=10, entries=8)
    many = {address: query_count(client, address) for address in addresses}
    assert many == few


def test_briefings_are_for_coordinators_only(client, site):
    address = site["url"] + "briefing/csv/"
    assert client.get(address).status_code == 302
    client.force_login(make_member("briefing-member"))
    assert client.get(address).status_code == 403
    client.force_login(make_staff(EDITOR, username="briefing-editor"))
    assert client.get(address).status_code == 403
    client.force_login(make_staff(COORDINATOR, username="briefing-coordinator"))
    assert client.get(address).status_code == 200
    assert "Briefings" in client.get(site["url"]).content.decode()


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_briefing_as_csv_covers_a_cell_a_row_or_the_whole_map(client, site):
    client.force_login(make_staff(COORDINATOR, username="csv-coordinator"))
    address = site["url"] + "briefing/csv/"
    whole = read_csv(client.get(address))
    assert whole[0] == ["Outcome area", "Themes", "Sector", "Stories", "Resources", "Guide entries"]
    areas = {row[0] for row in whole[1:]}
    assert areas == {"Carers and families", "Home and community"}
    row = read_csv(client.get(address, {"area": "carers-and-families"}))
    assert {line[0] for line in row[1:]} == {"Carers and families"}
    cell = read_csv(client.get(address, {"area": "carers-and-families", "column": "health"}))
    # A coordinator who is not a member counts public content, as visitors do.
    assert cell[1:] == [["Carers and families", "Carers; Young carers", "Health", "1", "1", "1"]]
    refused = client.get(address, {"column": "health"})
    assert refused.status_code == 400


def agree_to_quotes(story_id, user):
    story = StoryPage.objects.get(pk=story_id)
    story.may_be_quoted = True
    story.save_revision().publish()
    ConsentRecord.objects.create(
        user=user,
        purpose=ConsentRecord.Purpose.BRIEFING_QUOTES,
        notice_version=ledger_key(story.pk),
    )


def test_only_stories_whose_tellers_agreed_are_quoted(site):
    agree_to_quotes(site["public_id"], site["teller"])
    # Ticked on the page but with no record in the ledger (set by an editor): not quoted.
    story = StoryPage.objects.get(pk=site["members_only_id"])
    story.may_be_quoted = True
    story.save_revision().publish()
    assert [s.pk for s in quotable(StoryPage.objects.live())] == [site["public_id"]]
    record = ConsentRecord.objects.get(notice_version=ledger_key(site["public_id"]))
    record.withdraw()
    assert list(quotable(StoryPage.objects.live())) == []


@pytest.mark.skipif(not pdf_available(), reason="WeasyPrint cannot be loaded here")
def test_a_briefing_as_pdf_is_tagged_with_the_map_counts_and_agreed_quotes(client, site):
    agree_to_quotes(site["public_id"], site["teller"])
    client.force_login(make_staff(COORDINATOR, username="pdf-coordinator"))
    response = client.get(
        site["url"] + "briefing/pdf/", {"area": "carers-and-families", "column": "health"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Carers and families" in text and "In the tellers’ words" in text
    assert "A public carers story" in text  # the agreed story's title with its summary
    assert "A members-only carers story" not in text
    # Tagged in reading order, with a title, a language, bookmarks and alternative text.
    assert_pdf_ua(response.content)


def test_the_story_form_records_the_choice_to_be_quoted_in_the_ledger(client, story_index):
    member = make_member("quoted-teller")
    client.force_login(member)
    data = story_form_data(may_be_quoted="on", action="save")
    response = client.post(story_index.share_url, data)
    assert response.status_code == 302
    story = StoryPage.objects.get(owner=member)
    assert story.get_latest_revision_as_object().may_be_quoted
    records = ConsentRecord.objects.filter(user=member, purpose="briefing_quotes")
    assert [(r.notice_version, r.withdrawn_at) for r in records] == [(ledger_key(story.pk), None)]
    # Changing their mind withdraws the record at once.
    data = story_form_data(action="save")
    client.post(story_index.subpage_url("edit_story", story.pk), data)
    assert records.get().withdrawn_at is not None
    # A story shared without the choice is not quoted: the default is no.
    assert StoryPage._meta.get_field("may_be_quoted").default is False


def test_the_story_form_with_bad_input_saves_no_story_and_no_consent(client, story_index):
    member = make_member("quoted-but-wrong")
    client.force_login(member)
    data = story_form_data(may_be_quoted="on", action="submit", perspective="nobody")
    response = client.post(story_index.share_url, data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not StoryPage.objects.filter(owner=member).exists()
    assert not ConsentRecord.objects.filter(user=member, purpose="briefing_quotes").exists()


def test_the_map_is_a_section_of_the_impact_report(site):
    from datetime import date

    sections = [give() for give in hooks.get_hooks(IMPACT_SECTIONS_HOOK)]
    [section] = [section for section in sections if section.slug == "practice_map"]
    context = section.get_context(Period(date(2000, 1, 1), date(2999, 12, 31)))
    [table] = context["tables"]
    row = next(r for r in table.rows if r[:2] == ["Carers and families", "Health"])
    assert row[2:] == [2, 1, 1]  # the report counts members-only stories too
    empty = section.get_context(Period(date(2000, 1, 1), date(2000, 12, 31)))
    assert all(r[2:] == [0, 0, 0] for r in empty["tables"][0].rows)


def test_the_visitors_map_is_purged_when_a_story_is_published(client, site):
    address = site["url"]
    assert "1 story, 1 resource, 1 guide entry" in client.get(address).content.decode()
    stories = StoryPage.objects.get(pk=site["public_id"]).get_parent()
    StoryPageFactory(parent=stories, title="Another", themes=["Carers"], sector_slugs=["health"])
    assert "2 stories, 1 resource, 1 guide entry" in client.get(address).content.decode()
