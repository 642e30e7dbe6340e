"""Stories' sectors move to the shared list in core: each old sector row maps to a shared one by
slug or name (see core/sector_migration.py), for the links and the saved drafts alike."""

from django.db import migrations

from network_site.core.sector_migration import copy_page_sectors


def copy_to_shared_sectors(apps, schema_editor):
    copy_page_sectors(apps, "stories", "StoryPage")


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0005_shared_sectors"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(copy_to_shared_sectors, migrations.RunPython.noop)]
