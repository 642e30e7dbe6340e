"""Dependencies point one way: the apps lean on core and membership, never the other way."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = {"stories", "resources", "events", "mapping", "plain_language", "easy_read"}
SHARED = ["network_site/core", "network_site/membership"]


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("package", SHARED)
def test_core_and_membership_never_import_an_app(package):
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {module}"
        for path in sorted((Path(settings.BASE_DIR) / package).rglob("*.py"))
        for module in imported_modules(path)
        if module.split(".")[0] in APPS
    ]
    assert offenders == []
