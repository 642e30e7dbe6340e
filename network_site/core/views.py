from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.response import TemplateResponse
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


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context: whatever broke must not break this page too.
    return render(None, "500.html", status=500)
