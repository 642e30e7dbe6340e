"""On SQLite (the development server), two writers at once: the second waits, it does not fail."""

import threading
import time

import pytest
from django.db import OperationalError, connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own locking")


def wrapper_for(path, alias):
    # The project's own connection settings (OPTIONS included), on a file of our own.
    return DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias=alias)


def test_a_second_writer_waits_for_the_first(tmp_path, django_db_blocker):
    # Our own database file, outside the test database: pytest-django lets us open it.
    with django_db_blocker.unblock():
        two_writers(tmp_path / "booking.sqlite3")


def two_writers(path):
    setup = wrapper_for(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE place (taken INTEGER)")
    setup.close()

    errors, first_has_lock = [], threading.Event()

    def book(alias, hold_for):
        db = wrapper_for(path, alias)
        try:
            with db.cursor():
                pass
            db.set_autocommit(False)
            with db.cursor() as cursor:
                # Read, then write: as a booking checks the places left, then takes one.
                cursor.execute("SELECT count(*) FROM place")
                if alias == "first":
                    first_has_lock.set()
                cursor.execute("INSERT INTO place VALUES (1)")
                time.sleep(hold_for)
            db.commit()
        except OperationalError as error:  # "database is locked"
            errors.append(error)
        finally:
            db.close()

    first = threading.Thread(target=book, args=("first", 0.5))
    first.start()
    first_has_lock.wait(5)
    second = threading.Thread(target=book, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)

    assert errors == []
    check = wrapper_for(path, "check")
    with check.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM place")
        assert cursor.fetchone() == (2,)
    check.close()


def test_the_settings_ask_for_immediate_transactions_and_a_wait():
    options = connection.settings_dict["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
