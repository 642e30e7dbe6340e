import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from network_site.core.models import HomePage, NetworkSettings

pytestmark = pytest.mark.django_db


def page_tree():
    return sorted(
        (page.url_path, page.specific_class.__name__, page.title, page.live)
        for page in Page.objects.all()
    )


def test_demo_content_builds_the_tree_and_twice_gives_the_same_tree(django_user_model):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first_tree = page_tree()
    first_revisions = Revision.objects.count()
    first_users = django_user_model.objects.count()

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert page_tree() == first_tree
    assert Revision.objects.count() == first_revisions
    assert django_user_model.objects.count() == first_users
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    slugs = {page.slug for page in home.get_children()}
    assert {"about", "privacy-notice", "accessibility-statement"} <= slugs
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    assert network_settings.privacy_page.slug == "privacy-notice"


def test_demo_content_prints_the_admin_credentials(capsys, settings):
    settings.DEMO_ADMIN_PASSWORD = "a-known-password"
    call_command("load_demo_content")
    output = capsys.readouterr().out
    assert "admin@example.org" in output
    assert "a-known-password" in output


def test_demo_content_refuses_to_run_on_a_production_site(settings):
    from django.core.management.base import CommandError

    settings.DEMO_ACCOUNTS_ENABLED = False
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_content")
    assert not HomePage.objects.exists()
