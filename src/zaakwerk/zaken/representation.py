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
import uuid as uuid_module
from collections import defaultdict

from zaakwerk.core.api import remembered_representations

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


def _uuid(value) -> uuid_module.UUID:
    return value if isinstance(value, uuid_module.UUID) else uuid_module.UUID(str(value))


def _iso(value) -> str | None:
    """A date as the database returned it (a date, or ISO text on SQLite) in ISO form."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)[:10]


# The related objects of a page of zaken in ONE round trip (raw SQL: no ORM compilation on the
# hottest path): a UNION ALL over their tables, each part giving
# (kind, zaak, uuid, text sort key, time sort key, start, einde, reden, id); ordered per zaak in
# Python the way the API shows them.
DEELZAAK, EIGENSCHAP, ROL, ZAAKOBJECT, ZIO, RESULTAAT, OPSCHORTING = range(7)
_SORT = {
    DEELZAAK: lambda r: (r[1], r[0]),  # identificatie, pk
    EIGENSCHAP: lambda r: (r[1], r[0]),  # naam, pk
    ROL: lambda r: (r[2], r[0]),  # registratiedatum, pk
    ZAAKOBJECT: lambda r: r[0],  # pk
    ZIO: lambda r: (r[2], r[0]),  # registratiedatum, pk
    RESULTAAT: lambda r: r[0],
    OPSCHORTING: lambda r: (r[3], r[6]),  # start, id
}


def _related_sql(count: int, connection) -> str:
    # PostgreSQL: the ids as one text parameter per part (binding hundreds of placeholders, or an
    # array of uuids, costs more client time than the query itself); elsewhere placeholders
    marks = ("SELECT unnest(string_to_array(%s, ',')::uuid[])" if connection.vendor == "postgresql"
             else ", ".join(["%s"] * count))

    def null(model, name: str) -> str:  # typed: PostgreSQL resolves UNION column types pairwise
        return f"CAST(NULL AS {model._meta.get_field(name).db_type(connection)})"

    t = {m: m._meta.db_table for m in (Zaak, ZaakEigenschap, Rol, ZaakObject, ZaakInformatieObject, Resultaat,
                                       OpschortingPeriode)}
    null5 = "NULL, NULL, NULL, NULL, NULL"
    parts = [
        f"SELECT {DEELZAAK} AS kind, hoofdzaak_id AS zaak, uuid, identificatie AS stext, "
        f"{null(Rol, 'registratiedatum')} AS stime, {null(OpschortingPeriode, 'start')} AS start, "
        f"{null(OpschortingPeriode, 'einde')} AS einde, {null(OpschortingPeriode, 'reden')} AS reden, "
        f"{null(OpschortingPeriode, 'id')} AS id FROM {t[Zaak]} WHERE hoofdzaak_id IN ({marks})",
        f"SELECT {EIGENSCHAP}, zaak_id, uuid, naam, NULL, NULL, NULL, NULL, NULL FROM {t[ZaakEigenschap]} "
        f"WHERE zaak_id IN ({marks})",
        f"SELECT {ROL}, zaak_id, uuid, NULL, registratiedatum, NULL, NULL, NULL, NULL FROM {t[Rol]} "
        f"WHERE zaak_id IN ({marks})",
        f"SELECT {ZAAKOBJECT}, zaak_id, uuid, {null5}, NULL FROM {t[ZaakObject]} WHERE zaak_id IN ({marks})",
        f"SELECT {ZIO}, zaak_id, uuid, NULL, registratiedatum, NULL, NULL, NULL, NULL FROM {t[ZaakInformatieObject]} "
        f"WHERE zaak_id IN ({marks})",
        f"SELECT {RESULTAAT}, zaak_id, uuid, {null5}, NULL FROM {t[Resultaat]} WHERE zaak_id IN ({marks})",
        f"SELECT {OPSCHORTING}, zaak_id, NULL, NULL, NULL, start, einde, reden, id FROM {t[OpschortingPeriode]} "
        f"WHERE zaak_id IN ({marks})",
    ]
    return " UNION ALL ".join(parts)


def _related(ids: list) -> dict[int, dict]:
    """{kind: {zaak uuid: [(uuid, stext, stime, start, einde, reden, id)]}} for the zaken ``ids``,
    each list in the order the API shows it."""
    from django.db import connection

    keys = [Zaak._meta.pk.get_db_prep_value(i, connection) for i in ids]
    params = [",".join(str(k) for k in keys)] * 7 if connection.vendor == "postgresql" else keys * 7
    with connection.cursor() as cursor:
        cursor.execute(_related_sql(len(keys), connection), params)
        rows = cursor.fetchall()
    out: dict[int, dict] = {kind: defaultdict(list) for kind in range(7)}
    for kind, zaak, uuid, *rest in rows:
        out[kind][_uuid(zaak)].append((_uuid(uuid) if uuid is not None else None, *rest))
    for kind, per_zaak in out.items():
        for items in per_zaak.values():
            items.sort(key=_SORT[kind])
    return out


class _ZaakRow:
    """A zaak as a list page reads it: the columns of the table as attributes (with the same
    names as on the model), without the cost of model instances (a page of 100 zaken is built
    about twice as fast)."""

    __slots__ = tuple(f.attname for f in Zaak._meta.concrete_fields)

    @property
    def pk(self):
        return self.uuid


_ROW_COLUMNS = _ZaakRow.__slots__


def rows(qs) -> list[_ZaakRow]:
    """The zaken of a (sliced, ordered, filtered) queryset as rows for ``zaken_json``."""
    out = []
    for values in qs.values_list(*_ROW_COLUMNS):
        row = object.__new__(_ZaakRow)
        for name, value in zip(_ROW_COLUMNS, values):
            setattr(row, name, value)
        out.append(row)
    return out


def related_of(*, eigenschappen=(), rollen=(), zaakobjecten=(), resultaten=(), opschortingen=()) -> dict:
    """What ``_related`` reads from the database, from the rows a caller has in memory because it
    inserted them itself (``domain.bulk``: zaken created with their parts in one batch, nothing else
    relates to them yet); for ``zaken_json(..., related=...)``."""
    out: dict[int, dict] = {kind: defaultdict(list) for kind in range(7)}
    for e in eigenschappen:
        out[EIGENSCHAP][e.zaak_id].append((e.pk, e.naam, None, None, None, None, None))
    for r in rollen:
        out[ROL][r.zaak_id].append((r.pk, None, r.registratiedatum, None, None, None, None))
    for o in zaakobjecten:
        out[ZAAKOBJECT][o.zaak_id].append((o.pk, None, None, None, None, None, None))
    for r in resultaten:
        out[RESULTAAT][r.zaak_id].append((r.pk, None, None, None, None, None, None))
    for p in opschortingen:
        out[OPSCHORTING][p.zaak_id].append((None, None, None, p.start, p.einde, p.reden, p.pk))
    for kind, per_zaak in out.items():
        for items in per_zaak.values():
            if len(items) > 1:
                items.sort(key=_SORT[kind])
    return out


def zaken_json(zaken: list[Zaak], base_url: str, *, fresh: bool = False, related: dict | None = None) -> list[dict]:
    """``fresh``: the zaken were inserted in this transaction, so nothing relates to them yet;
    ``related``: their related rows as ``related_of`` gives them (instead of reading them)."""
    if not zaken:
        return []
    remembered = remembered_representations(zaken, base_url)
    if remembered is not None:
        return remembered
    base = f"{base_url}{ROOT}"
    if related is None:
        related = {kind: {} for kind in range(7)} if fresh else _related([z.pk for z in zaken])

    def urls(kind: int, zaak_id, template: str) -> list[str]:
        return [template.format(uuid=row[0], zaak=zaak_id) for row in related[kind].get(zaak_id, ())]

    def opschortingen(zaak_id) -> list[dict]:
        return [{"start": _iso(row[3]), "einde": _iso(row[4]), "reden": row[5]}
                for row in related[OPSCHORTING].get(zaak_id, ())]

    out = []
    for z in zaken:
        resultaat = related[RESULTAAT].get(z.pk)
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
            "deelzaken": urls(DEELZAAK, z.pk, base + "/zaken/{uuid}"),
            "relevanteAndereZaken": [{"url": r.get("url", ""), "aardRelatie": r.get("aardRelatie", "")}
                                     for r in (z.relevante_andere_zaken or [])],
            "eigenschappen": urls(EIGENSCHAP, z.pk, base + "/zaken/{zaak}/zaakeigenschappen/{uuid}"),
            "rollen": urls(ROL, z.pk, base + "/rollen/{uuid}"),
            "status": f"{base}/statussen/{z.huidige_status_id}" if z.huidige_status_id else None,
            "zaakinformatieobjecten": urls(ZIO, z.pk, base + "/zaakinformatieobjecten/{uuid}"),
            "zaakobjecten": urls(ZAAKOBJECT, z.pk, base + "/zaakobjecten/{uuid}"),
            "kenmerken": [{"kenmerk": k.get("kenmerk", ""), "bron": k.get("bron", "")}
                          for k in (z.kenmerken or [])],
            # no nomination is null (the schema allows "" too; the reference implementation and VNG's
            # zrc-008b answer null once a reopened zaak lost its nomination)
            "archiefnominatie": z.archiefnominatie or None,
            "archiefstatus": z.archiefstatus,
            "archiefactiedatum": _date(z.archiefactiedatum),
            "resultaat": f"{base}/resultaten/{resultaat[0][0]}" if resultaat else None,
            "opdrachtgevendeOrganisatie": z.opdrachtgevende_organisatie,
            "processobjectaard": z.processobjectaard,
            "startdatumBewaartermijn": _date(z.startdatum_bewaartermijn),
            "processobject": {
                "datumkenmerk": processobject.get("datumkenmerk", ""),
                "identificatie": processobject.get("identificatie", ""),
                "objecttype": processobject.get("objecttype", ""),
                "registratie": processobject.get("registratie", ""),
            },
            EXTENSION: {"opschortingen": opschortingen(z.pk)},
        })
        for key in LEFT_OUT_WHEN_EMPTY:
            if not out[-1][key]:
                del out[-1][key]
    return out


def zaak_json(zaak: Zaak, base_url: str) -> dict:
    """One zaak (``zaken_json`` for more than one: that costs the same number of queries)."""
    return zaken_json([zaak], base_url)[0]
