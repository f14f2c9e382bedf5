"""Relations of a zaak with objects in other registers (Zaken API 1.7.0): zaakinformatieobjecten,
zaakbesluiten, zaakcontactmomenten, zaakverzoeken and the deprecated klantcontacten.

Rules:

- zrc-003: the ``informatieobject`` of a ZIO resolves (HTTP 200 with JSON); otherwise 400
  ``informatieobject`` / ``bad-url`` (``invalid-resource`` when it answers but is no document).
- zrc-004: ``aardRelatie`` is ``hoort_bij`` and ``registratiedatum`` is now, both set by the
  system (values sent are ignored); ``zaak`` and ``informatieobject`` of a ZIO cannot change
  (400 ``wijzigen-niet-toegelaten``).
- zrc-005: a ZIO is mirrored as an objectinformatieobject in the Documenten API. Zaakwerk's own
  Documenten register does that in-process through ``core.registers``; no
  mirroring is done for documents in a foreign Documenten API (see ``_oio_aangemaakt``).
- zrc-017: the document's informatieobjecttype is one the zaaktype allows
  (zaaktype-informatieobjecttypen); otherwise 400 ``nonFieldErrors`` /
  ``missing-zaaktype-informatieobjecttype-relation``.
- zrc-022 (the ZIO part of the OAS): a ZIO is only created while ``zaak.archiefstatus`` is
  ``nog_te_archiveren``; otherwise 400 ``nonFieldErrors`` / ``zaak-archiefstatus-invalid``.
- a ZIO's ``status`` is a status of the same zaak (400 ``status`` / ``zaak-status-mismatch``).
- one relation per (zaak, object): a second one is 400 ``nonFieldErrors`` / ``unique``.
- the ``besluit``, ``contactmoment`` and ``verzoek`` URLs resolve (400 ``bad-url``).
- a klantcontact without ``identificatie`` gets one generated.
- zrc-007: once the zaak is closed, all of these change only with ``zaken.geforceerd-bijwerken``.

URL references to this server are resolved in-process (never an HTTP call to ourselves) through
the registers that own them; a URL elsewhere is fetched with the configured timeout.
"""

from __future__ import annotations


from zaakwerk.core import registers
from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.references import (
    ReferenceLookupError,
    fetch_json,
    is_local,
    is_valid_url,
    resolve_local,
)

from ..models import (
    KlantContact,
    Status,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakInformatieObject,
    ZaakVerzoek,
)
from ..representation_relaties import (
    klantcontacten_json,
    zaakbesluit_url,
    zaakbesluiten_json,
    zaakcontactmomenten_json,
    zaakinformatieobjecten_json,
    zaakverzoeken_json,
)
from .common import as_utc, ensure_open_or_forced, locked_zaak, record_zaak_change, url

NON_FIELD = "nonFieldErrors"
IMMUTABLE = "wijzigen-niet-toegelaten"
ZIO_NIET_UNIEK = "Dit informatieobject is al aan de zaak gekoppeld."

# ---- the registers that live in this same server (core.registers) ----------------------------------


def fetch_document(url_value: str) -> dict:
    """The JSON of the informatieobject a ZIO names: a document of this server's Documenten
    register in-process, a foreign one fetched with the timeout (zrc-003)."""
    from .status import DOCUMENT_RESOURCE, fetch_object

    if not is_valid_url(url_value):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    return fetch_object(url_value, expect=DOCUMENT_RESOURCE)


def fetch_besluit(url_value: str) -> dict:
    from .status import BESLUIT_RESOURCE, fetch_object

    if not is_valid_url(url_value):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    return fetch_object(url_value, expect=BESLUIT_RESOURCE)


# ---- resolving URLs ----------------------------------------------------------------------------------


def fetch_resource(url_value: str) -> dict:
    """The JSON of a resource in an API Zaakwerk does not serve (contactmomenten, verzoeken): a
    URL on this server names nothing; a foreign URL is fetched with the configured timeout.
    Raises ReferenceLookupError (``invalid``, ``bad-url``, ``invalid-resource``)."""
    if not is_valid_url(url_value):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    if is_local(url_value):
        raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaande resource.")
    data = fetch_json(url_value)
    if not isinstance(data, dict):
        raise ReferenceLookupError("invalid-resource", "De URL geeft geen object terug.")
    return data


def check_url_answers(url_value: str) -> None:
    """A URL that must "give a valid response (HTTP 200)": a resource of this server that exists
    (resolved in-process), or a foreign URL answering 200 (any content)."""
    if not is_valid_url(url_value):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    if is_local(url_value):
        match = resolve_local(url_value)
        resource = match.resource if match is not None else None
        uuid = match.kwargs.get("uuid") if match is not None else None
        if resource is None or uuid is None or not resource.model.objects.filter(pk=uuid).exists():
            raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaande resource.")
        return
    try:
        fetch_json(url_value)
    except ReferenceLookupError as exc:
        if exc.code != "invalid-resource":  # answered 200, just not with JSON: fine here
            raise


