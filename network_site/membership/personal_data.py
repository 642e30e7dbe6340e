"""The register of personal data: every app that stores data about a user says how to export it
and how to erase it. 'My data' (download) and account deletion walk this register, and a test fails
when a model with a foreign key to the user model is covered by neither.

An app registers in its AppConfig.ready():

    from network_site.membership.personal_data import register

    register(
        "bookings",                         # the key in the exported JSON
        export=lambda user: [...],          # JSON-serialisable data about this user
        erase=lambda user: None,            # delete or anonymise it; runs inside a transaction
        models=[Booking],                   # the models it covers (for the coverage test)
    )
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db.models import Model


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    export: Callable[[AbstractUser], Any]  # JSON-serialisable
    erase: Callable[[AbstractUser], None]
    models: tuple[type[Model], ...] = field(default_factory=tuple)


_sources: dict[str, PersonalDataSource] = {}


def register(
    key: str,
    *,
    export: Callable[[AbstractUser], Any],
    erase: Callable[[AbstractUser], None],
    models: Iterable[type[Model]] = (),
) -> None:
    _sources[key] = PersonalDataSource(key, export, erase, tuple(models))


def sources() -> list[PersonalDataSource]:
    return list(_sources.values())


def export_for(user: AbstractUser) -> dict[str, Any]:
    return {source.key: source.export(user) for source in _sources.values()}


def erase_for(user: AbstractUser) -> None:
    for source in _sources.values():
        source.erase(user)


def covered_models() -> set[type[Model]]:
    return {model for source in _sources.values() for model in source.models}
