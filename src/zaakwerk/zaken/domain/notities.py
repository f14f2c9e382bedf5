"""ZAAKNOTITIEs: notes on a zaak (Zaken API 1.7.0, ``/zaaknotities``, experimental in the
standard).

Rules:

- ``onderwerp`` and ``tekst`` are required and not empty; ``notitieType`` is intern or extern
  (default intern: only employees may see it), ``status`` concept or definitief (default concept).
- a notitie can only be modified while its status is not ``definitief`` (the OAS: "Notitie can
  only be modified when status is `concept`"): 400 ``nonFieldErrors`` / ``notitie-definitief``.
  Setting the status to definitief is itself a modification of a concept, and allowed.
- ``gerelateerdAan`` is the zaak; a note may be moved to another zaak, which the client must be
  allowed to update as well (checked by the adapter, which knows the scopes of the operation).
- zrc-007: once the zaak is closed, its notities change only with ``zaken.geforceerd-bijwerken``.

Changes are recorded in the zaak's audit trail. The standard documents no notification for
zaaknotities (kanaal ``zaken``), so none is sent.
"""

from __future__ import annotations


from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import ValidationErrors

from ..models import Zaak, ZaakNotitie
from ..representation_notities import zaaknotities_json
from .common import ensure_open_or_forced, locked_zaak, record_zaak_change

NON_FIELD = "nonFieldErrors"
NOTITIE_TYPEN = ("intern", "extern")
STATUSSEN = ("concept", "definitief")
FIELDS = ("onderwerp", "tekst", "aangemaakt_door", "notitie_type", "status")
# what a notitie is when the client does not say (the reference implementation's defaults)
DEFAULTS = {"notitie_type": "intern", "status": "concept"}


def _snapshot(actor: Actor, obj: ZaakNotitie) -> dict:
    return zaaknotities_json([obj], actor.base_url)[0]


def _check(data: dict, errors: ValidationErrors, *, full: bool) -> None:
    for key, name in (("onderwerp", "onderwerp"), ("tekst", "tekst")):
        if key in data:
            if not (data[key] or "").strip():
                errors.add(name, "blank", "Dit veld mag niet leeg zijn.")
        elif full:
            errors.add(name, "required", "Dit veld is vereist.")
    if data.get("notitie_type") not in (None, "", *NOTITIE_TYPEN):
        errors.add("notitieType", "invalid_choice", f'"{data["notitie_type"]}" is geen geldige keuze.')
    if data.get("status") not in (None, "", *STATUSSEN):
        errors.add("status", "invalid_choice", f'"{data["status"]}" is geen geldige keuze.')


def _record(actor: Actor, zaak: Zaak, actie: str, oud: dict | None, nieuw: dict | None) -> None:
    current = nieuw or oud
    record_zaak_change(actor, zaak=zaak, actie=actie, resource="zaaknotitie", resource_url=current["url"],
                       oud=oud, nieuw=nieuw, weergave=f"{zaak.identificatie} - {current['onderwerp']}"[:200],
                       notify=False)


def create_zaaknotitie(actor: Actor, data: dict) -> ZaakNotitie:
    with change():
        zaak = locked_zaak(data["gerelateerd_aan"])
        ensure_open_or_forced(actor, zaak)
        errors = ValidationErrors()
        _check(data, errors, full=True)
        errors.raise_if_any()
        obj = ZaakNotitie.objects.create(gerelateerd_aan=zaak,
                                         **{key: data.get(key) or DEFAULTS.get(key, "") for key in FIELDS})
        _record(actor, zaak, "create", None, _snapshot(actor, obj))
        return obj


def update_zaaknotitie(actor: Actor, obj: ZaakNotitie, data: dict, partial: bool) -> ZaakNotitie:
    with change():
        zaak = locked_zaak(obj.gerelateerd_aan_id)
        ensure_open_or_forced(actor, zaak)
        obj = ZaakNotitie.objects.select_for_update().get(pk=obj.pk)
        oud = _snapshot(actor, obj)
        errors = ValidationErrors()
        if obj.status == "definitief":
            errors.add(NON_FIELD, "notitie-definitief",
                       "Een definitieve notitie kan niet meer gewijzigd worden.")
            errors.raise_if_any()
        _check(data, errors, full=not partial)
        errors.raise_if_any()
        target = zaak
        if "gerelateerd_aan" in data and data["gerelateerd_aan"].pk != zaak.pk:
            target = locked_zaak(data["gerelateerd_aan"])
            ensure_open_or_forced(actor, target)
            obj.gerelateerd_aan = target
        for key in FIELDS:
            if key in data or not partial:
                setattr(obj, key, data.get(key) or DEFAULTS.get(key, ""))
        obj.save()
        nieuw = _snapshot(actor, obj)
        actie = "partial_update" if partial else "update"
        _record(actor, zaak, actie, oud, nieuw)
        if target.pk != zaak.pk:  # the note arrived on another zaak: its trail shows it too
            _record(actor, target, actie, oud, nieuw)
        return obj


def delete_zaaknotitie(actor: Actor, obj: ZaakNotitie) -> None:
    with change():
        zaak = locked_zaak(obj.gerelateerd_aan_id)
        ensure_open_or_forced(actor, zaak)
        oud = _snapshot(actor, obj)
        obj.delete()
        _record(actor, zaak, "destroy", oud, None)
