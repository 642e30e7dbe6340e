"""Resources keep only the shared sectors: the old field and the resources' own Sector snippet go."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("resources", "0006_copy_sectors_to_shared_list")]

    operations = [
        migrations.RemoveField(model_name="resourcepage", name="sectors"),
        migrations.RenameField(model_name="resourcepage", old_name="shared_sectors", new_name="sectors"),
        migrations.AlterField(
            model_name="resourcepage",
            name="sectors",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, related_name="resources", to="core.sector"
            ),
        ),
        migrations.DeleteModel(name="Sector"),
    ]
