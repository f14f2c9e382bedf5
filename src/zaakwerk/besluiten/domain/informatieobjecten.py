"""The rules of a BESLUITINFORMATIEOBJECT: a document in which (part of) a besluit is recorded.
Created and deleted; the Besluiten API 1.1.0 has no update of it ("Het is NIET TOEGESTAAN om
gebruik te maken van operaties die niet beschreven staan in deze OAS spec").

- brc-003: the ``informatieobject`` resolves: a document of this server's Documenten register
  in-process, a foreign one by a GET with the configured timeout (``bad-url`` when it does not
  answer 200, ``invalid-resource`` when it is not a document).
- brc-004: ``aardRelatie`` is ``legt_vast`` and ``registratiedatum`` now, both set by the system.
- brc-005: the relation is mirrored as an objectinformatieobject (objectType ``besluit``) by this
  server's Documenten register (``core.registers``), in the same transaction, and removed with it.
  A document in a foreign Documenten API is not mirrored (that needs a POST with credentials for
  that API, which Zaakwerk does not configure yet).
- brc-008: the document's informatieobjecttype is one of the besluittype's informatieobjecttypen
  (``nonFieldErrors`` / ``missing-besluittype-informatieobjecttype-relation``).
- one relation per (besluit, informatieobject): a second is ``nonFieldErrors`` / ``unique``.

Every write is recorded on the besluit (audit trail + notification on kanaal ``besluiten``,
resource ``besluitinformatieobject``).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from zaakwerk.catalogi.queries import besluittype_has_informatieobjecttype, informatieobjecttype_of
from zaakwerk.core import registers
from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.references import ReferenceLookupError, is_local, is_valid_url

from ..models import Besluit, BesluitInformatieObject
from ..representation import besluit_url, besluitinformatieobject_url, besluitinformatieobjecten_json
from .common import DOCUMENT_RESOURCE, NON_FIELD, locked_besluit, record_besluit_change

RESOURCE = "besluitinformatieobject"


def fetch_document(url: str) -> dict:
    """The JSON of the informatieobject a BIO names (brc-003): in-process for a document of this
    server, fetched with the timeout otherwise. Raises ReferenceLookupError."""
    from zaakwerk.zaken.domain.status import fetch_object

    if not is_valid_url(url):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    return fetch_object(url, expect=DOCUMENT_RESOURCE)


def _snapshot(actor: Actor, bio: BesluitInformatieObject) -> dict:
    return besluitinformatieobjecten_json([bio], actor.base_url)[0]


def _weergave(besluit: Besluit, bio: BesluitInformatieObject) -> str:
    return f"{besluit.identificatie} - {bio.informatieobject}"[:200]


def _check_informatieobjecttype(besluit: Besluit, document: dict, errors: ValidationErrors) -> None:
    """brc-008: the document's informatieobjecttype belongs to the besluittype. An
    informatieobjecttype of another Catalogi API is never one of its (its relations name
    informatieobjecttypen of its own catalogus)."""
    try:
        iot = informatieobjecttype_of(document)
    except ValueError:
        errors.add("informatieobject", "invalid-resource",
                   "De URL verwijst niet naar een informatieobject met een informatieobjecttype.")
        return
    if iot is None or not besluittype_has_informatieobjecttype(besluit.besluittype, iot):
        errors.add(NON_FIELD, "missing-besluittype-informatieobjecttype-relation",
                   "Het informatieobjecttype van het informatieobject hoort niet bij het besluittype van het besluit.")


def create_besluitinformatieobject(actor: Actor, data: dict) -> BesluitInformatieObject:
    """``data``: besluit (Besluit), informatieobject (URL)."""
    besluit: Besluit = data["besluit"]
    informatieobject = data["informatieobject"]
    errors = ValidationErrors()
    try:
        document = fetch_document(informatieobject)
    except ReferenceLookupError as exc:
        errors.add("informatieobject", exc.code, exc.detail)
        document = None
    if document is not None:
        _check_informatieobjecttype(besluit, document, errors)
    errors.raise_if_any()
    with change():
        besluit = locked_besluit(besluit)
        unique = ValidationFailed(NON_FIELD, "unique", "Dit informatieobject is al aan het besluit gekoppeld.")
        if BesluitInformatieObject.objects.filter(besluit=besluit, informatieobject=informatieobject).exists():
            raise unique
        try:
            with transaction.atomic():
                bio = BesluitInformatieObject.objects.create(besluit=besluit, informatieobject=informatieobject,
                                                             aard_relatie="legt_vast")
        except IntegrityError:
            raise unique from None
        documenten = registers.documenten()
        if documenten is not None and is_local(informatieobject):
            documenten.relatie_aangemaakt(actor, informatieobject=informatieobject, object_type="besluit",
                                          object_url=besluit_url(actor.base_url, besluit.pk))
        record_besluit_change(actor, besluit=besluit, actie="create", resource=RESOURCE,
                              resource_url=besluitinformatieobject_url(actor.base_url, bio.pk), oud=None,
                              nieuw=_snapshot(actor, bio), weergave=_weergave(besluit, bio))
        return bio


def delete_besluitinformatieobject(actor: Actor, bio: BesluitInformatieObject) -> None:
    with change():
        besluit = locked_besluit(bio.besluit_id)
        oud = _snapshot(actor, bio)
        weergave = _weergave(besluit, bio)
        documenten = registers.documenten()
        if documenten is not None and is_local(bio.informatieobject):
            documenten.relatie_verwijderd(actor, informatieobject=bio.informatieobject, object_type="besluit",
                                          object_url=besluit_url(actor.base_url, besluit.pk))
        bio.delete()
        record_besluit_change(actor, besluit=besluit, actie="destroy", resource=RESOURCE, resource_url=oud["url"],
                              oud=oud, nieuw=None, weergave=weergave)
