"""Every page move leaves a redirect from the old address: in the admin, when a story changes
audience, and in a migration (network_site/core/page_moves.py). A restricted page stays restricted
at the end of the redirect."""

import pytest
from django.apps import apps as installed_apps
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from network_site.core.page_moves import leave_redirects_for_moved_pages
from tests.factories.core import StandardPageFactory
from tests.factories.membership import UserFactory
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryPageFactory, make_member

pytestmark = pytest.mark.django_db


def test_a_page_moved_in_the_admin_answers_at_its_old_address(client, home_page):
    about = StandardPageFactory(parent=home_page, slug="about")
    archive = StandardPageFactory(parent=home_page, slug="archive")
    page = StandardPageFactory(parent=about, slug="a-guide")
    page.save_revision().publish()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(f"/admin/pages/{page.pk}/move/{archive.pk}/confirm/")

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).url_path.endswith("/archive/a-guide/")
    client.logout()
    response = client.get("/about/a-guide/")
    assert (response.status_code, response["Location"]) == (301, "/archive/a-guide/")
    assert client.get("/archive/a-guide/").status_code == 200


def test_a_story_made_members_only_answers_at_its_old_address_and_still_asks_to_sign_in(
    client, story_index
):
    teller = make_member("teller")
    story = StoryPageFactory(parent=story_index, owner=teller, slug="bowling")
    old_url = story.url

    story.audience = "members"
    story.place_by_audience()
    story.save_revision().publish()

    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, story.url)
    assert story.url != old_url
    response = client.get(story.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(teller)
    assert client.get(old_url, follow=True).status_code == 200


def move_as_a_migration_does(page, new_parent):
    """The tree written directly, as a migration must (no signal, so no redirect of Wagtail's)."""
    new_url_path = f"{new_parent.url_path}{page.slug}/"
    Page.objects.filter(pk=page.pk).update(
        path=new_parent.path + "0001", depth=new_parent.depth + 1, url_path=new_url_path
    )
    Page.objects.filter(pk=new_parent.pk).update(numchild=1)


def test_a_page_moved_by_a_migration_gets_a_redirect_once(client, home_page):
    library = ResourceIndexPageFactory(parent=home_page, slug="library")
    archive = StandardPageFactory(parent=home_page, slug="archive")
    resource = ResourcePageFactory(parent=library, slug="a-guide")
    resource.save_revision().publish()
    move_as_a_migration_does(resource, archive)
    Page.objects.filter(pk=library.pk).update(numchild=0)
    assert client.get("/library/a-guide/").status_code == 404

    leave_redirects_for_moved_pages(installed_apps, None)
    leave_redirects_for_moved_pages(installed_apps, None)

    assert Redirect.objects.filter(old_path="/library/a-guide").count() == 1
    response = client.get("/library/a-guide/")
    assert (response.status_code, response["Location"]) == (301, "/archive/a-guide/")


def test_an_old_address_another_page_has_taken_gets_no_redirect(home_page):
    library = ResourceIndexPageFactory(parent=home_page, slug="library")
    archive = StandardPageFactory(parent=home_page, slug="archive")
    resource = ResourcePageFactory(parent=library, slug="a-guide")
    resource.save_revision().publish()
    move_as_a_migration_does(resource, archive)
    Page.objects.filter(pk=library.pk).update(numchild=0)
    ResourcePageFactory(parent=Page.objects.get(pk=library.pk), slug="a-guide")

    leave_redirects_for_moved_pages(installed_apps, None)

    assert not Redirect.objects.filter(old_path="/library/a-guide").exists()
