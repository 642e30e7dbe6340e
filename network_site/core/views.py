from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.views.static import serve
from wagtail.models import Page

from .forms import SearchForm

RESULTS_PER_PAGE = 10


def search(request):
    form = SearchForm(request.GET)
    query = ""
    results_page = None
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            results = Page.objects.live().public().specific().search(query)
            results_page = Paginator(results, RESULTS_PER_PAGE).get_page(
                form.cleaned_data["page"] or 1
            )
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
