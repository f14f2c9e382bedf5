"""ROLlen: who is involved in a zaak, and how (Zaken API 1.7.0, ``/rollen``).

Rules, by the names the standard and VNG's conformance suite use:

- zrc-019 (the suite's folder ztc-019, request zrc-019a): the ``roltype`` belongs to the zaaktype
  of the zaak; otherwise 400 ``nonFieldErrors`` / ``zaaktype-mismatch``.
- ``omschrijving`` and ``omschrijvingGeneriek`` are copied from the roltype (read-only).
- a rol names its betrokkene by URL (``betrokkene``), by ``betrokkeneIdentificatie``, or both;
  neither is 400 ``nonFieldErrors`` / ``invalid-betrokkene``.
- ``betrokkeneIdentificatie`` is validated against the schema of the ``betrokkeneType``
  (``schemas_betrokkenen``), with ``inpBsn`` passing the 11-proof; it is stored complete (every
  property of the schema) and its identifying values are copied to indexed columns for the list
  filters ``betrokkeneIdentificatie__<type>__<veld>``.
- ``contactpersoonRol``: ``naam`` is required, ``emailadres`` is an e-mail address.
- zrc-007: once the zaak is closed, rollen are created or deleted only with
  ``zaken.geforceerd-bijwerken``.

Input is parsed, adapter-independent data: snake_case keys; ``zaak`` and ``roltype`` are model
instances; the nested groups (``betrokkene_identificatie``, ``contactpersoon_rol``) are the JSON
objects as sent (wire names), validated here because they are stored as JSON.
"""

from __future__ import annotations

import msgspec
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email

from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.references import is_valid_url
from zaakwerk.core.validators import validate_bsn

from ..models import Rol
from ..representation_betrokkenen import rol_url, rollen_json
from ..schemas_betrokkenen import (
    BETROKKENE_IDENTIFICATIE,
    ContactPersoonRol,
    Group,
    NatuurlijkPersoon,
    normalise,
    wire_name,
)
from .common import ensure_open_or_forced, locked_zaak, record_zaak_change

NON_FIELD = "nonFieldErrors"
INDICATIE_MACHTIGING = ("", "gemachtigde", "machtiginggever")

# betrokkeneType -> {indexed Rol column: property of its betrokkeneIdentificatie}
INDEXED = {
    "natuurlijk_persoon": {"inp_bsn": "inpBsn", "anp_identificatie": "anpIdentificatie",
                           "inp_a_nummer": "inpA_nummer"},
    "niet_natuurlijk_persoon": {"inn_nnp_id": "innNnpId", "ann_identificatie": "annIdentificatie"},
    "vestiging": {"vestigings_nummer": "vestigingsNummer"},
    "organisatorische_eenheid": {"organisatorische_eenheid_identificatie": "identificatie"},
    "medewerker": {"medewerker_identificatie": "identificatie"},
}
INDEXED_COLUMNS = sorted({column for columns in INDEXED.values() for column in columns})


# ---- nested JSON groups (shared with the zaakobjecten) ---------------------------------------------


def decode_group(schema: type[Group], value, name: str, errors: ValidationErrors) -> dict | None:
    """Check a nested JSON object against its schema; the complete wire dict, or None after adding
    the problems to ``errors`` (names prefixed with ``name``, e.g. ``betrokkeneIdentificatie.inpBsn``)."""
    from zaakwerk.core.api import validation_error_from_msgspec

    try:
        decoded = msgspec.convert(value, type=schema)
    except msgspec.ValidationError as exc:
        for param in validation_error_from_msgspec(str(exc)).params:
            inner = "" if param.name == NON_FIELD else param.name
            errors.add(f"{name}.{inner}" if inner else name, param.code, param.reason)
        return None
    before = len(errors.params)
    _check_persons(decoded, name, errors)
    if len(errors.params) > before:
        return None
    return normalise(decoded)


def _check_persons(node: Group, path: str, errors: ValidationErrors) -> None:
    """The 11-proof of every ``inpBsn`` in the group, wherever a natuurlijk persoon is nested."""
    if isinstance(node, NatuurlijkPersoon) and node.inp_bsn:
        try:
            validate_bsn(node.inp_bsn, f"{path}.inpBsn")
        except ValidationFailed as exc:
            for param in exc.params:
                errors.add(param.name, param.code, param.reason)
    for field in node.__struct_fields__:
        value = getattr(node, field)
        if isinstance(value, Group):
            _check_persons(value, f"{path}.{wire_name(field)}", errors)


def check_betrokkene_identificatie(betrokkene_type: str, value, errors: ValidationErrors,
                                   name: str = "betrokkeneIdentificatie") -> dict | None:
    schema = BETROKKENE_IDENTIFICATIE.get(betrokkene_type)
    if schema is None:
        return None
    return decode_group(schema, value, name, errors)


