import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from pytest_django.fixtures import validate_django_db

from network_site.core.demo import load_demo_content
from network_site.membership.second_factor import (
    has_second_factor,
    must_have_second_factor,
    set_up_authenticator_app,
)
from tests.factories.core import make_home_page
from tests.factories.membership import TEST_TOTP_SECRET
from tests.migrated_database import migrated_once


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings):
    """Test databases on SQLite are migrated once and copied after (tests/migrated_database.py),
    kept in pytest's cache folder (`.pytest_cache`; `-p no:cacheprovider` migrates each time)."""
    cache = getattr(request.config, "cache", None)
    if cache is None:
        yield
        return
    with migrated_once(cache.mkdir("migrated-databases")):
        yield


# How to put back what a test that empties its database (transaction=True) took away.
restore_databases_key = pytest.StashKey[Callable[[], None]]()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """Each test database starts with the site's home page where Wagtail's migrations put their
    welcome page, so that `home_page` (`make_home_page`) finds it instead of replacing it in every
    test. A test that empties its database (serialized_rollback) gets this state back, and so do
    the tests after it (`pytest_runtest_teardown`)."""
    with django_db_blocker.unblock():
        make_home_page()
        serialized = [
            connection
            for connection in connections.all(initialized_only=True)
            if getattr(connection, "_test_serialized_contents", None) is not None
        ]
        for connection in serialized:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()

    def restore_databases():
        with django_db_blocker.unblock():
            for connection in serialized:
                connection.creation.deserialize_db_from_string(connection._test_serialized_contents)

    request.config.stash[restore_databases_key] = restore_databases


def django_db_options(item: pytest.Item) -> tuple[bool, bool]:
    """The test's (transaction, serialized_rollback)."""
    marker = item.get_closest_marker("django_db")
    transaction, _, _, serialized_rollback, _ = (
        validate_django_db(marker) if marker else (False, False, None, False, None)
    )
    transactional_fixtures = {"transactional_db", "live_server"} & set(item.fixturenames)
    return transaction or bool(transactional_fixtures), serialized_rollback


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if django_db_options(item) == (True, False):
            raise pytest.UsageError(
                f"{item.nodeid}: a test with transaction=True also needs serialized_rollback=True,"
                " so that the tests after it find the page tree"
            )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """Django empties the database after a test with transaction=True (a flush) and fills it again
    only at the start of the next such test. Filling it straight after lets the tests that follow
    on this process find the page tree, whatever order xdist hands the modules out in."""
    try:
        return (yield)
    finally:
        transaction, _ = django_db_options(item)
        # After the session's last test the test databases are gone (the connection names the
        # real database again): there is nothing to fill, and nothing must be written.
        if transaction and nextitem is not None:
            item.config.stash[restore_databases_key]()


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


@pytest.fixture(autouse=True)
def staff_have_a_second_factor(request):
    """Staff must set up two-step sign-in before the admin answers them. Test staff, however made
    (a role's group, a superuser), get an authenticator app as they are made, as the demo staff do;
    a test that asks for `staff_without_second_factor` gets staff as they are on a first sign-in."""
    if "staff_without_second_factor" in request.fixturenames:
        yield
        return
    from django.db.models.signals import m2m_changed, post_save

    from network_site.membership.models import User

    def give_staff_an_authenticator(instance, **kwargs):
        if isinstance(instance, User):
            user = User.objects.get(pk=instance.pk)  # permissions as they are now
            if must_have_second_factor(user) and not has_second_factor(user):
                set_up_authenticator_app(user, TEST_TOTP_SECRET)

    post_save.connect(give_staff_an_authenticator, sender=User, dispatch_uid="test-staff-factor")
    m2m_changed.connect(
        give_staff_an_authenticator, sender=User.groups.through, dispatch_uid="test-staff-groups"
    )
    yield
    post_save.disconnect(sender=User, dispatch_uid="test-staff-factor")
    m2m_changed.disconnect(sender=User.groups.through, dispatch_uid="test-staff-groups")


@pytest.fixture
def staff_without_second_factor():
    """Staff made in this test have no second factor (see staff_have_a_second_factor)."""


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth counts attempts in the cache, and Wagtail caches site roots: each test starts with
    empty caches."""
    clear_every_cache()
    yield
    clear_every_cache()


def clear_every_cache():
    """The rate-limit counters ("default") and the page cache ("pages")."""
    for alias in settings.CACHES:
        caches[alias].clear()


@contextmanager
def module_database(django_db_blocker) -> Iterator[None]:
    """For a module-scoped fixture: what it writes lasts for the module's tests and is rolled back
    after the last one. Each test still runs in its own savepoint, so what one test changes the
    next does not see. `make test` keeps a module's tests on one process, which builds it once."""
    module_transaction = transaction.atomic()
    # Counts as the tests' own transaction for on_commit_as_on_a_server, as a TestCase's does.
    module_transaction._from_testcase = True
    with django_db_blocker.unblock(), module_transaction:
        yield
        transaction.set_rollback(True)
    clear_every_cache()


@pytest.fixture(scope="module")
def demo_content(request, django_db_setup, django_db_blocker):
    """The demo content, loaded once for the whole module and rolled back after its last test.

    A module sets `DEMO_APPS = ["resources"]` to load only those apps' content (with the home page);
    without it every app's content is loaded. Gives what the loader printed.
    """
    output = io.StringIO()
    with module_database(django_db_blocker):
        load_demo_content(getattr(request.module, "DEMO_APPS", None), stdout=output)
        yield output.getvalue()


@pytest.fixture
def content_cache_off(settings):
    """For a query-count test: every request works out what the content cache would keep (a
    listing's counts, the menu), so that the count is the page's own."""
    settings.CONTENT_CACHE_SECONDS = 0


@pytest.fixture
def home_page(db):
    """A site whose root page is a fresh HomePage, as a real install has."""
    return make_home_page()


@pytest.fixture
def guide(home_page):
    """The mapping guide's home page, under the home page."""
    from tests.factories.mapping import MappingGuidePageFactory

    return MappingGuidePageFactory(parent=home_page)


@pytest.fixture
def story_index(home_page):
    """The stories index under the home page, with its moderation workflow."""
    from tests.factories.stories import make_story_index

    return make_story_index(home_page)
