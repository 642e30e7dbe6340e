"""The search index holds the published content of live pages only: what an editor saves as a
draft of a live page is never findable, whatever the page type, until it is published."""

import pytest
from django.db import models
from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from tests.factories.accessibility import AccessibilityStatementPageFactory
from tests.factories.core import StandardPageFactory
from tests.factories.easy_read import EasyReadIndexPageFactory, EasyReadPageFactory
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.practice_map import PracticeMapPageFactory
from tests.factories.resources import (
    BookletChapterPageFactory,
    BookletPageFactory,
    CarersActGuidePageFactory,
    CarersActSectionPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    SelfCheckPageFactory,
)
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db

DRAFT_WORD = "zyzzyvadraft"


def one_live_page_of_each_type(home_page):
    stories = make_story_index(home_page)
    StoryPageFactory(parent=stories)
    StoryPageFactory(parent=stories, audience="members")
    StandardPageFactory(parent=home_page)
    MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home_page))
    MappingEntryPageFactory(parent=MappingGuidePageFactory(parent=home_page))
    ResourcePageFactory(parent=ResourceIndexPageFactory(parent=home_page), topics=["Carers"])
    BookletChapterPageFactory(parent=BookletPageFactory(parent=home_page))
    guide = CarersActGuidePageFactory(parent=home_page)
    CarersActSectionPageFactory(parent=guide)
    SelfCheckPageFactory(parent=guide)
    AccessibilityStatementPageFactory(parent=home_page)
    PracticeMapPageFactory(parent=home_page)
    EasyReadPageFactory(
        parent=EasyReadIndexPageFactory(parent=home_page),
        standard_page=StandardPageFactory(parent=home_page),
    )
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        pages.setdefault(type(page), page)
    return pages


def text_search_fields(model):
    """The names of the page type's indexed text fields."""
    return [
        search_field.field_name
        for search_field in model.get_search_fields()
        if isinstance(search_field, index.SearchField)
        and isinstance(
            model._meta.get_field(search_field.field_name), models.CharField | models.TextField
        )
    ]


def indexed(word):
    return list(get_search_backend().search(word, Page))


def test_a_live_pages_draft_is_never_indexed_for_any_page_type(client, home_page):
    pages = one_live_page_of_each_type(home_page)
    assert set(pages) == set(get_page_models()) - {Page}, "add a page of the new type above"

    for model, page in pages.items():
        for name in text_search_fields(model):
            setattr(page, name, f"{DRAFT_WORD} {model.__name__}")
        # As the admin's edit view saves a draft: the instance in hand holds the draft's text.
        page.save_revision()

        assert indexed(DRAFT_WORD) == [], model
        assert (
            client.get("/search/", {"q": DRAFT_WORD}).context["results_page"].paginator.count == 0
        )
        assert page.index_entries.exists(), f"{model}: the published page left the index"

    for page in pages.values():
        page.get_latest_revision().publish()
    assert {page.pk for page in indexed(DRAFT_WORD)} == {page.pk for page in pages.values()}
