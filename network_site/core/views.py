import sys

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError, connection
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.static import serve
from wagtail.models import Page, get_page_models

from .forms import SearchForm
from .page_cache import content_cached

RESULTS_PER_PAGE = 10
# What a stopped or unreachable database raises; such a request is told to try again this soon.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def site_search_ids(query):
    """The ids of the public pages matching `query`, newest first: the same for everyone, so kept
    in the shared cache until the content changes.

    Ordering by relevance makes the search backend score every matching page with a subquery of
    its own (tens of seconds on SQLite, seconds on PostgreSQL, for a common word among 10,000
    stories). Without it, SQLite's match is one lookup in its full-text table; on PostgreSQL the
    backend matches the concatenation of two columns, which no index serves, so the match is made
    here on each indexed column (each has a GIN index).
    """

    def matching_ids():
        pages = Page.objects.live().public().order_by("-first_published_at", "-id")
        if connection.vendor == "postgresql":
            return list(pages.filter(pk__in=_postgres_matches(query)).values_list("pk", flat=True))
        return [page.pk for page in pages.only("pk").search(query, order_by_relevance=False)]

    return content_cached("site-search", (connection.vendor, query), matching_ids)


def _postgres_matches(query):
    """Ids of the pages whose indexed title or body matches, fetched first: as a subquery, the
    planner walks pages newest first and probes the matches for each one (1.3 s for a common word
    among 10,000 stories) instead of hashing them once."""
    from django.contrib.postgres.search import SearchQuery
    from wagtail.search.models import IndexEntry

    words = SearchQuery(query, search_type="plain")
    page_types = ContentType.objects.get_for_models(*get_page_models()).values()
    object_ids = IndexEntry.objects.filter(
        Q(title=words) | Q(body=words), content_type__in=page_types
    ).values_list("object_id", flat=True)
    return [int(object_id) for object_id in object_ids]


def search(request):
    form = SearchForm(request.GET)
    query = ""
    results_page = None
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            results_page = Paginator(site_search_ids(query), RESULTS_PER_PAGE).get_page(
                form.cleaned_data["page"] or 1
            )
            # Only the page of results is fetched, each page type's own fields in one query.
            shown = {
                page.pk: page
                for page in Page.objects.filter(pk__in=results_page.object_list).specific()
            }
            results_page.object_list = [shown[pk] for pk in results_page.object_list if pk in shown]
    return TemplateResponse(
        request,
        "pages/core/search_results.html",
        {"form": form, "query": query, "results_page": results_page},
    )


def public_media(request, path):
    """Development's media server: image renditions only (settings.PUBLIC_MEDIA_PREFIXES).

    Documents are served by Wagtail's view, which checks collection restrictions; original
    images and anything else under MEDIA_ROOT are never served.
    """
    if not path.startswith(settings.PUBLIC_MEDIA_PREFIXES) or ".." in path.split("/"):
        raise Http404("Not a public file")
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def not_found(request, **kwargs):
    raise Http404


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Django's handler500, called while the exception is being handled. A database that does not
    answer (stopped, restarting, unreachable) is a passing trouble: 503 with Retry-After, and a
    page that says to try again in a minute. Both pages give the request's id, for a member to
    quote. Rendered without the request's context: whatever broke must not break this page too."""
    context = {
        "request_id": getattr(request, "request_id", None),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        response = render(None, "503.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)  # no cache in front may keep the outage
        return response
    return render(None, "500.html", context, status=500)
