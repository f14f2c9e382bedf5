"""The Zaken API 1.7.0 representation of a ZAAK, built in bulk.

``zaken_json(zaken, base_url)`` returns the exact response dicts (wire names, the fields of the
1.7.0 ``Zaak`` schema in its order) for a list of zaken in a CONSTANT number of queries, whatever
the number of zaken: the lists of related objects (deelzaken, eigenschappen, rollen, statussen via
``huidige_status``, zaakobjecten, zaakinformatieobjecten, resultaat, opschortingen) are fetched
with one query per kind for all zaken together. The same dicts are the audit trail snapshots.

Values the schema does not allow are never shown: the optional URL fields ``communicatiekanaal``
and ``selectielijstklasse`` (format uri, not nullable) are left out while they have no value
("" is not a URL), and ``verlenging`` is null while the zaak has none (the ``Verlenging`` group
requires a ``duur`` in ISO 8601 duration form).

Besides the standard fields every zaak carries one extension, ``_zaakwerk``, read-only:

    "_zaakwerk": {"opschortingen": [{"start": "2024-03-04", "einde": "2024-03-11", "reden": "..."}]}

the history of opschortingen (suspensions) whose days were added to the deadlines on resumption.
The leading underscore keeps it apart from the standard's names (as ``_expand`` is); clients that
validate strictly against the OAS can ignore it (the schemas allow additional properties).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .domain.common import ROOT, catalogi_url
from .models import (OpschortingPeriode, Resultaat, Rol, Zaak, ZaakEigenschap, ZaakInformatieObject,
                     ZaakObject)
from .representation_betrokkenen import local_datetime_json

BETALINGSINDICATIE_WEERGAVE = {
    "nvt": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
    "nog_niet": "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
    "gedeeltelijk": "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
    "geheel": "De met de zaak gemoeide kosten zijn geheel betaald.",
}

EXTENSION = "_zaakwerk"
# optional, not nullable, format uri: left out rather than ""
LEFT_OUT_WHEN_EMPTY = ("communicatiekanaal", "selectielijstklasse")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: dt.datetime | None) -> str | None:
    return local_datetime_json(value)


def _by_zaak(model, base: str, collection: str, ids: list, ordering: tuple[str, ...]) -> dict:
    """{zaak uuid: [urls]} for the rows of ``model`` belonging to ``ids``: one query."""
    out: dict = defaultdict(list)
    for zaak_id, uuid in model.objects.filter(zaak_id__in=ids).order_by(*ordering).values_list("zaak_id", "uuid"):
        out[zaak_id].append(f"{base}/{collection}/{uuid}")
    return out


def zaken_json(zaken: list[Zaak], base_url: str) -> list[dict]:
    if not zaken:
        return []
    base = f"{base_url}{ROOT}"
    ids = [z.pk for z in zaken]

    deelzaken: dict = defaultdict(list)
    for hoofd, uuid in Zaak.objects.filter(hoofdzaak_id__in=ids).order_by("identificatie", "pk").values_list(
            "hoofdzaak_id", "uuid"):
        deelzaken[hoofd].append(f"{base}/zaken/{uuid}")
    eigenschappen: dict = defaultdict(list)
    for zaak_id, uuid in ZaakEigenschap.objects.filter(zaak_id__in=ids).order_by("naam", "pk").values_list(
            "zaak_id", "uuid"):
        eigenschappen[zaak_id].append(f"{base}/zaken/{zaak_id}/zaakeigenschappen/{uuid}")
    rollen = _by_zaak(Rol, base, "rollen", ids, ("registratiedatum", "pk"))
    zaakobjecten = _by_zaak(ZaakObject, base, "zaakobjecten", ids, ("pk",))
    zios = _by_zaak(ZaakInformatieObject, base, "zaakinformatieobjecten", ids, ("registratiedatum", "pk"))
    resultaten = dict(Resultaat.objects.filter(zaak_id__in=ids).values_list("zaak_id", "uuid"))
    opschortingen: dict = defaultdict(list)
    for periode in OpschortingPeriode.objects.filter(zaak_id__in=ids).order_by("start", "pk"):
        opschortingen[periode.zaak_id].append(
            {"start": _date(periode.start), "einde": _date(periode.einde), "reden": periode.reden})

    out = []
    for z in zaken:
        resultaat = resultaten.get(z.pk)
        processobject = z.processobject or {}
        out.append({
            "url": f"{base}/zaken/{z.pk}",
            "uuid": str(z.pk),
            "identificatie": z.identificatie,
            "bronorganisatie": z.bronorganisatie,
            "omschrijving": z.omschrijving,
            "toelichting": z.toelichting,
            "zaaktype": catalogi_url(base_url, "zaaktypen", z.zaaktype_id),
            "registratiedatum": _date(z.registratiedatum),
            "verantwoordelijkeOrganisatie": z.verantwoordelijke_organisatie,
            "startdatum": _date(z.startdatum),
            "einddatum": _date(z.einddatum),
            "einddatumGepland": _date(z.einddatum_gepland),
            "uiterlijkeEinddatumAfdoening": _date(z.uiterlijke_einddatum_afdoening),
            "publicatiedatum": _date(z.publicatiedatum),
            "communicatiekanaal": z.communicatiekanaal,
            "productenOfDiensten": list(z.producten_of_diensten or []),
            "vertrouwelijkheidaanduiding": z.vertrouwelijkheidaanduiding,
            "betalingsindicatie": z.betalingsindicatie,
            "betalingsindicatieWeergave": BETALINGSINDICATIE_WEERGAVE.get(z.betalingsindicatie, ""),
            "laatsteBetaaldatum": _datetime(z.laatste_betaaldatum),
            "zaakgeometrie": z.zaakgeometrie,
            # zrc-012: gegevensgroepen are returned nested; null is "no verlenging" (a verlenging
            # always has its duur: the domain requires it)
            "verlenging": {"reden": z.verlenging_reden, "duur": z.verlenging_duur} if z.verlenging_duur else None,
            "opschorting": {"indicatie": z.opschorting_indicatie, "reden": z.opschorting_reden},
            "selectielijstklasse": z.selectielijstklasse,
            "hoofdzaak": f"{base}/zaken/{z.hoofdzaak_id}" if z.hoofdzaak_id else None,
            "deelzaken": deelzaken.get(z.pk, []),
            "relevanteAndereZaken": [{"url": r.get("url", ""), "aardRelatie": r.get("aardRelatie", "")}
                                     for r in (z.relevante_andere_zaken or [])],
            "eigenschappen": eigenschappen.get(z.pk, []),
            "rollen": rollen.get(z.pk, []),
            "status": f"{base}/statussen/{z.huidige_status_id}" if z.huidige_status_id else None,
            "zaakinformatieobjecten": zios.get(z.pk, []),
            "zaakobjecten": zaakobjecten.get(z.pk, []),
            "kenmerken": [{"kenmerk": k.get("kenmerk", ""), "bron": k.get("bron", "")}
                          for k in (z.kenmerken or [])],
            "archiefnominatie": z.archiefnominatie,
            "archiefstatus": z.archiefstatus,
            "archiefactiedatum": _date(z.archiefactiedatum),
            "resultaat": f"{base}/resultaten/{resultaat}" if resultaat else None,
            "opdrachtgevendeOrganisatie": z.opdrachtgevende_organisatie,
            "processobjectaard": z.processobjectaard,
            "startdatumBewaartermijn": _date(z.startdatum_bewaartermijn),
            "processobject": {
                "datumkenmerk": processobject.get("datumkenmerk", ""),
                "identificatie": processobject.get("identificatie", ""),
                "objecttype": processobject.get("objecttype", ""),
                "registratie": processobject.get("registratie", ""),
            },
            EXTENSION: {"opschortingen": opschortingen.get(z.pk, [])},
        })
        for key in LEFT_OUT_WHEN_EMPTY:
            if not out[-1][key]:
                del out[-1][key]
    return out


def zaak_json(zaak: Zaak, base_url: str) -> dict:
    """One zaak (``zaken_json`` for more than one: that costs the same number of queries)."""
    return zaken_json([zaak], base_url)[0]
