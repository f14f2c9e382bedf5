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
from collections import defaultdict, namedtuple

import msgspec
from django.core.exceptions import EmptyResultSet
from django.db import connections

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
    # PostgreSQL gives the uuids as text (their canonical form): no uuid objects to make, hash and
    # format again for the URLs
    if connection.vendor == "postgresql":
        def text(column: str) -> str:
            return f"CAST({column} AS text)"
    else:
        def text(column: str) -> str:
            return column
    uuid, zaak_id = text("uuid"), text("zaak_id")
    parts = [
        f"SELECT {DEELZAAK} AS kind, {text('hoofdzaak_id')} AS zaak, {uuid} AS uuid, identificatie AS stext, "
        f"{null(Rol, 'registratiedatum')} AS stime, {null(OpschortingPeriode, 'start')} AS start, "
        f"{null(OpschortingPeriode, 'einde')} AS einde, {null(OpschortingPeriode, 'reden')} AS reden, "
        f"{null(OpschortingPeriode, 'id')} AS id FROM {t[Zaak]} WHERE hoofdzaak_id IN ({marks})",
        f"SELECT {EIGENSCHAP}, {zaak_id}, {uuid}, naam, NULL, NULL, NULL, NULL, NULL FROM {t[ZaakEigenschap]} "
        f"WHERE zaak_id IN ({marks})",
        f"SELECT {ROL}, {zaak_id}, {uuid}, NULL, registratiedatum, NULL, NULL, NULL, NULL FROM {t[Rol]} "
        f"WHERE zaak_id IN ({marks})",
        f"SELECT {ZAAKOBJECT}, {zaak_id}, {uuid}, {null5}, NULL FROM {t[ZaakObject]} WHERE zaak_id IN ({marks})",
        f"SELECT {ZIO}, {zaak_id}, {uuid}, NULL, registratiedatum, NULL, NULL, NULL, NULL FROM {t[ZaakInformatieObject]} "
        f"WHERE zaak_id IN ({marks})",
        f"SELECT {RESULTAAT}, {zaak_id}, {uuid}, {null5}, NULL FROM {t[Resultaat]} WHERE zaak_id IN ({marks})",
        f"SELECT {OPSCHORTING}, {zaak_id}, NULL, NULL, NULL, start, einde, reden, id FROM {t[OpschortingPeriode]} "
        f"WHERE zaak_id IN ({marks})",
    ]
    return " UNION ALL ".join(parts)


