"""The project never overrides or sets a framework's private name (one starting with `_`): page
classes and middleware define no name a framework class above them has, and no code assigns to
another object's `_name` (request._wagtail_site, response._csp_config, page._cached_parent_obj)."""

import ast
import inspect
import textwrap
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.models import Page

PROJECT_DIR = Path(settings.BASE_DIR)
PROJECT_PACKAGES = (
    "network_site",
    "stories",
    "resources",
    "events",
    "mapping",
    "plain_language",
    "easy_read",
)


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def is_project_class(cls):
    return cls.__module__.split(".")[0] in PROJECT_PACKAGES


def names_in_class_body(cls):
    """The names a class's own source defines (methods and class attributes), not those the
    frameworks' metaclasses add to it."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body
    names = set()
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def shadowed_framework_names(cls, is_own=is_project_class):
    """Private names `cls` (or a project class above it) defines in its source that a framework
    class above it has too."""
    project_names = {
        (klass.__qualname__, name)
        for klass in cls.__mro__
        if is_own(klass)
        for name in names_in_class_body(klass)
        if is_private(name)
    }
    framework_names = {name for klass in cls.__mro__ if not is_own(klass) for name in vars(klass)}
    return sorted(f"{owner}.{name}" for owner, name in project_names if name in framework_names)


def test_no_page_class_shadows_a_framework_private_name():
    pages = [model for model in apps.get_models() if issubclass(model, Page)]
    assert len(pages) > 10
    shadowed = {page.__name__: shadowed_framework_names(page) for page in pages}
    assert {name: names for name, names in shadowed.items() if names} == {}


def test_no_middleware_shadows_a_framework_private_name():
    middleware = [import_string(path) for path in settings.MIDDLEWARE]
    project = [cls for cls in middleware if is_project_class(cls)]
    assert project
    shadowed = {cls.__name__: shadowed_framework_names(cls) for cls in project}
    assert {name: names for name, names in shadowed.items() if names} == {}


class PrivateAssignments(ast.NodeVisitor):
    """`other._name = …` and `setattr(other, "_name", …)` where `other` is not self or cls."""

    def __init__(self):
        self.found = []

    def visit_Attribute(self, node):
        if (
            isinstance(node.ctx, ast.Store)
            and is_private(node.attr)
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        ):
            self.found.append((node.lineno, ast.unparse(node)))
        self.generic_visit(node)

    def visit_Call(self, node):
        if (
            isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and is_private(node.args[1].value)
        ):
            self.found.append((node.lineno, ast.unparse(node)))
        self.generic_visit(node)


def project_sources():
    for package in PROJECT_PACKAGES:
        for path in sorted((PROJECT_DIR / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_code_sets_a_private_name_on_another_object():
    found = {}
    for path in project_sources():
        visitor = PrivateAssignments()
        visitor.visit(ast.parse(path.read_text(), filename=str(path)))
        if visitor.found:
            found[str(path.relative_to(PROJECT_DIR))] = visitor.found
    assert found == {}


def test_the_check_finds_what_it_looks_for():
    class Shadowing(Page):
        class Meta:
            app_label = "core"
            abstract = True

        def _get_site_root_paths(self, cache_object=None):
            return {}

    assert shadowed_framework_names(Shadowing, is_own=lambda cls: cls is Shadowing) == [
        "test_the_check_finds_what_it_looks_for.<locals>.Shadowing._get_site_root_paths"
    ]
    visitor = PrivateAssignments()
    visitor.visit(ast.parse("request._wagtail_site = site\nsetattr(page, '_cached', 1)"))
    assert len(visitor.found) == 2
