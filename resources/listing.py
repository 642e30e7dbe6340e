"""The resource library's listing, through the core's one filtered listing."""

from network_site.core.listing import Facet, Listing, filtered_listing, sector_facet

from .models import Audience, ResourcePage, ResourceType, readable_children

RESOURCES_PER_PAGE = 10


def topics_in(resources):
    return list(
        ResourcePage.topics.through.objects.filter(content_object__in=resources)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )


FACETS = [
    Facet("type", "Type", ResourceType.choices, lookup="resource_type", multiple=True),
    Facet(
        "audience",
        "Audience",
        lambda resources: list(Audience.objects.values_list("slug", "name")),
        lookup="audiences__slug",
        multiple=True,
    ),
    Facet("topic", "Topic", topics_in, lookup="topics__slug", multiple=True),
    sector_facet(multiple=True),
]


def library_listing(index_page, query_data) -> Listing:
    return filtered_listing(
        readable_children(index_page, ResourcePage),
        query_data,
        facets=FACETS,
        scope=(index_page.pk,),
        per_page=RESOURCES_PER_PAGE,
        order_by=["title", "pk"],
        search_label="Search the library",
        prefetch=["audiences"],
    )
