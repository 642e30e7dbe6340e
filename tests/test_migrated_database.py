"""The test databases are copies of one migrated database (tests/migrated_database.py): a copy
must be as `migrate` leaves a database, never one that missed a migration."""

from pathlib import Path

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.migrated_database import fingerprint


def test_the_test_database_has_every_migration_applied(db):
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_the_fingerprint_covers_the_migrations_and_what_runs_after_migrate(monkeypatch):
    read = []
    real_read_bytes = Path.read_bytes

    def recording_read_bytes(path):
        read.append(path)
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", recording_read_bytes)
    fingerprint()
    names = {f"{path.parent.name}/{path.name}" for path in read}
    assert "migrations/0001_initial.py" in names
    # The roles are written after every migrate (network_site/core/apps.py).
    assert "core/roles.py" in names
    assert any(path.match("wagtail/migrations/*.py") for path in read)
