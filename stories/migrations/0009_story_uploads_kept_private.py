"""Images that members uploaded with their stories before uploads were kept private sit in the
root collection, where the public images API lists them. Today's rule (stories/uploads.py) is
applied to what is there: a teller's own image is private (in the restricted "Story uploads"
collection) unless it is the image of their story as published for everyone; an image kept for a
form not yet saved is private.

Historical models have no tree methods, so the collection's materialised path is written directly.
"""

from django.db import migrations
from django.db.models.fields.json import KT

UPLOADS_COLLECTION = "Story uploads (not public)"
READER_GROUPS = ("Members", "Moderators", "Administrators")
KEPT_IMAGE_TAG = "kept-for-an-unsaved-story"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP_LENGTH = 4


def path_step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEP_LENGTH, "0")


def uploads_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    children = Collection.objects.filter(path__startswith=root.path, depth=2)
    collection = children.filter(name=UPLOADS_COLLECTION).first()
    if collection is None:
        last = children.order_by("-path").values_list("path", flat=True).first()
        number = int(last[-STEP_LENGTH:], len(ALPHABET)) + 1 if last else 1
        collection = Collection.objects.create(
            name=UPLOADS_COLLECTION, path=root.path + path_step(number), depth=2, numchild=0
        )
        Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type="groups"
    )
    restriction.groups.set([Group.objects.get_or_create(name=name)[0] for name in READER_GROUPS])
    return collection


def images_to_keep_private(apps):
    """The ids of the images today's rule keeps private, and of the ones it makes public."""
    Image = apps.get_model("wagtailimages", "Image")
    StoryPage = apps.get_model("stories", "StoryPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")

    uploader = dict(Image.objects.values_list("pk", "uploaded_by_user_id"))
    owners = dict(StoryPage.objects.values_list("pk", "owner_id"))
    public, private = set(), set()
    stories = StoryPage.objects.exclude(image=None).values_list(
        "image_id", "owner_id", "live", "audience"
    )
    for image_id, owner_id, live, audience in stories:
        if owner_id is None or uploader.get(image_id) != owner_id:
            continue
        (public if live and audience == "public" else private).add(image_id)
    # An image chosen in a draft not yet published is the teller's too.
    story_type = ContentType.objects.filter(app_label="stories", model="storypage").first()
    if story_type is not None:
        drafts = (
            Revision.objects.filter(content_type=story_type)
            .values_list("object_id", KT("content__image"))
            .distinct()
        )
        for story_id, image_id in drafts:
            if not image_id or not str(image_id).isdigit():
                continue
            owner_id = owners.get(int(story_id))
            if owner_id is not None and uploader.get(int(image_id)) == owner_id:
                private.add(int(image_id))
    image_type = ContentType.objects.filter(app_label="wagtailimages", model="image").first()
    if image_type is not None:
        private.update(
            int(object_id)
            for object_id in TaggedItem.objects.filter(
                content_type=image_type, tag__name=KEPT_IMAGE_TAG
            ).values_list("object_id", flat=True)
        )
    return private - public


def keep_story_uploads_private(apps, schema_editor):
    Image = apps.get_model("wagtailimages", "Image")
    private = images_to_keep_private(apps)
    if not private:
        return
    collection = uploads_collection(apps)
    Image.objects.filter(pk__in=private).exclude(collection=collection).update(
        collection=collection
    )


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0008_redirects_from_before_page_moves"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(keep_story_uploads_private, migrations.RunPython.noop),
    ]
