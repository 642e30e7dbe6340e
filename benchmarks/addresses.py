"""Prints, as JSON, the addresses the benchmark measures and each one's query count (run through
`manage.py shell` against the benchmark database)."""

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import MeetingIndexPage, MeetingPage
from mapping.models import MappingEntryPage, MappingGuidePage
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
    return pages


def query_counts(pages):
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for _name, address in pages:
        client.get(address)
        with CaptureQueriesContext(connection) as queries:
            status = client.get(address).status_code
        counts[address] = {"queries": len(queries), "status": status}
    return counts


pages = addresses()
print("ADDRESSES " + json.dumps({"pages": pages, "counts": query_counts(pages)}))
