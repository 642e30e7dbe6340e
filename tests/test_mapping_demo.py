import io

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from mapping import demo as mapping_demo
from mapping.models import (
    ComparisonDimension,
    EntryDimensionValue,
    EntryRelationship,
    MappingEntryPage,
    MappingGuidePage,
)
from network_site.core.demo_data import DemoDataError

pytestmark = pytest.mark.django_db

DEMO_APPS = ["mapping"]


def test_demo_guide_has_entries_with_a_value_for_every_dimension_and_loads_twice_the_same(
    demo_content,
):

    guide = MappingGuidePage.objects.get()
    entries = MappingEntryPage.objects.live().child_of(guide)
    dimensions = ComparisonDimension.objects.count()
    assert entries.count() >= 15
    assert dimensions >= 8
    assert EntryDimensionValue.objects.count() == entries.count() * dimensions
    assert EntryRelationship.objects.count() >= 5
    assert all(entry.sources.exists() and entry.examples.exists() for entry in entries)
    assert guide.show_in_menus

    revisions = Revision.objects.count()
    output = io.StringIO()
    call_command("load_demo_content", "--app", "mapping", stdout=output)
    assert Revision.objects.count() == revisions
    assert f"Mapping guide: {entries.count()} entries (0 changed)" in output.getvalue()


def test_demo_guide_pages_render(demo_content, client):
    for path in [
        "/mapping-guide/",
        "/mapping-guide/carers-scotland-act-2016/",
        "/mapping-guide/compare/?entry=talking-points&entry=self-directed-support",
        "/mapping-guide/matrix/",
    ]:
        assert client.get(path).status_code == 200, path


def test_a_row_the_importer_refuses_stops_the_demo_naming_the_file_and_line(
    tmp_path, monkeypatch, home_page
):
    broken = tmp_path / "mapping-guide.csv"
    broken.write_text(mapping_demo.ENTRIES.read_text().replace(",approach,", ",recipe,", 1))
    monkeypatch.setattr(mapping_demo, "ENTRIES", broken)
    with pytest.raises(DemoDataError, match=rf"^{broken}: the importer refused line 2: "):
        mapping_demo.load({"home": home_page, "stdout": io.StringIO()})
    assert not MappingEntryPage.objects.exists()
