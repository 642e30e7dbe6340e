"""Coordinators see the members' list and may deactivate and reactivate members."""

from django.db import migrations

COORDINATORS = "Coordinators"
PERMISSIONS = ["view_memberprofile", "deactivate_member"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations; the group needs these now.
    app_config = apps.get_app_config("membership")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    coordinators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="membership",
            content_type__model="memberprofile",
            codename__in=PERMISSIONS,
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=COORDINATORS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="membership", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [("membership", "0004_member_home_digest_contact_status")]

    operations = [migrations.RunPython(grant, revoke)]
