"""The rules of an ENKELVOUDIG INFORMATIEOBJECT (Documenten API 1.7.0): create, update (always a new
version), delete, lock/unlock, versions, content, indicatieGebruiksrecht. Every write of a document
goes through here, whatever adapter calls it.

Input is parsed, adapter-independent data: snake_case keys, Python values, only the keys that were
sent; ``inhoud`` is a ``storage.Inhoud`` (the decoded content as a file), ``None`` (explicitly no
content) or absent. References are URLs (``informatieobjecttype``) or the local object.

Rules (ids of the Documenten "Specificatie van gedrag"; codes as VNG's conformance suite pins them):

- drc-001: ``informatieobjecttype`` resolves (``bad-url``), is an informatieobjecttype
  (``invalid-resource``) and is published (``not-published``); on create and update.
- drc-005: with an ``ontvangstdatum`` the status cannot be ``in_bewerking`` or
  ``ter_vaststelling`` (``status`` / ``invalid_for_received``); checked on the resulting values.
- drc-006: ``indicatieGebruiksrecht`` is null unless given; ``true`` needs gebruiksrechten, so it
  cannot be sent on create and only while gebruiksrechten exist on update
  (``missing-gebruiksrechten``). The gebruiksrechten domain keeps it in step through
  ``set_indicatie_gebruiksrecht``.
- drc-007: ``vertrouwelijkheidaanduiding`` defaults to the informatieobjecttype's.
- drc-008: delete only without objectinformatieobjecten (``nonFieldErrors`` /
  ``pending-relations``); it removes every version, their stored content, pending bestandsdelen,
  the gebruiksrechten (database cascade) and the audit trail.
- drc-009/010: an update needs the document locked (``unlocked``) and the lock id
  (``missing-lock-id`` on PATCH; PUT requires the field) that matches (``incorrect-lock-id``).
  A lock is ``secrets.token_hex``; taking a taken lock is ``existing-lock`` (one conditional
  UPDATE decides between racing clients). Unlock needs the lock, or
  ``documenten.geforceerd-unlock`` on the document's type (a forced unlock).
- Authorisation: the scope of the action on the document's informatieobjecttype up to its
  vertrouwelijkheidaanduiding (403); applies to the values after the change as well.
- ``bronorganisatie`` + ``identificatie`` unique (``identificatie-niet-uniek``); without an
  identificatie one is generated from a series per bronorganisatie and year.

Content: a version's content is stored once (``storage``); an update that does not send content
keeps sharing the previous version's file. ``bestandsomvang`` > 0 with no content starts an
upload in bestandsdelen (``domain.bestandsdelen``): the document is locked and the lock returned.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid as uuidlib

from django.db import IntegrityError, transaction
from django.utils import timezone

from zaakwerk.autorisaties.queries import may
from zaakwerk.catalogi.models import InformatieObjectType
from zaakwerk.core.db import change
from zaakwerk.core.fields import Choices, F, check_fields, check_group
from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import Forbidden, NotFound, ValidationErrors, ValidationFailed
from zaakwerk.core.models import AuditTrail
from zaakwerk.core.references import ReferenceLookupError, resolve_resource

from .. import storage
from ..models import (
    INTEGRITEIT_ALGORITME,
    ONDERTEKENING_SOORT,
    STATUS,
    VERTROUWELIJKHEID,
    BestandsDeel,
    DocumentIdentificatieReeks,
    DocumentTrefwoord,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
)
from ..storage import Inhoud
from .common import (
    COMPONENT,
    NON_FIELD,
    SCOPE_AANMAKEN,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD_BIJWERKEN,
    SCOPE_GEFORCEERD_UNLOCK,
    VERTROUWELIJKHEID_RANK,
    document_url,
    iot_url,
    record_document_change,
)


FIELDS = {
    "identificatie": F("text", 40),
    "bronorganisatie": F("rsin", 9, required=True),
    "creatiedatum": F("date", required=True),
    "titel": F("text", 200, required=True, blank=False),
    "vertrouwelijkheidaanduiding": F("choice", 20, choices=Choices(*VERTROUWELIJKHEID)),
    "is_gereed_voor_publicatie": F("bool", nullable=True),
    "tonen_aan_initiator": F("bool"),
    "auteur": F("text", 200, required=True, blank=False),
    "status": F("choice", 20, choices=Choices(*STATUS)),
    "inhoud_is_vervallen": F("bool", nullable=True),
    "formaat": F("text", 255),
    "taal": F("text", 3, required=True, blank=False),
    "bestandsnaam": F("text", 255),
    "bestandsomvang": F("int", nullable=True, minimum=0, maximum=2**63 - 1),
    "link": F("url", 200),
    "beschrijving": F("text", 1000),
    "ontvangstdatum": F("date", nullable=True),
    "verzenddatum": F("date", nullable=True),
    "indicatie_gebruiksrecht": F("bool", nullable=True),
    "verschijningsvorm": F("text"),
    "informatieobjecttype": F("url", 200, required=True, blank=False),
    "trefwoorden": F("texts", 100),
}
ONDERTEKENING = {"soort": F("choice", 10, required=True, blank=False, choices=Choices(*ONDERTEKENING_SOORT)),
                 "datum": F("date", required=True)}
INTEGRITEIT = {"algoritme": F("choice", 20, required=True, blank=False, choices=Choices(*INTEGRITEIT_ALGORITME)),
               "waarde": F("text", 128, required=True, blank=False),
               "datum": F("date", required=True)}

# version columns copied from one version to the next unless the update changes them
VERSION_FIELDS = ("identificatie", "bronorganisatie", "creatiedatum", "titel", "vertrouwelijkheidaanduiding",
                  "is_gereed_voor_publicatie", "tonen_aan_initiator", "auteur", "status", "inhoud_is_vervallen",
                  "formaat", "taal", "bestandsnaam", "bestandsomvang", "inhoud", "link", "beschrijving",
                  "ontvangstdatum", "verzenddatum", "verschijningsvorm", "ondertekening_soort",
                  "ondertekening_datum", "integriteit_algoritme", "integriteit_waarde", "integriteit_datum",
                  "informatieobjecttype_id", "trefwoorden")
IDENTIFICATIE_FORMAT = "DOCUMENT-{year}-{sequence:010d}"


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def snapshot(actor: Actor, document: EnkelvoudigInformatieObject) -> dict:
    from ..representation import document_json

    return document_json(document, actor.base_url)


def version_of(document: EnkelvoudigInformatieObject, *, versie: int | None = None,
               registratie_op: dt.datetime | None = None) -> EnkelvoudigInformatieObjectVersie:
    """The version ``?versie=`` and/or ``?registratieOp=`` name (the latest registered at that
    moment); the latest version without either. 404 when there is none."""
    if versie is None and registratie_op is None:
        if document.laatste_versie is None:
            raise NotFound("Dit informatieobject heeft geen versie.")
        return document.laatste_versie
    qs = EnkelvoudigInformatieObjectVersie.objects.filter(document=document)
    if versie is not None:
        qs = qs.filter(versie=versie)
    if registratie_op is not None:
        if timezone.is_naive(registratie_op):
            registratie_op = timezone.make_aware(registratie_op)
        qs = qs.filter(begin_registratie__lte=registratie_op)
    found = qs.order_by("-versie").first()
    if found is None:
        raise NotFound("Deze versie van het informatieobject bestaat niet.")
    return found


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def create_document(actor: Actor, data: dict) -> EnkelvoudigInformatieObject:
    """drc-001, 005, 006, 007. Returns the document; with an upload in bestandsdelen announced it
    is locked and ``document.lock`` is the lock the client needs (the create answer shows it)."""
    written: list[str] = []
    try:
        document_uuid = uuidlib.uuid4()
        data = _store_content(document_uuid, data, written)
        with change():
            errors = ValidationErrors()
            values = validate_new(actor, data, errors)
            errors.raise_if_any()
            iot: InformatieObjectType = values["informatieobjecttype"]
            _authorise(actor, [SCOPE_AANMAKEN], iot.pk, values["vertrouwelijkheidaanduiding"])
            if not values.get("identificatie"):
                values["identificatie"] = _draw_identificatie(values["bronorganisatie"])
            elif _identificatie_in_use(values["bronorganisatie"], values["identificatie"], None):
                raise ValidationFailed("identificatie", "identificatie-niet-uniek",
                                       "Deze identificatie bestaat al voor deze bronorganisatie.")
            document = EnkelvoudigInformatieObject(
                uuid=document_uuid, informatieobjecttype=iot, indicatie_gebruiksrecht=values.get("indicatie_gebruiksrecht"))
            _sync(document, values)
            document.save()
            version = EnkelvoudigInformatieObjectVersie(document=document, versie=1,
                                                        begin_registratie=timezone.now())
            _apply(version, values)
            _content(document, version, data, creating=True)
            version.save()
            document.laatste_versie = version
            document.save()
            _trefwoorden(document, version.trefwoorden)
            record_document_change(actor, document=document, actie="create", resource="enkelvoudiginformatieobject",
                                   resource_url=document_url(actor.base_url, document), oud=None,
                                   nieuw=snapshot(actor, document))
            return document
    except BaseException:
        storage.delete(written)
        raise


def validate_new(actor: Actor, data: dict, errors: ValidationErrors) -> dict:
    """The values of a new document (drc-001, 005, 006; drc-007 fills in the vertrouwelijkheid);
    problems are added to ``errors``. No database access when ``informatieobjecttype`` is given as
    the object (``domain.bulk``)."""
    values = _validate(actor, data, None, errors, full=True)
    if values.get("indicatie_gebruiksrecht") is True:
        errors.add("indicatieGebruiksrecht", "missing-gebruiksrechten",
                   "Een nieuw informatieobject heeft nog geen gebruiksrechten: "
                   "indicatieGebruiksrecht kan niet true zijn.")
    iot = values.get("informatieobjecttype")
    if iot is not None:
        values.setdefault("vertrouwelijkheidaanduiding", "")
        if not values["vertrouwelijkheidaanduiding"]:
            values["vertrouwelijkheidaanduiding"] = iot.vertrouwelijkheidaanduiding  # drc-007
    return values


def update_document(actor: Actor, document: EnkelvoudigInformatieObject, data: dict,
                    partial: bool) -> EnkelvoudigInformatieObject:
    """A new version (drc-009/010: with the lock). Fields not sent (PATCH) and the content, when
    none is sent, carry over from the previous version."""
    written: list[str] = []
    try:
        check_lock(document, data.get("lock"), partial=partial)  # before storing any content
        data = _store_content(document.pk, data, written)
        with change():
            document = _locked(document)
            check_lock(document, data.get("lock"), partial=partial)
            previous = document.laatste_versie
            oud = snapshot(actor, document)
            errors = ValidationErrors()
            values = _validate(actor, data, previous, errors, full=not partial)
            if values.get("indicatie_gebruiksrecht") is True and document.indicatie_gebruiksrecht is not True:
                errors.add("indicatieGebruiksrecht", "missing-gebruiksrechten",
                           "Dit informatieobject heeft geen gebruiksrechten: indicatieGebruiksrecht kan niet "
                           "true zijn.")
            errors.raise_if_any()
            if "vertrouwelijkheidaanduiding" in values and not values["vertrouwelijkheidaanduiding"]:
                iot = values.get("informatieobjecttype") or previous.informatieobjecttype
                values["vertrouwelijkheidaanduiding"] = iot.vertrouwelijkheidaanduiding
            new_iot = values.get("informatieobjecttype")
            iot_id = new_iot.pk if new_iot is not None else previous.informatieobjecttype_id
            vertrouwelijkheid = values.get("vertrouwelijkheidaanduiding", previous.vertrouwelijkheidaanduiding)
            _authorise(actor, [SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN], iot_id, vertrouwelijkheid)
            bron = values.get("bronorganisatie", previous.bronorganisatie)
            ident = values.get("identificatie") or previous.identificatie
            values["identificatie"] = ident
            if (bron, ident) != (previous.bronorganisatie, previous.identificatie) and \
                    _identificatie_in_use(bron, ident, document.pk):
                raise ValidationFailed("identificatie", "identificatie-niet-uniek",
                                       "Deze identificatie bestaat al voor deze bronorganisatie.")
            version = EnkelvoudigInformatieObjectVersie(document=document, versie=previous.versie + 1,
                                                        begin_registratie=_after(previous.begin_registratie))
            for name in VERSION_FIELDS:
                setattr(version, name, getattr(previous, name))
            _apply(version, values)
            _content(document, version, data, creating=False)
            version.save()
            if "indicatie_gebruiksrecht" in values:
                document.indicatie_gebruiksrecht = values["indicatie_gebruiksrecht"]
            document.laatste_versie = version
            document.informatieobjecttype_id = version.informatieobjecttype_id
            _sync(document, {"vertrouwelijkheidaanduiding": version.vertrouwelijkheidaanduiding,
                             "is_gereed_voor_publicatie": version.is_gereed_voor_publicatie,
                             "bronorganisatie": version.bronorganisatie, "identificatie": version.identificatie,
                             "status": version.status})
            document.save()
            _trefwoorden(document, version.trefwoorden)
            record_document_change(actor, document=document, actie="partial_update" if partial else "update",
                                   resource="enkelvoudiginformatieobject",
                                   resource_url=document_url(actor.base_url, document), oud=oud,
                                   nieuw=snapshot(actor, document))
            return document
    except BaseException:
        storage.delete(written)
        raise


def delete_document(actor: Actor, document: EnkelvoudigInformatieObject) -> None:
    """drc-008: refused while objectinformatieobjecten exist; otherwise the document, every
    version and its content, the gebruiksrechten and the audit trail."""
    with change():
        document = _locked(document)
        if document.objectinformatieobjecten.exists():
            raise ValidationFailed(NON_FIELD, "pending-relations",
                                   "Het informatieobject is nog gerelateerd aan zaken of besluiten "
                                   "(objectinformatieobjecten); verwijder die relaties eerst.")
        oud = snapshot(actor, document)
        names = list(EnkelvoudigInformatieObjectVersie.objects.filter(document=document).values_list("inhoud", flat=True))
        names += list(BestandsDeel.objects.filter(document=document).values_list("inhoud", flat=True))
        record_document_change(actor, document=document, actie="destroy", resource="enkelvoudiginformatieobject",
                               resource_url=document_url(actor.base_url, document), oud=oud, nieuw=None)
        pk = document.pk
        EnkelvoudigInformatieObject.objects.filter(pk=pk).update(laatste_versie=None)
        document.delete()
        # "the audit trail is deleted with the object"; the notification above stays in the outbox
        AuditTrail.objects.filter(hoofd_object_uuid=pk).delete()
        storage.delete_on_commit(names)


def lock_document(actor: Actor, document: EnkelvoudigInformatieObject) -> str:
    """drc-009: check the document out. One conditional UPDATE: of two clients racing for the
    lock exactly one gets it, the other gets ``existing-lock``."""
    with change():
        token = secrets.token_hex(32)
        if not EnkelvoudigInformatieObject.objects.filter(pk=document.pk, lock="").update(lock=token):
            if not EnkelvoudigInformatieObject.objects.filter(pk=document.pk).exists():
                raise NotFound("Niet gevonden.")
            raise ValidationFailed(NON_FIELD, "existing-lock", "Het informatieobject is al gelocked.")
        document.lock = token
        _record_lock(actor, document, "lock")
        return token


def unlock_document(actor: Actor, document: EnkelvoudigInformatieObject, lock: str | None) -> None:
    """drc-009: release the lock; with ``documenten.geforceerd-unlock`` on the document's type also
    without (or with a wrong) lock. A pending upload in bestandsdelen is merged into the latest
    version's content (all parts must be complete: ``incomplete-upload``), streamed and before the
    transaction; a forced unlock abandons an incomplete upload."""
    from .bestandsdelen import abandon_upload, apply_merge, merge_parts

    def decide(doc) -> bool:
        if bool(lock) and bool(doc.lock) and lock_matches(lock, doc.lock):
            return False
        if not may(actor, COMPONENT, [SCOPE_GEFORCEERD_UNLOCK], doc.informatieobjecttype_id,
                   doc.vertrouwelijkheid_rank):
            raise ValidationFailed(NON_FIELD, "incorrect-lock-id",
                                   "De lock is niet juist (een geforceerde unlock vereist de scope "
                                   "documenten.geforceerd-unlock).")
        return True

    forced = decide(document)
    parts = list(BestandsDeel.objects.filter(document=document).order_by("volgnummer"))
    incomplete = any(not p.voltooid or not p.inhoud for p in parts)
    merged = merge_parts(document, parts) if parts and not (forced and incomplete) else None
    try:
        with transaction.atomic():
            document = _locked(document)
            forced = decide(document)
            now = list(BestandsDeel.objects.filter(document=document).order_by("volgnummer"))
            if [(p.pk, p.inhoud) for p in now] != [(p.pk, p.inhoud) for p in parts]:
                raise ValidationFailed(NON_FIELD, "upload-changed",
                                       "De bestandsdelen zijn tijdens het ontgrendelen gewijzigd; probeer opnieuw.")
            if merged is not None:
                apply_merge(actor, document, merged)
            elif now:
                abandon_upload(document)
            EnkelvoudigInformatieObject.objects.filter(pk=document.pk).update(lock="")
            document.lock = ""
            _record_lock(actor, document, "unlock")
    except BaseException:
        if merged is not None:
            storage.delete([merged.name])
        raise


def set_indicatie_gebruiksrecht(document: EnkelvoudigInformatieObject | object, value: bool | None) -> None:
    """drc-006, for the gebruiksrechten domain: set the versionless indicatieGebruiksrecht (no new
    version; the caller records it as the gebruiksrecht's change in the same transaction)."""
    pk = getattr(document, "pk", document)
    EnkelvoudigInformatieObject.objects.filter(pk=pk).update(indicatie_gebruiksrecht=value)
    if isinstance(document, EnkelvoudigInformatieObject):
        document.indicatie_gebruiksrecht = value


def lock_matches(given, lock: str) -> bool:
    """Is ``given`` (as a client sent it) the document's ``lock``, compared in constant time? A lock
    is hexadecimal: a value with other characters (which ``compare_digest`` refuses) never is."""
    given = str(given)
    return given.isascii() and secrets.compare_digest(given, lock)


def check_lock(document: EnkelvoudigInformatieObject, lock, *, partial: bool) -> None:
    """drc-009/010 for every write that needs the lock (updates, bestandsdelen)."""
    if not document.lock:
        raise ValidationFailed(NON_FIELD, "unlocked", "Het informatieobject is niet gelocked; lock het eerst.")
    if not lock:
        if partial:
            raise ValidationFailed(NON_FIELD, "missing-lock-id", "De lock ontbreekt.")
        raise ValidationFailed("lock", "required", "Dit veld is vereist.")
    if not lock_matches(lock, document.lock):
        raise ValidationFailed(NON_FIELD, "incorrect-lock-id", "De lock is niet juist.")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _locked(document) -> EnkelvoudigInformatieObject:
    fresh = (EnkelvoudigInformatieObject.objects.select_for_update(of=("self",)).select_related("laatste_versie")
             .filter(pk=getattr(document, "pk", document)).first())
    if fresh is None:
        raise NotFound("Niet gevonden.")
    return fresh


def _after(previous: dt.datetime) -> dt.datetime:
    now = timezone.now()
    return now if now > previous else previous + dt.timedelta(microseconds=1)


def _authorise(actor: Actor, scopes: list[str], iot_id, vertrouwelijkheid: str) -> None:
    if not may(actor, COMPONENT, scopes, iot_id, VERTROUWELIJKHEID_RANK[vertrouwelijkheid]):
        raise Forbidden("U heeft geen toestemming voor informatieobjecten van dit informatieobjecttype "
                        "(met deze vertrouwelijkheidaanduiding).", code="permission_denied")


def _record_lock(actor: Actor, document: EnkelvoudigInformatieObject, actie: str) -> None:
    # lock and unlock are audited, not announced (notify=False)
    document = EnkelvoudigInformatieObject.objects.select_related("laatste_versie").get(pk=document.pk)
    record_document_change(actor, document=document, actie=actie, resource="enkelvoudiginformatieobject",
                           resource_url=document_url(actor.base_url, document), oud=None, nieuw=None,
                           resultaat=204 if actie == "unlock" else 200, notify=False)


def _resolve_iot(actor: Actor, value, errors: ValidationErrors) -> InformatieObjectType | None:
    """drc-001: a local, published informatieobjecttype."""
    if isinstance(value, InformatieObjectType):
        iot = value
    else:
        try:
            iot = resolve_resource(value, actor.base_url, "catalogi.informatieobjecttype")
        except ReferenceLookupError as exc:
            errors.add("informatieobjecttype", exc.code or "bad-url", exc.detail)
            return None
    if iot.concept:
        errors.add("informatieobjecttype", "not-published", "Het informatieobjecttype is nog niet gepubliceerd.")
        return None
    return iot


def _validate(actor: Actor, data: dict, previous: EnkelvoudigInformatieObjectVersie | None,
              errors: ValidationErrors, *, full: bool) -> dict:
    given_iot = data.get("informatieobjecttype")
    if isinstance(given_iot, InformatieObjectType):
        # a caller that resolved the type already (the bulk path) passes the object: the field
        # checks see its URL, the rules below the object itself
        data = {**data, "informatieobjecttype": iot_url(actor.base_url, given_iot.pk)}
    values = check_fields(FIELDS, data, errors, full=full)
    if "taal" in values and len(values["taal"]) != 3:
        errors.add("taal", "min_length", "Een taalcode (ISO 639-2/B) bestaat uit 3 letters.")
        del values["taal"]
    for key, spec in (("ondertekening", ONDERTEKENING), ("integriteit", INTEGRITEIT)):
        if key in data:
            group = check_group(data, key, spec, errors)
            if group is not None or data[key] is None:
                values[key] = group
    if "informatieobjecttype" in values:
        sent_url = values.pop("informatieobjecttype")
        unchanged = previous is not None and sent_url.rstrip("/").endswith(str(previous.informatieobjecttype_id))
        if unchanged:
            values["informatieobjecttype"] = previous.informatieobjecttype
        else:
            iot = _resolve_iot(actor, given_iot if isinstance(given_iot, InformatieObjectType) else sent_url,
                               errors)
            if iot is not None:
                values["informatieobjecttype"] = iot

    # drc-005, on the values the version will have
    def current(key):
        if key in values:
            return values[key]
        return getattr(previous, key) if previous is not None else None

    if current("ontvangstdatum") and current("status") in ("in_bewerking", "ter_vaststelling"):
        errors.add("status", "invalid_for_received",
                   "De status 'in_bewerking' of 'ter_vaststelling' kan niet met een ontvangstdatum.")
    return values


def _apply(version: EnkelvoudigInformatieObjectVersie, values: dict) -> None:
    for key, value in values.items():
        if key == "informatieobjecttype":
            version.informatieobjecttype = value
        elif key == "ondertekening":
            version.ondertekening_soort = value["soort"] if value else ""
            version.ondertekening_datum = value["datum"] if value else None
        elif key == "integriteit":
            version.integriteit_algoritme = value["algoritme"] if value else ""
            version.integriteit_waarde = value["waarde"] if value else ""
            version.integriteit_datum = value["datum"] if value else None
        elif key in ("indicatie_gebruiksrecht",):
            continue  # versionless: on the document
        elif key == "trefwoorden":
            version.trefwoorden = list(value or [])
        elif key in ("identificatie", "link", "formaat", "bestandsnaam", "beschrijving", "verschijningsvorm", "status"):
            setattr(version, key, value or "")
        else:
            setattr(version, key, value)


def _sync(document: EnkelvoudigInformatieObject, values: dict) -> None:
    """Copy the latest version's filter/authorisation columns onto the document."""
    if "vertrouwelijkheidaanduiding" in values:
        document.vertrouwelijkheid_rank = VERTROUWELIJKHEID_RANK[values["vertrouwelijkheidaanduiding"]]
    for key in ("is_gereed_voor_publicatie", "bronorganisatie", "identificatie", "status"):
        if key in values:
            setattr(document, key, values[key] if values[key] is not None or key == "is_gereed_voor_publicatie" else "")


def _trefwoorden(document: EnkelvoudigInformatieObject, trefwoorden: list[str]) -> None:
    DocumentTrefwoord.objects.filter(document=document).delete()
    DocumentTrefwoord.objects.bulk_create(
        [DocumentTrefwoord(document=document, trefwoord=t) for t in dict.fromkeys(trefwoorden or [])])


def _content(document: EnkelvoudigInformatieObject, version: EnkelvoudigInformatieObjectVersie, data: dict,
             *, creating: bool) -> None:
    """The content of the new version: stored from ``inhoud``, an upload in bestandsdelen
    announced by ``bestandsomvang`` without content, or (update, nothing sent) the previous
    version's file."""
    from .bestandsdelen import abandon_upload, announce_upload

    inhoud = data.get("inhoud", ...)
    omvang = data.get("bestandsomvang")
    if isinstance(inhoud, storage.Stored):
        if not creating:
            abandon_upload(document)
        version.inhoud = inhoud.name
        version.bestandsomvang = inhoud.size
        return
    if creating or inhoud is None:
        # explicitly no content (or a new document without it): bestandsomvang > 0 announces an
        # upload in bestandsdelen, 0 or nothing means no content
        if not creating:
            abandon_upload(document)
        version.inhoud = ""
        version.bestandsomvang = omvang
        if omvang:
            announce_upload(document, omvang)
            if creating:
                document.lock = secrets.token_hex(32)
        return
    # an update that sends no content keeps the previous version's file (and its size); a
    # document without content gets an upload in bestandsdelen by sending a bestandsomvang
    if not version.inhoud and "bestandsomvang" in data:
        version.bestandsomvang = omvang
        abandon_upload(document)
        if omvang:
            announce_upload(document, omvang)


def _store_content(document_uuid, data: dict, written: list[str]) -> dict:
    """Write sent content to storage before the transaction (a large file is not copied while the
    database is kept waiting); the caller deletes it again when the change fails."""
    inhoud = data.get("inhoud")
    if not isinstance(inhoud, Inhoud):
        return data
    name = storage.save(storage.content_name(document_uuid), inhoud.file)
    written.append(name)
    return {**data, "inhoud": storage.Stored(name, inhoud.size)}


def _identificatie_in_use(bronorganisatie: str, identificatie: str, exclude) -> bool:
    qs = EnkelvoudigInformatieObject.objects.filter(bronorganisatie=bronorganisatie, identificatie=identificatie)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.exists()


def _draw_identificatie(bronorganisatie: str) -> str:
    return draw_identificaties(bronorganisatie, 1)[0]


def draw_identificaties(bronorganisatie: str, count: int) -> list[str]:
    """The next ``count`` numbers of the (bronorganisatie, year) series, skipping numbers a client
    took (the row is locked: parallel creates never get the same number). Call inside atomic()."""
    year = timezone.localdate().year
    reeks = DocumentIdentificatieReeks.objects.select_for_update().filter(
        bronorganisatie=bronorganisatie, jaar=year).first()
    if reeks is None:
        try:
            with transaction.atomic():
                reeks = DocumentIdentificatieReeks.objects.create(bronorganisatie=bronorganisatie, jaar=year)
        except IntegrityError:
            reeks = DocumentIdentificatieReeks.objects.select_for_update().get(bronorganisatie=bronorganisatie,
                                                                               jaar=year)
    out: list[str] = []
    while len(out) < count:
        # the candidates of this round checked in one query
        wanted = count - len(out)
        candidates = [IDENTIFICATIE_FORMAT.format(year=year, sequence=reeks.laatste + n)
                      for n in range(1, wanted + 1)]
        taken = set(EnkelvoudigInformatieObject.objects.filter(
            bronorganisatie=bronorganisatie, identificatie__in=candidates).values_list("identificatie", flat=True))
        out += [value for value in candidates if value not in taken]
        reeks.laatste += wanted
    reeks.save(update_fields=["laatste"])
    return out
