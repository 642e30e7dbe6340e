"""The guide's yes/no sector columns become links to the shared list in core, for the entries and
their saved drafts alike (see core/sector_migration.py)."""

from django.db import migrations

from network_site.core.sector_migration import copy_mapping_columns


def copy_to_shared_sectors(apps, schema_editor):
    copy_mapping_columns(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("mapping", "0002_shared_sectors"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(copy_to_shared_sectors, migrations.RunPython.noop)]
