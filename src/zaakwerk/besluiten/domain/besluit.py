"""The rules of a BESLUIT (Besluiten API 1.1.0): create, update and delete. Every write of a
besluit goes through here, whatever adapter calls it (API, admin, command line).

Input is parsed, adapter-independent data: snake_case keys, Python values (``datetime.date``),
only the keys that were sent. ``besluittype`` may be the URL the client sent or a ``BesluitType``;
``zaak`` the URL (or None/"" for none) or a ``Zaak`` of this server. Each function validates
everything it can before writing (all problems reported at once), writes in one
``transaction.atomic()`` block and records the change on the besluit (audit trail with old/new
representation + notification on kanaal ``besluiten``).

Rules (ids of the Besluiten "Specificatie van gedrag"; codes as VNG's conformance suite pins them):

- brc-001: ``besluittype`` resolves to a besluittype of this server's Catalogi API (``bad-url`` when
  it does not answer, ``invalid-resource`` when it is not a besluittype here) that is published
  (``not-published``); it never changes (``wijzigen-niet-toegelaten``). The client needs
  ``besluiten.aanmaken`` on that besluittype (403).
- brc-002: ``verantwoordelijkeOrganisatie`` + ``identificatie`` unique (``identificatie-niet-uniek``,
  also when two creates race: the database constraint answers then); a besluit without
  identificatie gets one from the series (``identificatie``, safe under concurrency); both never
  change (``wijzigen-niet-toegelaten``).
- brc-006: ``zaak`` resolves: a zaak of this server's Zaken register (in-process) or a zaak of
  another Zaken API (fetched; it must look like a zaak: ``invalid-resource``). A besluit with a
  local zaak is mirrored as a zaakbesluit (``zaken.domain.relaties.create_zaakbesluit``) in the
  same transaction, so it appears under ``/zaken/{uuid}/besluiten``; that refuses a closed zaak
  unless the client holds ``zaken.geforceerd-bijwerken`` for it (zrc-007, 403). A besluit of a
  foreign zaak is not mirrored there (that needs a POST with credentials for that API, which
  Zaakwerk does not configure yet). ``zaak`` never changes: "Bij het bijwerken is het NIET
  TOEGESTAAN om zaak te wijzigen" (``wijzigen-niet-toegelaten``, also for adding a zaak later).
- brc-007: with a zaak, the besluittype is one of the zaaktype's besluittypen (``nonFieldErrors``
  / ``zaaktype-mismatch``).
- brc-009: delete removes the besluit, its besluitinformatieobjecten (their mirrored
  objectinformatieobjecten through ``core.registers``), its zaakbesluit and its audit trail.
- ``datum`` lies not after today (``future_not_allowed``); ``verantwoordelijkeOrganisatie`` is an
  RSIN (9 digits passing the elfproef).

A PUT needs the required fields; optional fields it leaves out keep their value (as the reference
implementation does). The remaining fields (vervaldatum, vervalreden, publicatiedatum,
verzenddatum, uiterlijkeReactiedatum, toelichting, bestuursorgaan) are stored as sent: the
standard relates them to nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from zaakwerk.catalogi.models import BesluitType, ZaakType
from zaakwerk.catalogi.queries import zaaktype_has_besluittype
from zaakwerk.core.db import change
from zaakwerk.core.fields import Choices, F, check_fields, check_rsin
from zaakwerk.core import registers
from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.models import AuditTrail
from zaakwerk.core.references import ReferenceLookupError, is_local, is_valid_url, resolve_local, resolve_resource

from .. import identificatie as nummering
from ..authz import authorise_besluittype
from ..models import VERVALREDEN, Besluit
from ..representation import ROOT, besluit_url, besluittype_url, local_zaak_url
from .common import (IMMUTABLE, NON_FIELD, SCOPE_AANMAKEN, ZAAK_RESOURCE, locked_besluit, record_besluit_change,
                     snapshot)


FIELDS = {
    "identificatie": F("text", 50),
    "datum": F("date", required=True),
    "toelichting": F("text"),
    "bestuursorgaan": F("text", 50),
    "ingangsdatum": F("date", required=True),
    "vervaldatum": F("date", nullable=True),
    "vervalreden": F("choice", 30, nullable=True, choices=Choices(*(v for v, _ in VERVALREDEN))),
    "publicatiedatum": F("date", nullable=True),
    "verzenddatum": F("date", nullable=True),
    "uiterlijke_reactiedatum": F("date", nullable=True),
}
PLAIN = ("datum", "toelichting", "bestuursorgaan", "ingangsdatum", "vervaldatum", "vervalreden", "publicatiedatum",
         "verzenddatum", "uiterlijke_reactiedatum")


@dataclass
class ZaakRef:
    """The zaak a besluit names: a zaak of this server, or the URL and JSON of a foreign one."""

    lokaal: object | None = None  # zaakwerk.zaken.models.Zaak
    extern: str = ""
    data: dict | None = None


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def create_besluit(actor: Actor, data: dict) -> Besluit:
    from zaakwerk.zaken.domain import relaties as zaken_relaties

    with change():
        errors = ValidationErrors()
        values = _validate(actor, data, None, errors, full=True)
        errors.raise_if_any()
        besluit = Besluit(besluittype=values["besluittype"],
                          verantwoordelijke_organisatie=values["verantwoordelijke_organisatie"])
        zaak: ZaakRef | None = values.get("zaak")
        if zaak is not None:
            besluit.zaak_uuid = zaak.lokaal.pk if zaak.lokaal is not None else None
            besluit.zaak_extern = zaak.extern
        for key in PLAIN:
            if key in values:
                setattr(besluit, key, values[key])
        besluit.identificatie = values.get("identificatie") or nummering.draw(besluit.verantwoordelijke_organisatie)
        _save_unique(besluit)
        if zaak is not None and zaak.lokaal is not None:
            # brc-006: the relation appears under /zaken/{uuid}/besluiten, in this transaction
            zaken_relaties.create_zaakbesluit(actor, zaak.lokaal, besluit_url(actor.base_url, besluit.pk))
        record_besluit_change(actor, besluit=besluit, actie="create", resource="besluit",
                              resource_url=besluit_url(actor.base_url, besluit.pk), oud=None,
                              nieuw=snapshot(actor, besluit))
        return besluit


def update_besluit(actor: Actor, besluit: Besluit, data: dict, partial: bool) -> Besluit:
    with change():
        besluit = locked_besluit(besluit)
        oud = snapshot(actor, besluit)
        errors = ValidationErrors()
        values = _validate(actor, data, besluit, errors, full=not partial)
        errors.raise_if_any()
        for key in PLAIN:
            if key in values:
                setattr(besluit, key, values[key])
        besluit.save()
        record_besluit_change(actor, besluit=besluit, actie="partial_update" if partial else "update",
                              resource="besluit", resource_url=besluit_url(actor.base_url, besluit.pk), oud=oud,
                              nieuw=snapshot(actor, besluit))
        return besluit


def delete_besluit(actor: Actor, besluit: Besluit) -> None:
    """brc-009: the besluit, its besluitinformatieobjecten (and their objectinformatieobjecten in
    this server's Documenten register), its zaakbesluit and its audit trail. The notification
    ``destroy`` stays in the outbox."""
    from zaakwerk.zaken.domain import relaties as zaken_relaties
    from zaakwerk.zaken.models import ZaakBesluit

    with change():
        besluit = locked_besluit(besluit)
        url = besluit_url(actor.base_url, besluit.pk)
        oud = snapshot(actor, besluit)
        documenten = registers.documenten()
        informatieobjecten = [io for io in besluit.informatieobjecten.order_by("registratiedatum", "pk")
                              .values_list("informatieobject", flat=True) if is_local(io)]
        if documenten is not None and informatieobjecten:
            documenten.object_verwijderd(actor, object_type="besluit", object_url=url,
                                         informatieobjecten=informatieobjecten)
        if besluit.zaak_uuid is not None:
            # the zaakbesluit names this besluit by URL; matched on its path, whatever host it was made under
            for zaakbesluit in ZaakBesluit.objects.filter(zaak_id=besluit.zaak_uuid,
                                                          besluit__endswith=f"{ROOT}/besluiten/{besluit.pk}"):
                zaken_relaties.delete_zaakbesluit(actor, zaakbesluit)
        record_besluit_change(actor, besluit=besluit, actie="destroy", resource="besluit", resource_url=url,
                              oud=oud, nieuw=None)
        pk = besluit.pk
        besluit.delete()  # its besluitinformatieobjecten by cascade
        AuditTrail.objects.filter(hoofd_object_uuid=pk).delete()


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _save_unique(besluit: Besluit) -> None:
    """Insert; a parallel create that took the same identificatie meanwhile is a 400, not a 500."""
    try:
        with transaction.atomic():
            besluit.save(force_insert=True)
    except IntegrityError:
        raise ValidationFailed("identificatie", "identificatie-niet-uniek",
                               "Deze identificatie bestaat al voor deze verantwoordelijke organisatie.") from None


def _resolve_besluittype(actor: Actor, value, errors: ValidationErrors) -> BesluitType | None:
    """brc-001: a published besluittype of this server's Catalogi API."""
    if isinstance(value, BesluitType):
        besluittype = value
    elif isinstance(value, str):
        try:
            besluittype = resolve_resource(value, actor.base_url, "catalogi.besluittype")
        except ReferenceLookupError as exc:
            errors.add("besluittype", exc.code, exc.detail)
            return None
    else:
        errors.add("besluittype", "invalid", "Geef de URL van een besluittype op.")
        return None
    if besluittype.concept:
        errors.add("besluittype", "not-published", "Het besluittype is nog niet gepubliceerd (concept).")
        return None
    return besluittype


def _same_besluittype(actor: Actor, value, besluit: Besluit) -> bool:
    if isinstance(value, BesluitType):
        return value.pk == besluit.besluittype_id
    if not isinstance(value, str):
        return False
    match = resolve_local(value, actor.base_url)
    return (match is not None and getattr(match.resource, "key", None) == "catalogi.besluittype"
            and match.kwargs.get("uuid") == besluit.besluittype_id)


def _resolve_zaak(actor: Actor, value, errors: ValidationErrors) -> ZaakRef | None:
    """brc-006: the zaak resolves; a local one in-process (it must be a zaak of this server), a
    foreign one by a GET with the configured timeout (it must answer 200 with a zaak's JSON)."""
    from zaakwerk.zaken.domain.status import fetch_object
    from zaakwerk.zaken.models import Zaak

    if isinstance(value, Zaak):
        return ZaakRef(lokaal=value)
    if not is_valid_url(value):
        errors.add("zaak", "invalid", "Voer een geldige URL in.")
        return None
    try:
        if is_local(value, actor.base_url):
            return ZaakRef(lokaal=resolve_resource(value, actor.base_url, ZAAK_RESOURCE))
        data = fetch_object(value)
    except ReferenceLookupError as exc:
        errors.add("zaak", exc.code, exc.detail)
        return None
    if not isinstance(data.get("zaaktype"), str) or not data.get("bronorganisatie"):
        errors.add("zaak", "invalid-resource", "De URL verwijst niet naar een zaak.")
        return None
    return ZaakRef(extern=value, data=data)


def _same_zaak(actor: Actor, value, besluit: Besluit) -> bool:
    """Does ``value`` (as sent in an update) name the besluit's current zaak (or none)?"""
    from zaakwerk.zaken.models import Zaak

    if isinstance(value, Zaak):
        return value.pk == besluit.zaak_uuid
    if not value:
        return besluit.zaak_uuid is None and not besluit.zaak_extern
    if not isinstance(value, str):
        return False
    if besluit.zaak_uuid is not None:
        if value == local_zaak_url(actor.base_url, besluit.zaak_uuid):
            return True
        match = resolve_local(value, actor.base_url)
        return (match is not None and getattr(match.resource, "key", None) == ZAAK_RESOURCE
                and match.kwargs.get("uuid") == besluit.zaak_uuid)
    return value == besluit.zaak_extern


def _zaaktype_allows(actor: Actor, besluittype: BesluitType, zaak: ZaakRef) -> bool:
    """brc-007: is the besluittype one of the besluittypen of the zaak's zaaktype?"""
    from zaakwerk.zaken.domain.status import fetch_object

    if zaak.lokaal is not None:
        return zaaktype_has_besluittype(zaak.lokaal.zaaktype, besluittype)
    zaaktype_url = zaak.data["zaaktype"]
    try:
        if is_local(zaaktype_url, actor.base_url):
            zaaktype = resolve_resource(zaaktype_url, actor.base_url, "catalogi.zaaktype")
            return isinstance(zaaktype, ZaakType) and zaaktype_has_besluittype(zaaktype, besluittype)
        zaaktype_data = fetch_object(zaaktype_url)
    except ReferenceLookupError:
        return False
    # a zaaktype of another Catalogi API can only name our besluittype by its URL
    return besluittype_url(actor.base_url, besluittype.pk) in (zaaktype_data.get("besluittypen") or [])


def _validate(actor: Actor, data: dict, besluit: Besluit | None, errors: ValidationErrors, *,
              full: bool) -> dict:
    creating = besluit is None
    values = check_fields(FIELDS, data, errors, full=full)
    if "vervalreden" in values and values["vervalreden"] is None:
        values["vervalreden"] = ""

    # brc-001: the besluittype (resolved once, immutable afterwards)
    besluittype = None
    if creating:
        if "besluittype" not in data:
            errors.add("besluittype", "required", "Dit veld is vereist.")
        else:
            besluittype = _resolve_besluittype(actor, data["besluittype"], errors)
            if besluittype is not None:
                authorise_besluittype(actor, besluittype.pk, SCOPE_AANMAKEN)
    else:
        besluittype = besluit.besluittype
        if "besluittype" in data and not _same_besluittype(actor, data["besluittype"], besluit):
            errors.add("besluittype", IMMUTABLE, "Het besluittype van een besluit kan niet worden gewijzigd.")
        elif full and "besluittype" not in data:
            errors.add("besluittype", "required", "Dit veld is vereist.")
    values["besluittype"] = besluittype

    # brc-002: verantwoordelijkeOrganisatie (an RSIN) and identificatie, unique together, immutable
    key = "verantwoordelijke_organisatie"
    if creating:
        if key not in data:
            errors.add("verantwoordelijkeOrganisatie", "required", "Dit veld is vereist.")
        elif check_rsin(data[key], "verantwoordelijkeOrganisatie", errors, blank_code=True):
            values[key] = data[key]
    else:
        if key in data and data[key] != besluit.verantwoordelijke_organisatie:
            errors.add("verantwoordelijkeOrganisatie", IMMUTABLE,
                       "De verantwoordelijke organisatie van een besluit kan niet worden gewijzigd.")
        elif full and key not in data:
            errors.add("verantwoordelijkeOrganisatie", "required", "Dit veld is vereist.")
    if "identificatie" in values:
        if creating:
            organisatie = values.get(key)
            if values["identificatie"] and organisatie and nummering.in_use(organisatie, values["identificatie"]):
                errors.add("identificatie", "identificatie-niet-uniek",
                           "Deze identificatie bestaat al voor deze verantwoordelijke organisatie.")
        elif values["identificatie"] != besluit.identificatie:
            errors.add("identificatie", IMMUTABLE, "De identificatie van een besluit kan niet worden gewijzigd.")

    # datum: "in het verleden of nu"
    if isinstance(values.get("datum"), dt.date) and values["datum"] > timezone.localdate():
        errors.add("datum", "future_not_allowed", "De datum van het besluit mag niet in de toekomst liggen.")

    # brc-006 / brc-007: the zaak (resolved once, immutable afterwards)
    if creating:
        if data.get("zaak"):
            zaak = _resolve_zaak(actor, data["zaak"], errors)
            if zaak is not None:
                values["zaak"] = zaak
                if besluittype is not None and not _zaaktype_allows(actor, besluittype, zaak):
                    errors.add(NON_FIELD, "zaaktype-mismatch",
                               "Het besluittype hoort niet bij het zaaktype van de zaak.")
    elif "zaak" in data and not _same_zaak(actor, data["zaak"], besluit):
        errors.add("zaak", IMMUTABLE, "De zaak van een besluit kan niet worden gewijzigd.")
    return values
