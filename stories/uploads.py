"""Images that members upload with a story: private until the story is published for everyone.

An upload gets a random file name (so no address to its file or its renditions can be guessed) and
goes into a collection with a view restriction (so the API and every public listing of images leave
it out). Publishing the story for everyone moves the image to the root collection; a members-only
story keeps it restricted.
"""

import uuid
from pathlib import PurePath

from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from network_site.core.roles import ADMINISTRATOR, MEMBER, MODERATOR

from . import choices

UPLOADS_COLLECTION = "Story uploads (not public)"


def uploads_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=UPLOADS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=UPLOADS_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(
        [
            Group.objects.get_or_create(name=role.group)[0]
            for role in (MEMBER, MODERATOR, ADMINISTRATOR)
        ]
    )
    return collection


def save_upload(upload, *, title, user):
    """A new image from a member's upload, kept private, under a name nobody can guess."""
    upload.name = uuid.uuid4().hex + PurePath(upload.name).suffix.lower()
    image = get_image_model()(
        title=title[:255], file=upload, collection=uploads_collection(), uploaded_by_user=user
    )
    image.save()
    return image


def sync_image_privacy(story):
    """The teller's own upload is public once the story is published for everyone, else private."""
    image = story.image
    if image is None or image.uploaded_by_user_id != story.owner_id:
        return
    public = story.live and story.audience == choices.AUDIENCE_PUBLIC
    private_collection = uploads_collection()
    if public and image.collection_id == private_collection.pk:
        image.collection = Collection.get_first_root_node()
        image.save(update_fields=["collection"])
    elif not public and image.collection_id != private_collection.pk:
        image.collection = private_collection
        image.save(update_fields=["collection"])
