from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.views.static import serve
from wagtail.models import Page

from .forms import SearchForm
from .page_cache import content_cached
from .search import ranked_page_ids

RESULTS_PER_PAGE = 10


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
    # Rendered without the request's context: whatever broke must not break this page too.
    return render(None, "500.html", status=500)
