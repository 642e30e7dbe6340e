"""Demo content: the accessibility statement, linked from every page's footer."""

from pathlib import Path

from wagtail.models import Site

from network_site.core.demo_data import upsert_page_from_file
from network_site.core.models import NetworkSettings

from .models import AccessibilityStatementPage

STATEMENT = Path(__file__).parent / "demo_content" / "accessibility-statement.md"


def load(context):
    home = context["home"]
    # An older demo site had the statement as a standard page at the same address.
    home.get_children().filter(slug="accessibility-statement").not_type(
        AccessibilityStatementPage
    ).delete()
    statement = upsert_page_from_file(home, AccessibilityStatementPage, STATEMENT)
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    if network_settings.accessibility_page_id != statement.pk:
        network_settings.accessibility_page = statement
        network_settings.save()
    context["stdout"].write("Accessibility statement: loaded")
