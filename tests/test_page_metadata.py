"""Every page type lays out its facts the same way: the design system's metadata list
(`dl.ds_metadata`) in the page's header, under the title and the summary."""

import re

import pytest

pytestmark = pytest.mark.django_db

DEMO_APPS = ["stories", "resources", "events", "mapping"]

DETAIL_PAGES = {
    "story": ("/stories/a-kitchen-table-conversation/", "Themes"),
    "resource": ("/resources/talking-points/", "Topics"),
    "meeting": ("/meetings/february-2027-meeting/", "Places left"),
    "mapping entry": ("/mapping-guide/talking-points/", "Sectors it applies to"),
}


@pytest.mark.parametrize("name", sorted(DETAIL_PAGES))
def test_each_detail_page_puts_its_facts_in_the_shared_metadata_list(client, demo_content, name):
    path, a_key = DETAIL_PAGES[name]
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
