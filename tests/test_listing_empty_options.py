"""No listing offers a filter option that nothing matches ("Video (0)"), except one already chosen,
so that a link filtered by it keeps its choice in view."""

import re

import pytest

pytestmark = pytest.mark.django_db

LISTINGS = ["/stories/", "/resources/", "/mapping-guide/"]
ZERO_OPTION = re.compile(r"<option[^>]*>[^<]*\(0\)</option>|\(0\)</label>")


def filters_of(html):
    return html.split('class="ds_search-filters', 1)[1].split("</form>", 1)[0]


@pytest.mark.parametrize("path", LISTINGS)
def test_no_listing_offers_an_option_nothing_matches(demo_content, client, path):
    html = client.get(path).content.decode()
    options = re.findall(r"\((\d+)\)</(?:option|label)>", filters_of(html))

    assert options, path  # the filters have counted options at all
    assert ZERO_OPTION.findall(filters_of(html)) == [], path


def test_a_chosen_option_stays_even_when_nothing_matches(demo_content, client):
    html = client.get("/resources/", {"q": "no-such-words-anywhere", "type": "video"}).content
    filters = filters_of(html.decode())
    assert re.search(r'<option value="video" selected>[^<]*\(0\)</option>', filters) or re.search(
        r'value="video"[^>]*checked', filters
    )
