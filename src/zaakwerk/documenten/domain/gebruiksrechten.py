"""GEBRUIKSRECHTen: the conditions for using a document other than consulting it (Documenten API
1.7.0, ``/gebruiksrechten``). The API records them; it does not enforce them.

Rules:

- ``informatieobject`` is a document of this Documenten register: 400 ``informatieobject`` with
  ``invalid`` (no URL), ``invalid-resource`` (a URL that names no document of this register) or
  ``bad-url`` (a document URL of this register that names no existing document). It cannot change
  afterwards: 400 ``informatieobject`` / ``wijzigen-niet-toegelaten`` (sending the same URL again,
  as a PUT must, is fine).
- ``startdatum`` and ``omschrijvingVoorwaarden`` are required (PUT and create), the latter not
  blank; ``einddatum`` may be null. A date-time without offset is Dutch time.
- drc-006: creating a gebruiksrecht sets the document's ``indicatieGebruiksrecht`` to true; deleting
  the document's last gebruiksrecht sets it back to null. The document row is locked while this
  happens, so a create and a delete running at the same time leave the indicatie right.

Every change is one entry in the document's audit trail (the informatieobject is the hoofdobject)
and one notification on kanaal ``documenten`` (resource ``gebruiksrechten``, with the document's
kenmerken). The shared helpers at the top are used by ``verzendingen`` as well.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from urllib.parse import urlsplit


from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import NotFound, ValidationErrors, ValidationFailed
from zaakwerk.core.fields import as_utc as aware
from zaakwerk.core.references import ReferenceLookupError, is_local, is_valid_url

from ..models import EnkelvoudigInformatieObject, Gebruiksrecht
from ..representation_gebruiksrechten import gebruiksrechten_json
from .common import ROOT, record_document_change
from .documenten import set_indicatie_gebruiksrecht

RESOURCE = "gebruiksrechten"
IMMUTABLE = "wijzigen-niet-toegelaten"

# ---- shared by the resources that belong to one document ---------------------------------------------

_DOCUMENT_PATH = re.compile(
    rf"{re.escape(ROOT)}/enkelvoudiginformatieobjecten/"
    r"(?P<uuid>[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})/?")


def document_uuid(value: str, base_url: str) -> uuidlib.UUID | None:
    """The uuid in a URL of a document of this register (whether or not it exists), else None."""
    if not is_valid_url(value) or not is_local(value, base_url):
        return None
    path = urlsplit(value).path
    base_path = urlsplit(base_url).path.rstrip("/")
    if base_path and path.startswith(base_path + "/"):
        path = path[len(base_path):]
    match = _DOCUMENT_PATH.fullmatch(path)
    return uuidlib.UUID(match.group("uuid")) if match else None


def document_for_url(value, base_url: str) -> EnkelvoudigInformatieObject:
    """The document of this register a URL names, or a ReferenceLookupError (``invalid``,
    ``invalid-resource``, ``bad-url``). Resolved by its path: documents of another Documenten API
    cannot carry gebruiksrechten or verzendingen here."""
    if not isinstance(value, str) or not is_valid_url(value):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    uuid = document_uuid(value, base_url)
    if uuid is None:
        raise ReferenceLookupError("invalid-resource",
                                   "De URL verwijst niet naar een informatieobject in deze Documenten API.")
    document = EnkelvoudigInformatieObject.objects.filter(pk=uuid).first()
    if document is None:
        raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaand informatieobject.")
    return document


def resolve_document(value, base_url: str, name: str = "informatieobject") -> EnkelvoudigInformatieObject:
    """``document_for_url`` with the problem reported as a 400 on ``name``."""
    try:
        return document_for_url(value, base_url)
    except ReferenceLookupError as exc:
        raise ValidationFailed(name, exc.code, exc.detail) from None


def locked_document(pk) -> EnkelvoudigInformatieObject:
    """Re-read the document with a row lock (``SELECT ... FOR UPDATE``): changes to what belongs
    to it and its deletion see one state. 404 when it is gone meanwhile."""
    document = EnkelvoudigInformatieObject.objects.select_for_update().filter(pk=pk).first()
    if document is None:
        raise NotFound("Het informatieobject bestaat niet (meer).")
    return document


# ---- gebruiksrechten -----------------------------------------------------------------------------------

def _snapshot(actor: Actor, obj: Gebruiksrecht) -> dict:
    return gebruiksrechten_json([obj], actor.base_url)[0]


def _weergave(document: EnkelvoudigInformatieObject, obj: Gebruiksrecht) -> str:
    return f"{document.identificatie} - {obj.omschrijving_voorwaarden}"[:200]


def _record(actor: Actor, document, obj: Gebruiksrecht, actie: str, oud: dict | None, nieuw: dict | None) -> None:
    current = nieuw or oud
    record_document_change(actor, document=document, actie=actie, resource=RESOURCE, resource_url=current["url"],
                           oud=oud, nieuw=nieuw, weergave=_weergave(document, obj))


def _clean(data: dict, errors: ValidationErrors, *, full: bool) -> dict:
    """The writable fields as stored (aware UTC date-times), every problem in ``errors``."""
    values = {}
    if "startdatum" in data and data["startdatum"] is not None:
        try:
            values["startdatum"] = aware(data["startdatum"], "startdatum")
        except ValidationFailed as exc:
            errors.params.extend(exc.params)
    elif "startdatum" in data or full:
        errors.add("startdatum", "required" if "startdatum" not in data else "null", "Dit veld is vereist.")
    if "einddatum" in data:
        try:
            values["einddatum"] = aware(data["einddatum"], "einddatum")
        except ValidationFailed as exc:
            errors.params.extend(exc.params)
    elif full:
        values["einddatum"] = None
    if "omschrijving_voorwaarden" in data:
        text = data["omschrijving_voorwaarden"] or ""
        if not text.strip():
            errors.add("omschrijvingVoorwaarden", "blank", "Dit veld mag niet leeg zijn.")
        values["omschrijving_voorwaarden"] = text
    elif full:
        errors.add("omschrijvingVoorwaarden", "required", "Dit veld is vereist.")
    return values


def _set_indicatie(document: EnkelvoudigInformatieObject, value: bool | None) -> None:
    """drc-006 on the (locked) document row: versionless, no new version and no audit entry of
    its own (the gebruiksrecht's entry says why it changed)."""
    if document.indicatie_gebruiksrecht is not value:
        set_indicatie_gebruiksrecht(document, value)


def create_gebruiksrecht(actor: Actor, data: dict) -> Gebruiksrecht:
    """``data["informatieobject"]`` is the document (``resolve_document``)."""
    with change():
        errors = ValidationErrors()
        values = _clean(data, errors, full=True)
        errors.raise_if_any()
        document = locked_document(data["informatieobject"].pk)
        obj = Gebruiksrecht.objects.create(informatieobject=document, **values)
        _set_indicatie(document, True)
        _record(actor, document, obj, "create", None, _snapshot(actor, obj))
        return obj


def update_gebruiksrecht(actor: Actor, obj: Gebruiksrecht, data: dict, partial: bool) -> Gebruiksrecht:
    """``data["informatieobject"]``, when sent, is the document it names or the URL as sent when
    it names none (then it is a change as well)."""
    with change():
        document = locked_document(obj.informatieobject_id)
        obj = Gebruiksrecht.objects.select_for_update().filter(pk=obj.pk).first()
        if obj is None:
            raise NotFound("Het gebruiksrecht bestaat niet (meer).")
        errors = ValidationErrors()
        if "informatieobject" in data and getattr(data["informatieobject"], "pk", None) != document.pk:
            errors.add("informatieobject", IMMUTABLE, "Het informatieobject mag niet gewijzigd worden.")
        elif not partial and "informatieobject" not in data:
            errors.add("informatieobject", "required", "Dit veld is vereist.")
        values = _clean(data, errors, full=not partial)
        errors.raise_if_any()
        oud = _snapshot(actor, obj)
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save()
        _record(actor, document, obj, "partial_update" if partial else "update", oud, _snapshot(actor, obj))
        return obj


def delete_gebruiksrecht(actor: Actor, obj: Gebruiksrecht) -> None:
    with change():
        document = locked_document(obj.informatieobject_id)
        oud = _snapshot(actor, obj)
        deleted, _ = Gebruiksrecht.objects.filter(pk=obj.pk).delete()
        if not deleted:
            raise NotFound("Het gebruiksrecht bestaat niet (meer).")
        if not Gebruiksrecht.objects.filter(informatieobject=document).exists():
            _set_indicatie(document, None)
        _record(actor, document, obj, "destroy", oud, None)
