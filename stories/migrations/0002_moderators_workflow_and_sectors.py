"""The "Moderators" group, the "Story moderation" workflow with its group approval task, and the
sectors stories are filed under. The workflow is assigned to the stories index when one exists;
demo content (or an editor, in Settings > Workflows) assigns it otherwise."""

from django.db import migrations

# Frozen here: the migration must not change when the app's constants do.
SECTORS = [
    ("health", "Health"),
    ("social-care", "Social care"),
    ("housing", "Housing"),
    ("third-sector", "Third sector"),
    ("independent-sector", "Independent sector"),
    ("education", "Education"),
    ("community", "Community"),
]

WORKFLOW_NAME = "Story moderation"
TASK_NAME = "Moderators approve the story"
MODERATORS_GROUP = "Moderators"


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    StoryIndexPage = apps.get_model("stories", "StoryIndexPage")
    Sector = apps.get_model("stories", "Sector")

    for slug, name in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": name})

    moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in StoryIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


def remove(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
