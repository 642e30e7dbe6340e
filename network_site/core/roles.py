"""The roles table: each role, the group that carries it, and exactly what it may do.

Applied after every `migrate` (see `apply_roles`): each role's group gets the permissions listed here
and no others, including page permissions on the whole page tree and collection permissions on every
collection; permissions given to these groups by hand in the admin are taken away again. Wagtail's
own "Moderators" and "Editors" groups are two of the groups named here, so their defaults are replaced.

Code checks what a person may do with `user.has_perm("app.codename")`, never with a group's name;
a role is only *given* by its group's name (`assign_role`). An app that adds a permission adds it
to the roles that need it, here.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser
    from wagtail.models import Collection, Page

# The one permission that makes someone a network member (members' pages, booking, sharing stories).
MEMBER_PERMISSION = "membership.take_part"
ADMIN_ACCESS = "wagtailadmin.access_admin"
EVERY_PERMISSION = "*"
ROOT_PAGE = "wagtailcore.page"


@dataclass(frozen=True)
class Role:
    group: str
    description: str
    # "app_label.codename", or EVERY_PERMISSION.
    permissions: tuple[str, ...]
    # Wagtail page permissions ("add", "change", "publish", ...), by the page type they are given
    # on (and so on its descendants): "wagtailcore.page" is the root, so every page.
    page_permissions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Wagtail collection permissions ("add_image", "choose_document", ...) on the root collection.
    collection_permissions: tuple[str, ...] = ()


_IMAGES_AND_DOCUMENTS = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)

MEMBER = Role(
    group="Members",
    description="An approved member: members' pages, the directory, meetings, sharing stories.",
    permissions=(MEMBER_PERMISSION,),
)
MODERATOR = Role(
    group="Moderators",
    description=(
        "Reviews the stories submitted for moderation (the workflow's task gives them those pages"
        " only), publishes the ones they approve, and reads members-only stories. Nothing of"
        " other pages, meetings, bookings or join requests. Moderates members' conversations."
    ),
    permissions=(
        ADMIN_ACCESS,
        "conversations.moderate_contribution",
        # Stories' updates and "what I tried", moderated like the stories themselves.
        "ripples.view_storyupdate",
        "ripples.change_storyupdate",
        "ripples.view_whatitried",
        "ripples.change_whatitried",
    ),
    page_permissions={"stories.storyindexpage": ("publish",)},
)
COORDINATOR = Role(
    group="Coordinators",
    description=(
        "Answers join requests, looks after the members list in the admin, and sees how many"
        " places the next meetings have taken; writes and exports the impact report, and"
        " exports the practice map as briefings."
    ),
    permissions=(
        ADMIN_ACCESS,
        "events.view_booking",
        "membership.view_joinrequest",
        "membership.decide_joinrequest",
        "membership.view_memberprofile",
        "membership.deactivate_member",
        "impact.view_report",
        "practice_map.export_briefing",
    ),
)
EDITOR = Role(
    group="Editors",
    description=(
        "Publishes pages of every kind (meetings included, so they see who is coming), images,"
        " documents and the vocabularies."
    ),
    permissions=(
        ADMIN_ACCESS,
        "resources.add_audience",
        "resources.change_audience",
        "resources.delete_audience",
        "core.add_sector",
        "core.change_sector",
        "core.delete_sector",
        "mapping.add_comparisondimension",
        "mapping.change_comparisondimension",
        "mapping.delete_comparisondimension",
        "conversations.add_conversationsettings",
        "conversations.change_conversationsettings",
        "conversations.delete_conversationsettings",
        "practice_map.add_outcomearea",
        "practice_map.change_outcomearea",
        "practice_map.delete_outcomearea",
    ),
    page_permissions={ROOT_PAGE: ("add", "change", "publish", "lock", "unlock")},
    collection_permissions=_IMAGES_AND_DOCUMENTS,
)
ADMINISTRATOR = Role(
    group="Administrators",
    description="Everything, including accounts, groups and settings.",
    permissions=(EVERY_PERMISSION,),
    page_permissions={ROOT_PAGE: ("add", "change", "bulk_delete", "lock", "publish", "unlock")},
    collection_permissions=(*_IMAGES_AND_DOCUMENTS, "delete_image", "delete_document"),
)

ROLES = (MEMBER, MODERATOR, COORDINATOR, EDITOR, ADMINISTRATOR)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise ImproperlyConfigured(
            f"The roles table names an unknown permission: {dotted}"
        ) from None


def _wagtail_permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _pages_of_type(label: str, root_page: "Page") -> list["Page"]:
    if label == ROOT_PAGE:
        return [root_page]
    from django.apps import apps

    return list(apps.get_model(label).objects.all())


def _page_grants(role: Role, root_page: "Page") -> set[tuple[int, int]]:
    """{(page id, permission id)} the role should hold."""
    grants = set()
    for label, names in role.page_permissions.items():
        for page in _pages_of_type(label, root_page):
            for name in names:
                grants.add((page.pk, _wagtail_permission("wagtailcore", f"{name}_page").pk))
    return grants


def _apply_role(role: Role, root_page: "Page", root_collection: "Collection") -> None:
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    group, _ = Group.objects.get_or_create(name=role.group)
    if role.permissions == (EVERY_PERMISSION,):
        group.permissions.set(Permission.objects.all())
    else:
        group.permissions.set([_permission(dotted) for dotted in role.permissions])

    wanted = _page_grants(role, root_page)
    for held in GroupPagePermission.objects.filter(group=group):
        if (held.page_id, held.permission_id) not in wanted:
            held.delete()
    for page_id, permission_id in wanted:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission_id=permission_id
        )

    collection_permissions = set()
    for name in role.collection_permissions:
        app_label = "wagtailimages" if name.endswith("_image") else "wagtaildocs"
        collection_permissions.add(_wagtail_permission(app_label, name))
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root_collection, permission__in=collection_permissions
    ).delete()
    for permission in collection_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )


def apply_roles() -> None:
    """Makes every role's group hold exactly the permissions of the table."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from wagtail.models import Collection, Page

    # Other apps' permissions are made after this app's post_migrate: make them all now.
    for app_config in apps.get_app_configs():
        if app_config.models_module is not None:
            create_contenttypes(app_config, verbosity=0)
            create_permissions(app_config, verbosity=0)
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return
    for role in ROLES:
        _apply_role(role, root_page, root_collection)


