"""Guide entries keep only the shared sectors: the yes/no columns go."""

import modelcluster.fields
from django.db import migrations

from network_site.core.sector_migration import MAPPING_COLUMNS


class Migration(migrations.Migration):
    dependencies = [("mapping", "0003_copy_sectors_to_shared_list")]

    operations = [
        *(
            migrations.RemoveField(model_name="mappingentrypage", name=f"applies_to_{value}")
            for value in MAPPING_COLUMNS
        ),
        migrations.RenameField(
            model_name="mappingentrypage", old_name="sectors_shared", new_name="sectors"
        ),
        migrations.AlterField(
            model_name="mappingentrypage",
            name="sectors",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                related_name="mapping_entries",
                to="core.sector",
                verbose_name="sectors it applies to",
            ),
        ),
    ]
