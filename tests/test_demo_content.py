"""The whole demo, loaded once for this module: the tree, loading it again, and the refusal on
production sites. Each app's own demo content is tested in its own `test_<app>_demo.py`."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision, Site

from network_site.core.models import HomePage, NetworkSettings

pytestmark = pytest.mark.django_db


def page_tree():
    return sorted(
        (page.url_path, page.specific_class.__name__, page.title, page.live)
        for page in Page.objects.all()
    )


def test_demo_content_builds_the_tree_and_twice_gives_the_same_tree(
    demo_content, django_user_model
):
    first_tree = page_tree()
    first_revisions = Revision.objects.count()
    first_users = django_user_model.objects.count()

    call_command("load_demo_content", stdout=io.StringIO())

    assert page_tree() == first_tree
    assert Revision.objects.count() == first_revisions
    assert django_user_model.objects.count() == first_users
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    slugs = [page.slug for page in home.get_children()]
    assert {"about", "privacy-notice", "accessibility-statement"} <= set(slugs)
    # The apps' pages follow in INSTALLED_APPS order, which is the menu's order.
    assert slugs.index("resources") < slugs.index("mapping-guide") < slugs.index("stories")
    assert slugs.index("stories") < slugs.index("meetings")
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    assert network_settings.privacy_page.slug == "privacy-notice"


def test_demo_content_prints_the_admin_credentials(demo_content, settings):
    assert "admin@example.org" in demo_content
    assert f"password {settings.DEMO_ADMIN_PASSWORD}," in demo_content


def test_one_apps_demo_content_can_be_loaded_again_alone(demo_content):
    output = io.StringIO()
    revisions = Revision.objects.count()
    call_command("load_demo_content", "--app", "events", stdout=output)
    assert "Meetings:" in output.getvalue()
    assert "Stories:" not in output.getvalue()
    assert Revision.objects.count() == revisions


def test_an_unknown_app_is_refused(demo_content):
    with pytest.raises(CommandError):
        call_command("load_demo_content", "--app", "nonsense", stdout=io.StringIO())


def test_demo_content_refuses_to_run_on_a_production_site(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    settings.DEBUG = False
    pages_before = page_tree()
    with pytest.raises(CommandError):
        call_command("load_demo_content")
    assert page_tree() == pages_before


def test_every_address_the_loader_prints_is_served(demo_content, client):
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)

    addresses = re.findall(r"http://testserver(/\S*)", output.getvalue())
    # The meetings, the stories and the home page at least.
    assert len(addresses) >= 3, output.getvalue()
    assert "/meetings/" in addresses
    for path in addresses:
        assert client.get(path).status_code == 200, path
