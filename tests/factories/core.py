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


def make_home_page():
    """A site whose root page is a fresh HomePage, as a real install has."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePageFactory(parent=root, title="Personal Outcomes Network", slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Test"},
    )
    return home
