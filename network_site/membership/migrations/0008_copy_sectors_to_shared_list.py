"""Join requests' and profiles' sector choices become links to the shared list in core (see
core/sector_migration.py)."""

from django.db import migrations

from network_site.core.sector_migration import copy_member_choices


def copy_to_shared_sectors(apps, schema_editor):
    copy_member_choices(apps)


class Migration(migrations.Migration):
    dependencies = [("membership", "0007_shared_sectors")]

    operations = [migrations.RunPython(copy_to_shared_sectors, migrations.RunPython.noop)]
