"""The resources demo content, loaded once here: the library with its partners, the booklet and
the Carers Act guide."""

import re

import pytest

from network_site.core.demo_data import read_page_file
from resources.demo import CARERS_ACT_GUIDE
from resources.models import BookletPage, CarersActGuidePage, ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db

DEMO_APPS = ["resources"]


def test_the_demo_library_booklet_and_guide(demo_content, client):
    library = ResourceIndexPage.objects.get()
    resources = ResourcePage.objects.child_of(library).live()
    assert resources.count() >= 15
    for partner in (
        "Equal Partners in Care (EPiC)",
        "Coalition of Carers in Scotland",
        "Personal Outcomes Collaboration website",
    ):
        resource = resources.get(title=partner)
        assert resource.external_url.startswith("https://")
        assert resource.get_resource_type_display() == "Website"
    assert all(
        resource.document_id or resource.external_url or resource.site_page_id
        for resource in resources
    )
    assert resources.filter(document__isnull=False).exists()
    assert client.get(library.url).context["listing"].page.paginator.count == resources.count()

    booklet = BookletPage.objects.get()
    assert booklet.title == "Understanding personal outcomes"
    assert [chapter.title for chapter in booklet.chapters()] == [
        "What personal outcomes are",
        "Values and principles",
        "Key elements of the approach",
        "The conversations that make it work",
        "Recording and using outcomes",
        "Further resources",
    ]
    menu = client.get("/").content.decode()
    for path in ("/resources/", "/understanding-personal-outcomes/", "/carers-act-guide/"):
        assert f'href="{path}"' in menu


def test_the_demo_guide_explains_the_act_with_its_key_figures(demo_content, client):
    guide = CarersActGuidePage.objects.get()
    content = client.get(guide.url).content.decode()
    for figure in ("788,000", "44,000", "1 April 2018"):
        assert figure in content
    titles = [part.title for part in guide.get_children().live()]
    section_files = sorted(CARERS_ACT_GUIDE.with_suffix("").glob("*.md"))
    assert titles == [read_page_file(path)[0]["title"] for path in section_files]
    assert titles[-1] == "Check your understanding"
    for part in guide.get_children().live():
        response = client.get(part.url)
        assert response.status_code == 200
        assert part.title in response.content.decode()
    young_carers = client.get(guide.url + "adult-carer-support-plans-and-young-carer-statements/")
    assert "young carer statement" in young_carers.content.decode()


def test_reflection_prompts_open_without_javascript(demo_content, client):
    content = client.get("/carers-act-guide/who-is-a-carer/").content.decode()
    prompt = re.search(
        r'<details class="ds_details site-reflection__prompt">\s*<summary[^>]*>(.*?)</summary>'
        r'\s*<div class="ds_details__text">(.*?)</div>',
        content,
        re.S,
    )
    assert prompt is not None
    assert "who helps them at home" in prompt.group(1)
    assert "never been offered anything" in prompt.group(2)


def test_the_booklet_is_in_the_library_as_a_booklet_found_under_its_title(demo_content, client):
    library = ResourceIndexPage.objects.get()
    booklet = BookletPage.objects.get()

    found = client.get(library.url, {"q": booklet.title}).context["listing"].page
    entry = next(page for page in found if page.title == booklet.title)
    assert entry.specific.get_resource_type_display() == "Booklet"
    assert entry.specific.site_page_id == booklet.pk

    by_type = client.get(library.url, {"type": "booklet"}).context["listing"].page
    assert [page.title for page in by_type] == [booklet.title]
    page = client.get(entry.url).content.decode()
    assert f'href="{booklet.url}"' in page and f"Read {booklet.title} on this site" in page
