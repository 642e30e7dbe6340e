import pytest
from wagtail.models import Page, Site

from tests.factories.core import HomePageFactory


@pytest.fixture
def home_page(db):
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


@pytest.fixture
def guide(home_page):
    """The mapping guide's home page, under the home page."""
    from tests.factories.mapping import MappingGuidePageFactory

    return MappingGuidePageFactory(parent=home_page)
