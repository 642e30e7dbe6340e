"""The Members group (no admin access) and the Coordinators group (admin access, join requests).
Other apps add Moderators and Editors; every app uses get_or_create so the order does not matter."""

from django.db import migrations

MEMBERS = "Members"
COORDINATORS = "Coordinators"
COORDINATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("membership", "joinrequest", "view_joinrequest"),
    ("membership", "joinrequest", "decide_joinrequest"),
]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations; these groups need them now.
    for app_label in ("wagtailadmin", "membership"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name=MEMBERS)
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    for app_label, model, codename in COORDINATOR_PERMISSIONS:
        coordinators.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[MEMBERS, COORDINATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0002_join_requests_profiles_consents"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
