"""Demo stories: a stories index, the moderation workflow on it, demo tellers and ten stories, their
words in `demo_content/`.

Every story there is invented for the demo; the people in them are not real.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage

from network_site.core.demo import upsert_page
from network_site.core.demo_data import by_slug, check_fields, read_records, upsert_page_from_file
from network_site.core.models import Sector
from network_site.core.roles import MEMBER
from network_site.core.site_address import page_url

from . import choices
from .models import StoryIndexPage, StoryPage
from .workflow import STORY_WORKFLOW_NAME

DEMO_CONTENT = Path(__file__).parent / "demo_content"
STORY_INDEX = DEMO_CONTENT / "stories.md"
STORIES = DEMO_CONTENT / "stories.yaml"
TELLERS = DEMO_CONTENT / "tellers.yaml"
# What a story's record gives besides its page's fields.
STORY_RELATIONS = {"slug", "teller", "sectors", "themes"}
STORY_REQUIRED = STORY_RELATIONS | {"title", "summary"}


def load(context):
    home = context["home"]
    tellers = ensure_tellers()
    index = upsert_page_from_file(home, StoryIndexPage, STORY_INDEX)
    workflow = Workflow.objects.get(name=STORY_WORKFLOW_NAME)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    stories = read_records(STORIES, STORY_REQUIRED)
    for position, story_data in enumerate(stories, 1):
        where = f"story {position}"
        data = {key: value for key, value in story_data.items() if key not in STORY_RELATIONS}
        check_fields(STORIES, StoryPage, data, where)
        slug, themes = story_data["slug"], story_data["themes"]
        [teller] = by_slug(STORIES, where, tellers, [story_data["teller"]])
        wanted_sectors = by_slug(STORIES, where, sectors, sorted(story_data["sectors"]))
        parent = index.parent_for(data.get("audience", choices.AUDIENCE_PUBLIC))
        upsert_page(
            parent,
            StoryPage,
            slug,
            relations={"tags": themes, "sectors": wanted_sectors},
            owner_id=teller.pk,
            consent_confirmed=True,
            search_description=data["summary"],
            **data,
        )
    context["stdout"].write(f"Stories: {len(stories)} at {page_url(index)}")


def ensure_tellers():
    members, _ = Group.objects.get_or_create(name=MEMBER.group)
    user_model = get_user_model()
    tellers = {}
    for teller in read_records(TELLERS, {"username", "email", "first_name", "last_name"}):
        username = teller["username"]
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={key: teller[key] for key in ("email", "first_name", "last_name")},
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(members)
        tellers[username] = user
    return tellers
