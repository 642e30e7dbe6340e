"""Every page type lays out its facts the same way: the design system's metadata list
(`dl.ds_metadata`) in the page's header, under the title and the summary."""

import re

import pytest

from tests.conftest import module_database
from tests.factories.core import make_home_page
from tests.factories.events import MeetingIndexPageFactory, MeetingPageFactory
from tests.factories.mapping import MappingEntryPageFactory, MappingGuidePageFactory
from tests.factories.resources import ResourceIndexPageFactory, ResourcePageFactory
from tests.factories.stories import StoryPageFactory, make_story_index

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def detail_pages(django_db_setup, django_db_blocker):
    """One detail page of each type with the fact each test looks for, built once for the module:
    (its address, a key its metadata list must hold) by name."""
    with module_database(django_db_blocker):
        home = make_home_page()
        story = StoryPageFactory(parent=make_story_index(home), themes=["Carers"])
        resource = ResourcePageFactory(
            parent=ResourceIndexPageFactory(parent=home), topics=["Personal outcomes"]
        )
        meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home), capacity=40)
        entry = MappingEntryPageFactory(parent=MappingGuidePageFactory(parent=home))
        yield {
            "story": (story.url, "Themes"),
            "resource": (resource.url, "Topics"),
            "meeting": (meeting.url, "Places left"),
            "mapping entry": (entry.url, "Sectors it applies to"),
        }


@pytest.mark.parametrize("name", ["mapping entry", "meeting", "resource", "story"])
def test_each_detail_page_puts_its_facts_in_the_shared_metadata_list(client, detail_pages, name):
    path, a_key = detail_pages[name]
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    header = html[
        html.index('class="ds_layout__header"') : html.index('class="ds_layout__content"')
    ]
    assert re.search(r'<dl class="ds_metadata[ "]', header), name
    keys = re.findall(r'<dt class="ds_metadata__key">([^<]+)</dt>', header)
    assert a_key in keys, keys
    assert "ds_summary-list" not in html
