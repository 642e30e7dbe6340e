"""The one list of sectors, kept by editors as a snippet in core."""

import pytest
from django.contrib.messages import get_messages

from network_site.core.models import Sector
from network_site.core.roles import EDITOR
from network_site.membership.models import JoinRequest
from stories.models import StoryPage
from tests.factories.membership import JoinRequestFactory, make_staff
from tests.factories.stories import StoryPageFactory

pytestmark = pytest.mark.django_db


def delete_url(sector):
    return f"/admin/snippets/core/sector/delete/{sector.pk}/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_staff(EDITOR))
    return client


def test_a_fresh_site_has_the_one_list_in_order():
    assert list(Sector.objects.values_list("name", flat=True)) == [
        "Health",
        "Social care",
        "Housing",
        "Education",
        "Third sector",
        "Independent sector",
        "Community",
        "Wider public services",
        "Unpaid carer or person with lived experience",
        "Other",
    ]


def test_editors_add_a_sector_and_pages_may_use_it(editor_client, story_index):
    response = editor_client.post(
        "/admin/snippets/core/sector/add/",
        {"name": "Justice", "slug": "justice", "sort_order": "20"},
    )

    assert response.status_code == 302
    justice = Sector.objects.get(slug="justice")
    assert list(Sector.objects.all())[-1] == justice
    story = StoryPageFactory(parent=story_index, sector_slugs=["justice"])
    assert [sector.name for sector in story.sectors.all()] == ["Justice"]


def test_a_sector_that_join_requests_name_is_kept(editor_client):
    housing = Sector.objects.get(slug="housing")
    JoinRequestFactory(sector=housing)

    # Wagtail's reference index knows the request names it, and refuses.
    response = editor_client.post(delete_url(housing))

    assert response.status_code == 302
    assert Sector.objects.filter(pk=housing.pk).exists()


def test_a_sector_named_by_requests_the_index_missed_is_kept_with_a_message(editor_client):
    housing = Sector.objects.get(slug="housing")
    # Written as the data migration wrote them, without a save: not in the reference index.
    JoinRequest.objects.filter(pk=JoinRequestFactory().pk).update(sector=housing)

    response = editor_client.post(delete_url(housing))

    assert response.status_code == 302
    assert Sector.objects.filter(pk=housing.pk).exists()
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message.startswith("“Housing” was not deleted: 1 join request(s) name it.")


def test_deleting_a_sector_takes_it_off_the_pages_that_had_it(editor_client, story_index):
    community = Sector.objects.get(slug="community")
    story = StoryPageFactory(parent=story_index, sector_slugs=["community", "health"])

    response = editor_client.post(delete_url(community))

    assert response.status_code == 302
    assert not Sector.objects.filter(slug="community").exists()
    story = StoryPage.objects.get(pk=story.pk)
    assert [sector.slug for sector in story.sectors.all()] == ["health"]
