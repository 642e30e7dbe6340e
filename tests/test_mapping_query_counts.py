"""The guide's home, the matrix and compare cost the same number of queries for 5 or 40 entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.mapping import (
    ComparisonDimensionFactory,
    MappingEntryPageFactory,
    MappingGuidePageFactory,
    add_example,
    give_value,
)

pytestmark = pytest.mark.django_db

COMPARED = "/mapping-guide/compare/?entry=entry-a&entry=entry-b&entry=entry-c&entry=entry-d"
PATHS = [
    "/mapping-guide/",
    "/mapping-guide/?kind=approach&example_sector=third&q=about",
    "/mapping-guide/matrix/",
    COMPARED,
]


def add_entries(guide, dimensions, count, slugs=None):
    for index in range(count):
        slug = slugs[index] if slugs else None
        entry = MappingEntryPageFactory(
            parent=guide,
            **({"slug": slug} if slug else {}),
            sectors=["social-care", "health"] if index % 2 == 0 else ["social-care"],
        )
        entry.summary = f"All about {entry.title}."
        entry.save_revision().publish()
        add_example(entry, "third")
        add_example(entry, "public")
        entry.themes.add("outcomes")
        for dimension in dimensions:
            give_value(entry, dimension, "yes", "A note")


def count_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.usefixtures("content_cache_off")
def test_query_counts_do_not_grow_with_the_number_of_entries(client, home_page):
    guide = MappingGuidePageFactory(parent=home_page)
    dimensions = [ComparisonDimensionFactory() for _ in range(4)]
    add_entries(guide, dimensions, 5, slugs=["entry-a", "entry-b", "entry-c", "entry-d", "entry-e"])
    for path in PATHS:
        count_queries(client, path)  # warm the site and content-type caches
    with_five = {path: count_queries(client, path) for path in PATHS}

    add_entries(guide, dimensions, 15)
    home = client.get("/mapping-guide/")
    assert home.context["listing"].page.paginator.count == 20
    matrix = client.get("/mapping-guide/matrix/")
    assert len(matrix.context["dimension_rows"]) == 20
    with_twenty = {path: count_queries(client, path) for path in PATHS}

    assert with_twenty == with_five
