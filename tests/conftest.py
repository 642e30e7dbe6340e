import pytest
from django.db.backends.base.base import BaseDatabaseWrapper
from wagtail.models import Page, Site

from tests.factories.core import HomePageFactory


@pytest.fixture(autouse=True)
def on_commit_as_on_a_server(monkeypatch):
    """A test runs inside a transaction that never commits, so `transaction.on_commit` callbacks
    (mail is sent from them) would never run. Outside the code's own atomic blocks, a server runs
    in autocommit and the callback runs at once: here too. Inside one, it still waits for that
    block (tests wrap such code in `django_capture_on_commit_callbacks`)."""
    on_commit = BaseDatabaseWrapper.on_commit

    def on_commit_outside_the_tests_transaction(connection, func, robust=False):
        if all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks):
            return func()
        return on_commit(connection, func, robust)

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit_outside_the_tests_transaction)


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