def aware(value, name: str = "nonFieldErrors"):
    """A datetime as sent, in UTC (``common.as_utc``: naive is Dutch time; ``name`` is the field
    reported when it cannot be stored)."""
    return as_utc(value, name)


def _reference(errors: ValidationErrors, name: str, func, *args):
    try:
        return func(*args)
    except ReferenceLookupError as exc:
        errors.add(name, exc.code, exc.detail)
        return None


# ---- zaakinformatieobjecten --------------------------------------------------------------------------


def _zio_snapshot(actor: Actor, zio: ZaakInformatieObject) -> dict:
    return zaakinformatieobjecten_json([zio], actor.base_url)[0]


def _zio_weergave(zaak: Zaak, zio: ZaakInformatieObject) -> str:
    return f"{zaak.identificatie} - {zio.titel or zio.informatieobject}"[:200]


def _check_informatieobjecttype(zaak: Zaak, document: dict, errors: ValidationErrors) -> None:
    """zrc-017: the document's informatieobjecttype is allowed by the zaaktype of the zaak."""
    from zaakwerk.catalogi.queries import informatieobjecttype_of, zaaktype_has_informatieobjecttype

    try:
        iot = informatieobjecttype_of(document)
    except ValueError:
        errors.add("informatieobject", "invalid-resource",
                   "De URL verwijst niet naar een informatieobject met een informatieobjecttype.")
        return
    check_informatieobjecttype_allowed(zaak, iot, errors, zaaktype_has_informatieobjecttype)


def check_informatieobjecttype_allowed(zaak: Zaak, iot, errors: ValidationErrors, allowed) -> None:
    """zrc-017 for a document of informatieobjecttype ``iot`` (None: one of another Catalogi API).
    ``allowed(zaaktype, iot)`` is ``catalogi.queries.zaaktype_has_informatieobjecttype`` (the bulk
    path passes it memoised)."""
    # an informatieobjecttype of another catalogus (or another Catalogi API) is never one of the
    # zaaktype's: its relations name informatieobjecttypen of its own catalogus
    if iot is None or not allowed(zaak.zaaktype, iot):
        errors.add(NON_FIELD, "missing-zaaktype-informatieobjecttype-relation",
                   "Het informatieobjecttype van het informatieobject hoort niet bij het zaaktype van de zaak.")


def _check_status(zaak: Zaak, status: Status | None, errors: ValidationErrors) -> None:
    if status is not None and status.zaak_id != zaak.pk:
        errors.add("status", "zaak-status-mismatch", "De opgegeven status hoort niet bij de zaak.")


def _immutable_zaak(obj_zaak_id, data: dict, errors: ValidationErrors) -> None:
    """``zaak`` is given as the Zaak it names (or the URL as sent when it names no zaak)."""
    if "zaak" in data and getattr(data["zaak"], "pk", None) != obj_zaak_id:
        errors.add("zaak", IMMUTABLE, "De zaak mag niet gewijzigd worden.")


def _zio_allowed(actor: Actor, zaak: Zaak) -> None:
    """zrc-007 and the ZIO part of zrc-022: may a document be related to this zaak now?"""
    ensure_open_or_forced(actor, zaak)
    if zaak.archiefstatus != "nog_te_archiveren":
        raise ValidationFailed(NON_FIELD, "zaak-archiefstatus-invalid",
                               "Een informatieobject kan alleen aan een zaak met archiefstatus "
                               "'nog_te_archiveren' worden gekoppeld.")


def create_zaakinformatieobject(actor: Actor, data: dict) -> ZaakInformatieObject:
    zaak = data["zaak"]
    informatieobject = data["informatieobject"]
    status = data.get("status")
    # the checks that need another register run before the zaak is locked (a slow register must
    # not hold up other writes on the zaak); what can change meanwhile is checked again under the lock
    _zio_allowed(actor, zaak)
    errors = ValidationErrors()
    document = _reference(errors, "informatieobject", fetch_document, informatieobject)
    if document is not None:
        _check_informatieobjecttype(zaak, document, errors)
    _check_status(zaak, status, errors)
    errors.raise_if_any()
    with change():
        zaak = locked_zaak(zaak)
        _zio_allowed(actor, zaak)
        if ZaakInformatieObject.objects.filter(zaak=zaak, informatieobject=informatieobject).exists():
            raise ValidationFailed(NON_FIELD, "unique", ZIO_NIET_UNIEK)
        zio = ZaakInformatieObject.objects.create(
            zaak=zaak, informatieobject=informatieobject, aard_relatie="hoort_bij",
            titel=data.get("titel") or "", beschrijving=data.get("beschrijving") or "",
            vernietigingsdatum=aware(data.get("vernietigingsdatum"), "vernietigingsdatum"), status=status,
        )
        _oio_aangemaakt(actor, zio)
        record_zaak_change(actor, zaak=zaak, actie="create", resource="zaakinformatieobject",
                           resource_url=url(actor.base_url, "zaakinformatieobjecten", zio.pk), oud=None,
                           nieuw=_zio_snapshot(actor, zio), weergave=_zio_weergave(zaak, zio))
        return zio


