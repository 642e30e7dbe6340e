"""The lock files pin, with hashes, every dependency pyproject.toml names (`make lock` renews them)."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

REPOSITORY = Path(settings.BASE_DIR)
PROJECT = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]


def name_of(requirement):
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def pinned(lock_file):
    text = (REPOSITORY / lock_file).read_text()
    return {
        match.group(1).lower(): match.group(2)
        for match in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n\s+--hash=sha256:", text, re.M)
    }


@pytest.mark.parametrize(
    ("lock_file", "requirements"),
    [
        ("requirements.lock", PROJECT["dependencies"]),
        (
            "requirements-dev.lock",
            PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"],
        ),
    ],
)
def test_every_dependency_is_pinned_with_a_hash(lock_file, requirements):
    versions = pinned(lock_file)
    missing = [name_of(r) for r in requirements if name_of(r) not in versions]
    assert missing == [], f"Not in {lock_file}: {missing}. Run `make lock` and commit the result."
