"""Every CSV the admin can download, Wagtail's own exports included (site history, workflows,
workflow tasks, locked pages, every listing with a CSV button), has its formula-like cells written
as text, as the site's own exports do (network_site.core.csv_export)."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Workflow
from wagtail_factories import DocumentFactory, ImageFactory

from network_site.core.csv_export import FORMULA_STARTS
from tests.factories.core import StandardPageFactory
from tests.factories.stories import StoryPageFactory

pytestmark = pytest.mark.django_db

STORY_TITLE = '=HYPERLINK("http://example.com/steal","Open")'


def admin_exports():
    """The admin listings Wagtail can export, by path (those that need no object in the path)."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                route = prefix + str(pattern.pattern)
                if (
                    view_class
                    and issubclass(view_class, SpreadsheetExportMixin)
                    and "<" not in route
                    and not route.endswith("results/")
                ):
                    found.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture
def member_typed_titles(admin_user, home_page, story_index):
    story = StoryPageFactory(parent=story_index, title=STORY_TITLE, published=False, live=False)
    story.save_revision(user=admin_user)
    Workflow.objects.get(name="Story moderation").start(story, admin_user)
    page = StandardPageFactory(parent=home_page, title="+44 131 000")
    page.save_revision(user=admin_user).publish(user=admin_user)
    page.locked, page.locked_by, page.locked_at = True, admin_user, timezone.now()
    page.save()
    ImageFactory(title="@SUM(A1)")
    DocumentFactory(title="-2+3")
    get_user_model().objects.filter(pk=admin_user.pk).update(first_name="=cmd|' /C calc'!A0")


def csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_every_admin_csv_export_writes_formulas_as_text(admin_client, member_typed_titles):
    exported = {}
    for path in admin_exports():
        response = admin_client.get(path, {"export": "csv"})
        if response.get("Content-Type", "").startswith("text/csv"):
            exported[path] = csv_rows(response)
    # The reports the issue names are among them, and carry the titles typed above.
    for report in ("site-history", "workflow", "workflow_tasks", "locked"):
        assert f"/admin/reports/{report}/" in exported, report
    assert any(STORY_TITLE in cell for cell in sum(exported["/admin/reports/workflow/"], []))

    formulas = [
        (path, cell)
        for path, rows in exported.items()
        for row in rows
        for cell in row
        if cell.startswith(FORMULA_STARTS)
    ]
    assert formulas == []
    assert ["'" + STORY_TITLE] in [
        [cell for cell in row if STORY_TITLE in cell]
        for row in exported["/admin/reports/workflow/"]
    ]
