"""Wagtail's default workflow ("Moderators approval", on the root page, so on every page) goes to the
Editors group. In this site moderators review stories only (their own workflow, from the stories
app); the default one would show them every other page submitted for approval, meetings included."""

from django.db import migrations

OLD_NAME = "Moderators approval"
NEW_NAME = "Editors approval"


def to_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for task in GroupApprovalTask.objects.filter(name=OLD_NAME):
        if set(task.groups.values_list("name", flat=True)) == {"Moderators"}:
            task.groups.set([editors])
            task.name = NEW_NAME
            task.save(update_fields=["name"])
    Workflow.objects.filter(name=OLD_NAME).update(name=NEW_NAME)


def to_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for task in GroupApprovalTask.objects.filter(name=NEW_NAME):
        task.groups.set([moderators])
        task.name = OLD_NAME
        task.save(update_fields=["name"])
    Workflow.objects.filter(name=NEW_NAME).update(name=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_home_sections_and_navigation"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_editors, to_moderators)]
