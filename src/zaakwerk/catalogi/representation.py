"""The Catalogi API 1.3.3 representation of every resource, built in bulk.

Each ``*_json(objs, base_url, peildatum=None)`` function returns the exact response dicts (wire
names, every field, derived read-only fields) for a list of model instances, in a constant number
of queries however many objects are passed: related rows are fetched with one query per kind,
never per object. The same dicts are the audit trail snapshots (``oud``/``nieuw``).

Links between the versioned main types are stored by key (omschrijving or identificatie, see
``models``). Following the 1.3.3 specification ("De url's die moeten worden teruggegeven ..."),
such a link is shown as the URLs of the versions that are published (``concept=false``) and valid
on the reference date (``peildatum``: the ``datumGeldigheid`` of the request, or today), in the
catalogus of the linking object. Validity runs from beginGeldigheid through eindeGeldigheid,
inclusive, as the specification defines it for ztc-016.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterable

from django.db.models import Max, Q
from django.utils import timezone

from .models import (
    BesluitType,
    BesluitTypeInformatieObjectType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    ResultaatTypeBesluitType,
    ResultaatTypeInformatieObjectType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeBesluitType,
    ZaakTypeInformatieObjectType,
    ZaakTypenRelatie,
)

API_PATH = "catalogi/api/v1"

COLLECTIONS = {
    Catalogus: "catalogussen",
    ZaakType: "zaaktypen",
    InformatieObjectType: "informatieobjecttypen",
    BesluitType: "besluittypen",
    StatusType: "statustypen",
    RolType: "roltypen",
    ResultaatType: "resultaattypen",
    Eigenschap: "eigenschappen",
    ZaakTypeInformatieObjectType: "zaaktype-informatieobjecttypen",
    ZaakObjectType: "zaakobjecttypen",
}


def url(base_url: str, model_or_collection, uuid) -> str:
    collection = COLLECTIONS.get(model_or_collection, model_or_collection)
    return f"{base_url}/{API_PATH}/{collection}/{uuid}"


def object_url(base_url: str, obj) -> str:
    return url(base_url, type(obj), obj.pk)


def today() -> dt.date:
    return timezone.localdate()


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def valid_on(qs, peildatum: dt.date):
    """Versions whose geldigheid includes ``peildatum`` (both ends inclusive)."""
    return qs.filter(begin_geldigheid__lte=peildatum).filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=peildatum))


def resolve(model, key_field: str, keys: Iterable[tuple], peildatum: dt.date) -> dict[tuple, list]:
    """Map (catalogus_id, key) to the uuids of the published versions valid on ``peildatum``,
    oldest first. One query for all keys."""
    keys = set(keys)
    if not keys:
        return {}
    qs = model.objects.filter(
        catalogus_id__in={c for c, _ in keys},
        **{f"{key_field}__in": {k for _, k in keys}},
        concept=False,
    )
    out: dict[tuple, list] = defaultdict(list)
    for cat, key, uuid in valid_on(qs, peildatum).order_by("begin_geldigheid", "pk").values_list(
            "catalogus_id", key_field, "uuid"):
        if (cat, key) in keys:
            out[(cat, key)].append(uuid)
    return out


def resolve_single(model, key_field: str, keys: Iterable[tuple], peildatum: dt.date) -> dict[tuple, object]:
    """For single-valued links: the valid published version if there is one, otherwise the most
    recent version (published first, then concepts), so a draft that links a draft still shows
    which object it means. One query for all keys."""
    keys = set(keys)
    if not keys:
        return {}
    rows = model.objects.filter(
        catalogus_id__in={c for c, _ in keys}, **{f"{key_field}__in": {k for _, k in keys}},
    ).values_list("catalogus_id", key_field, "uuid", "concept", "begin_geldigheid", "einde_geldigheid")
    best: dict[tuple, tuple] = {}
    for cat, key, uuid, concept, begin, einde in rows:
        if (cat, key) not in keys:
            continue
        valid = not concept and begin <= peildatum and (einde is None or einde >= peildatum)
        rank = (valid, not concept, begin)
        if (cat, key) not in best or rank > best[(cat, key)][0]:
            best[(cat, key)] = (rank, uuid)
    return {k: v[1] for k, v in best.items()}


def object_dates(model, key_field: str, keys: Iterable[tuple]) -> dict[tuple, tuple]:
    """(catalogus_id, key) -> (beginObject, eindeObject): the first day of the oldest version and
    the last day of the newest version of the object (the deprecated ``*Object`` fields)."""
    keys = set(keys)
    if not keys:
        return {}
    rows = model.objects.filter(
        catalogus_id__in={c for c, _ in keys}, **{f"{key_field}__in": {k for _, k in keys}},
    ).values_list("catalogus_id", key_field, "begin_geldigheid", "einde_geldigheid")
    first: dict[tuple, dt.date] = {}
    last: dict[tuple, tuple] = {}
    for cat, key, begin, einde in rows:
        k = (cat, key)
        if k not in keys:
            continue
        if k not in first or begin < first[k]:
            first[k] = begin
        if k not in last or begin >= last[k][0]:
            last[k] = (begin, einde)
    return {k: (first[k], last[k][1]) for k in first}


# --------------------------------------------------------------------------------------------
# Catalogus
# --------------------------------------------------------------------------------------------


def catalogussen_json(objs: list[Catalogus], base_url: str, peildatum: dt.date | None = None) -> list[dict]:
    ids = [o.pk for o in objs]
    zaaktypen: dict = defaultdict(list)
    for cat, uuid in ZaakType.objects.filter(catalogus_id__in=ids).order_by(
            "identificatie", "begin_geldigheid", "pk").values_list("catalogus_id", "uuid"):
        zaaktypen[cat].append(url(base_url, ZaakType, uuid))
    besluittypen: dict = defaultdict(list)
    bt_omschrijvingen: dict = defaultdict(list)
    for cat, uuid, omschrijving in BesluitType.objects.filter(catalogus_id__in=ids).order_by(
            "omschrijving", "begin_geldigheid", "pk").values_list("catalogus_id", "uuid", "omschrijving"):
        besluittypen[cat].append(url(base_url, BesluitType, uuid))
        if omschrijving not in bt_omschrijvingen[cat]:
            bt_omschrijvingen[cat].append(omschrijving)
    iots: dict = defaultdict(list)
    iot_omschrijvingen: dict = defaultdict(list)
    for cat, uuid, omschrijving in InformatieObjectType.objects.filter(catalogus_id__in=ids).order_by(
            "omschrijving", "begin_geldigheid", "pk").values_list("catalogus_id", "uuid", "omschrijving"):
        iots[cat].append(url(base_url, InformatieObjectType, uuid))
        if omschrijving not in iot_omschrijvingen[cat]:
            iot_omschrijvingen[cat].append(omschrijving)
    return [
        {
            "url": url(base_url, Catalogus, o.pk),
            "domein": o.domein,
            "rsin": o.rsin,
            "contactpersoonBeheerNaam": o.contactpersoon_beheer_naam,
            "contactpersoonBeheerTelefoonnummer": o.contactpersoon_beheer_telefoonnummer,
            "contactpersoonBeheerEmailadres": o.contactpersoon_beheer_emailadres,
            "zaaktypen": zaaktypen[o.pk],
            "besluittypen": besluittypen[o.pk],
            "besluittypeOmschrijving": bt_omschrijvingen[o.pk],
            "informatieobjecttypen": iots[o.pk],
            "informatieobjecttypeOmschrijving": iot_omschrijvingen[o.pk],
            "naam": o.naam,
            "versie": o.versie,
            "begindatumVersie": _date(o.begindatum_versie),
        }
        for o in objs
    ]


# --------------------------------------------------------------------------------------------
# ZaakType
# --------------------------------------------------------------------------------------------


# The sub-types of zaaktypen in ONE round trip (was one query per kind): (model, its order), the
# order as the ORM gave it: a number (volgnummer) or a text, then the pk; sorted by PostgreSQL (or
# SQLite), so texts keep the database's collation.
_SUB_TYPES = (
    (StatusType, "volgnummer", None),
    (ResultaatType, None, "omschrijving"),
    (Eigenschap, None, "naam"),
    (RolType, None, "omschrijving"),
    (ZaakObjectType, None, "relatie_omschrijving"),
)


def _sub_types(ids: list, base_url: str) -> tuple:
    """For zaaktypen ``ids``: {zaaktype pk: [URL]} of their statustypen, resultaattypen, the
    resultaattypen's omschrijvingen, eigenschappen, roltypen and zaakobjecttypen, each in the
    order of the API."""
    from django.db import connection

    from zaakwerk.core.sql import from_db

    out = tuple(defaultdict(list) for _ in range(6))
    if not ids:
        return out
    keys = [ZaakType._meta.pk.get_db_prep_value(i, connection) for i in ids]
    marks = ", ".join(["%s"] * len(keys))
    parts = []
    for kind, (model, number, text) in enumerate(_SUB_TYPES):
        meta = model._meta
        parts.append(
            f"SELECT {kind} AS kind, zaaktype_id AS parent, uuid, "
            f"{'CAST(' + number + ' AS integer)' if number else 'CAST(NULL AS integer)'} AS snumber, "
            f"{text if text else 'CAST(NULL AS varchar(200))'} AS stext "
            f"FROM {meta.db_table} WHERE zaaktype_id IN ({marks})")
    statement = " UNION ALL ".join(parts) + " ORDER BY kind, snumber, stext, uuid"
    with connection.cursor() as cursor:
        cursor.execute(statement, keys * len(parts))
        rows = cursor.fetchall()
    pk_field = ZaakType._meta.pk
    urls = (out[0], out[1], out[3], out[4], out[5])  # per kind of _SUB_TYPES
    for kind, parent, uuid, _, text in rows:
        parent = from_db(connection, pk_field, parent)
        model = _SUB_TYPES[kind][0]
        urls[kind][parent].append(url(base_url, model, from_db(connection, model._meta.pk, uuid)))
        if model is ResultaatType:
            out[2][parent].append(text)
    return out


def zaaktypen_json(objs: list[ZaakType], base_url: str, peildatum: dt.date | None = None) -> list[dict]:
    peildatum = peildatum or today()
    ids = [o.pk for o in objs]

    statustypen, resultaattypen, resultaattype_namen, eigenschappen, roltypen, zaakobjecttypen = \
        _sub_types(ids, base_url)

    cat_of = {o.pk: o.catalogus_id for o in objs}
    iot_names: dict = defaultdict(list)
    for zt, name in ZaakTypeInformatieObjectType.objects.filter(zaaktype_id__in=ids).order_by(
            "volgnummer", "pk").values_list("zaaktype_id", "informatieobjecttype_omschrijving"):
        if name not in iot_names[zt]:
            iot_names[zt].append(name)
    bt_names: dict = defaultdict(list)
    for zt, name in ZaakTypeBesluitType.objects.filter(zaaktype_id__in=ids).values_list(
            "zaaktype_id", "besluittype_omschrijving"):
        bt_names[zt].append(name)
    relaties: dict = defaultdict(list)
    for rel in ZaakTypenRelatie.objects.filter(zaaktype_id__in=ids):
        relaties[rel.zaaktype_id].append(rel)

    iot_urls = resolve(InformatieObjectType, "omschrijving",
                       {(cat_of[zt], n) for zt, names in iot_names.items() for n in names}, peildatum)
    bt_urls = resolve(BesluitType, "omschrijving",
                      {(cat_of[zt], n) for zt, names in bt_names.items() for n in names}, peildatum)
    zt_keys = {(o.catalogus_id, i) for o in objs for i in o.deelzaaktypen}
    zt_keys |= {(cat_of[zt], r.gerelateerd_zaaktype_identificatie)
                for zt, rels in relaties.items() for r in rels
                if r.gerelateerd_zaaktype_identificatie and not r.gerelateerd_zaaktype_url}
    deel_urls = resolve(ZaakType, "identificatie", zt_keys, peildatum)
    relatie_urls = resolve_single(ZaakType, "identificatie", zt_keys, peildatum)
    dates = object_dates(ZaakType, "identificatie", {(o.catalogus_id, o.identificatie) for o in objs})

    def urls(model, mapping, cat, names):
        return [url(base_url, model, u) for n in names for u in mapping.get((cat, n), [])]

    def relatie_json(zt, rel):
        if rel.gerelateerd_zaaktype_url:
            target = rel.gerelateerd_zaaktype_url
        else:
            found = relatie_urls.get((cat_of[zt], rel.gerelateerd_zaaktype_identificatie))
            target = url(base_url, ZaakType, found) if found else rel.gerelateerd_zaaktype_identificatie
        return {
            "zaaktype": target,
            "zaaktypeIdentificatie": rel.gerelateerd_zaaktype_identificatie,
            "aardRelatie": rel.aard_relatie,
            "toelichting": rel.toelichting,
        }

    out = []
    for o in objs:
        cat = o.catalogus_id
        begin_object, einde_object = dates.get((cat, o.identificatie), (o.begin_geldigheid, o.einde_geldigheid))
        out.append({
            "url": url(base_url, ZaakType, o.pk),
            "identificatie": o.identificatie,
            "omschrijving": o.omschrijving,
            "omschrijvingGeneriek": o.omschrijving_generiek,
            "vertrouwelijkheidaanduiding": o.vertrouwelijkheidaanduiding,
            "doel": o.doel,
            "aanleiding": o.aanleiding,
            "toelichting": o.toelichting,
            "indicatieInternOfExtern": o.indicatie_intern_of_extern,
            "handelingInitiator": o.handeling_initiator,
            "onderwerp": o.onderwerp,
            "handelingBehandelaar": o.handeling_behandelaar,
            "doorlooptijd": o.doorlooptijd,
            "servicenorm": o.servicenorm,
            "opschortingEnAanhoudingMogelijk": o.opschorting_en_aanhouding_mogelijk,
            "verlengingMogelijk": o.verlenging_mogelijk,
            "verlengingstermijn": o.verlengingstermijn,
            "trefwoorden": list(o.trefwoorden),
            "publicatieIndicatie": o.publicatie_indicatie,
            "publicatietekst": o.publicatietekst,
            "verantwoordingsrelatie": list(o.verantwoordingsrelatie),
            "productenOfDiensten": list(o.producten_of_diensten),
            "selectielijstProcestype": o.selectielijst_procestype,
            # optional parts are left out when empty: the schema has them non-nullable, link as uri
            "referentieproces": ({"naam": o.referentieproces_naam, "link": o.referentieproces_link}
                                 if o.referentieproces_link else {"naam": o.referentieproces_naam}),
            "verantwoordelijke": o.verantwoordelijke,
            "zaakobjecttypen": zaakobjecttypen[o.pk],
            "catalogus": url(base_url, Catalogus, cat),
            "statustypen": statustypen[o.pk],
            "resultaattypen": resultaattypen[o.pk],
            # required by the 1.3.3 document (which does not define it): the omschrijvingen
            # of the resultaattypen, like the other *Omschrijving arrays
            "resultaattypeOmschrijving": resultaattype_namen[o.pk],
            "eigenschappen": eigenschappen[o.pk],
            "informatieobjecttypen": urls(InformatieObjectType, iot_urls, cat, iot_names[o.pk]),
            "informatieobjecttypeOmschrijving": iot_names[o.pk],
            "roltypen": roltypen[o.pk],
            "besluittypen": urls(BesluitType, bt_urls, cat, bt_names[o.pk]),
            "besluittypeOmschrijving": bt_names[o.pk],
            "deelzaaktypen": urls(ZaakType, deel_urls, cat, o.deelzaaktypen),
            "deelzaaktypeIdentificaties": list(o.deelzaaktypen),
            "gerelateerdeZaaktypen": [relatie_json(o.pk, r) for r in relaties[o.pk]],
            "beginGeldigheid": _date(o.begin_geldigheid),
            "eindeGeldigheid": _date(o.einde_geldigheid),
            "beginObject": _date(begin_object),
            "eindeObject": _date(einde_object),
            "versiedatum": _date(o.versiedatum),
            "concept": o.concept,
        })
        if o.broncatalogus_url or o.broncatalogus_domein or o.broncatalogus_rsin:
            out[-1]["broncatalogus"] = {"url": o.broncatalogus_url, "domein": o.broncatalogus_domein,
                                        "rsin": o.broncatalogus_rsin}
        if o.bronzaaktype_url or o.bronzaaktype_identificatie or o.bronzaaktype_omschrijving:
            out[-1]["bronzaaktype"] = {"url": o.bronzaaktype_url, "identificatie": o.bronzaaktype_identificatie,
                                       "omschrijving": o.bronzaaktype_omschrijving}
    return out


# --------------------------------------------------------------------------------------------
# Sub-types of a zaaktype
# --------------------------------------------------------------------------------------------


class _ZaakTypeInfo:
    __slots__ = ("url", "identificatie", "catalogus_id", "catalogus_url", "begin", "einde",
                 "begin_object", "einde_object")


def _zaaktype_info(zaaktype_ids, base_url: str) -> dict:
    """What a sub-type shows of its zaaktype (URL, identificatie, catalogus, geldigheid), for a
    batch of zaaktype ids in two queries."""
    rows = list(ZaakType.objects.filter(pk__in=set(zaaktype_ids)).values_list(
        "uuid", "identificatie", "catalogus_id", "begin_geldigheid", "einde_geldigheid"))
    dates = object_dates(ZaakType, "identificatie", {(r[2], r[1]) for r in rows})
    out = {}
    for uuid, identificatie, cat, begin, einde in rows:
        info = _ZaakTypeInfo()
        info.url = url(base_url, ZaakType, uuid)
        info.identificatie = identificatie
        info.catalogus_id = cat
        info.catalogus_url = url(base_url, Catalogus, cat)
        info.begin, info.einde = begin, einde
        info.begin_object, info.einde_object = dates.get((cat, identificatie), (begin, einde))
        out[uuid] = info
    return out


def _geldigheid(info: _ZaakTypeInfo) -> dict:
    return {
        "beginGeldigheid": _date(info.begin),
        "eindeGeldigheid": _date(info.einde),
        "beginObject": _date(info.begin_object),
        "eindeObject": _date(info.einde_object),
    }


def statustypen_json(objs: list[StatusType], base_url: str, peildatum: dt.date | None = None) -> list[dict]:
    zaaktypen = _zaaktype_info([o.zaaktype_id for o in objs], base_url)
    highest = dict(StatusType.objects.filter(zaaktype_id__in=set(zaaktypen)).values(
        "zaaktype_id").annotate(m=Max("volgnummer")).values_list("zaaktype_id", "m"))
    eigenschappen: dict = defaultdict(list)
    through = StatusType.eigenschappen.through
    for st, eig in through.objects.filter(statustype_id__in=[o.pk for o in objs]).order_by(
            "eigenschap__naam", "pk").values_list("statustype_id", "eigenschap_id"):
        eigenschappen[st].append(url(base_url, Eigenschap, eig))
    out = []
    for o in objs:
        zt = zaaktypen[o.zaaktype_id]
        out.append({
            "url": url(base_url, StatusType, o.pk),
            "omschrijving": o.omschrijving,
            "omschrijvingGeneriek": o.omschrijving_generiek,
            "statustekst": o.statustekst,
            "zaaktype": zt.url,
            "catalogus": zt.catalogus_url,
            "zaaktypeIdentificatie": zt.identificatie,
            "volgnummer": o.volgnummer,
            "isEindstatus": o.volgnummer == highest.get(o.zaaktype_id),
            "informeren": o.informeren,
            "doorlooptijd": o.doorlooptijd,
            "toelichting": o.toelichting,
            "checklistitemStatustype": [
                {
                    "itemnaam": item.get("itemnaam", ""),
                    "toelichting": item.get("toelichting"),
                    "vraagstelling": item.get("vraagstelling", ""),
                    "verplicht": bool(item.get("verplicht", False)),
                }
                for item in o.checklistitem_statustype
            ],
            "eigenschappen": eigenschappen[o.pk],
            **_geldigheid(zt),
        })
    return out


def roltypen_json(objs: list[RolType], base_url: str, peildatum: dt.date | None = None) -> list[dict]:
    zaaktypen = _zaaktype_info([o.zaaktype_id for o in objs], base_url)
    out = []
    for o in objs:
        zt = zaaktypen[o.zaaktype_id]
        out.append({
            "url": url(base_url, RolType, o.pk),
            "zaaktype": zt.url,
            "zaaktypeIdentificatie": zt.identificatie,
            "omschrijving": o.omschrijving,
            "omschrijvingGeneriek": o.omschrijving_generiek,
            "catalogus": zt.catalogus_url,
            **_geldigheid(zt),
        })
    return out


def resultaattypen_json(objs: list[ResultaatType], base_url: str,
                        peildatum: dt.date | None = None) -> list[dict]:
    peildatum = peildatum or today()
    zaaktypen = _zaaktype_info([o.zaaktype_id for o in objs], base_url)
    ids = [o.pk for o in objs]
    bt_names: dict = defaultdict(list)
    for rt, name in ResultaatTypeBesluitType.objects.filter(resultaattype_id__in=ids).values_list(
            "resultaattype_id", "besluittype_omschrijving"):
        bt_names[rt].append(name)
    iot_names: dict = defaultdict(list)
    for rt, name in ResultaatTypeInformatieObjectType.objects.filter(resultaattype_id__in=ids).values_list(
            "resultaattype_id", "informatieobjecttype_omschrijving"):
        iot_names[rt].append(name)
    cat_of = {o.pk: zaaktypen[o.zaaktype_id].catalogus_id for o in objs}
    bt_urls = resolve(BesluitType, "omschrijving",
                      {(cat_of[rt], n) for rt, names in bt_names.items() for n in names}, peildatum)
    iot_urls = resolve(InformatieObjectType, "omschrijving",
                       {(cat_of[rt], n) for rt, names in iot_names.items() for n in names}, peildatum)
    out = []
    for o in objs:
        zt = zaaktypen[o.zaaktype_id]
        cat = zt.catalogus_id
        brondatum = None
        if o.brondatum_archiefprocedure_afleidingswijze:
            brondatum = {
                "afleidingswijze": o.brondatum_archiefprocedure_afleidingswijze,
                "datumkenmerk": o.brondatum_archiefprocedure_datumkenmerk,
                "einddatumBekend": o.brondatum_archiefprocedure_einddatum_bekend,
                "objecttype": o.brondatum_archiefprocedure_objecttype,
                "registratie": o.brondatum_archiefprocedure_registratie,
                "procestermijn": o.brondatum_archiefprocedure_procestermijn,
            }
        out.append({
            "url": url(base_url, ResultaatType, o.pk),
            "zaaktype": zt.url,
            "zaaktypeIdentificatie": zt.identificatie,
            "omschrijving": o.omschrijving,
            "resultaattypeomschrijving": o.resultaattypeomschrijving,
            "omschrijvingGeneriek": o.omschrijving_generiek,
            "selectielijstklasse": o.selectielijstklasse,
            "toelichting": o.toelichting,
            "archiefnominatie": o.archiefnominatie,
            "archiefactietermijn": o.archiefactietermijn,
            "brondatumArchiefprocedure": brondatum,
            "procesobjectaard": o.procesobjectaard,
            "catalogus": zt.catalogus_url,
            **_geldigheid(zt),
            "indicatieSpecifiek": o.indicatie_specifiek,
            "procestermijn": o.procestermijn,
            "besluittypen": [url(base_url, BesluitType, u)
                             for n in bt_names[o.pk] for u in bt_urls.get((cat, n), [])],
            "besluittypeOmschrijving": bt_names[o.pk],
            "informatieobjecttypen": [url(base_url, InformatieObjectType, u)
                                      for n in iot_names[o.pk] for u in iot_urls.get((cat, n), [])],
            "informatieobjecttypeOmschrijving": iot_names[o.pk],
        })
    return out


def eigenschappen_json(objs: list[Eigenschap], base_url: str, peildatum: dt.date | None = None) -> list[dict]:
    zaaktypen = _zaaktype_info([o.zaaktype_id for o in objs], base_url)
    out = []
    for o in objs:
        zt = zaaktypen[o.zaaktype_id]
        out.append({
            "url": url(base_url, Eigenschap, o.pk),
            "naam": o.naam,
            "catalogus": zt.catalogus_url,
            "definitie": o.definitie,
            "specificatie": {
                "groep": o.specificatie_groep,
                "formaat": o.specificatie_formaat,
                "lengte": o.specificatie_lengte,
                "kardinaliteit": o.specificatie_kardinaliteit,
                "waardenverzameling": list(o.specificatie_waardenverzameling),
            },
            "toelichting": o.toelichting,
            "zaaktype": zt.url,
            "zaaktypeIdentificatie": zt.identificatie,
            "statustype": url(base_url, StatusType, o.statustype_id) if o.statustype_id else None,
            **_geldigheid(zt),
        })
    return out


def zaaktypeinformatieobjecttypen_json(objs: list[ZaakTypeInformatieObjectType], base_url: str,
                                       peildatum: dt.date | None = None) -> list[dict]:
    peildatum = peildatum or today()
    zaaktypen = _zaaktype_info([o.zaaktype_id for o in objs], base_url)
    targets = resolve_single(
        InformatieObjectType, "omschrijving",
        {(zaaktypen[o.zaaktype_id].catalogus_id, o.informatieobjecttype_omschrijving) for o in objs},
        peildatum)
    out = []
    for o in objs:
        zt = zaaktypen[o.zaaktype_id]
        target = targets.get((zt.catalogus_id, o.informatieobjecttype_omschrijving))
        out.append({
            "url": url(base_url, ZaakTypeInformatieObjectType, o.pk),
            "zaaktype": zt.url,
            "zaaktypeIdentificatie": zt.identificatie,
            "catalogus": zt.catalogus_url,
            # A URL for backwards compatibility (1.3.3 specification, "De url's die moeten worden
            # teruggegeven"); the omschrijving itself when no version of it exists (any more).
            "informatieobjecttype": (url(base_url, InformatieObjectType, target) if target
                                     else o.informatieobjecttype_omschrijving),
            "volgnummer": o.volgnummer,
            "richting": o.richting,
            "statustype": url(base_url, StatusType, o.statustype_id) if o.statustype_id else None,
        })
    return out


def zaakobjecttypen_json(objs: list[ZaakObjectType], base_url: str, peildatum: dt.date | None = None) -> list[dict]:
    zaaktypen = _zaaktype_info([o.zaaktype_id for o in objs], base_url)
    out = []
    for o in objs:
        zt = zaaktypen[o.zaaktype_id]
        geldigheid = _geldigheid(zt)
        out.append({
            "url": url(base_url, ZaakObjectType, o.pk),
            "anderObjecttype": o.ander_objecttype,
            **geldigheid,
            "objecttype": o.objecttype,
            "relatieOmschrijving": o.relatie_omschrijving,
            "zaaktype": zt.url,
            "zaaktypeIdentificatie": zt.identificatie,
            # Statustypen and resultaattypen cannot name a zaakobjecttype in 1.3.3.
            "resultaattypen": [],
            "resultaattypeOmschrijving": [],
            "statustypen": [],
            "catalogus": zt.catalogus_url,
        })
    return out


# --------------------------------------------------------------------------------------------
# InformatieObjectType and BesluitType
# --------------------------------------------------------------------------------------------


def _linking_zaaktypen(keys: set[tuple], base_url: str, peildatum: dt.date, rows) -> tuple[dict, dict]:
    """From (catalogus_id, key, zaaktype_uuid, identificatie, concept, begin, einde) rows: per key
    the URLs of the linking zaaktypen valid on ``peildatum`` and the identificaties of all."""
    urls: dict = defaultdict(list)
    identificaties: dict = defaultdict(list)
    for cat, key, uuid, identificatie, concept, begin, einde in rows:
        k = (cat, key)
        if k not in keys:
            continue
        if identificatie not in identificaties[k]:
            identificaties[k].append(identificatie)
        if not concept and begin <= peildatum and (einde is None or einde >= peildatum):
            link = url(base_url, ZaakType, uuid)
            if link not in urls[k]:
                urls[k].append(link)
    return urls, identificaties


def informatieobjecttypen_json(objs: list[InformatieObjectType], base_url: str,
                               peildatum: dt.date | None = None) -> list[dict]:
    peildatum = peildatum or today()
    keys = {(o.catalogus_id, o.omschrijving) for o in objs}
    cats = {c for c, _ in keys}
    names = {n for _, n in keys}
    zt_rows = ZaakTypeInformatieObjectType.objects.filter(
        zaaktype__catalogus_id__in=cats, informatieobjecttype_omschrijving__in=names,
    ).order_by("zaaktype__identificatie", "zaaktype__begin_geldigheid").values_list(
        "zaaktype__catalogus_id", "informatieobjecttype_omschrijving", "zaaktype_id",
        "zaaktype__identificatie", "zaaktype__concept", "zaaktype__begin_geldigheid",
        "zaaktype__einde_geldigheid")
    zt_urls, zt_ids = _linking_zaaktypen(keys, base_url, peildatum, zt_rows)
    bt_urls: dict = defaultdict(list)
    bt_names: dict = defaultdict(list)
    for cat, name, uuid, omschrijving, concept, begin, einde in BesluitTypeInformatieObjectType.objects.filter(
            besluittype__catalogus_id__in=cats, informatieobjecttype_omschrijving__in=names,
    ).order_by("besluittype__omschrijving", "besluittype__begin_geldigheid").values_list(
            "besluittype__catalogus_id", "informatieobjecttype_omschrijving", "besluittype_id",
            "besluittype__omschrijving", "besluittype__concept", "besluittype__begin_geldigheid",
            "besluittype__einde_geldigheid"):
        k = (cat, name)
        if k not in keys:
            continue
        if omschrijving not in bt_names[k]:
            bt_names[k].append(omschrijving)
        if not concept and begin <= peildatum and (einde is None or einde >= peildatum):
            bt_urls[k].append(url(base_url, BesluitType, uuid))
    dates = object_dates(InformatieObjectType, "omschrijving", keys)
    out = []
    for o in objs:
        k = (o.catalogus_id, o.omschrijving)
        begin_object, einde_object = dates.get(k, (o.begin_geldigheid, o.einde_geldigheid))
        out.append({
            "url": url(base_url, InformatieObjectType, o.pk),
            "catalogus": url(base_url, Catalogus, o.catalogus_id),
            "omschrijving": o.omschrijving,
            "vertrouwelijkheidaanduiding": o.vertrouwelijkheidaanduiding,
            "beginGeldigheid": _date(o.begin_geldigheid),
            "eindeGeldigheid": _date(o.einde_geldigheid),
            "beginObject": _date(begin_object),
            "eindeObject": _date(einde_object),
            "concept": o.concept,
            "zaaktypen": zt_urls[k],
            "zaaktypeIdentificaties": zt_ids[k],
            "besluittypen": bt_urls[k],
            "besluittypeOmschrijving": bt_names[k],
            "informatieobjectcategorie": o.informatieobjectcategorie,
            "trefwoord": list(o.trefwoord),
            "omschrijvingGeneriek": {
                "informatieobjecttypeOmschrijvingGeneriek": o.omschrijving_generiek_informatieobjecttype,
                "definitieInformatieobjecttypeOmschrijvingGeneriek": o.omschrijving_generiek_definitie,
                "herkomstInformatieobjecttypeOmschrijvingGeneriek": o.omschrijving_generiek_herkomst,
                "hierarchieInformatieobjecttypeOmschrijvingGeneriek": o.omschrijving_generiek_hierarchie,
                "opmerkingInformatieobjecttypeOmschrijvingGeneriek": o.omschrijving_generiek_opmerking,
            },
        })
    return out


def besluittypen_json(objs: list[BesluitType], base_url: str, peildatum: dt.date | None = None) -> list[dict]:
    peildatum = peildatum or today()
    keys = {(o.catalogus_id, o.omschrijving) for o in objs}
    cats = {c for c, _ in keys}
    names = {n for _, n in keys}
    zt_rows = ZaakTypeBesluitType.objects.filter(
        zaaktype__catalogus_id__in=cats, besluittype_omschrijving__in=names,
    ).order_by("zaaktype__identificatie", "zaaktype__begin_geldigheid").values_list(
        "zaaktype__catalogus_id", "besluittype_omschrijving", "zaaktype_id", "zaaktype__identificatie",
        "zaaktype__concept", "zaaktype__begin_geldigheid", "zaaktype__einde_geldigheid")
    zt_urls, zt_ids = _linking_zaaktypen(keys, base_url, peildatum, zt_rows)

    iot_names: dict = defaultdict(list)
    for bt, name in BesluitTypeInformatieObjectType.objects.filter(
            besluittype_id__in=[o.pk for o in objs]).values_list("besluittype_id",
                                                                  "informatieobjecttype_omschrijving"):
        iot_names[bt].append(name)
    iot_urls = resolve(InformatieObjectType, "omschrijving",
                       {(o.catalogus_id, n) for o in objs for n in iot_names[o.pk]}, peildatum)

    rt_urls: dict = defaultdict(list)
    rt_names: dict = defaultdict(list)
    for cat, name, uuid, omschrijving in ResultaatTypeBesluitType.objects.filter(
            resultaattype__zaaktype__catalogus_id__in=cats, besluittype_omschrijving__in=names,
    ).order_by("resultaattype__omschrijving", "resultaattype_id").values_list(
            "resultaattype__zaaktype__catalogus_id", "besluittype_omschrijving", "resultaattype_id",
            "resultaattype__omschrijving"):
        k = (cat, name)
        if k not in keys:
            continue
        rt_urls[k].append(url(base_url, ResultaatType, uuid))
        if omschrijving not in rt_names[k]:
            rt_names[k].append(omschrijving)
    dates = object_dates(BesluitType, "omschrijving", keys)
    out = []
    for o in objs:
        k = (o.catalogus_id, o.omschrijving)
        begin_object, einde_object = dates.get(k, (o.begin_geldigheid, o.einde_geldigheid))
        names_here = iot_names[o.pk]
        out.append({
            "url": url(base_url, BesluitType, o.pk),
            "catalogus": url(base_url, Catalogus, o.catalogus_id),
            "zaaktypen": zt_urls[k],
            "zaaktypeIdentificaties": zt_ids[k],
            "omschrijving": o.omschrijving,
            "omschrijvingGeneriek": o.omschrijving_generiek,
            "besluitcategorie": o.besluitcategorie,
            "reactietermijn": o.reactietermijn,
            "publicatieIndicatie": o.publicatie_indicatie,
            "publicatietekst": o.publicatietekst,
            "publicatietermijn": o.publicatietermijn,
            "toelichting": o.toelichting,
            "informatieobjecttypen": [url(base_url, InformatieObjectType, u)
                                      for n in names_here for u in iot_urls.get((o.catalogus_id, n), [])],
            "informatieobjecttypeOmschrijvingen": names_here,
            "beginGeldigheid": _date(o.begin_geldigheid),
            "eindeGeldigheid": _date(o.einde_geldigheid),
            "beginObject": _date(begin_object),
            "eindeObject": _date(einde_object),
            "concept": o.concept,
            "resultaattypen": rt_urls[k],
            "resultaattypenOmschrijving": rt_names[k],
            "vastgelegdIn": names_here,
        })
    return out


REPRESENTERS = {
    Catalogus: catalogussen_json,
    ZaakType: zaaktypen_json,
    InformatieObjectType: informatieobjecttypen_json,
    BesluitType: besluittypen_json,
    StatusType: statustypen_json,
    RolType: roltypen_json,
    ResultaatType: resultaattypen_json,
    Eigenschap: eigenschappen_json,
    ZaakTypeInformatieObjectType: zaaktypeinformatieobjecttypen_json,
    ZaakObjectType: zaakobjecttypen_json,
}


def to_json(obj, base_url: str, peildatum: dt.date | None = None) -> dict:
    """The representation of one object (audit snapshots, single responses)."""
    return REPRESENTERS[type(obj)]([obj], base_url, peildatum)[0]
