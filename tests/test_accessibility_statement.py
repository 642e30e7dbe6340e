"""The accessibility statement: its test results made from the browser tests' results file, the
committed file kept up to date with the browser tests, and the page in the standard form."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from accessibility import statement
from accessibility.models import AccessibilityStatementPage
from network_site.core.models import NetworkSettings
from tests.factories.accessibility import AccessibilityStatementPageFactory

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHECKS = {
    "reflow": ["Reflow", ["1.4.10 Reflow"], "Nothing scrolls sideways at 320 pixels."],
    "focus": ["Keyboard focus", ["2.4.7 Focus visible"], "The focus always shows."],
    "zoom": ["Zoom", ["1.4.4 Resize text"], "Nothing is lost at 400%."],
}


def run(check, page_type, outcome, reason=""):
    return {
        "check": check,
        "page_type": page_type,
        "test": f"tests/browser/test_x.py::test_{check}[{page_type}]",
        "outcome": outcome,
        "reason": reason,
    }


def results(*runs):
    return {
        "axe_core_version": "4.14.1",
        "checks": CHECKS,
        "allowed_exceptions": {"reflow": ["The gap map scrolls in its own region."]},
        "results": list(runs),
    }


def test_statement_claims_only_the_checks_that_ran_with_their_page_types_and_outcomes():
    data = statement.statement_data(
        results(
            run("reflow", "home", "passed"),
            run("reflow", "mapping-matrix", "passed"),
            run("focus", "home", "passed"),
            run("focus", "story", "known problem", "The story's share button is hidden."),
        )
    )
    assert [check["id"] for check in data["checks"]] == ["reflow", "focus"]
    reflow, focus = data["checks"]
    assert reflow["page_types"] == ["Home", "Mapping matrix"]
    assert (reflow["runs"], reflow["passed"], reflow["known_problem"]) == (2, 2, 0)
    assert reflow["allowed_exceptions"] == ["The gap map scrolls in its own region."]
    assert (focus["runs"], focus["passed"], focus["known_problem"]) == (2, 1, 1)
    assert data["known_problems"] == [
        {
            "check": "Keyboard focus",
            "page_type": "Story",
            "reason": "The story's share button is hidden.",
        }
    ]
    assert data["axe_core_version"] == "4.14.1"


def test_a_failed_check_is_a_known_problem_until_it_is_fixed():
    data = statement.statement_data(results(run("zoom", "booklet", "failed")))
    assert data["checks"][0]["failed"] == 1
    assert data["known_problems"] == [
        {"check": "Zoom", "page_type": "Booklet", "reason": "Failed in the last test run."}
    ]


def test_the_same_results_give_the_same_file():
    runs = [run("reflow", "home", "passed"), run("focus", "story", "passed")]
    first = statement.dumps(statement.statement_data(results(*runs)))
    assert first == statement.dumps(statement.statement_data(results(*reversed(runs))))


@pytest.fixture
def statement_file(tmp_path, monkeypatch):
    """The statement's data file, in a temporary folder: the command writes there."""
    path = tmp_path / "statement_data.json"
    monkeypatch.setattr(statement, "STATEMENT_DATA", path)
    monkeypatch.setattr(
        "accessibility.management.commands.accessibility_statement.STATEMENT_DATA", path
    )
    return path


def write_results(tmp_path, data):
    path = tmp_path / "accessibility-results.json"
    path.write_text(json.dumps(data))
    return path


def test_command_writes_the_statement_then_check_passes_until_the_results_change(
    tmp_path, statement_file
):
    results_file = write_results(tmp_path, results(run("reflow", "home", "passed")))
    call_command("accessibility_statement", results=[results_file])
    assert json.loads(statement_file.read_text())["checks"][0]["page_types"] == ["Home"]
    call_command("accessibility_statement", results=[results_file], check=True)

    write_results(
        tmp_path, results(run("reflow", "home", "passed"), run("reflow", "story", "passed"))
    )
    with pytest.raises(CommandError, match="out of date"):
        call_command("accessibility_statement", results=[results_file], check=True)
    assert json.loads(statement_file.read_text())["checks"][0]["runs"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "No results file"), ("{not json", "is not JSON"), ('["a list"]', "not a results")],
)
def test_command_refuses_a_missing_or_broken_results_file(
    tmp_path, statement_file, content, message
):
    path = tmp_path / "results.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("accessibility_statement", results=[path])
    assert not statement_file.exists()


