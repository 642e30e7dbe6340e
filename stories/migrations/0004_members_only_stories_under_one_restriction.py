"""Members-only stories move under one restricted page per stories index, and lose their own view
restrictions, so that `.public()` costs one clause however many members-only stories there are.

Historical models have no tree methods, so the page tree's materialised paths are written directly.
"""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP_LENGTH = 4


def path_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP_LENGTH, "0")


def step_number(path):
    return int(path[-STEP_LENGTH:], len(ALPHABET))


def next_child_path(page_model, parent):
    children = page_model.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    return parent.path + path_step(step_number(last) + 1 if last else 1)


def move_members_only_stories(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    StoryIndexPage = apps.get_model("stories", "StoryIndexPage")
    StoryPage = apps.get_model("stories", "StoryPage")
    MembersStoriesPage = apps.get_model("stories", "MembersStoriesPage")

    for index in StoryIndexPage.objects.all():
        stories = list(
            StoryPage.objects.filter(
                path__startswith=index.path, depth=index.depth + 1, audience="members"
            ).order_by("path")
        )
        if not stories:
            continue
        folder = MembersStoriesPage.objects.filter(
            path__startswith=index.path, depth=index.depth + 1
        ).first()
        if folder is None:
            taken = set(
                Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).values_list(
                    "slug", flat=True
                )
            )
            slug, number = "members", 2
            while slug in taken:
                slug, number = f"members-{number}", number + 1
            content_type, _ = ContentType.objects.get_or_create(
                app_label="stories", model="membersstoriespage"
            )
            folder = MembersStoriesPage.objects.create(
                title="Members' stories",
                draft_title="Members' stories",
                slug=slug,
                content_type=content_type,
                path=next_child_path(Page, index),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                locale_id=index.locale_id,
            )
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + 1)
            restriction = PageViewRestriction.objects.create(page=folder, restriction_type="groups")
            restriction.groups.set(
                [Group.objects.get_or_create(name=name)[0] for name in ("Members", "Moderators")]
            )
        folder_slugs = set(
            Page.objects.filter(path__startswith=folder.path, depth=folder.depth + 1).values_list(
                "slug", flat=True
            )
        )
        first_step = step_number(next_child_path(Page, folder))
        for offset, story in enumerate(stories):
            slug, number = story.slug, 2
            while slug in folder_slugs:
                slug, number = f"{story.slug}-{number}", number + 1
            folder_slugs.add(slug)
            Page.objects.filter(pk=story.pk).update(
                path=folder.path + path_step(first_step + offset),
                depth=folder.depth + 1,
                slug=slug,
                url_path=f"{folder.url_path}{slug}/",
            )
        PageViewRestriction.objects.filter(page__in=[story.pk for story in stories]).delete()
        Page.objects.filter(pk=folder.pk).update(numchild=len(folder_slugs))
        Page.objects.filter(pk=index.pk).update(
            numchild=Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0003_members_stories_page"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(move_members_only_stories, migrations.RunPython.noop),
    ]