def update_zaakinformatieobject(actor: Actor, zio: ZaakInformatieObject, data: dict,
                                partial: bool) -> ZaakInformatieObject:
    with change():
        zaak = locked_zaak(zio.zaak_id)
        ensure_open_or_forced(actor, zaak)
        zio = ZaakInformatieObject.objects.select_for_update().get(pk=zio.pk)
        oud = _zio_snapshot(actor, zio)
        errors = ValidationErrors()
        _immutable_zaak(zio.zaak_id, data, errors)
        if "informatieobject" in data and data["informatieobject"] != zio.informatieobject:
            errors.add("informatieobject", IMMUTABLE, "Het informatieobject mag niet gewijzigd worden.")
        if "status" in data:
            _check_status(zaak, data["status"], errors)
        errors.raise_if_any()
        for key in ("titel", "beschrijving"):
            if key in data:
                setattr(zio, key, data[key] or "")
            elif not partial:
                setattr(zio, key, "")
        for key in ("vernietigingsdatum", "status"):
            if key in data:
                setattr(zio, key, aware(data[key], key) if key == "vernietigingsdatum" else data[key])
            elif not partial:
                setattr(zio, key, None)
        zio.save()
        record_zaak_change(actor, zaak=zaak, actie="partial_update" if partial else "update",
                           resource="zaakinformatieobject",
                           resource_url=url(actor.base_url, "zaakinformatieobjecten", zio.pk), oud=oud,
                           nieuw=_zio_snapshot(actor, zio), weergave=_zio_weergave(zaak, zio), notify=False)
        return zio


def delete_zaakinformatieobject(actor: Actor, zio: ZaakInformatieObject) -> None:
    with change():
        zaak = locked_zaak(zio.zaak_id)
        ensure_open_or_forced(actor, zaak)
        oud = _zio_snapshot(actor, zio)
        weergave = _zio_weergave(zaak, zio)
        _oio_verwijderd(actor, zio)
        zio.delete()
        record_zaak_change(actor, zaak=zaak, actie="destroy", resource="zaakinformatieobject",
                           resource_url=oud["url"], oud=oud, nieuw=None, weergave=weergave, notify=False)


def _oio_aangemaakt(actor: Actor, zio: ZaakInformatieObject) -> None:
    """zrc-005: mirror the relation in the Documenten API. Zaakwerk's own Documenten register
    (``core.registers``) does it in-process, in this transaction. A document in a foreign
    Documenten API is not mirrored: that needs a POST to that API after this transaction commits,
    with credentials for it (not configured in Zaakwerk yet)."""
    documenten = registers.documenten()
    if documenten is not None and is_local(zio.informatieobject):
        documenten.relatie_aangemaakt(actor, informatieobject=zio.informatieobject, object_type="zaak",
                                      object_url=url(actor.base_url, "zaken", zio.zaak_id))


def _oio_verwijderd(actor: Actor, zio: ZaakInformatieObject) -> None:
    """zrc-005: remove the mirrored objectinformatieobject (own Documenten register only)."""
    documenten = registers.documenten()
    if documenten is not None and is_local(zio.informatieobject):
        documenten.relatie_verwijderd(actor, informatieobject=zio.informatieobject, object_type="zaak",
                                      object_url=url(actor.base_url, "zaken", zio.zaak_id))


# ---- zaakbesluiten (kept in sync by the Besluiten API) --------------------------------------------


def create_zaakbesluit(actor: Actor, zaak: Zaak, besluit: str) -> ZaakBesluit:
    ensure_open_or_forced(actor, zaak)
    errors = ValidationErrors()
    _reference(errors, "besluit", fetch_besluit, besluit)  # before locking the zaak
    errors.raise_if_any()
    with change():
        zaak = locked_zaak(zaak)
        ensure_open_or_forced(actor, zaak)
        if ZaakBesluit.objects.filter(zaak=zaak, besluit=besluit).exists():
            raise ValidationFailed(NON_FIELD, "unique", "Dit besluit is al aan de zaak gekoppeld.")
        obj = ZaakBesluit.objects.create(zaak=zaak, besluit=besluit)
        record_zaak_change(actor, zaak=zaak, actie="create", resource="zaakbesluit",
                           resource_url=zaakbesluit_url(actor.base_url, zaak.pk, obj.pk), oud=None,
                           nieuw=zaakbesluiten_json([obj], actor.base_url)[0])
        return obj


