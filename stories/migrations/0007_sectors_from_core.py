"""Stories keep only the shared sectors: the old field and the stories' own Sector snippet go."""

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("stories", "0006_copy_sectors_to_shared_list")]

    operations = [
        migrations.RemoveField(model_name="storypage", name="sectors"),
        migrations.RenameField(model_name="storypage", old_name="shared_sectors", new_name="sectors"),
        migrations.AlterField(
            model_name="storypage",
            name="sectors",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, related_name="stories", to="core.sector"
            ),
        ),
        migrations.DeleteModel(name="Sector"),
    ]
