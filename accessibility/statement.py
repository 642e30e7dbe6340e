"""The accessibility statement's test results: made from the browser tests' results file, kept in
the repository as statement_data.json, and read by the statement page.

The browser tests write the results file (see tests/browser/accessibility_checks.py): every check
they know with its title, success criteria and description, what each check allows and why, and
each test's outcome. `statement_data` turns it into what the statement says; nothing in it depends
on the time or the machine, so the same results always give the same file.
"""

import json
from pathlib import Path

STATEMENT_DATA = Path(__file__).parent / "statement_data.json"
OUTCOMES = ("passed", "failed", "skipped", "known problem", "not run")


class ResultsError(ValueError):
    """The results file is missing or is not what the browser tests write."""


def read_results(path: Path) -> dict:
    try:
        results = json.loads(path.read_text())
    except FileNotFoundError:
        raise ResultsError(
            f"No results file at {path}: run the browser tests first (make test-browser)."
        ) from None
    except json.JSONDecodeError as error:
        raise ResultsError(f"{path} is not JSON: {error}") from None
    if not isinstance(results, dict) or not {"checks", "results"} <= set(results):
        raise ResultsError(f"{path} is not a results file written by the browser tests.")
    return results


def merged_results(files: list[dict]) -> dict:
    """Results files from runs of different browser test files, as one: a test in more than one
    keeps its last outcome. The first may be a plan (the browser tests collected with
    ACCESSIBILITY_PLAN set): a test it names that no later file ran shows as not run."""
    merged = {**files[0], "results": []}
    by_test = {}
    for results in files:
        merged["checks"] = {**merged["checks"], **results["checks"]}
        merged["allowed_exceptions"] = {
            **merged.get("allowed_exceptions", {}),
            **results.get("allowed_exceptions", {}),
        }
        by_test.update({run["test"]: run for run in results["results"]})
    merged["results"] = [by_test[test] for test in sorted(by_test)]
    return merged


def page_type_label(name: str) -> str:
    return name.replace("-", " ").capitalize()


def statement_data(results: dict) -> dict:
    """What the statement says about testing, from one run's results: each check that ran, on
    which page types, and how it ended; the problems the tests know of, with their reasons."""
    runs = results["results"]
    checks = []
    for check_id, (title, criteria, description) in results["checks"].items():
        check_runs = [run for run in runs if run["check"] == check_id]
        if not check_runs:
            # A check that did not run is not claimed.
            continue
        counts = dict.fromkeys(OUTCOMES, 0)
        for run in check_runs:
            # A test collected (a plan's "planned") but with no outcome in the results read.
            outcome = "not run" if run["outcome"] == "planned" else run["outcome"]
            counts[outcome] += 1
        checks.append(
            {
                "id": check_id,
                "title": title,
                "criteria": criteria,
                "description": description,
                "page_types": sorted(
                    {page_type_label(run["page_type"]) for run in check_runs if run["page_type"]}
                ),
                "runs": len(check_runs),
                **{outcome.replace(" ", "_"): count for outcome, count in counts.items()},
                "allowed_exceptions": results.get("allowed_exceptions", {}).get(check_id, []),
            }
        )
    titles = {check_id: title for check_id, (title, *_rest) in results["checks"].items()}
    known_problems = [
        {
            "check": titles.get(run["check"], run["check"]),
            "page_type": page_type_label(run["page_type"]),
            "reason": run["reason"] or "Failed in the last test run.",
        }
        for run in runs
        if run["outcome"] in ("known problem", "failed")
    ]
    return {
        "standard": "WCAG 2.2 level AA",
        "axe_core_version": results.get("axe_core_version", ""),
        "browser": "Chromium",
        "checks": checks,
        "known_problems": sorted(
            known_problems, key=lambda problem: (problem["check"], problem["page_type"])
        ),
    }


CLAIM_FIELDS = (
    "id",
    "title",
    "criteria",
    "description",
    "page_types",
    "runs",
    "allowed_exceptions",
)


def claims(data: dict) -> dict:
    """What the statement says was tested, whatever the outcomes: each check with the page types it
    ran on and its number of tests, and the axe-core version."""
    return {
        "axe_core_version": data.get("axe_core_version", ""),
        "checks": [{field: check[field] for field in CLAIM_FIELDS} for check in data["checks"]],
    }


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def committed_statement() -> dict:
    """The statement's data as committed; empty (no checks claimed) when the file is missing."""
    try:
        return json.loads(STATEMENT_DATA.read_text())
    except FileNotFoundError:
        return {"checks": [], "known_problems": []}
