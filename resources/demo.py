"""Demo content: the resource library, the booklet and the Carers Act guide, in the network's own words.

The prose is in `demo_content/` (see network_site/core/demo_data.py for the files' form); facts come
from ../shared/reference/. Loading twice gives the same tree.
"""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Site

from network_site.core.demo import upsert_page
from network_site.core.demo_data import (
    DemoDataError,
    by_slug,
    check_fields,
    read_records,
    upsert_page_from_file,
    upsert_pages_from_folder,
)
from network_site.core.models import NetworkSettings, Sector

from .impact import load_demo_uses
from .models import (
    Audience,
    BookletChapterPage,
    BookletPage,
    CarersActGuidePage,
    CarersActSectionPage,
    ResourceIndexPage,
    ResourcePage,
    SelfCheckPage,
)

DEMO_CONTENT = Path(__file__).parent / "demo_content"
BOOKLET = DEMO_CONTENT / "understanding-personal-outcomes.md"
CARERS_ACT_GUIDE = DEMO_CONTENT / "carers-act-guide.md"
LIBRARY = DEMO_CONTENT / "resources.md"
RESOURCES = DEMO_CONTENT / "resources.yaml"
DEMO_REVIEW_DATE = datetime.date(2026, 9, 1)
SELF_CHECK = CARERS_ACT_GUIDE.with_suffix("") / "06-self-check.md"
# What a resource's record gives besides its page's fields: its terms, and perhaps a document file
# or a page of this site.
RESOURCE_RELATIONS = {"slug", "audiences", "sectors", "topics", "document", "site_page"}
RESOURCE_REQUIRED = {"slug", "title", "audiences", "sectors", "topics"}


def choose_the_booklet(booklet):
    """The welcome email links the booklet chosen in the site's settings."""
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    if network_settings.booklet_page_id != booklet.pk:
        network_settings.booklet_page = booklet
        network_settings.save()


def load(context):
    home = context["home"]
    library = upsert_page_from_file(home, ResourceIndexPage, LIBRARY)
    booklet = load_with_children(home, BOOKLET, BookletPage, BookletChapterPage)
    choose_the_booklet(booklet)
    guide = load_with_children(
        home,
        CARERS_ACT_GUIDE,
        CarersActGuidePage,
        CarersActSectionPage,
        page_classes={"self-check": SelfCheckPage},
    )
    load_resources(library, home)
    load_demo_uses(library)
    context["resource_library"] = library
    context["booklet"] = booklet
    context["carers_act_guide"] = guide
    context["stdout"].write(
        f"Resources: the library ({ResourcePage.objects.child_of(library).count()} resources), "
        "the booklet and the Carers Act guide"
    )


def load_with_children(home, path, page_class, child_class, page_classes=None):
    """A publication from its file, and its chapters or sections from the folder of the same name."""
    page = upsert_page_from_file(home, page_class, path)
    upsert_pages_from_folder(page, path.with_suffix(""), child_class, page_classes)
    return page


def demo_document(path, title):
    """A document from a demo file, added once under its title."""
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(path.name, ContentFile(path.read_bytes()), save=False)
        document.save()
    return document


def load_resources(library, home):
    """The library's resources; one may be a page of this site (`site_page`, a slug under home)."""
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    for position, entry in enumerate(read_records(RESOURCES, RESOURCE_REQUIRED), 1):
        where = f"resource {position}"
        fields = {key: value for key, value in entry.items() if key not in RESOURCE_RELATIONS}
        check_fields(RESOURCES, ResourcePage, fields, where)
        if entry.get("document"):
            fields["document_id"] = demo_document(
                DEMO_CONTENT / entry["document"], entry["title"]
            ).pk
        if entry.get("site_page"):
            site_page = home.get_children().filter(slug=entry["site_page"]).first()
            if site_page is None:
                raise DemoDataError(RESOURCES, f"{where}: no page '{entry['site_page']}' here.")
            fields["site_page_id"] = site_page.pk
        fields["last_reviewed"] = DEMO_REVIEW_DATE
        upsert_page(
            library,
            ResourcePage,
            entry["slug"],
            relations={
                "audiences": by_slug(RESOURCES, where, audiences, entry["audiences"]),
                "sectors": by_slug(RESOURCES, where, sectors, entry["sectors"]),
                "topics": entry["topics"],
            },
            **fields,
        )
