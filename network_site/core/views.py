import sys

from django.conf import settings
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError, connection
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.static import serve
from wagtail.models import Page

from .forms import SearchForm
from .page_cache import content_cached
from .search import ranked_page_ids

RESULTS_PER_PAGE = 10
# What a stopped or unreachable database raises; such a request is told to try again this soon.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def site_search_ids(query):
    """The ids of the public pages matching `query`, best match first (network_site.core.search):
    the same for everyone, so kept in the shared cache until the content changes."""
    return content_cached(
        "site-search",
        (connection.vendor, query),
        lambda: ranked_page_ids(
            query, Page.objects.live().public().order_by("-first_published_at", "-id")
        ),
    )


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
