import json

import factory
import wagtail_factories
from wagtail.models import Page, Site

from network_site.core.models import HomePage, StandardPage


def paragraph_body(*paragraphs):
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs])


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    introduction = "An open network."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A page of the site."
    body = factory.LazyFunction(lambda: paragraph_body("Some words on the page."))

    class Meta:
        model = StandardPage


HOME_PAGE_TITLE = "Personal Outcomes Network"


def make_home_page():
    """A site whose root page is a fresh HomePage, as a real install has.

    Each test database starts with one (tests/conftest.py, `django_db_setup`): while it is still as
    made, with nothing under it, it is the one given, since deleting and remaking a page costs a
    tenth of a second of every test."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and site.hostname == "localhost" and site.port == 80:
        home = HomePage.objects.filter(
            pk=site.root_page_id, depth=2, numchild=0, slug="home", title=HOME_PAGE_TITLE
        ).first()
        if home is not None and root.numchild == 1:
            return home
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, title=HOME_PAGE_TITLE, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home
