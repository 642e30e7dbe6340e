"""The register of personal data: every app that stores data about a user says how to export it
and how to erase it. 'My data' (download) and account deletion walk this register, and a test fails
when a model with a foreign key to the user model is covered by neither.

An app gives its sources with a Wagtail hook in its wagtail_hooks.py:

    @hooks.register(personal_data.PERSONAL_DATA_HOOK)
    def personal_data_sources():
        return [
            personal_data.source(
                "bookings",                 # the key in the exported JSON
                export=lambda user: [...],  # JSON-serialisable data about this user
                erase=lambda user: None,    # delete or anonymise it; runs inside a transaction
                models=[Booking],           # the models it covers (for the coverage test)
            )
        ]
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db.models import Model
from wagtail import hooks

PERSONAL_DATA_HOOK = "register_personal_data"


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    export: Callable[[AbstractUser], Any]  # JSON-serialisable
    erase: Callable[[AbstractUser], None]
    models: tuple[type[Model], ...] = field(default_factory=tuple)


def source(
    key: str,
    *,
    export: Callable[[AbstractUser], Any],
    erase: Callable[[AbstractUser], None],
    models: Iterable[type[Model]] = (),
) -> PersonalDataSource:
    return PersonalDataSource(key, export, erase, tuple(models))


def user_rows(key: str, model: type[Model], describe: Callable[[Model], Any]) -> PersonalDataSource:
    """A source for a model whose rows each belong to one user (its `user` field): the export
    describes each of the user's rows, and erasing deletes them."""

    def rows(user):
        return model.objects.filter(user=user)

    return source(
        key,
        export=lambda user: [describe(row) for row in rows(user)],
        erase=lambda user: rows(user).delete(),
        models=[model],
    )


def sources() -> list[PersonalDataSource]:
    """Every app's sources, in INSTALLED_APPS order (the order Wagtail reads the hooks)."""
    return [source for give in hooks.get_hooks(PERSONAL_DATA_HOOK) for source in give()]


def export_for(user: AbstractUser) -> dict[str, Any]:
    return {source.key: source.export(user) for source in sources()}


def erase_for(user: AbstractUser) -> None:
    for source in sources():
        source.erase(user)


def covered_models() -> set[type[Model]]:
    return {model for source in sources() for model in source.models}
