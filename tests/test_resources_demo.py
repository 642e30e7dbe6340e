"""The resources demo content: the library with its partners, the booklet and the guide."""

import pytest
from django.core.management import call_command

from resources.models import BookletPage, ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db


def test_the_demo_library_booklet_and_guide(client):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
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
    assert all(resource.document_id or resource.external_url for resource in resources)
    assert resources.filter(document__isnull=False).exists()
    assert client.get(library.url).context["results_page"].paginator.count == resources.count()

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