def test_committed_statement_names_every_check_the_browser_tests_make(tmp_path):
    """The browser tests collected (not run): a check or page type added to them, or an axe-core
    upgrade, without the statement renewed, fails here (`manage.py accessibility_statement`)."""
    plan = tmp_path / "plan.json"
    collected = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/browser",
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "ACCESSIBILITY_PLAN": str(plan)},
        capture_output=True,
        text=True,
    )
    assert collected.returncode == 0, collected.stdout[-2000:]
    planned = statement.claims(statement.statement_data(json.loads(plan.read_text())))
    assert planned["checks"], "the browser tests make no accessibility checks"
    assert statement.claims(statement.committed_statement()) == planned, (
        "accessibility/statement_data.json is out of date: run the browser tests, then "
        "`manage.py accessibility_statement`, and commit the file"
    )


def statement_page(home_page):
    page = AccessibilityStatementPageFactory(parent=home_page, contact_email="access@example.org")
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    network_settings.accessibility_page = page
    network_settings.save()
    return page


def test_statement_page_has_the_standard_sections_and_the_test_results(client, home_page):
    page = statement_page(home_page)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in [
        "How accessible this website is",
        "Asking for information in another format",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ]:
        assert f">{heading}</h" in html, heading
    assert "Equality Advisory and Support Service (EASS)" in html
    assert "Equality and Human Rights Commission" in html
    assert "mailto:access@example.org" in html
    for check in statement.committed_statement()["checks"]:
        assert f">{check['title']}</h3>" in html
    # Every page's footer leads to it.
    assert f'href="{page.url}">Accessibility statement</a>' in client.get("/").content.decode()


def test_known_problems_make_the_site_partially_compliant(client, home_page, statement_file):
    statement_file.write_text(
        statement.dumps(
            statement.statement_data(
                results(run("zoom", "booklet", "known problem", "The booklet's table overlaps."))
            )
        )
    )
    html = client.get(statement_page(home_page).url).content.decode()
    assert "partially compliant" in html
    assert "The booklet&#x27;s table overlaps." in html
    assert "fully compliant" not in html


def test_without_a_contact_address_the_network_address_is_given(client, home_page):
    page = statement_page(home_page)
    page.contact_email = ""
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "mailto:network@example.org" in html


@pytest.mark.django_db
def test_only_one_statement_and_only_under_the_home_page(home_page):
    AccessibilityStatementPageFactory(parent=home_page)
    assert not AccessibilityStatementPage.can_create_at(home_page)
    assert AccessibilityStatementPage.allowed_subpage_models() == []


def test_results_of_runs_of_different_test_files_are_read_as_one(tmp_path, statement_file):
    first = write_results(tmp_path, results(run("reflow", "home", "passed")))
    second = tmp_path / "second.json"
    second.write_text(json.dumps(results(run("zoom", "story", "passed"))))
    call_command("accessibility_statement", results=[first, second])
    written = json.loads(statement_file.read_text())
    assert [(check["id"], check["page_types"]) for check in written["checks"]] == [
        ("reflow", ["Home"]),
        ("zoom", ["Story"]),
    ]


def test_a_planned_test_that_no_results_file_ran_shows_as_not_run():
    plan = results(run("reflow", "home", "planned"), run("reflow", "story", "planned"))
    ran = results(run("reflow", "home", "passed"))
    [reflow] = statement.statement_data(statement.merged_results([plan, ran]))["checks"]
    assert (reflow["runs"], reflow["passed"], reflow["not_run"]) == (2, 1, 1)
