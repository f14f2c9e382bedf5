"""ZAAKEIGENSCHAPpen: the values of the eigenschappen of a zaak's zaaktype (Zaken API 1.7.0,
``/zaken/{zaak_uuid}/zaakeigenschappen``).

Rules:

- zrc-018: the ``eigenschap`` belongs to the zaaktype of the zaak: 400 ``nonFieldErrors`` /
  ``zaaktype-mismatch``.
- ``naam`` is copied from the eigenschap (read-only).
- only ``waarde`` may change: ``zaak`` and ``eigenschap`` are immutable (400
  ``wijzigen-niet-toegelaten``).
- new in 1.7: a ``waarde`` that does not match the eigenschap's specificatie (formaat tekst /
  getal / datum / datum_tijd, lengte, waardenverzameling, kardinaliteit) is stored all the same;
  ``afwijkingen`` says how it deviates, and the API returns that in the ``X-Warning`` header.
  Formats per ztc-015: datum is JJJJMMDD, datum_tijd JJJJMMDDUUmmss; getal is digits with an
  optional decimal comma, lengte "8" or "8,2" (whole digits, decimals).
- zrc-007: once the zaak is closed, zaakeigenschappen change only with
  ``zaken.geforceerd-bijwerken``.
"""

from __future__ import annotations

import datetime as dt
import re


from zaakwerk.catalogi.models import Eigenschap
from zaakwerk.core.actor import Actor
from zaakwerk.core.db import change
from zaakwerk.core.errors import ValidationErrors

from ..models import ZaakEigenschap
from ..representation_eigenschappen import zaakeigenschap_url, zaakeigenschappen_json
from .common import ensure_open_or_forced, locked_zaak, record_zaak_change

NON_FIELD = "nonFieldErrors"
IMMUTABLE = "wijzigen-niet-toegelaten"


def _snapshot(actor: Actor, obj: ZaakEigenschap) -> dict:
    return zaakeigenschappen_json([obj], actor.base_url)[0]


def _weergave(zaak, obj: ZaakEigenschap) -> str:
    return f"{zaak.identificatie} - {obj.naam}"


def build_zaakeigenschap(zaak, data: dict, errors: ValidationErrors) -> ZaakEigenschap:
    """zrc-018 and the naam copied from the eigenschap; the unsaved ZaakEigenschap (meaningful
    only when no problem was added to ``errors``). No database access (``domain.bulk``)."""
    eigenschap: Eigenschap = data["eigenschap"]
    if eigenschap.zaaktype_id != zaak.zaaktype_id:
        errors.add(NON_FIELD, "zaaktype-mismatch", "De eigenschap hoort niet bij het zaaktype van de zaak.")
    return ZaakEigenschap(zaak=zaak, eigenschap=eigenschap, naam=eigenschap.naam, waarde=data["waarde"])


def create_zaakeigenschap(actor: Actor, data: dict) -> ZaakEigenschap:
    with change():
        zaak = locked_zaak(data["zaak"])
        ensure_open_or_forced(actor, zaak)
        errors = ValidationErrors()
        obj = build_zaakeigenschap(zaak, data, errors)
        errors.raise_if_any()
        obj.save(force_insert=True)
        record_zaak_change(actor, zaak=zaak, actie="create", resource="zaakeigenschap",
                           resource_url=zaakeigenschap_url(actor.base_url, zaak.pk, obj.pk), oud=None,
                           nieuw=_snapshot(actor, obj), weergave=_weergave(zaak, obj))
        return obj


def update_zaakeigenschap(actor: Actor, obj: ZaakEigenschap, data: dict, partial: bool) -> ZaakEigenschap:
    """``zaak`` (a Zaak, or the URL as sent when it names none) and ``eigenschap`` (an Eigenschap,
    or the URL as sent) may be given, but only unchanged."""
    with change():
        zaak = locked_zaak(obj.zaak_id)
        ensure_open_or_forced(actor, zaak)
        obj = ZaakEigenschap.objects.select_for_update().get(pk=obj.pk)
        oud = _snapshot(actor, obj)
        errors = ValidationErrors()
        if "zaak" in data and getattr(data["zaak"], "pk", None) != obj.zaak_id:
            errors.add("zaak", IMMUTABLE, "De zaak mag niet gewijzigd worden.")
        if "eigenschap" in data and getattr(data["eigenschap"], "pk", None) != obj.eigenschap_id:
            errors.add("eigenschap", IMMUTABLE, "De eigenschap mag niet gewijzigd worden.")
        errors.raise_if_any()
        if "waarde" in data:
            obj.waarde = data["waarde"]
            obj.save(update_fields=["waarde"])
        record_zaak_change(actor, zaak=zaak, actie="partial_update" if partial else "update",
                           resource="zaakeigenschap",
                           resource_url=zaakeigenschap_url(actor.base_url, zaak.pk, obj.pk), oud=oud,
                           nieuw=_snapshot(actor, obj), weergave=_weergave(zaak, obj))
        return obj


