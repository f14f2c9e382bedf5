"""VERZENDINGen: the sending of a document to, or its receipt from, a betrokkene (Documenten API
1.7.0, ``/verzendingen``).

Rules:

- ``informatieobject`` is a document of this Documenten register (400 ``informatieobject`` with
  ``invalid``, ``invalid-resource`` or ``bad-url``, as for gebruiksrechten). Unlike a
  gebruiksrecht, a verzending may be moved to another document (the OAS does not forbid it).
- ``betrokkene``, ``contactPersoon`` and ``buitenlandsCorrespondentieadres.landPostadres`` are URLs
  (400 ``invalid``).
- A verzending goes to, or comes from, exactly ONE address: one of
  ``binnenlandsCorrespondentieadres``, ``buitenlandsCorrespondentieadres``,
  ``correspondentiePostadres``, ``emailadres``, ``faxnummer`` or ``mijnOverheid`` (true). None or
  more than one is 400 ``nonFieldErrors`` / ``invalid-address``. ``telefoonnummer`` is a contact
  detail, not an address, and may accompany any of them. The rule holds for the verzending as it is
  after the change: a PATCH that sends another address must clear the current one (``null``, or
  ``false`` for ``mijnOverheid``) in the same request.
- ``ontvangstdatum`` is required when ``aardRelatie`` is ``afzender`` (the OAS: "Verplicht gevuld
  wanneer aardRelatie de waarde 'afzender' heeft"): 400 ``ontvangstdatum`` / ``required``.
- An address group is validated as a whole (the adapter's schema: required properties, lengths,
  ranges); sending ``null`` means "no such address". Empty contact details ("") are stored as null.

Every change is recorded in the document's audit trail (the informatieobject is the hoofdobject;
resource ``verzending``). The standard documents no notification for verzendingen: none is sent.
"""

from __future__ import annotations


from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import NotFound, ValidationErrors
from zaakwerk.core.references import is_valid_url

from ..models import Verzending
from ..representation_verzendingen import verzendingen_json
from .common import NON_FIELD, record_document_change
from .gebruiksrechten import locked_document

RESOURCE = "verzending"
GROUPS = ("binnenlands_correspondentieadres", "buitenlands_correspondentieadres", "correspondentie_postadres")
CONTACT = ("faxnummer", "emailadres", "telefoonnummer")
# every writable field and its value when a PUT leaves it out
DEFAULTS = {
    "betrokkene": "", "aard_relatie": "", "toelichting": "", "ontvangstdatum": None, "verzenddatum": None,
    "contact_persoon": "", "contactpersoonnaam": "", "binnenlands_correspondentieadres": None,
    "buitenlands_correspondentieadres": None, "correspondentie_postadres": None, "faxnummer": None,
    "emailadres": None, "mijn_overheid": False, "telefoonnummer": None,
}
REQUIRED = {"betrokkene": "betrokkene", "aard_relatie": "aardRelatie", "contact_persoon": "contactPersoon"}
ADDRESS_WIRE = ("binnenlandsCorrespondentieadres, buitenlandsCorrespondentieadres, correspondentiePostadres, "
                "emailadres, faxnummer of mijnOverheid")


def _snapshot(actor: Actor, obj: Verzending) -> dict:
    return verzendingen_json([obj], actor.base_url)[0]


def _weergave(document, obj: Verzending) -> str:
    return f"{document.identificatie} - {obj.aard_relatie} {obj.betrokkene}"[:200]


def _record(actor: Actor, document, obj: Verzending, actie: str, oud: dict | None, nieuw: dict | None) -> None:
    current = nieuw or oud
    record_document_change(actor, document=document, actie=actie, resource=RESOURCE, resource_url=current["url"],
                           oud=oud, nieuw=nieuw, weergave=_weergave(document, obj), notify=False)


