"""Easy Read pages: steps with pictures and their alternative text, the links both ways between
an Easy Read page and its standard page (never to a page the reader may not see), search, the
sitemap, the tagged PDF, editors' input and the demo content."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from easy_read.models import SITE_PATH_OR_WEB_ADDRESS, EasyReadPage
from easy_read.pdf import pdf_available
from easy_read.pictures import PICTURES
from tests.factories.core import StandardPageFactory
from tests.factories.easy_read import EasyReadIndexPageFactory, EasyReadPageFactory, steps_body
from tests.factories.stories import make_member
from tests.pdf_structure import assert_pdf_ua

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return EasyReadIndexPageFactory(parent=home_page)


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, title="About joining", slug="about-joining")


def make_easy_read(index, standard_page, **fields):
    return EasyReadPageFactory(parent=index, standard_page=standard_page, **fields)


def test_steps_show_each_picture_with_its_description(client, index, standard_page):
    body = json.dumps(
        [
            {"type": "heading", "value": "How to join"},
            {
                "type": "step",
                "value": {
                    "text": "Fill in a short form.\nIt takes five minutes.",
                    "picture": "computer",
                    "picture_description": "",
                },
            },
            {
                "type": "step",
                "value": {
                    "text": "We send you an email.",
                    "picture": "email",
                    "picture_description": "An envelope with our logo.",
                },
            },
        ]
    )
    page = make_easy_read(index, standard_page, title="Joining in Easy Read", body=body)
    html = client.get(page.url).content.decode()
    assert '<h2 class="site-easy-read-heading">How to join</h2>' in html
    # One idea per line: each line of a step is its own paragraph.
    assert "<p>Fill in a short form.</p><p>It takes five minutes.</p>" in html
    assert f'src="{PICTURES["computer"].url}" alt="{PICTURES["computer"].description}"' in html
    assert f'src="{PICTURES["email"].url}" alt="An envelope with our logo."' in html
    assert "easy_read/css/easy-read.css" in html


def test_the_two_versions_link_to_each_other(client, index, standard_page):
    page = make_easy_read(index, standard_page, title="About joining in Easy Read")
    easy_html = client.get(page.url).content.decode()
    assert f'href="{standard_page.url}">Read the standard version: About joining</a>' in easy_html
    standard_html = client.get(standard_page.url).content.decode()
    assert f'<a href="{page.url}">About joining in Easy Read</a>' in standard_html


def test_a_draft_easy_read_page_is_not_linked(client, index, standard_page):
    make_easy_read(index, standard_page, title="Not yet", live=False)
    assert "Not yet" not in client.get(standard_page.url).content.decode()


def test_a_members_only_easy_read_page_is_linked_for_members_only(client, index, standard_page):
    page = make_easy_read(index, standard_page, title="For members in Easy Read")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "For members in Easy Read" not in client.get(standard_page.url).content.decode()
    assert "For members in Easy Read" not in client.get(index.url).content.decode()
    client.force_login(make_member("reader"))
    assert "For members in Easy Read" in client.get(standard_page.url).content.decode()


def test_a_members_only_standard_page_is_not_named_to_visitors(client, index, standard_page):
    PageViewRestriction.objects.create(
        page=standard_page, restriction_type=PageViewRestriction.LOGIN
    )
    page = make_easy_read(index, standard_page)
    html = client.get(page.url).content.decode()
    assert "About joining" not in html
    client.force_login(make_member("reader"))
    assert "Read the standard version: About joining" in client.get(page.url).content.decode()


def test_easy_read_pages_are_in_search_and_the_sitemap(client, index, standard_page):
    page = make_easy_read(
        index,
        standard_page,
        title="Meetings in Easy Read",
        body=steps_body(("Members meet every three months in Dunfermline.", "calendar")),
    )
    search = client.get("/search/", {"q": "Dunfermline"}).content.decode()
    assert page.url in search
    sitemap = client.get("/sitemap.xml").content.decode()
    assert page.url in sitemap and index.url in sitemap


def test_the_index_lists_pages_in_the_same_number_of_queries(
    client, index, standard_page, content_cache_off
):
    def queries_for_listing():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(index.url).status_code == 200
        return len(queries)

    for _ in range(3):
        make_easy_read(index, standard_page)
    queries_for_listing()  # the site and its settings, read once
    few = queries_for_listing()
    for _ in range(9):
        make_easy_read(index, standard_page)
    assert queries_for_listing() == few


@pytest.mark.skipif(not pdf_available(), reason="WeasyPrint cannot be loaded here")
def test_the_pdf_is_tagged_with_pictures_and_their_alternative_text(client, index, standard_page):
    from pypdf import PdfReader

    page = make_easy_read(
        index,
        standard_page,
        title="Joining in Easy Read",
        body=steps_body(("heading", "How to join"), ("Fill in a form.", "computer")),
        next_step_text="Ask to join",
        next_step_address="/join/",
    )
    response = client.get(page.url + "pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert_pdf_ua(response.content, title="Joining in Easy Read (Easy Read)")
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Joining in Easy Read (Easy Read)"
    roles, alternatives = [], []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            roles.append(node.get("/S"))
            if "/Alt" in node:
                alternatives.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(root["/StructTreeRoot"])
    assert "/H1" in roles and "/H2" in roles and "/Figure" in roles
    assert PICTURES["computer"].description in alternatives
    text = "".join(pdf_page.extract_text() for pdf_page in reader.pages)
    assert "Fill in a form." in text and "/join/" in text
    assert reader.outline[0].title == "Joining in Easy Read"


@pytest.mark.parametrize(
    ("text", "address", "error_field"),
    [("Ask to join", "", "next_step_address"), ("", "/join/", "next_step_address")],
)
def test_the_next_step_needs_both_text_and_address(
    index, standard_page, text, address, error_field
):
    page = EasyReadPage(
        title="Half a link",
        slug="half",
        standard_page=standard_page,
        body=steps_body(("One idea.", "idea")),
        next_step_text=text,
        next_step_address=address,
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error_field in error.value.message_dict


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "//evil.example/", "join", "/join/ now", "data:text/html,x"]
)
def test_the_next_step_address_refuses_anything_but_a_path_or_web_address(address):
    with pytest.raises(ValidationError):
        SITE_PATH_OR_WEB_ADDRESS(address)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(address=st.text(max_size=60))
def test_any_next_step_address_is_a_path_a_web_address_or_refused(address):
    try:
        SITE_PATH_OR_WEB_ADDRESS(address)
    except ValidationError:
        return
    assert address.startswith(("/", "http://", "https://")) and not address.startswith("//")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1, max_size=200).filter(str.strip))
def test_hostile_step_text_is_shown_as_text(client, index, standard_page, text):
    page = make_easy_read(
        index, standard_page, body=steps_body((text + "<script>x</script>", "idea"))
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()
    page.delete()


def test_an_editor_cannot_choose_a_picture_outside_the_set():
    from easy_read.blocks import StepBlock

    block = StepBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Hello.", "picture": "../../etc/passwd"}))


DEMO_APPS = ["resources", "easy_read"]


def test_the_demo_has_the_booklet_and_joining_in_easy_read(client, demo_content):
    booklet_version = EasyReadPage.objects.get(slug="personal-outcomes")
    joining = EasyReadPage.objects.get(slug="join-the-network")
    assert booklet_version.standard_page.slug == "understanding-personal-outcomes"
    assert joining.next_step_address == "/join/"
    for page in (booklet_version, joining):
        steps = page.steps()
        assert len(steps) >= 8
        for step in steps:
            assert step["picture"] in PICTURES
            # Easy Read style: short lines, each one idea.
            for line in step["text"].splitlines():
                assert len(line.split()) <= 14, line
    booklet_html = client.get(booklet_version.standard_page.url).content.decode()
    assert booklet_version.url in booklet_html
