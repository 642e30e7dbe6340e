"""The four old lists of sectors become the one shared list in core, losing nothing.

The test migrates back to just before the data migrations, writes data in the old shapes (the
stories' and resources' own Sector rows, membership's choices, the guide's yes/no columns, and
drafts saved in those shapes), migrates forward again and checks that every value arrived.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Site

from mapping.models import MappingEntryPage
from network_site.core.models import HomePage, Sector
from network_site.membership.models import JoinRequest, MemberProfile
from resources.models import ResourcePage
from stories.models import StoryPage
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.membership import JoinRequestFactory, MemberProfileFactory
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryIndexPageFactory, StoryPageFactory

# Each app just before its data migration: the old and the new fields are both there.
BEFORE_COPYING = [
    ("stories", "0005_shared_sectors"),
    ("resources", "0005_shared_sectors"),
    ("mapping", "0002_shared_sectors"),
    ("membership", "0007_shared_sectors"),
]


def slugs(sectors):
    return {sector.slug for sector in sectors.all()}


def write_old_style_data(old, pages, people):
    """What a site held before: `old` is the app registry as it was then."""
    Revision = old.get_model("wagtailcore", "Revision")

    def set_draft(page, **changes):
        revision = Revision.objects.get(pk=page.latest_revision_id)
        revision.content = {**revision.content, **changes}
        for key in [key for key, value in changes.items() if value is None]:
            del revision.content[key]
        revision.save()

    for app_label, model_name, page, terms, draft_term in (
        (
            "stories",
            "StoryPage",
            pages["story"],
            [("social-care", "Social care"), ("peer-support", "Peer support")],
            ("community", "Community"),
        ),
        (
            "resources",
            "ResourcePage",
            pages["resource"],
            [("third-sector", "Third and independent sector"), ("health", "Health")],
            ("housing", "Housing"),
        ),
    ):
        OldSector = old.get_model(app_label, "Sector")
        page_model = old.get_model(app_label, model_name)
        page_model.shared_sectors.through.objects.all().delete()
        for slug, name in terms:
            page_model.sectors.through.objects.create(
                **{f"{model_name.lower()}_id": page.pk},
                sector=OldSector.objects.create(slug=slug, name=name),
            )
        draft_sector = OldSector.objects.create(slug=draft_term[0], name=draft_term[1])
        set_draft(page, sectors=[draft_sector.pk])

    OldEntry = old.get_model("mapping", "MappingEntryPage")
    OldEntry.sectors_shared.through.objects.all().delete()
    OldEntry.objects.filter(pk=pages["entry"].pk).update(
        applies_to_housing=True, applies_to_wider_public_services=True
    )
    set_draft(pages["entry"], sectors=None, applies_to_education=True)

    old.get_model("membership", "JoinRequest").objects.filter(pk=people["applicant"].pk).update(
        sector="lived_experience", sector_ref=None
    )
    OldProfile = old.get_model("membership", "MemberProfile")
    OldProfile.objects.filter(pk=people["member"].pk).update(sector="space_pirate", sector_ref=None)
    OldProfile.objects.filter(pk=people["unsectored"].pk).update(sector="", sector_ref=None)


# Django empties its database afterwards; tests/conftest.py fills it again with what the
# migrations and the home page put there (serialized_rollback), for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_old_sector_value_reaches_the_shared_list(home_page):
    other, _ = Sector.objects.get_or_create(slug="other", defaults={"name": "Other"})
    pages = {
        "story": StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page)),
        "resource": ResourcePageFactory(parent=ResourceIndexPageFactory(parent=home_page)),
        "entry": MappingEntryPageFactory(parent=MappingGuidePageFactory(parent=home_page)),
    }
    for page in pages.values():
        page.save_revision()
        page.refresh_from_db()
    people = {
        "applicant": JoinRequestFactory(sector=other),
        "member": MemberProfileFactory(sector=other),
        "unsectored": MemberProfileFactory(sector=None),
    }

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_COPYING)
    write_old_style_data(executor.loader.project_state(BEFORE_COPYING).apps, pages, people)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    story = StoryPage.objects.get(pk=pages["story"].pk)
    assert slugs(story.sectors) == {"social-care", "peer-support"}
    # A sector an editor had added to one app's list joins the shared list under its own name.
    assert Sector.objects.get(slug="peer-support").name == "Peer support"
    assert slugs(story.get_latest_revision_as_object().sectors) == {"community"}

    resource = ResourcePage.objects.get(pk=pages["resource"].pk)
    # "Third and independent sector" named two sectors of the shared list: the resource has both.
    assert slugs(resource.sectors) == {"health", "third-sector", "independent-sector"}
    assert slugs(resource.get_latest_revision_as_object().sectors) == {"housing"}

    entry = MappingEntryPage.objects.get(pk=pages["entry"].pk)
    assert slugs(entry.sectors) == {"housing", "wider-public-services"}
    draft = entry.get_latest_revision_as_object()
    assert slugs(draft.sectors) == {"education"}
    assert not any(key.startswith("applies_to_") for key in entry.latest_revision.content)

    assert JoinRequest.objects.get(pk=people["applicant"].pk).sector.slug == "lived-experience"
    member_sector = MemberProfile.objects.get(pk=people["member"].pk).sector
    assert (member_sector.slug, member_sector.name) == ("space-pirate", "Space pirate")
    assert MemberProfile.objects.get(pk=people["unsectored"].pk).sector is None

    tables = set(connection.introspection.table_names())
    assert not {"stories_sector", "resources_sector"} & tables


def test_the_tests_after_it_find_the_page_tree_again(django_db_blocker):
    """Needs no database of its own, so pytest-django runs it after the test above, which emptied
    the database: the home page and the shared sectors are back."""
    with django_db_blocker.unblock():
        assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)
        assert Sector.objects.filter(slug="health").exists()