def _related(ids: list) -> dict[int, dict]:
    """{kind: {zaak uuid as text: [(uuid as text, stext, stime, start, einde, reden, id)]}} for the
    zaken ``ids``, each list in the order the API shows it (canonical uuid text sorts as the uuids
    do)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        keys = ids
        params = [",".join(map(str, ids))] * 7
    else:
        keys = [Zaak._meta.pk.get_db_prep_value(i, connection) for i in ids]
        params = keys * 7
    with connection.cursor() as cursor:
        cursor.execute(_related_sql(len(keys), connection), params)
        rows = cursor.fetchall()
    out: dict[int, dict] = {kind: defaultdict(list) for kind in range(7)}
    if connection.vendor == "postgresql":
        for kind, zaak, uuid, *rest in rows:
            out[kind][zaak].append((uuid, *rest))
    else:
        for kind, zaak, uuid, *rest in rows:
            out[kind][str(_uuid(zaak))].append((str(_uuid(uuid)) if uuid is not None else None, *rest))
    for kind, per_zaak in out.items():
        for items in per_zaak.values():
            items.sort(key=_SORT[kind])
    return out


# every column, in the model's order (the order of the queryset's own SELECT)
_ROW_COLUMNS = tuple(f.attname for f in Zaak._meta.concrete_fields)


class _ZaakRow(namedtuple("_ZaakRowBase", _ROW_COLUMNS)):
    """A zaak as a list page reads it: the columns of the table as attributes (with the same
    names as on the model), without the cost of model instances: a tuple, made in one step."""

    __slots__ = ()

    @property
    def pk(self):
        return self.uuid


_JSON_POSITIONS = tuple(i for i, name in enumerate(_ROW_COLUMNS)
                        if Zaak._meta.get_field(name).get_internal_type() == "JSONField")


def rows(qs) -> list[_ZaakRow]:
    """The zaken of a (sliced, ordered, filtered) queryset as rows for ``zaken_json``. On
    PostgreSQL the rows come straight from the driver (dates, datetimes and uuids arrive as Python
    values) and only the JSON columns are decoded, with msgspec: Django's per-value converters cost
    more than the query on a page of 100."""
    connection = connections[qs.db]
    make = _ZaakRow._make
    if connection.vendor != "postgresql":
        return [make(values) for values in qs.values_list(*_ROW_COLUMNS)]
    # the queryset's own SELECT of every column (cheaper to compile than naming 50 columns)
    query = qs.query
    if query.select_related or query.annotations or query.extra or query.deferred_loading[0] \
            or not query.default_cols:
        query = qs.values_list(*_ROW_COLUMNS).query
    try:
        statement, params = query.get_compiler(qs.db).as_sql()
    except EmptyResultSet:
        return []
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        data = cursor.fetchall()
    decode = msgspec.json.decode
    positions = _JSON_POSITIONS
    out = []
    for values in data:
        values = list(values)
        for i in positions:
            value = values[i]
            if value is not None and value.__class__ is str:
                values[i] = [] if value == "[]" else decode(value)
        out.append(make(values))
    return out


def related_of(*, eigenschappen=(), rollen=(), zaakobjecten=(), resultaten=(), opschortingen=()) -> dict:
    """What ``_related`` reads from the database, from the rows a caller has in memory because it
    inserted them itself (``domain.bulk``: zaken created with their parts in one batch, nothing else
    relates to them yet); for ``zaken_json(..., related=...)``. Keys and uuids as text, like ``_related``."""
    out: dict[int, dict] = {kind: defaultdict(list) for kind in range(7)}
    for e in eigenschappen:
        out[EIGENSCHAP][str(e.zaak_id)].append((str(e.pk), e.naam, None, None, None, None, None))
    for r in rollen:
        out[ROL][str(r.zaak_id)].append((str(r.pk), None, r.registratiedatum, None, None, None, None))
    for o in zaakobjecten:
        out[ZAAKOBJECT][str(o.zaak_id)].append((str(o.pk), None, None, None, None, None, None))
    for r in resultaten:
        out[RESULTAAT][str(r.zaak_id)].append((str(r.pk), None, None, None, None, None, None))
    for p in opschortingen:
        out[OPSCHORTING][str(p.zaak_id)].append((None, None, None, p.start, p.einde, p.reden, p.pk))
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
    deelzaken, eigenschappen, rollen, zaakobjecten, zios, resultaten, opschortingen = (
        related[kind] for kind in range(7))
    zaken_prefix = f"{base}/zaken/"
    rollen_prefix = f"{base}/rollen/"
    zio_prefix = f"{base}/zaakinformatieobjecten/"
    zaakobject_prefix = f"{base}/zaakobjecten/"
    status_prefix = f"{base}/statussen/"
    resultaat_prefix = f"{base}/resultaten/"
    zaaktypen: dict = {}  # zaaktype uuid -> URL, once per page
    weergave = BETALINGSINDICATIE_WEERGAVE
    empty = ()

    out = []
    for z in zaken:
        pk = z.pk
        zid = str(pk)
        zaak_url = zaken_prefix + zid
        zaaktype = zaaktypen.get(z.zaaktype_id)
        if zaaktype is None:
            zaaktype = zaaktypen[z.zaaktype_id] = catalogi_url(base_url, "zaaktypen", z.zaaktype_id)
        resultaat = resultaten.get(zid)
        processobject = z.processobject or {}
        verlenging_duur = z.verlenging_duur
        d = z.registratiedatum
        registratiedatum = d.isoformat() if d else None
        d = z.startdatum
        startdatum = d.isoformat() if d else None
        d = z.einddatum
        einddatum = d.isoformat() if d else None
        d = z.einddatum_gepland
        einddatum_gepland = d.isoformat() if d else None
        d = z.uiterlijke_einddatum_afdoening
        uiterlijke = d.isoformat() if d else None
        d = z.publicatiedatum
        publicatiedatum = d.isoformat() if d else None
        d = z.archiefactiedatum
        archiefactiedatum = d.isoformat() if d else None
        d = z.startdatum_bewaartermijn
        startdatum_bewaartermijn = d.isoformat() if d else None
        item = {
            "url": zaak_url,
            "uuid": zid,
            "identificatie": z.identificatie,
            "bronorganisatie": z.bronorganisatie,
            "omschrijving": z.omschrijving,
            "toelichting": z.toelichting,
            "zaaktype": zaaktype,
            "registratiedatum": registratiedatum,
            "verantwoordelijkeOrganisatie": z.verantwoordelijke_organisatie,
            "startdatum": startdatum,
            "einddatum": einddatum,
            "einddatumGepland": einddatum_gepland,
            "uiterlijkeEinddatumAfdoening": uiterlijke,
            "publicatiedatum": publicatiedatum,
            "communicatiekanaal": z.communicatiekanaal,
            "productenOfDiensten": list(z.producten_of_diensten or empty),
            "vertrouwelijkheidaanduiding": z.vertrouwelijkheidaanduiding,
            "betalingsindicatie": z.betalingsindicatie,
            "betalingsindicatieWeergave": weergave.get(z.betalingsindicatie, ""),
            "laatsteBetaaldatum": _datetime(z.laatste_betaaldatum) if z.laatste_betaaldatum else None,
            "zaakgeometrie": z.zaakgeometrie,
            # zrc-012: gegevensgroepen are returned nested; null is "no verlenging" (a verlenging
            # always has its duur: the domain requires it)
            "verlenging": {"reden": z.verlenging_reden, "duur": verlenging_duur} if verlenging_duur else None,
            "opschorting": {"indicatie": z.opschorting_indicatie, "reden": z.opschorting_reden},
            "selectielijstklasse": z.selectielijstklasse,
            "hoofdzaak": f"{zaken_prefix}{z.hoofdzaak_id}" if z.hoofdzaak_id else None,
            "deelzaken": [zaken_prefix + r[0] for r in deelzaken.get(zid, empty)],
            "relevanteAndereZaken": [{"url": r.get("url", ""), "aardRelatie": r.get("aardRelatie", "")}
                                     for r in (z.relevante_andere_zaken or empty)],
            "eigenschappen": [f"{zaak_url}/zaakeigenschappen/{r[0]}" for r in eigenschappen.get(zid, empty)],
            "rollen": [rollen_prefix + r[0] for r in rollen.get(zid, empty)],
            "status": f"{status_prefix}{z.huidige_status_id}" if z.huidige_status_id else None,
            "zaakinformatieobjecten": [zio_prefix + r[0] for r in zios.get(zid, empty)],
            "zaakobjecten": [zaakobject_prefix + r[0] for r in zaakobjecten.get(zid, empty)],
            "kenmerken": [{"kenmerk": k.get("kenmerk", ""), "bron": k.get("bron", "")}
                          for k in (z.kenmerken or empty)],
            # no nomination is null (the schema allows "" too; the reference implementation and VNG's
            # zrc-008b answer null once a reopened zaak lost its nomination)
            "archiefnominatie": z.archiefnominatie or None,
            "archiefstatus": z.archiefstatus,
            "archiefactiedatum": archiefactiedatum,
            "resultaat": f"{resultaat_prefix}{resultaat[0][0]}" if resultaat else None,
            "opdrachtgevendeOrganisatie": z.opdrachtgevende_organisatie,
            "processobjectaard": z.processobjectaard,
            "startdatumBewaartermijn": startdatum_bewaartermijn,
            "processobject": {
                "datumkenmerk": processobject.get("datumkenmerk", ""),
                "identificatie": processobject.get("identificatie", ""),
                "objecttype": processobject.get("objecttype", ""),
                "registratie": processobject.get("registratie", ""),
            },
            EXTENSION: {"opschortingen": [{"start": _iso(r[3]), "einde": _iso(r[4]), "reden": r[5]}
                                          for r in opschortingen.get(zid, empty)]},
        }
        for key in LEFT_OUT_WHEN_EMPTY:
            if not item[key]:
                del item[key]
        out.append(item)
    return out


def zaak_json(zaak: Zaak, base_url: str) -> dict:
    """One zaak (``zaken_json`` for more than one: that costs the same number of queries)."""
    return zaken_json([zaak], base_url)[0]
