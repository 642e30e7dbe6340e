"""The resource library's listing: filters, counts beside each option, search and pages.

Every count is one grouped query per filter, whatever the number of options or resources. The count
beside an option says how many resources it would show, given the search and the *other* filters.
"""

from django.core.paginator import Paginator
from django.db.models import Count

from .forms import LibraryFilterForm
from .models import (
    Audience,
    ResourcePage,
    ResourceTopicTag,
    ResourceType,
    Sector,
    readable_children,
)

RESOURCES_PER_PAGE = 10

AudienceLink = ResourcePage.audiences.through
SectorLink = ResourcePage.sectors.through


def library_listing(index_page, query_data):
    resources = readable_children(index_page, ResourcePage)

    audiences = list(Audience.objects.values_list("slug", "name"))
    sectors = list(Sector.objects.values_list("slug", "name"))
    topics = list(
        ResourceTopicTag.objects.filter(content_object__in=resources)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )
    form = LibraryFilterForm(query_data, audiences=audiences, topics=topics, sectors=sectors)
    wanted = form.valid_values()

    if wanted["q"]:
        matching_ids = [
            page.pk for page in ResourcePage.objects.live().search(wanted["q"], operator="and")
        ]
        resources = resources.filter(pk__in=matching_ids)

    def filtered(excluding=None):
        queryset = resources
        if wanted["type"] and excluding != "type":
            queryset = queryset.filter(resource_type__in=wanted["type"])
        if wanted["audience"] and excluding != "audience":
            queryset = queryset.filter(
                pk__in=AudienceLink.objects.filter(audience__slug__in=wanted["audience"]).values(
                    "resourcepage_id"
                )
            )
        if wanted["sector"] and excluding != "sector":
            queryset = queryset.filter(
                pk__in=SectorLink.objects.filter(sector__slug__in=wanted["sector"]).values(
                    "resourcepage_id"
                )
            )
        if wanted["topic"] and excluding != "topic":
            queryset = queryset.filter(
                pk__in=ResourceTopicTag.objects.filter(tag__slug__in=wanted["topic"]).values(
                    "content_object_id"
                )
            )
        return queryset

    type_counts = dict(
        filtered(excluding="type")
        .order_by()
        .values_list("resource_type")
        .annotate(count=Count("pk"))
    )
    audience_counts = dict(
        AudienceLink.objects.filter(resourcepage_id__in=filtered(excluding="audience").values("pk"))
        .order_by()
        .values_list("audience__slug")
        .annotate(count=Count("resourcepage_id", distinct=True))
    )
    sector_counts = dict(
        SectorLink.objects.filter(resourcepage_id__in=filtered(excluding="sector").values("pk"))
        .order_by()
        .values_list("sector__slug")
        .annotate(count=Count("resourcepage_id", distinct=True))
    )
    topic_counts = dict(
        ResourceTopicTag.objects.filter(
            content_object_id__in=filtered(excluding="topic").values("pk")
        )
        .order_by()
        .values_list("tag__slug")
        .annotate(count=Count("content_object_id", distinct=True))
    )

    results = (
        filtered()
        .select_related("document")
        .prefetch_related("audiences", "sectors", "topics")
        .order_by("title", "pk")
    )
    results_page = Paginator(results, RESOURCES_PER_PAGE).get_page(query_data.get("page"))

    facets = [
        _facet(form, "type", ResourceType.choices, type_counts, wanted),
        _facet(form, "audience", audiences, audience_counts, wanted),
        _facet(form, "topic", topics, topic_counts, wanted),
        _facet(form, "sector", sectors, sector_counts, wanted),
    ]
    is_filtered = bool(wanted["q"] or any(wanted[name] for name in LibraryFilterForm.FACETS))
    return {
        "filter_form": form,
        "facets": facets,
        "results_page": results_page,
        "query": wanted["q"],
        "is_filtered": is_filtered,
    }


def _facet(form, name, choices, counts, wanted):
    selected = set(wanted[name])
    return {
        "name": name,
        "label": form.fields[name].label,
        "field": form[name],
        "options": [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "checked": value in selected,
                "id": f"filter-{name}-{value}",
            }
            for value, label in choices
        ],
    }
