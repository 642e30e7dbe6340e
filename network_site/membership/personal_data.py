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

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    export: object
    erase: object
    models: tuple = field(default_factory=tuple)


_sources = {}


def register(key, *, export, erase, models=()):
    _sources[key] = PersonalDataSource(key, export, erase, tuple(models))


def sources():
    return list(_sources.values())


def export_for(user):
    return {source.key: source.export(user) for source in _sources.values()}


def erase_for(user):
    for source in _sources.values():
        source.erase(user)


def covered_models():
    return {model for source in _sources.values() for model in source.models}