def delete_zaakeigenschap(actor: Actor, obj: ZaakEigenschap) -> None:
    with change():
        zaak = locked_zaak(obj.zaak_id)
        ensure_open_or_forced(actor, zaak)
        oud = _snapshot(actor, obj)
        weergave = _weergave(zaak, obj)
        obj.delete()
        record_zaak_change(actor, zaak=zaak, actie="destroy", resource="zaakeigenschap",
                           resource_url=oud["url"], oud=oud, nieuw=None, weergave=weergave)


# ---- the 1.7 warning: does the waarde match the specificatie? -------------------------------------


def afwijkingen(obj: ZaakEigenschap, eigenschap: Eigenschap | None = None) -> list[str]:
    """How the stored waarde deviates from the specificatie of its eigenschap ([] when it
    matches). Plain ASCII sentences, fit for a response header."""
    eigenschap = eigenschap or obj.eigenschap
    problems = waarde_afwijkingen(eigenschap, obj.waarde)
    kardinaliteit = (eigenschap.specificatie_kardinaliteit or "").strip()
    if kardinaliteit.isdigit():
        count = ZaakEigenschap.objects.filter(zaak_id=obj.zaak_id, eigenschap_id=eigenschap.pk).count()
        if count > int(kardinaliteit):
            problems.append(f"de zaak heeft {count} waarden voor deze eigenschap, de kardinaliteit is "
                            f"{kardinaliteit}")
    return problems


def waarde_afwijkingen(eigenschap: Eigenschap, waarde: str) -> list[str]:
    formaat = eigenschap.specificatie_formaat
    lengte = (eigenschap.specificatie_lengte or "").strip()
    problems = []
    verzameling = eigenschap.specificatie_waardenverzameling or []
    if verzameling and waarde not in verzameling:
        problems.append("de waarde komt niet voor in de waardenverzameling")
    if formaat == "tekst":
        if lengte.isdigit() and len(waarde) > int(lengte):
            problems.append(f"de waarde is langer dan {lengte} tekens")
    elif formaat == "getal":
        whole, _, decimals = lengte.partition(",")
        if whole.isdigit() and (not decimals or decimals.isdigit()):
            pattern = rf"-?\d{{1,{int(whole)}}}" + (rf"(?:,\d{{1,{int(decimals)}}})?" if decimals else "")
            if not re.fullmatch(pattern, waarde):
                problems.append(f"de waarde is geen getal met lengte {lengte} (cijfers, decimale komma)")
        elif not re.fullmatch(r"-?\d+(?:,\d+)?", waarde):
            problems.append("de waarde is geen getal")
    elif formaat in ("datum", "datum_tijd"):
        form, voorbeeld = ("%Y%m%d", "JJJJMMDD") if formaat == "datum" else ("%Y%m%d%H%M%S", "JJJJMMDDUUmmss")
        try:
            valid = len(waarde) == len(voorbeeld) and bool(dt.datetime.strptime(waarde, form))
        except ValueError:
            valid = False
        if not valid:
            problems.append(f"de waarde is geen {formaat.replace('_', '/')} van de vorm {voorbeeld}")
    return problems


def warning_header(eigenschap: Eigenschap, problems: list[str]) -> str:
    """The ``X-Warning`` header value for these deviations (one line, no control characters)."""
    naam = re.sub(r"[\x00-\x1f\x7f]+", " ", eigenschap.naam)
    text = f"De waarde voldoet niet aan de specificatie van eigenschap '{naam}': " + "; ".join(problems) + "."
    return text
