"""Prints, as JSON, the addresses the benchmark measures and each one's query count, the pages a
signed-in member uses with a session for one demo member, and the addresses of stories that have a
picture (run through `manage.py shell` against the benchmark database)."""

import json

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import MeetingIndexPage, MeetingPage
from mapping.models import MappingEntryPage, MappingGuidePage
from practice_map.models import PracticeMapPage
from resources.models import BookletChapterPage, ResourceIndexPage
from stories.models import StoryIndexPage, StoryPage


def addresses():
    stories = StoryIndexPage.objects.get()
    story = StoryPage.objects.live().public().order_by("-first_published_at").first()
    guide = MappingGuidePage.objects.get()
    entries = list(
        MappingEntryPage.objects.live().order_by("pk").values_list("slug", flat=True)[:3]
    )
    chapter = BookletChapterPage.objects.live().order_by("path").first()
    meetings = MeetingIndexPage.objects.get()
    meeting = MeetingPage.objects.live().order_by("-starts_at").first()
    compare = "&".join(f"entry={slug}" for slug in entries)
    pages = [
        ("home", "/"),
        ("stories index", stories.url),
        ("stories, deep page", stories.url + "?page=400"),
        ("stories, a theme filter", stories.url + "?theme=carers"),
        ("stories, two filters", stories.url + "?theme=carers&sector=health"),
        ("a story", story.url),
        ("a theme archive", stories.url + "theme/good-conversations/"),
        ("search, a common word", "/search/?q=conversation"),
        ("search, a rare word", "/search/?q=lighthouse"),
        ("search, two words", "/search/?q=carer+housing"),
        ("resources library", ResourceIndexPage.objects.get().url),
        ("a booklet chapter", chapter.url if chapter else "/"),
        ("mapping guide", guide.url),
        ("compare", f"{guide.url}compare/?{compare}"),
        ("matrix", f"{guide.url}matrix/"),
        ("meetings index", meetings.url),
        ("a meeting", meeting.url),
    ]
    return pages + practice_map_addresses()


def practice_map_addresses():
    """The outcomes practice map (issue 26 asks for at most 300 ms uncached with 10,000 stories),
    switched to council areas with a filter, and its fullest kind of cell; none on a benchmark
    database made before the map existed."""
    practice_map = PracticeMapPage.objects.live().first()
    if practice_map is None:
        return []
    return [
        ("practice map", practice_map.url),
        (
            "practice map, council areas",
            practice_map.url + "?axis=council&perspective=unpaid-carer",
        ),
        ("a practice map cell", practice_map.url + "cell/?area=carers-and-families&column=health"),
    ]


def member_addresses():
    stories = StoryIndexPage.objects.get()
    story = StoryPage.objects.live().public().order_by("-first_published_at").first()
    members_only = (
        StoryPage.objects.live()
        .child_of(stories.members_stories_page())
        .order_by("-first_published_at")
        .first()
    )
    meeting = MeetingPage.objects.live().order_by("-starts_at").first()
    return [
        ("member home", reverse("membership:home")),
        ("stories index", stories.url),
        ("a story", story.url),
        ("a members-only story", members_only.url),
        ("search, a common word", "/search/?q=conversation"),
        ("directory", reverse("membership:directory")),
        ("a meeting", meeting.url),
        *practice_map_addresses()[:1],
    ]


def member_client():
    """A demo member signed in the way Django's test client does it: a session in the database."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(email="morag.campbell@example.org"))
    return client


def stories_with_pictures():
    stories = StoryPage.objects.live().public().exclude(image=None).order_by("pk")
    return [story.url for story in stories[:3000]]


def query_counts(pages, client=None):
    client = client or Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for _name, address in pages:
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(address).status_code
        counts[address] = {"queries": len(queries), "status": status}
    return counts


pages = addresses()
members_pages = member_addresses()
member = member_client()
found = {
    "pages": pages,
    "counts": query_counts(pages),
    "member_pages": members_pages,
    "member_counts": query_counts(members_pages, member),
    "member_session": member.cookies["sessionid"].value,
    "pictured_stories": stories_with_pictures(),
}
print("ADDRESSES " + json.dumps(found))
