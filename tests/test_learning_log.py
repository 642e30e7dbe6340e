"""The private learning log: a member writes, edits, deletes and exports reflections that nobody
else can read (other members and staff get 404), which no cache, search, API or sitemap holds, and
which the data download carries and account deletion removes."""

import io
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from wagtail.snippets.models import get_snippet_models

from learning_log.exports import pdf_available
from learning_log.forms import MAX_THEMES
from learning_log.models import Entry
from network_site.core.roles import ADMINISTRATOR, COORDINATOR, EDITOR, MODERATOR
from network_site.membership.erasure import delete_account
from network_site.membership.models import MemberProfile
from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.membership import MemberFactory, make_staff
from tests.factories.resources import (
    BookletChapterPageFactory,
    BookletPageFactory,
    CarersActGuidePageFactory,
    CarersActSectionPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)
from tests.factories.stories import StoryPageFactory, make_story_index
from tests.pdf_structure import assert_pdf_ua
from tests.test_hostile_input import PROPERTY, clean, hostile_text
from tests.test_privacy_people import traces_of

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar-quillwort reflection about Mrs K"
LIST_URL = "/account/learning-log/"
NEW_URL = "/account/learning-log/new/"
EXPORT_URL = "/account/learning-log/export/"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A page of each prompting type, built once for the module."""
    with module_database(django_db_blocker):
        home = make_home_page()
        booklet = BookletPageFactory(parent=home)
        guide = CarersActGuidePageFactory(parent=home)
        library = ResourceIndexPageFactory(parent=home)
        stories = make_story_index(home)
        yield {
            "chapter": BookletChapterPageFactory(parent=booklet, title="What outcomes are").pk,
            "section": CarersActSectionPageFactory(parent=guide, title="Who is a carer").pk,
            "resource": ResourcePageFactory(parent=library, title="Talking points").pk,
            "story": StoryPageFactory(parent=stories, title="A kitchen table").pk,
        }


def page_of(site, key):
    from wagtail.models import Page

    return Page.objects.get(pk=site[key]).specific


def entry_data(**overrides):
    return {
        "written_on": "2026-03-27",
        "themes": "carers, good conversations",
        "reflection": SECRET,
        "will_try": "Ask what a good day looks like.",
        **overrides,
    }


def write(member, **fields):
    return Entry.objects.create(owner=member, reflection=fields.pop("reflection", SECRET), **fields)


# --- Writing, from a page or free-standing -------------------------------------------------------


@pytest.mark.parametrize("key", ["chapter", "section", "resource", "story"])
def test_a_member_sees_reflect_on_this_and_the_entry_keeps_the_page(client, site, key):
    prompt = page_of(site, key)
    member = MemberFactory()
    client.force_login(member)

    page = client.get(prompt.url).content.decode()
    link = f"{NEW_URL}?page={prompt.pk}"
    assert f'href="{link}"' in page and "Reflect on this" in page

    assert prompt.title in client.get(link).content.decode()
    response = client.post(link, entry_data())
    assert response.status_code == 302 and response["Location"] == LIST_URL
    entry = Entry.objects.get(owner=member)
    assert (entry.prompt_page_id, entry.prompt_title, entry.prompt_url) == (
        prompt.pk,
        prompt.title,
        prompt.url,
    )
    assert entry.themes == ["carers", "good conversations"]
    assert entry.written_on == date(2026, 3, 27)


def test_visitors_and_staff_see_no_reflect_on_this(client, site):
    story = page_of(site, "story")
    assert "Reflect on this" not in client.get(story.url).content.decode()
    client.force_login(make_staff(EDITOR))
    assert "Reflect on this" not in client.get(story.url).content.decode()


def test_the_visitor_page_cache_never_stores_a_members_reflect_link(client, site):
    chapter = page_of(site, "chapter")
    cache.clear()
    with override_settings(VISITOR_PAGE_CACHE_SECONDS=300):
        client.force_login(MemberFactory())
        assert "Reflect on this" in client.get(chapter.url).content.decode()
        client.logout()
        client.cookies.clear()
        first = client.get(chapter.url)
        second = client.get(chapter.url)
    cache.clear()
    assert second["X-Cache"] == "hit"
    for response in (first, second):
        assert "Reflect on this" not in response.content.decode()


def test_a_free_standing_reflection(client, site):
    member = MemberFactory()
    client.force_login(member)
    assert client.post(NEW_URL, entry_data(themes="")).status_code == 302
    entry = Entry.objects.get(owner=member)
    assert (entry.prompt_page, entry.prompt_title, entry.themes) == (None, "", [])


@pytest.mark.parametrize("page", ["abc", "0", "99999999", str(2**70), "-1"])
def test_an_unknown_prompt_page_gives_a_free_standing_entry_with_a_message(client, site, page):
    member = MemberFactory()
    client.force_login(member)
    response = client.get(NEW_URL, {"page": page})
    assert response.status_code == 200
    assert "could not be found" in response.content.decode()
    client.post(f"{NEW_URL}?page={page}", entry_data())
    assert Entry.objects.get(owner=member).prompt_page is None


def test_a_page_a_member_may_not_read_cannot_prompt(client, site, home_page):
    from wagtail.models import PageViewRestriction

    from network_site.core.models import StandardPage

    closed = home_page.add_child(instance=StandardPage(title="Staff only", slug="staff-only"))
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.PASSWORD)
    member = MemberFactory()
    client.force_login(member)
    client.post(f"{NEW_URL}?page={closed.pk}", entry_data())
    assert Entry.objects.get(owner=member).prompt_title == ""


def test_the_prompt_survives_the_page_being_unpublished_and_deleted(client, site):
    member = MemberFactory()
    resource = page_of(site, "resource")
    client.force_login(member)
    client.post(f"{NEW_URL}?page={resource.pk}", entry_data())
    entry = Entry.objects.get(owner=member)

    resource.unpublish()
    listing = client.get(LIST_URL).content.decode()
    assert "Talking points (no longer published)" in listing
    assert f'href="{resource.url}"' not in listing

    resource.delete()
    entry.refresh_from_db()
    assert entry.prompt_page is None
    assert "Talking points (no longer published)" in client.get(LIST_URL).content.decode()
    assert entry.prompt_url  # the address it had, for the record


# --- Bad input: a clear message, nothing saved ---------------------------------------------------


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"reflection": ""}, "Write your reflection"),
        ({"reflection": "   "}, "Write your reflection"),
        ({"written_on": ""}, "Enter the date of the reflection"),
        ({"written_on": "31/02/2026"}, "Enter a real date"),
        ({"written_on": "1066-10-14"}, "Enter a date from 1900 onwards"),
        ({"themes": ", ".join(f"theme {n}" for n in range(MAX_THEMES + 1))}, "themes or fewer"),
        ({"themes": "x" * 61}, "60 characters or fewer"),
        ({"reflection": "x" * 20_001}, "at most 20000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    client, site, overrides, message
):
    member = MemberFactory()
    client.force_login(member)
    response = client.post(NEW_URL, entry_data(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page.replace("20,000", "20000")
    assert not Entry.objects.filter(owner=member).exists()


def test_an_edit_with_bad_input_changes_nothing(client, site):
    member = MemberFactory()
    entry = write(member, written_on=date(2026, 1, 5))
    client.force_login(member)
    response = client.post(f"{LIST_URL}{entry.pk}/edit/", entry_data(reflection=""))
    assert response.status_code == 400
    entry.refresh_from_db()
    assert (entry.reflection, entry.written_on) == (SECRET, date(2026, 1, 5))


@PROPERTY
@given(
    fields=st.dictionaries(
        st.sampled_from(["written_on", "themes", "reflection", "will_try"]),
        st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
    ),
    page=hostile_text,
)
def test_hostile_input_never_breaks_the_entry_form_or_half_saves(client, site, fields, page):
    member = MemberFactory()
    client.force_login(member)
    response = client.post(
        NEW_URL + "?" + f"page={clean(page)}".replace("#", "%23").replace("&", "%26"),
        {name: clean(value) for name, value in fields.items()},
    )
    assert response.status_code in (302, 400)
    saved = Entry.objects.filter(owner=member)
    assert saved.count() == (1 if response.status_code == 302 else 0)
    for entry in saved:
        assert entry.reflection.strip() and len(entry.themes) <= MAX_THEMES


@PROPERTY
@given(
    params=st.dictionaries(
        st.sampled_from(["date_from", "date_to", "format", "page"]),
        st.one_of(hostile_text, st.lists(hostile_text, max_size=3)),
    )
)
def test_hostile_query_strings_never_break_the_list_or_the_export(client, site, params):
    member = MemberFactory()
    write(member)
    client.force_login(member)
    params = {name: clean(value) for name, value in params.items()}
    for url in (LIST_URL, EXPORT_URL):
        response = client.get(url, params)
        assert response.status_code in (200, 400), (url, params)


@PROPERTY
@given(entry_id=st.integers(min_value=-(2**70), max_value=2**70))
def test_any_entry_number_answers_404_or_the_entry(client, site, entry_id):
    member = MemberFactory()
    client.force_login(member)
    url = f"{LIST_URL}{entry_id}/edit/" if entry_id >= 0 else f"{LIST_URL}-1/edit/"
    assert client.get(url).status_code == 404


# --- Edit and delete: only the writer ------------------------------------------------------------


def test_the_writer_edits_and_deletes(client, site):
    member = MemberFactory()
    entry = write(member)
    client.force_login(member)
    assert SECRET in client.get(f"{LIST_URL}{entry.pk}/edit/").content.decode()
    client.post(f"{LIST_URL}{entry.pk}/edit/", entry_data(reflection="Changed my mind."))
    entry.refresh_from_db()
    assert entry.reflection == "Changed my mind."
    assert "cannot be undone" in client.get(f"{LIST_URL}{entry.pk}/delete/").content.decode()
    assert client.post(f"{LIST_URL}{entry.pk}/delete/").status_code == 302
    assert not Entry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("role", [None, MODERATOR, COORDINATOR, EDITOR, ADMINISTRATOR])
def test_nobody_else_reads_changes_or_deletes_an_entry(client, site, role):
    """Another member (role None) or staff of any role: 404, as for an entry that is not there."""
    entry = write(MemberFactory())
    client.force_login(MemberFactory() if role is None else make_staff(role))
    for action in ("edit", "delete"):
        url = f"{LIST_URL}{entry.pk}/{action}/"
        assert client.get(url).status_code == 404
        assert client.post(url, entry_data(reflection="Overwritten")).status_code == 404
    entry.refresh_from_db()
    assert entry.reflection == SECRET
    if role is None or role == ADMINISTRATOR:  # both have a log of their own
        assert SECRET not in client.get(LIST_URL).content.decode()
        export = client.get(EXPORT_URL, {"format": "docx"})
        assert SECRET not in docx_text(export.content)


def test_no_admin_view_search_api_or_sitemap_holds_an_entry(client, site):
    write(MemberFactory())
    assert Entry not in get_snippet_models()
    client.force_login(make_staff(ADMINISTRATOR))
    for url in (
        "/admin/",
        "/admin/pages/search/?q=Zanzibar",
        "/search/?q=Zanzibar",
        "/api/v2/pages/?search=Zanzibar",
        "/sitemap.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "quillwort reflection" not in response.content.decode(), url
    assert not any("learning" in url for url in admin_urls())


def admin_urls():
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return [url for url in walk(get_resolver().url_patterns) if url.startswith("admin/")]


def test_log_pages_are_never_stored_by_any_cache(client, site):
    member = MemberFactory()
    entry = write(member)
    client.force_login(member)
    for url in (LIST_URL, NEW_URL, f"{LIST_URL}{entry.pk}/edit/", EXPORT_URL):
        directives = {part.strip() for part in client.get(url)["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url


# --- The list: paginated, the same queries for few and many --------------------------------------


def list_queries(client, member):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.usefixtures("content_cache_off")
def test_the_list_costs_the_same_queries_for_few_and_many_entries(client, site):
    member = MemberFactory()
    prompts = [page_of(site, key) for key in ("chapter", "section", "resource", "story")]
    client.force_login(member)
    for number in range(5):
        write(member, prompt_page=prompts[number % 4], prompt_title="p", themes=["a", "b"])
    client.get(LIST_URL)
    few = list_queries(client, member)
    for number in range(40):
        write(member, prompt_page=prompts[number % 4], prompt_title="p", themes=["c"])
    many = list_queries(client, member)
    assert many == few
    page = client.get(LIST_URL).content.decode()
    assert page.count('class="site-learning-log__entry"') == 20
    assert "45 reflections" in page and 'href="?page=3"' in page


# --- Exports -------------------------------------------------------------------------------------


def docx_text(content):
    document = Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.fixture
def member_with_a_log(site):
    member = MemberFactory(first_name="Ishbel", last_name="Munro")
    story = page_of(site, "story")
    write(
        member,
        written_on=date(2026, 1, 10),
        reflection="January: first thoughts.\n\nA second paragraph.",
        will_try="Listen first.",
        prompt_page=story,
        prompt_title=story.title,
        prompt_url=story.url,
        themes=["carers"],
    )
    write(member, written_on=date(2026, 2, 10), reflection="February: the team meeting.")
    write(member, written_on=date(2026, 3, 10), reflection="March: a review that went well.")
    return member


def test_the_word_export_has_each_entry_with_headings_title_and_language(client, member_with_a_log):
    client.force_login(member_with_a_log)
    response = client.get(EXPORT_URL, {"format": "docx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    assert document.core_properties.title == "Learning log of Ishbel Munro"
    assert document.core_properties.language == "en-GB"
    headings = [
        (paragraph.style.name, paragraph.text)
        for paragraph in document.paragraphs
        if paragraph.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[:6] == [
        ("Title", "Learning log of Ishbel Munro"),
        ("Heading 1", "10 January 2026"),
        ("Heading 2", "What prompted it"),
        ("Heading 2", "Themes"),
        ("Heading 2", "Reflection"),
        ("Heading 2", "What I will try"),
    ]
    text = docx_text(response.content)
    assert "A kitchen table (http://" in text
    assert "A second paragraph." in text and "Listen first." in text
    assert text.index("January") < text.index("February") < text.index("March")


def test_the_export_follows_the_date_range(client, member_with_a_log):
    client.force_login(member_with_a_log)
    response = client.get(
        EXPORT_URL, {"format": "docx", "date_from": "2026-02-01", "date_to": "28/02/2026"}
    )
    text = docx_text(response.content)
    assert "February" in text and "January" not in text and "March" not in text
    assert "1 February 2026 to 28 February 2026" in text
    empty = docx_text(client.get(EXPORT_URL, {"format": "docx", "date_from": "2027-01-01"}).content)
    assert "There are no entries in these dates." in empty


@pytest.mark.parametrize(
    "params, message",
    [
        ({"format": "pdf", "date_from": "2026-03-01", "date_to": "2026-02-01"}, "same as or after"),
        ({"format": "pdf", "date_from": "not a date"}, "Enter a real date for the start"),
        ({"format": "odt"}, "Choose PDF or Word document"),
        ({"date_from": "2026-01-01"}, "Choose the format of the export"),
    ],
)
def test_a_bad_export_request_explains_itself(client, member_with_a_log, params, message):
    client.force_login(member_with_a_log)
    response = client.get(EXPORT_URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.skipif(not pdf_available(), reason="WeasyPrint (Pango) is not installed")
def test_the_pdf_export_is_tagged_pdf_ua_with_each_entry(client, member_with_a_log):
    client.force_login(member_with_a_log)
    response = client.get(EXPORT_URL, {"format": "pdf", "date_to": "2026-02-28"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    structure = assert_pdf_ua(response.content, title="Learning log of Ishbel Munro")
    assert [text for level, text in structure.headings if level == 2] == [
        "10 January 2026",
        "10 February 2026",
    ]
    paragraphs = " ".join(e.text for e in structure.elements if e.role == "P")
    assert "January: first thoughts." in paragraphs and "March" not in paragraphs


def test_without_weasyprint_the_word_export_still_works(client, member_with_a_log, monkeypatch):
    from learning_log import exports

    monkeypatch.setattr(exports, "pdf_available", lambda: False)
    client.force_login(member_with_a_log)
    page = client.get(EXPORT_URL)
    assert "PDF exports cannot be made" in page.content.decode()
    assert client.get(EXPORT_URL, {"format": "pdf"}).status_code == 503
    assert client.get(EXPORT_URL, {"format": "docx"}).status_code == 200


# --- The member's data: download and deletion ----------------------------------------------------


def test_the_data_download_has_the_log(client, member_with_a_log):
    client.force_login(member_with_a_log)
    data = client.post(reverse("membership:download_my_data")).json()
    assert [entry["date"] for entry in data["learning_log"]] == [
        "2026-01-10",
        "2026-02-10",
        "2026-03-10",
    ]
    first = data["learning_log"][0]
    assert first["prompted_by"] == "A kitchen table" and first["what_i_will_try"] == "Listen first."


def test_account_deletion_leaves_no_reflection_in_any_table(site):
    member = MemberFactory(first_name="Zebedee")
    MemberProfile.objects.create(user=member)
    other = MemberFactory()
    write(member, themes=["Quillwort theme"], will_try="Zanzibar plan")
    write(other, reflection="Another member's own words")
    assert traces_of(SECRET)

    delete_account(member)

    assert traces_of(SECRET, "Quillwort theme", "Zanzibar plan") == []
    assert traces_of("Another member's own words")


def test_the_member_home_links_to_the_log(client, site):
    member = MemberFactory()
    write(member, written_on=date.today() - timedelta(days=2))
    client.force_login(member)
    page = client.get(reverse("membership:home")).content.decode()
    assert "Your learning log" in page and "You have written 1 reflection," in page
    assert f'href="{LIST_URL}"' in page
