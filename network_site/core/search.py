"""Site search: one cleaning of what people type, and one ranking of pages by relevance.

`clean_query` is applied to every search: the search box of the site and of each listing (through
`SearchQueryField`), the API's `?search=` and the admin's listings (through the search backend,
network_site.core.search_backend). Quotes, brackets and operators are query syntax to the
full-text engines, and an unbalanced one is an error there, so only the words are kept.

`ranked_page_ids` orders the pages that match any of the words best first. A word counts most in
a page's title, less in its summary and least in its body: a page type marks its summary fields
with `summary_search_fields`, which puts them in the index's short-text column (the one Wagtail
fills from `AutocompleteField`s, beside the title). Each page is scored by one query on the
index alone (BM25 with column weights on SQLite, `ts_rank` per column on PostgreSQL), never by a
subquery per page, which took seconds among 10,000 stories.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Q, QuerySet
from wagtail.models import get_page_models
from wagtail.search import index
from wagtail.search.backends import get_search_backend

WORD_PATTERN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

TITLE_WEIGHT = 10.0
SUMMARY_WEIGHT = 4.0
BODY_WEIGHT = 1.0


def clean_query(text: str) -> str:
    """The words of a search, separated by single spaces; nothing else."""
    return " ".join(WORD_PATTERN.findall(text))


def summary_search_fields(*field_names: str) -> list:
    """Search fields for a page type's summary (an introduction, a summary): searchable, and
    weighted above the body in site search."""
    fields = []
    for name in field_names:
        fields += [index.SearchField(name), index.AutocompleteField(name)]
    return fields


def ranked_page_ids(query: str, pages: QuerySet) -> list[int]:
    """The ids of `pages` that have any word of the (cleaned) query, best match first; pages
    that score the same keep the order of `pages`."""
    words = clean_query(query).split()
    if not words:
        return []
    page_types = list(ContentType.objects.get_for_models(*get_page_models()).values())
    if connection.vendor == "postgresql":
        scores = _postgres_scores(words, page_types)
    else:
        scores = _sqlite_scores(words, page_types)
    matching = pages.filter(pk__in=list(scores)).values_list("pk", flat=True)
    return sorted(matching, key=lambda pk: -scores[pk])


def _sqlite_scores(words: list[str], page_types: list[ContentType]) -> dict[int, float]:
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    # Each word is quoted, so that FTS5 reads it as text whatever it holds ("self-directed").
    match = " OR ".join(f'"{word}"' for word in words)
    fts_table = SQLiteFTSIndexEntry._meta.db_table
    type_params = ", ".join(["%s"] * len(page_types))
    # FTS5's columns are (autocomplete, body, title): bm25 takes their weights in that order, and
    # gives lower numbers to better matches.
    sql = (
        f"SELECT entry.object_id, bm25({fts_table}, %s, %s, %s) "
        f"FROM {fts_table} JOIN {IndexEntry._meta.db_table} entry ON entry.id = {fts_table}.rowid "
        f"WHERE {fts_table} MATCH %s AND entry.content_type_id IN ({type_params})"
    )
    params = [SUMMARY_WEIGHT, BODY_WEIGHT, TITLE_WEIGHT, match] + [ct.pk for ct in page_types]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {int(object_id): -rank for object_id, rank in cursor.fetchall()}


def _postgres_scores(words: list[str], page_types: list[ContentType]) -> dict[int, float]:
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from wagtail.search.models import IndexEntry

    def any_word(config):
        query = SearchQuery(words[0], search_type="plain", config=config)
        for word in words[1:]:
            query |= SearchQuery(word, search_type="plain", config=config)
        return query

    config = get_search_backend().config
    stemmed = any_word(config)
    # The short-text column is indexed without stemming, as Wagtail's autocomplete reads it.
    unstemmed = any_word(get_search_backend().autocomplete_config)
    entries = (
        IndexEntry.objects.filter(Q(title=stemmed) | Q(body=stemmed), content_type__in=page_types)
        .annotate(
            score=SearchRank(F("title"), stemmed) * TITLE_WEIGHT
            + SearchRank(F("autocomplete"), unstemmed) * SUMMARY_WEIGHT
            + SearchRank(F("body"), stemmed) * BODY_WEIGHT
        )
        .values_list("object_id", "score")
    )
    return {int(object_id): score for object_id, score in entries}