def delete_zaakbesluit(actor: Actor, obj: ZaakBesluit) -> None:
    with change():
        zaak = locked_zaak(obj.zaak_id)
        ensure_open_or_forced(actor, zaak)
        oud = zaakbesluiten_json([obj], actor.base_url)[0]
        obj.delete()
        record_zaak_change(actor, zaak=zaak, actie="destroy", resource="zaakbesluit",
                           resource_url=oud["url"], oud=oud, nieuw=None, notify=False)


# ---- zaakcontactmomenten and zaakverzoeken ----------------------------------------------------------


def _create_link(actor: Actor, model, zaak: Zaak, field: str, value: str, resource: str,
                 collection: str, represent) -> object:
    ensure_open_or_forced(actor, zaak)
    errors = ValidationErrors()
    # contactmomenten and verzoeken live in other APIs (Zaakwerk serves neither); fetched before
    # the zaak is locked
    _reference(errors, field, fetch_resource, value)
    errors.raise_if_any()
    with change():
        zaak = locked_zaak(zaak)
        ensure_open_or_forced(actor, zaak)
        if model.objects.filter(zaak=zaak, **{field: value}).exists():
            raise ValidationFailed(NON_FIELD, "unique", f"Dit {field} is al aan de zaak gekoppeld.")
        obj = model.objects.create(zaak=zaak, **{field: value})
        record_zaak_change(actor, zaak=zaak, actie="create", resource=resource,
                           resource_url=url(actor.base_url, collection, obj.pk), oud=None,
                           nieuw=represent([obj], actor.base_url)[0])
        return obj


def _delete_link(actor: Actor, obj, resource: str, represent) -> None:
    with change():
        zaak = locked_zaak(obj.zaak_id)
        ensure_open_or_forced(actor, zaak)
        oud = represent([obj], actor.base_url)[0]
        obj.delete()
        record_zaak_change(actor, zaak=zaak, actie="destroy", resource=resource, resource_url=oud["url"],
                           oud=oud, nieuw=None, notify=False)


def create_zaakcontactmoment(actor: Actor, zaak: Zaak, contactmoment: str) -> ZaakContactMoment:
    """Relates a contactmoment (Contactmomenten API) to the zaak. The mirror objectcontactmoment in
    that API (zrc-025) is not created: Zaakwerk has no credentials for foreign APIs yet."""
    return _create_link(actor, ZaakContactMoment, zaak, "contactmoment", contactmoment,
                        "zaakcontactmoment", "zaakcontactmomenten", zaakcontactmomenten_json)


def delete_zaakcontactmoment(actor: Actor, obj: ZaakContactMoment) -> None:
    _delete_link(actor, obj, "zaakcontactmoment", zaakcontactmomenten_json)


def create_zaakverzoek(actor: Actor, zaak: Zaak, verzoek: str) -> ZaakVerzoek:
    """Relates a verzoek (Verzoeken API) to the zaak. The mirror objectverzoek (zrc-024) is not
    created: Zaakwerk has no credentials for foreign APIs yet."""
    return _create_link(actor, ZaakVerzoek, zaak, "verzoek", verzoek, "zaakverzoek", "zaakverzoeken",
                        zaakverzoeken_json)


def delete_zaakverzoek(actor: Actor, obj: ZaakVerzoek) -> None:
    _delete_link(actor, obj, "zaakverzoek", zaakverzoeken_json)


# ---- klantcontacten (deprecated in the standard, still served) -------------------------------------


def create_klantcontact(actor: Actor, data: dict) -> KlantContact:
    with change():
        zaak = locked_zaak(data["zaak"])
        ensure_open_or_forced(actor, zaak)
        obj = KlantContact(zaak=zaak, identificatie=data.get("identificatie") or "",
                           datumtijd=aware(data["datumtijd"], "datumtijd"),
                           kanaal=data.get("kanaal") or "", onderwerp=data.get("onderwerp") or "",
                           toelichting=data.get("toelichting") or "")
        if not obj.identificatie:
            # "KC" + 12 hex digits of its own uuid: unique without a counter to lock (14 characters,
            # the maximum of the standard)
            obj.identificatie = f"KC{obj.uuid.hex[:12].upper()}"
        obj.save()
        record_zaak_change(actor, zaak=zaak, actie="create", resource="klantcontact",
                           resource_url=url(actor.base_url, "klantcontacten", obj.pk), oud=None,
                           nieuw=klantcontacten_json([obj], actor.base_url)[0],
                           weergave=f"{zaak.identificatie} - {obj.identificatie}")
        return obj

