import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from network_site.core.models import Sector
from network_site.core.roles import MODERATOR, assign_role
from stories.models import StoryIndexPage, StoryPage
from tests.factories.membership import MemberFactory


def make_member(username, **fields):
    return MemberFactory(username=username, email=f"{username}@example.org", **fields)


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories from practice"
    slug = "stories"
    introduction = "Stories members share."

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    summary = "A short summary of what happened."
    what_mattered = "Seeing friends again."
    what_we_did = "We talked at the kitchen table."
    helped_and_hindered = "A volunteer driver helped; the form got in the way."
    what_changed = "He goes out every week."
    what_i_learned = "Listen first."
    perspective = "practitioner"
    consent_confirmed = True

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def sector_slugs(self, create, extracted, **kwargs):
        if extracted:
            self.sectors = list(Sector.objects.filter(slug__in=extracted))

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        """Publishes through a revision, as the workflow does, so signal handlers run; either way
        one save writes the themes and sectors set above."""
        if extracted is not False:
            self.save_revision().publish()
            self.refresh_from_db()
        else:
            self.save()


def make_story_index(home):
    """The stories index under `home`, with the "Story moderation" workflow the migration made."""
    from wagtail.models import Workflow, WorkflowPage

    index = StoryIndexPageFactory(parent=home)
    WorkflowPage.objects.create(page=index, workflow=Workflow.objects.get(name="Story moderation"))
    return index


def make_moderator(username="moderator"):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="a-long-test-password"
    )
    assign_role(user, MODERATOR)
    return user


def story_form_data(**overrides):
    data = {
        "title": "Back to the bowling club",
        "summary": "An older man told us what he missed most.",
        "what_mattered": "Seeing his friends at the bowling club.",
        "what_we_did": "We planned lifts on Tuesdays together.",
        "helped_and_hindered": "A volunteer driver helped; our form got in the way.",
        "what_changed": "He goes most weeks.",
        "what_i_learned": "Connection was the outcome he wanted.",
        "perspective": "practitioner",
        "sectors": ["social-care"],
        "council_area": "fife",
        "themes": ["Good conversations"],
        "other_themes": "Loneliness",
        "image_alt_text": "",
        "consent_confirmed": "on",
        "credit": "role",
        "credit_name": "",
        "credit_role": "Care worker",
        "credit_organisation": "A home support service",
        "audience": "public",
        "action": "submit",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