def apply_roles_after_migrate(sender: object, **kwargs: object) -> None:
    apply_roles()


def grant_on_new_page(
    sender: type[Model], instance: Model, created: bool, raw: bool = False, **kwargs: object
) -> None:
    """A page type named in the table (a stories index, say) gets its roles' permissions when made."""
    from wagtail.models import GroupPagePermission

    if not created or raw:
        return
    label = sender._meta.label_lower
    for role in ROLES:
        for name in role.page_permissions.get(label, ()):
            GroupPagePermission.objects.get_or_create(
                group=Group.objects.get_or_create(name=role.group)[0],
                page=instance,
                permission=_wagtail_permission("wagtailcore", f"{name}_page"),
            )


def connect_signals() -> None:
    from django.apps import apps
    from django.db.models.signals import post_save

    labels = {label for role in ROLES for label in role.page_permissions} - {ROOT_PAGE}
    for label in labels:
        post_save.connect(grant_on_new_page, sender=apps.get_model(label))


def assign_role(user: "AbstractUser", role: Role) -> None:
    """Gives `user` the role, by its group."""
    user.groups.add(Group.objects.get_or_create(name=role.group)[0])


def users_with_permission(
    dotted: str, *, include_superusers: bool = True, active_only: bool = True
) -> QuerySet:
    """Users who hold a permission through a group or directly (or as superusers); only active
    accounts unless `active_only` is False (a coordinator's list of members shows deactivated ones)."""
    app_label, codename = dotted.split(".", 1)
    permission_ids = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).values("pk")
    holds = Q(groups__permissions__in=permission_ids) | Q(user_permissions__in=permission_ids)
    if include_superusers:
        holds |= Q(is_superuser=True)
    users = get_user_model().objects.filter(holds)
    if active_only:
        users = users.filter(is_active=True)
    return users.distinct()
