"""The seams between the registers that live in this one server.

The Zaken, Documenten and Besluiten registers keep each other consistent in the same database
transaction (zrc-005, brc-003: the objectinformatieobject mirrors a zaak- or
besluitinformatieobject; zrc-022: a zaak is archived only when its documents are; zrc-023: a
deleted zaak takes its mirrored relations with it). The dependency points one way: Documenten
knows nothing of Zaken or Besluiten; they call it through ``documenten()`` below, and the
Documenten app plugs its implementation in (``register_documenten`` in its ``AppConfig.ready``).
Without it (a deployment that uses a foreign Documenten API) every call is a no-op, as the
standard asks for foreign documents: the mirroring is then the client's job.

Reading an object of another register (a document's JSON to check its informatieobjecttype, a
besluit's JSON) goes through the resources registered in ``core.api.REGISTRY`` (see
``zaken.domain.status.fetch_object``), not through this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal, Protocol

from .actor import Actor

ObjectType = Literal["zaak", "besluit"]


@dataclass(frozen=True)
class DocumentFacts:
    """What another register's rules need to know of a local document (``Documenten.feiten``)."""

    informatieobjecttype: object  # the catalogi InformatieObjectType (version) of its latest version
    indicatie_gebruiksrecht: bool | None
    status: str


class Documenten(Protocol):
    def relatie_aangemaakt(self, actor: Actor, *, informatieobject: str, object_type: ObjectType,
                           object_url: str) -> None:
        """A zaak- or besluitinformatieobject was created: create the matching
        objectinformatieobject (same transaction; its own audit trail entry and notification).
        ``informatieobject`` may be a foreign URL: then nothing happens."""

    def relatie_verwijderd(self, actor: Actor, *, informatieobject: str, object_type: ObjectType,
                           object_url: str) -> None:
        """The relation was removed: remove the matching objectinformatieobject (if any)."""

    def object_verwijderd(self, actor: Actor, *, object_type: ObjectType, object_url: str,
                          informatieobjecten: Iterable[str]) -> None:
        """A zaak or besluit was deleted with its relations: remove their
        objectinformatieobjecten (zrc-023, brc-005)."""

    def feiten(self, informatieobjecten: Iterable[str]) -> dict[str, DocumentFacts]:
        """For the local documents among ``informatieobjecten`` (URLs), what the rules of a relation
        need (zrc-003, zrc-007, zrc-017), in a constant number of queries; URLs that name no local
        document are absent. For bulk imports, where fetching each document's JSON costs too much."""

    def relaties_geimporteerd(self, actor: Actor, *, object_type: ObjectType,
                              relaties: Iterable[tuple[str, str]]) -> None:
        """A bulk import created zaak- or besluitinformatieobjecten ((informatieobject URL, object
        URL) pairs): create their objectinformatieobjecten in bulk, in this transaction, without
        audit entries or notifications (see ``zaken.domain.bulk``). Foreign URLs are skipped."""

    def niet_gearchiveerd(self, informatieobjecten: Iterable[str]) -> list[str]:
        """The URLs among ``informatieobjecten`` of local documents whose status is not
        ``gearchiveerd`` (zrc-022). Foreign URLs are not checked here."""


_documenten: Documenten | None = None


def register_documenten(implementation: Documenten | None) -> Documenten | None:
    """Plug in the Documenten register (returns the previous one, so tests can restore it)."""
    global _documenten
    previous, _documenten = _documenten, implementation
    return previous


def documenten() -> Documenten | None:
    return _documenten
