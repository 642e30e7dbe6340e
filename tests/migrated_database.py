"""A migrated SQLite test database, kept between runs of the suite.

Applying the 228 migrations (most of them Django's and Wagtail's) takes about 15 s at the start of
each test process, and almost all of it is Django rendering the models' history. The first process
to need a database migrates it and keeps a copy in pytest's cache folder; later processes and later
runs copy it into their own in-memory database instead. The copy is named by a fingerprint of every
migration file and of the code that runs after `migrate` (Wagtail's permissions, the site's roles),
so a new or changed migration or role makes a new copy.
"""

import fcntl
import hashlib
import importlib
import importlib.metadata
import inspect
import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from unittest import mock

from django.apps import apps
from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.models.signals import post_migrate


def fingerprint() -> str:
    """Changes whenever what `migrate` would write changes."""
    files = set()
    for app_config in apps.get_app_configs():
        module_name, _ = MigrationLoader.migrations_module(app_config.label)
        try:
            module = importlib.import_module(module_name) if module_name else None
        except ImportError:  # an app without migrations
            module = None
        for folder in getattr(module, "__path__", ()):
            files.update(Path(folder).glob("*.py"))
    for _key, reference, *_ in post_migrate.receivers:
        receiver = reference() if isinstance(reference, weakref.ReferenceType) else reference
        source = receiver and inspect.getsourcefile(inspect.unwrap(receiver))
        if source:
            files.add(Path(source))
    versions = sorted(f"{d.name}=={d.version}" for d in importlib.metadata.distributions())
    digest = hashlib.sha256("\n".join([sqlite3.sqlite_version, *versions]).encode())
    for path in sorted(files):
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def is_in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@contextmanager
def migrated_once(folder: Path) -> Iterator[None]:
    """While open, the test databases' `migrate` (run by Django's test set-up) copies the kept
    database instead, or migrates and keeps a copy. Only SQLite in memory; others migrate."""
    folder.mkdir(parents=True, exist_ok=True)
    migrate = MigrateCommand.handle

    def handle(command, *args, **options):
        connection = connections[options["database"]]
        if not is_in_memory_sqlite(connection):
            return migrate(command, *args, **options)
        kept = folder / f"{fingerprint()}.sqlite3"
        with open(folder / "lock", "w") as lock:
            # The other test process waits here while the first one migrates.
            fcntl.flock(lock, fcntl.LOCK_EX)
            connection.ensure_connection()
            if kept.exists():
                with closing(sqlite3.connect(kept)) as source:
                    source.backup(connection.connection)
                return None
            result = migrate(command, *args, **options)
            partial = kept.with_suffix(".partial")
            with closing(sqlite3.connect(partial)) as copy:
                connection.connection.backup(copy)
            partial.replace(kept)
            for older in folder.glob("*.sqlite3"):
                if older != kept:
                    older.unlink(missing_ok=True)
            return result

    with mock.patch.object(MigrateCommand, "handle", handle):
        yield
