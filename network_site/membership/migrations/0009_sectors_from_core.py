"""Join requests and profiles keep only the shared sector: the old choice columns go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("membership", "0008_copy_sectors_to_shared_list")]

    operations = [
        # A default first, so that the migration can be reversed on a table that has rows.
        migrations.AlterField(
            model_name="joinrequest",
            name="sector",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.RemoveField(model_name="joinrequest", name="sector"),
        migrations.RemoveField(model_name="memberprofile", name="sector"),
        migrations.RenameField(model_name="joinrequest", old_name="sector_ref", new_name="sector"),
        migrations.RenameField(model_name="memberprofile", old_name="sector_ref", new_name="sector"),
        migrations.AlterField(
            model_name="joinrequest",
            name="sector",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="join_requests",
                to="core.sector",
            ),
        ),
        migrations.AlterField(
            model_name="memberprofile",
            name="sector",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="member_profiles",
                to="core.sector",
            ),
        ),
    ]