def _clean(data: dict, errors: ValidationErrors) -> dict:
    """The sent writable fields as stored (groups as dicts with snake_case keys, "" contact details
    as null); URL and blank problems in ``errors``."""
    values = {key: data[key] for key in DEFAULTS if key in data}
    for key, name in (("betrokkene", "betrokkene"), ("contact_persoon", "contactPersoon")):
        if key in values and not is_valid_url(values[key]):
            errors.add(name, "invalid", "Voer een geldige URL in.")
    group = values.get("buitenlands_correspondentieadres")
    if group and not is_valid_url(group.get("land_postadres")):
        errors.add("buitenlandsCorrespondentieadres.landPostadres", "invalid", "Voer een geldige URL in.")
    for key in CONTACT:
        if key in values and not (values[key] or "").strip():
            values[key] = None
    return values


def _check_state(state: dict, errors: ValidationErrors) -> None:
    """The rules on the verzending as a whole, as it will be stored."""
    channels = [key for key in GROUPS if state.get(key)]
    channels += [key for key in ("emailadres", "faxnummer") if state.get(key)]
    if state.get("mijn_overheid"):
        channels.append("mijn_overheid")
    if len(channels) != 1:
        errors.add(NON_FIELD, "invalid-address",
                   f"Een verzending heeft precies één adres: {ADDRESS_WIRE}"
                   f" ({'geen' if not channels else len(channels)} opgegeven).")
    if state.get("aard_relatie") == "afzender" and state.get("ontvangstdatum") is None:
        errors.add("ontvangstdatum", "required",
                   "De ontvangstdatum is verplicht wanneer de aardRelatie 'afzender' is.")


def _missing(data: dict, errors: ValidationErrors) -> None:
    for key, name in REQUIRED.items():
        if key not in data:
            errors.add(name, "required", "Dit veld is vereist.")
    if "informatieobject" not in data:
        errors.add("informatieobject", "required", "Dit veld is vereist.")


def create_verzending(actor: Actor, data: dict) -> Verzending:
    """``data["informatieobject"]`` is the document (``gebruiksrechten.resolve_document``)."""
    with change():
        errors = ValidationErrors()
        _missing(data, errors)
        values = _clean(data, errors)
        errors.raise_if_any()
        state = {**DEFAULTS, **values}
        _check_state(state, errors)
        errors.raise_if_any()
        document = locked_document(data["informatieobject"].pk)
        obj = Verzending.objects.create(informatieobject=document, **state)
        _record(actor, document, obj, "create", None, _snapshot(actor, obj))
        return obj


def update_verzending(actor: Actor, obj: Verzending, data: dict, partial: bool) -> Verzending:
    """``data["informatieobject"]``, when sent, is the document it names (the adapter resolved it
    and checked the client may use it)."""
    with change():
        errors = ValidationErrors()
        if not partial:
            _missing(data, errors)
        values = _clean(data, errors)
        errors.raise_if_any()
        document = locked_document(obj.informatieobject_id)
        obj = Verzending.objects.select_for_update().filter(pk=obj.pk).first()
        if obj is None:
            raise NotFound("De verzending bestaat niet (meer).")
        current = {key: getattr(obj, key) for key in DEFAULTS}
        state = {**(current if partial else DEFAULTS), **values}
        _check_state(state, errors)
        errors.raise_if_any()
        oud = _snapshot(actor, obj)
        target = document
        if "informatieobject" in data and data["informatieobject"].pk != document.pk:
            target = locked_document(data["informatieobject"].pk)
            obj.informatieobject = target
        for key, value in state.items():
            setattr(obj, key, value)
        obj.save()
        nieuw = _snapshot(actor, obj)
        actie = "partial_update" if partial else "update"
        _record(actor, document, obj, actie, oud, nieuw)
        if target.pk != document.pk:  # moved to another document: its trail shows it too
            _record(actor, target, obj, actie, oud, nieuw)
        return obj


def delete_verzending(actor: Actor, obj: Verzending) -> None:
    with change():
        document = locked_document(obj.informatieobject_id)
        oud = _snapshot(actor, obj)
        deleted, _ = Verzending.objects.filter(pk=obj.pk).delete()
        if not deleted:
            raise NotFound("De verzending bestaat niet (meer).")
        _record(actor, document, obj, "destroy", oud, None)