def check_contactpersoon(value, errors: ValidationErrors) -> dict | None:
    if value is None:
        return None
    group = decode_group(ContactPersoonRol, value, "contactpersoonRol", errors)
    if group is not None and group["emailadres"]:
        try:
            validate_email(group["emailadres"])
        except DjangoValidationError:
            errors.add("contactpersoonRol.emailadres", "invalid", "Voer een geldig e-mailadres in.")
            return None
    return group


def indexed_values(betrokkene_type: str, identificatie: dict | None) -> dict[str, str]:
    """The indexed filter columns of a rol (every column, "" where it does not apply)."""
    values = {column: "" for column in INDEXED_COLUMNS}
    for column, key in INDEXED.get(betrokkene_type, {}).items():
        values[column] = (identificatie or {}).get(key) or ""
    return values


# ---- rollen ---------------------------------------------------------------------------------------


def _snapshot(actor: Actor, rol: Rol) -> dict:
    return rollen_json([rol], actor.base_url)[0]


def _weergave(zaak, rol: Rol) -> str:
    return f"{zaak.identificatie} - {rol.omschrijving} ({rol.betrokkene_type})"


def build_rol(zaak, data: dict, errors: ValidationErrors) -> Rol:
    """The rules of a new rol (see the module docstring) on ``data``: problems are added to
    ``errors``; the unsaved Rol with its copied and indexed values is returned (meaningful only
    when no problem was added). No database access: ``domain.bulk`` builds many at once."""
    roltype = data["roltype"]
    if roltype.zaaktype_id != zaak.zaaktype_id:
        errors.add(NON_FIELD, "zaaktype-mismatch", "Het roltype hoort niet bij het zaaktype van de zaak.")
    betrokkene_type = data["betrokkene_type"]
    if betrokkene_type not in BETROKKENE_IDENTIFICATIE:
        errors.add("betrokkeneType", "invalid_choice", f'"{betrokkene_type}" is geen geldige keuze.')
    raw_identificatie = data.get("betrokkene_identificatie")
    identificatie = None
    if raw_identificatie is not None:
        identificatie = check_betrokkene_identificatie(betrokkene_type, raw_identificatie, errors)
    betrokkene = data.get("betrokkene") or ""
    if betrokkene and not is_valid_url(betrokkene):
        errors.add("betrokkene", "invalid", "Voer een geldige URL in.")
    if not betrokkene and not raw_identificatie:
        errors.add(NON_FIELD, "invalid-betrokkene",
                   "Geef de betrokkene (URL) of de betrokkeneIdentificatie op.")
    contactpersoon = check_contactpersoon(data.get("contactpersoon_rol"), errors)
    machtiging = data.get("indicatie_machtiging") or ""
    if machtiging not in INDICATIE_MACHTIGING:
        errors.add("indicatieMachtiging", "invalid_choice", f'"{machtiging}" is geen geldige keuze.')
    return Rol(
        zaak=zaak,
        betrokkene=betrokkene,
        betrokkene_type=betrokkene_type,
        afwijkende_naam_betrokkene=data.get("afwijkende_naam_betrokkene") or "",
        roltype=roltype,
        omschrijving=roltype.omschrijving,
        omschrijving_generiek=roltype.omschrijving_generiek,
        roltoelichting=data.get("roltoelichting") or "",
        indicatie_machtiging=machtiging,
        contactpersoon_rol=contactpersoon,
        betrokkene_identificatie=identificatie,
        **indexed_values(betrokkene_type, identificatie),
    )


def create_rol(actor: Actor, data: dict) -> Rol:
    with change():
        zaak = locked_zaak(data["zaak"])
        ensure_open_or_forced(actor, zaak)
        errors = ValidationErrors()
        rol = build_rol(zaak, data, errors)
        errors.raise_if_any()
        rol.save(force_insert=True)
        record_zaak_change(actor, zaak=zaak, actie="create", resource="rol",
                           resource_url=rol_url(actor.base_url, rol.pk), oud=None,
                           nieuw=_snapshot(actor, rol), weergave=_weergave(zaak, rol))
        return rol


def delete_rol(actor: Actor, rol: Rol) -> None:
    with change():
        zaak = locked_zaak(rol.zaak_id)
        ensure_open_or_forced(actor, zaak)
        oud = _snapshot(actor, rol)
        resource_url = rol_url(actor.base_url, rol.pk)
        weergave = _weergave(zaak, rol)
        rol.delete()  # statussen it set keep their place; their gezetdoor becomes empty
        record_zaak_change(actor, zaak=zaak, actie="destroy", resource="rol", resource_url=resource_url,
                           oud=oud, nieuw=None, weergave=weergave)
