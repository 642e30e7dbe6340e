"""The one filtered listing: a filter form in, a page of results with facet counts out.

Stories, resources and the mapping guide describe their filters as `Facet`s and call
`filtered_listing`. Every value goes through a Django form first: an unknown one gets a message
beside its filter and in the error summary and is left out, never queried. The count beside an
option is how many items it would show given the search and the *other* filters, worked out in one
grouped query per facet (plus one for the options, where they come from the items themselves), so
a listing's queries do not grow with its items.

Each of those queries reads every visible item, so their results (the options, the counts and the
ids of the results, in order) are kept in the shared cache until the content changes
(`content_cached`), keyed on the listing's `scope`: what selects its items (the page listing them,
and whose view it is where some readers see more, such as a member's and a visitor's), which the
caller names. A listing's page then costs one query for its own items, fetched by id, however deep
the page (an OFFSET would walk every item before it), and the items of a page (with what they
prefetch) are kept there too, keyed on the same scope and their ids.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, Q, QuerySet
from django.http import QueryDict

from .forms import SearchQueryField
from .models import Sector
from .page_cache import content_cached

UNKNOWN_CHOICE = "We do not have that option. Choose from the list."

Choices = list[tuple[str, str]]


@dataclass(frozen=True)
class Facet:
    """One filter. `lookup` is the field path from the listed model to the value (`"kind"`,
    `"sectors__slug"`); `choices` are the known values, or a function of the visible items giving
    them. A facet stored another way gives its own `condition` (values -> Q) and `counts`
    (items -> {value: count}, in one query)."""

    name: str
    label: str
    choices: Choices | Callable[[QuerySet], Choices]
    lookup: str = ""
    multiple: bool = False
    any_label: str = "Any"
    condition: Callable[[list[str]], Q] | None = None
    counts: Callable[[QuerySet], dict[str, int]] | None = None


def every_sector(items: QuerySet) -> Choices:
    """Every shared sector, in the list's order: one that no item has yet counts 0, so a link
    filtered by it still works."""
    return list(Sector.objects.values_list("slug", "name"))


def sector_facet(label: str = "Sector", **options) -> Facet:
    """The sector filter, the same in every listing of items with a `sectors` relation."""
    return Facet("sector", label, every_sector, lookup="sectors__slug", **options)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: Facet
    field: forms.BoundField
    options: list[FacetOption]

    @property
    def name(self) -> str:
        return self.facet.name

    @property
    def label(self) -> str:
        return self.facet.label


@dataclass
class Listing:
    form: forms.Form
    facets: list[FacetResult]
    page: Page
    query: str
    selected: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or self.selected)

    @property
    def is_indexable(self) -> bool:
        """Whether search engines may index this page of the listing: only the plain first page,
        neither filtered, nor refused, nor a later page (each is a copy of what that page links to)."""
        return not (self.is_filtered or self.form.errors or self.page.number > 1)

    @property
    def active_filter_count(self) -> int:
        """How many choices narrow the listing: each selected value, and the search words as one
        (the filters' panel holds the search box too)."""
        return sum(len(values) for values in self.selected.values()) + bool(self.query)


class ListingFilterForm(forms.Form):
    """The search box, one field per facet and the page number; built for each listing."""

    page = forms.IntegerField(
        required=False, min_value=1, error_messages={"invalid": "Choose a page number."}
    )

    def __init__(
        self,
        data: QueryDict,
        *,
        facets: Sequence[Facet],
        choices: dict[str, Choices],
        search_label: str,
    ) -> None:
        super().__init__(data)
        self.facet_choices = choices
        self.fields["page"].error_messages["min_value"] = "Choose a page number."
        if search_label:
            self.fields["q"] = SearchQueryField(label=search_label)
        for facet in facets:
            field_class = forms.MultipleChoiceField if facet.multiple else forms.ChoiceField
            self.fields[facet.name] = field_class(
                label=facet.label,
                required=False,
                choices=choices[facet.name]
                if facet.multiple
                else [("", facet.any_label)] + choices[facet.name],
                widget=forms.CheckboxSelectMultiple if facet.multiple else forms.Select,
                template_name="forms/filter_options_field.html" if facet.multiple else None,
                error_messages={"invalid_choice": UNKNOWN_CHOICE},
            )

    def valid_values(self, name: str) -> list[str]:
        """A field's values if it passed its checks (whatever else failed), as a list."""
        value = self.cleaned_data.get(name)
        if not value:
            return []
        return list(value) if isinstance(value, list) else [value]


def facet_condition(facet: Facet, model: type[Model], values: list[str]) -> Q:
    if facet.condition is not None:
        return facet.condition(values)
    # A subquery, so that a many-to-many lookup never repeats an item (no DISTINCT needed).
    return Q(pk__in=model.objects.filter(**{f"{facet.lookup}__in": values}).values("pk"))


def facet_counts(facet: Facet, items: QuerySet) -> dict[str, int]:
    if facet.counts is not None:
        return facet.counts(items)
    return dict(
        items.order_by()
        .values_list(facet.lookup)
        .annotate(count=Count("pk", distinct=True))
        .values_list(facet.lookup, "count")
    )


def page_of_items(
    items: QuerySet,
    ordered_ids: list[int],
    per_page: int,
    number: object,
    prefetch: Sequence[str],
    scope: tuple | None = None,
) -> Page:
    """The page `number` of the items whose ids are `ordered_ids`, fetched by id in that order;
    with the listing's `scope`, kept in the content cache (the items with what they prefetch),
    apart for each scope so that a member's items and a visitor's never mix."""
    page = Paginator(ordered_ids, per_page).get_page(number)
    ids = list(page.object_list)

    def fetch():
        found = items.filter(pk__in=ids)
        if prefetch:
            found = found.prefetch_related(*prefetch)
        by_id = {item.pk: item for item in found}
        return [by_id[pk] for pk in ids if pk in by_id]

    if scope is None:
        page.object_list = fetch()
    else:
        page.object_list = content_cached("listing-items", (scope, ids, list(prefetch)), fetch)
    return page


def search_ids(items: QuerySet, query: str) -> list[int]:
    """The ids of live pages of the items' kind that have every word of the query."""
    return content_cached(
        "listing-search",
        (items.model._meta.label, query),
        lambda: [page.pk for page in items.model.objects.live().search(query, operator="and")],
    )


@dataclass
class Filtered:
    """A listing's items narrowed by the valid values of its filter form, before counting."""

    form: ListingFilterForm
    items: QuerySet
    query: str
    selected: dict[str, list[str]]
    conditions: dict[str, Q]
    scope: tuple

    def results(self, excluding: str | None = None) -> QuerySet:
        """The items with every selected filter applied, but the one named `excluding`."""
        condition = Q()
        for name, facet_q in self.conditions.items():
            if name != excluding:
                condition &= facet_q
        return self.items.filter(condition)


def apply_filters(
    items: QuerySet,
    data: QueryDict,
    *,
    facets: Sequence[Facet],
    scope: tuple | None,
    search_label: str = "",
) -> Filtered:
    """The filter form for `data` (request.GET) and the items its valid values select; for
    listings, and for exports that follow the same query string. `scope` names what selects
    `items` (hashable values: the listing page's id, and whose view it is where that changes
    them), the key of what is cached about them; None keeps nothing (a listing of people)."""
    if scope is not None:
        scope = (items.model._meta.label, *scope)

    def facet_choices():
        return {
            facet.name: facet.choices(items) if callable(facet.choices) else list(facet.choices)
            for facet in facets
        }

    names = [facet.name for facet in facets]
    choices = (
        facet_choices()
        if scope is None
        else content_cached("listing-choices", (scope, names), facet_choices)
    )
    form = ListingFilterForm(data, facets=facets, choices=choices, search_label=search_label)
    form.is_valid()
    query = form.cleaned_data.get("q", "") if search_label else ""
    if query:
        items = items.filter(pk__in=search_ids(items, query))
    selected = {facet.name: form.valid_values(facet.name) for facet in facets}
    selected = {name: values for name, values in selected.items() if values}
    conditions = {
        facet.name: facet_condition(facet, items.model, selected[facet.name])
        for facet in facets
        if facet.name in selected
    }
    return Filtered(form, items, query, selected, conditions, scope)


def filtered_listing(
    items: QuerySet,
    data: QueryDict,
    *,
    facets: Sequence[Facet],
    scope: tuple,
    per_page: int,
    order_by: Sequence[str],
    search_label: str = "",
    prefetch: Sequence[str] = (),
) -> Listing:
    """`items` filtered by the valid values in `data` (request.GET), one page of them, and each
    facet's options with their counts (`scope`: as for `apply_filters`)."""
    filtered = apply_filters(items, data, facets=facets, scope=scope, search_label=search_label)

    def summary():
        return {
            "counts": {
                facet.name: facet_counts(facet, filtered.results(excluding=facet.name))
                for facet in facets
            },
            "ids": list(filtered.results().order_by(*order_by).values_list("pk", flat=True)),
        }

    names = [facet.name for facet in facets]
    counted = content_cached(
        "listing-counts",
        (filtered.scope, names, filtered.query, sorted(filtered.selected.items()), order_by),
        summary,
    )
    results = []
    for facet in facets:
        counts = counted["counts"][facet.name]
        wanted = set(filtered.selected.get(facet.name, ()))
        # An option nothing matches is left out ("Video (0)" leads nowhere), unless it is
        # chosen: a filtered link keeps its choice in view.
        options = [
            FacetOption(value, label, counts.get(value, 0), value in wanted)
            for value, label in filtered.form.facet_choices[facet.name]
            if counts.get(value, 0) or value in wanted
        ]
        # The filter's field shows each option with its count.
        field = filtered.form.fields[facet.name]
        counted_choices = [(option.value, f"{option.label} ({option.count})") for option in options]
        field.choices = (
            counted_choices if facet.multiple else [("", facet.any_label), *counted_choices]
        )
        results.append(FacetResult(facet=facet, field=filtered.form[facet.name], options=options))
    page = page_of_items(
        filtered.results(),
        counted["ids"],
        per_page,
        filtered.form.cleaned_data.get("page"),
        prefetch,
        scope=filtered.scope,
    )
    return Listing(
        form=filtered.form,
        facets=results,
        page=page,
        query=filtered.query,
        selected=filtered.selected,
    )
