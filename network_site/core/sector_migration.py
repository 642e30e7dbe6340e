"""How the data migrations that brought the four lists of sectors into one map the old values.

Used only by migrations (core 0005 and the apps' sector migrations) and their test, so it is frozen:
change the vocabulary through the Sector snippet or a new migration, never here. Every function takes
the historical `Sector` model its migration passes in.
"""

from django.utils.text import slugify

# The union of the four old lists, one spelling each, in the order lists show them.
SEEDS = [
    ("health", "Health"),
    ("social-care", "Social care"),
    ("housing", "Housing"),
    ("education", "Education"),
    ("third-sector", "Third sector"),
    ("independent-sector", "Independent sector"),
    ("community", "Community"),
    ("wider-public-services", "Wider public services"),
    ("lived-experience", "Unpaid carer or person with lived experience"),
    ("other", "Other"),
]

# An old term that named two sectors of the new list: a resource filed under it gets both.
SPLIT_NAMES = {"Third and independent sector": ["third-sector", "independent-sector"]}


def seed(Sector):
    for order, (slug, name) in enumerate(SEEDS):
        Sector.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def shared_sector(Sector, value, name=""):
    """The shared sector for an old value: a choice such as "social_care" or a snippet's slug and
    name. Matched by slug (underscores read as hyphens), then by name; created if neither
    matches, so that no old value is lost."""
    slug = slugify(value.replace("_", "-"))
    found = Sector.objects.filter(slug=slug).first()
    if found is None and name:
        found = Sector.objects.filter(name__iexact=name).first()
    if found is None:
        last = Sector.objects.order_by("-sort_order").values_list("sort_order", flat=True).first()
        found = Sector.objects.create(
            slug=slug,
            name=name or value.replace("_", " ").capitalize(),
            sort_order=(last or 0) + 1,
        )
    return found


def shared_sectors_for_term(Sector, slug, name):
    """The shared sectors an old snippet row (stories' or resources' Sector) becomes."""
    if name in SPLIT_NAMES:
        return [shared_sector(Sector, part) for part in SPLIT_NAMES[name]]
    return [shared_sector(Sector, slug, name)]


def remap_revisions(Revision, app_label, model_name, convert):
    """Rewrites the content of every saved revision of a page type: drafts awaiting moderation
    or publishing must come back with the shared sectors, not the old ones."""
    revisions = Revision.objects.filter(
        content_type__app_label=app_label, content_type__model=model_name
    )
    for revision in revisions.iterator():
        content = convert(dict(revision.content))
        if content != revision.content:
            revision.content = content
            revision.save(update_fields=["content"])


def copy_page_sectors(apps, app_label, model_name):
    """Moves a page type's `sectors` (to its app's own Sector rows) to `shared_sectors` (to
    core's), for its links and its saved drafts alike."""
    Sector = apps.get_model("core", "Sector")
    OldSector = apps.get_model(app_label, "Sector")
    page_model = apps.get_model(app_label, model_name)
    shared = {
        old.pk: [sector.pk for sector in shared_sectors_for_term(Sector, old.slug, old.name)]
        for old in OldSector.objects.all()
    }
    page_column = f"{model_name.lower()}_id"
    Link = page_model.shared_sectors.through
    Link.objects.bulk_create(
        [
            Link(**{page_column: getattr(old_link, page_column), "sector_id": sector_pk})
            for old_link in page_model.sectors.through.objects.all()
            for sector_pk in shared[old_link.sector_id]
        ],
        ignore_conflicts=True,
    )

    def convert(content):
        if "sectors" in content:
            old_pks = [pk for pk in content["sectors"] if pk in shared]
            content["sectors"] = sorted({pk for old in old_pks for pk in shared[old]})
        return content

    remap_revisions(
        apps.get_model("wagtailcore", "Revision"), app_label, model_name.lower(), convert
    )


# The mapping guide's old yes/no columns, `applies_to_<value>`, in its old order.
MAPPING_COLUMNS = ["health", "social_care", "housing", "education", "wider_public_services"]


def copy_mapping_columns(apps):
    """Each guide entry's yes columns become links to the shared sectors, drafts included."""
    Sector = apps.get_model("core", "Sector")
    MappingEntryPage = apps.get_model("mapping", "MappingEntryPage")
    shared = {value: shared_sector(Sector, value).pk for value in MAPPING_COLUMNS}
    Link = MappingEntryPage.sectors_shared.through
    Link.objects.bulk_create(
        [
            Link(mappingentrypage_id=entry["pk"], sector_id=shared[value])
            for entry in MappingEntryPage.objects.values(
                "pk", *(f"applies_to_{value}" for value in MAPPING_COLUMNS)
            )
            for value in MAPPING_COLUMNS
            if entry[f"applies_to_{value}"]
        ],
        ignore_conflicts=True,
    )

    def convert(content):
        columns = {value: content.pop(f"applies_to_{value}", False) for value in MAPPING_COLUMNS}
        if any(columns.values()) or "sectors" not in content:
            content["sectors"] = [shared[value] for value, yes in columns.items() if yes]
        return content

    remap_revisions(
        apps.get_model("wagtailcore", "Revision"), "mapping", "mappingentrypage", convert
    )


def copy_member_choices(apps):
    """Join requests' and profiles' sector choices become the shared sectors. A join request
    always had one: an empty value (never written by the join form) becomes "Other"."""
    Sector = apps.get_model("core", "Sector")
    for model_name, empty in (("JoinRequest", "other"), ("MemberProfile", "")):
        model = apps.get_model("membership", model_name)
        values = set(model.objects.values_list("sector", flat=True))
        for value in values:
            choice = value or empty
            if choice:
                sector = shared_sector(Sector, choice)
                model.objects.filter(sector=value).update(sector_ref=sector)
