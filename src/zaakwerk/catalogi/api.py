"""Catalogi API 1.3.3: a thin adapter over ``catalogi.domain`` (writes), ``catalogi.queries``
(list filters) and ``catalogi.representation`` (responses).

What the adapter does itself, and nothing more: declare the wire schemas, turn URLs in request
bodies into the local objects they name (or keep an omschrijving/identificatie where the 1.3
historiemodel links by name), pick the reference date (``datumGeldigheid``) and the scopes.

Two leniencies keep real clients and VNG's conformance suite working: text fields accept numbers
(as Django REST framework did, e.g. ``"identificatie": 20``), and fields the client may not set
(``concept``, ``statustypen``, ``url``...) are ignored rather than refused.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated

import msgspec
from django.utils.dateparse import parse_date
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core.api import Action, ApiInfo, Context, Expansion, Filter, Resource, api_urls
from zaakwerk.core.errors import NotFound, ValidationErrors, ValidationFailed
from zaakwerk.core.references import (
    ReferenceLookupError,
    is_local,
    is_valid_url,
    local_uuid,
    resolve_resource,
)

from . import domain, queries, representation
from zaakwerk.core.fields import camel
from .constants import (
    SCOPE_GEFORCEERD_SCHRIJVEN,
    SCOPE_GEFORCEERD_VERWIJDEREN,
    SCOPE_LEZEN,
    SCOPE_SCHRIJVEN,
    Richting,
    RolOmschrijvingGeneriek,
    StatusFilter,
)
from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakObjectType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)

API = ApiInfo(name="catalogi", component="ztc", version="1.3.3", title="Catalogi API",
              spec="standaard/catalogi/ztc/1.3.x/1.3.3/openapi.yaml")

READ = (SCOPE_LEZEN,)
WRITE = (SCOPE_SCHRIJVEN,)
WRITE_OR_CORRECT = (SCOPE_SCHRIJVEN, SCOPE_GEFORCEERD_SCHRIJVEN)
DELETE = (SCOPE_SCHRIJVEN, SCOPE_GEFORCEERD_VERWIJDEREN)

# ---- wire types -----------------------------------------------------------------------------


def Text(max_length: int | None = None):  # noqa: N802 - reads as a type in the schemas below
    """A text field that, as in Django REST framework, also takes a number."""
    text = Annotated[str, Meta(max_length=max_length)] if max_length else str
    return text | int | float


Url = Annotated[str, Meta(max_length=1000)]
Date = dt.date
Unset = UnsetType


class Struct(msgspec.Struct, rename="camel", kw_only=True):
    pass


def _is_text(tp) -> bool:
    args = set(typing.get_args(tp))
    return int in args and float in args


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _coerce_text(schema: type, data: dict) -> dict:
    """Numbers sent for text fields become text (in lists and nested objects too)."""
    for info in msgspec.structs.fields(schema):
        if info.name not in data:
            continue
        value = data[info.name]
        if _is_text(info.type) and _number(value):
            data[info.name] = str(value)
            continue
        options = set(typing.get_args(info.type)) | {info.type}
        nested = [a for a in options if isinstance(a, type) and issubclass(a, msgspec.Struct)]
        if nested and isinstance(value, dict):
            _coerce_text(nested[0], value)
        for option in options:
            if typing.get_origin(option) is not list or not isinstance(value, list):
                continue
            (item_type,) = typing.get_args(option)
            for index, item in enumerate(value):
                if _is_text(item_type) and _number(item):
                    value[index] = str(item)
                elif isinstance(item, dict) and isinstance(item_type, type) and issubclass(item_type, msgspec.Struct):
                    _coerce_text(item_type, item)
    return data


# ---- request bodies -----------------------------------------------------------------------------


class CatalogusIn(Struct, kw_only=True):
    domein: Text(5)
    rsin: Text(9)
    contactpersoon_beheer_naam: Text(40)
    contactpersoon_beheer_telefoonnummer: Text(20) | Unset = UNSET
    contactpersoon_beheer_emailadres: Text(254) | Unset = UNSET
    naam: Text(200) | None | Unset = UNSET
    versie: Text(20) | None | Unset = UNSET
    begindatum_versie: Date | None | Unset = UNSET


class ReferentieProcesIn(Struct, kw_only=True):
    naam: Text(80)
    link: Text(200) | Unset = UNSET


class BronCatalogusIn(Struct, kw_only=True):
    url: Text(200)
    domein: Text(5)
    rsin: Text(9)


class BronZaaktypeIn(Struct, kw_only=True):
    url: Text(200)
    identificatie: Text(50)
    omschrijving: Text(80)


class ZaakTypenRelatieIn(Struct, kw_only=True):
    zaaktype: Url
    aard_relatie: str
    toelichting: Text(255) | Unset = UNSET


class ZaakTypeIn(Struct, kw_only=True):
    identificatie: Text(50)
    omschrijving: Text(80)
    omschrijving_generiek: Text(80) | Unset = UNSET
    vertrouwelijkheidaanduiding: str
    doel: Text()
    aanleiding: Text()
    toelichting: Text() | Unset = UNSET
    indicatie_intern_of_extern: str
    handeling_initiator: Text(20)
    onderwerp: Text(80)
    handeling_behandelaar: Text(20)
    doorlooptijd: str
    servicenorm: str | None | Unset = UNSET
    opschorting_en_aanhouding_mogelijk: bool
    verlenging_mogelijk: bool
    verlengingstermijn: str | None | Unset = UNSET
    trefwoorden: list[Text(30)] | Unset = UNSET
    publicatie_indicatie: bool
    publicatietekst: Text() | Unset = UNSET
    verantwoordingsrelatie: list[Text(40)] | Unset = UNSET
    producten_of_diensten: list[Url]
    selectielijst_procestype: Annotated[str, Meta(max_length=200)] | Unset = UNSET
    referentieproces: ReferentieProcesIn
    verantwoordelijke: Text(50)
    broncatalogus: BronCatalogusIn | None | Unset = UNSET
    bronzaaktype: BronZaaktypeIn | None | Unset = UNSET
    catalogus: Url
    # omschrijvingen (Catalogi 1.3) or URLs (earlier clients, the conformance suite)
    besluittypen: list[Url]
    # identificaties (1.3.3: optional again) or URLs
    deelzaaktypen: list[Url] | None | Unset = UNSET
    gerelateerde_zaaktypen: list[ZaakTypenRelatieIn]
    begin_geldigheid: Date
    einde_geldigheid: Date | None | Unset = UNSET
    versiedatum: Date | None | Unset = UNSET


class OmschrijvingGeneriekIn(Struct, kw_only=True):
    informatieobjecttype_omschrijving_generiek: Text(80)
    definitie_informatieobjecttype_omschrijving_generiek: Text(255)
    herkomst_informatieobjecttype_omschrijving_generiek: Text(12)
    hierarchie_informatieobjecttype_omschrijving_generiek: Text(80)
    opmerking_informatieobjecttype_omschrijving_generiek: Text(255) | None | Unset = UNSET


class InformatieObjectTypeIn(Struct, kw_only=True):
    catalogus: Url
    omschrijving: Text(80)
    vertrouwelijkheidaanduiding: str
    begin_geldigheid: Date
    einde_geldigheid: Date | None | Unset = UNSET
    informatieobjectcategorie: Text(80)
    trefwoord: list[Text(30)] | Unset = UNSET
    omschrijving_generiek: OmschrijvingGeneriekIn | None | Unset = UNSET


class BesluitTypeIn(Struct, kw_only=True):
    catalogus: Url
    omschrijving: Text(80) | Unset = UNSET
    omschrijving_generiek: Text(80) | Unset = UNSET
    besluitcategorie: Text(40) | Unset = UNSET
    reactietermijn: str | None | Unset = UNSET
    publicatie_indicatie: bool
    publicatietekst: Text() | Unset = UNSET
    publicatietermijn: str | None | Unset = UNSET
    toelichting: Text() | Unset = UNSET
    informatieobjecttypen: list[Url]
    begin_geldigheid: Date
    einde_geldigheid: Date | None | Unset = UNSET


class CheckListItemIn(Struct, kw_only=True):
    itemnaam: Text(30)
    toelichting: Text(1000) | None | Unset = UNSET
    vraagstelling: Text(255)
    verplicht: bool | Unset = UNSET


class StatusTypeIn(Struct, kw_only=True):
    omschrijving: Text(80)
    omschrijving_generiek: Text(80) | Unset = UNSET
    statustekst: Text(1000) | Unset = UNSET
    zaaktype: Url
    volgnummer: int
    informeren: bool | Unset = UNSET
    doorlooptijd: str | None | Unset = UNSET
    toelichting: Text(1000) | None | Unset = UNSET
    checklistitem_statustype: list[CheckListItemIn] | Unset = UNSET
    eigenschappen: list[Url] | Unset = UNSET
    begin_geldigheid: Date | None | Unset = UNSET


class RolTypeIn(Struct, kw_only=True):
    zaaktype: Url
    omschrijving: Text(100)
    omschrijving_generiek: str
    catalogus: Url | None | Unset = UNSET
    begin_geldigheid: Date | None | Unset = UNSET


class BrondatumArchiefprocedureIn(Struct, kw_only=True):
    afleidingswijze: str
    datumkenmerk: Text(80) | Unset = UNSET
    einddatum_bekend: bool | Unset = UNSET
    objecttype: str | Unset = UNSET
    registratie: Text(80) | Unset = UNSET
    procestermijn: str | None | Unset = UNSET


class ResultaatTypeIn(Struct, kw_only=True):
    zaaktype: Url
    omschrijving: Text(30)
    resultaattypeomschrijving: Url
    selectielijstklasse: Url
    toelichting: Text() | Unset = UNSET
    archiefnominatie: str | Unset = UNSET
    archiefactietermijn: str | None | Unset = UNSET
    brondatum_archiefprocedure: BrondatumArchiefprocedureIn | None | Unset = UNSET
    procesobjectaard: Text(200) | None | Unset = UNSET
    catalogus: Url | None | Unset = UNSET
    begin_geldigheid: Date | None | Unset = UNSET
    indicatie_specifiek: bool | None | Unset = UNSET
    procestermijn: str | None | Unset = UNSET
    besluittypen: list[Url] | None | Unset = UNSET
    informatieobjecttypen: list[Url] | None | Unset = UNSET


class SpecificatieIn(Struct, kw_only=True):
    groep: Text(32) | Unset = UNSET
    formaat: str
    lengte: Text(14)
    kardinaliteit: Text(3)
    waardenverzameling: list[Text(100)] | Unset = UNSET


class EigenschapIn(Struct, kw_only=True):
    naam: Text(20)
    definitie: Text(255)
    specificatie: SpecificatieIn
    toelichting: Text(1000) | Unset = UNSET
    zaaktype: Url
    statustype: Url | None | Unset = UNSET
    begin_geldigheid: Date | None | Unset = UNSET


class ZaakTypeInformatieObjectTypeIn(Struct, kw_only=True):
    zaaktype: Url
    # an omschrijving (Catalogi 1.3) or a URL
    informatieobjecttype: Url
    volgnummer: int
    richting: str
    statustype: Url | None | Unset = UNSET


class ZaakObjectTypeIn(Struct, kw_only=True):
    ander_objecttype: bool
    objecttype: Annotated[str, Meta(max_length=200)]
    relatie_omschrijving: Text(80)
    zaaktype: Url
    catalogus: Url
    begin_geldigheid: Date | None | Unset = UNSET


# ---- references in request bodies ---------------------------------------------------------------


class _Refs:
    """Turns the URLs in a decoded body into the objects they name, collecting every failure."""

    def __init__(self, ctx: Context, data: dict):
        self.ctx = ctx
        self.data = data
        self.errors = ValidationErrors()

    def resolve(self, url: str, key: str, name: str):
        try:
            return resolve_resource(url, self.ctx.base_url, f"catalogi.{key}")
        except ReferenceLookupError as exc:
            self.errors.add(name, exc.code, exc.detail)
            return None

    def one(self, field: str, key: str) -> None:
        """A URL field naming one object (``null`` stays null)."""
        value = self.data.get(field)
        if isinstance(value, str):
            self.data[field] = self.resolve(value, key, camel(field))

    def many(self, field: str, key: str) -> None:
        values = self.data.get(field)
        if isinstance(values, list):
            self.data[field] = [self.resolve(v, key, f"{camel(field)}.{i}") for i, v in enumerate(values)]

    def link_or_name(self, field: str, key: str) -> None:
        """Links to versioned types: a URL names a version (whose omschrijving/identificatie
        becomes the link), anything else is the omschrijving/identificatie itself."""
        value = self.data.get(field)
        if isinstance(value, list):
            self.data[field] = [self._link(v, key, f"{camel(field)}.{i}") for i, v in enumerate(value)]
        elif isinstance(value, str):
            self.data[field] = self._link(value, key, camel(field))

    def _link(self, value, key: str, name: str):
        if isinstance(value, str) and is_valid_url(value):
            return self.resolve(value, key, name)
        return value

    def done(self) -> dict:
        self.errors.raise_if_any()
        return self.data


def _prepare(ctx: Context, schema: type, data: dict, refs) -> dict:
    data = _coerce_text(schema, data)
    r = _Refs(ctx, data)
    refs(r)
    return r.done()


def _zaaktype_refs(r: _Refs) -> None:
    r.one("catalogus", "catalogus")
    r.link_or_name("besluittypen", "besluittype")
    if r.data.get("deelzaaktypen") is None and "deelzaaktypen" in r.data:
        r.data["deelzaaktypen"] = []
    r.link_or_name("deelzaaktypen", "zaaktype")
    for i, rel in enumerate(r.data.get("gerelateerde_zaaktypen") or []):
        target = rel.get("zaaktype")
        # a URL of another ZTC is kept as it is; a local one must name a zaaktype
        if isinstance(target, str) and is_valid_url(target) and is_local(target, r.ctx.base_url):
            rel["zaaktype"] = r.resolve(target, "zaaktype", f"gerelateerdeZaaktypen.{i}.zaaktype")


def _subtype_refs(*, catalogus: bool = False, statustype: bool = False, eigenschappen: bool = False,
                  besluittypen: bool = False, informatieobjecttypen: bool = False,
                  informatieobjecttype: bool = False):
    def refs(r: _Refs) -> None:
        r.one("zaaktype", "zaaktype")
        if catalogus:
            r.one("catalogus", "catalogus")
        if statustype:
            r.one("statustype", "statustype")
        if eigenschappen:
            r.many("eigenschappen", "eigenschap")
        if besluittypen:
            r.link_or_name("besluittypen", "besluittype")
        if informatieobjecttypen:
            r.link_or_name("informatieobjecttypen", "informatieobjecttype")
        if informatieobjecttype:
            r.link_or_name("informatieobjecttype", "informatieobjecttype")
    return refs


# ---- reference date and filters -------------------------------------------------------------------


def _peildatum(ctx: Context) -> dt.date | None:
    """``datumGeldigheid`` (``datum_geldigheid`` on resultaattypen): the date the linked types
    are shown for. Validated by the list filters; on a detail by ``ZaakTypeResource``."""
    raw = ctx.request.GET.get("datumGeldigheid") or ctx.request.GET.get("datum_geldigheid")
    if not raw:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        return None


STATUS_CHOICES = StatusFilter.values


def _status(concept_field: str) -> Filter:
    return Filter("str", choices=STATUS_CHOICES,
                  method=lambda qs, value, ctx: queries.filter_status(qs, value, concept_field))


def _geldig(prefix: str = "") -> Filter:
    return Filter("date", method=lambda qs, value, ctx: queries.filter_geldig_op(qs, value, prefix))


def _local_uuids(values, ctx):
    values = values if isinstance(values, list) else [values]
    return [u for u in (local_uuid(v, ctx) for v in values) if u is not None]


def _filter_besluittypen_zaaktypen(qs, value, ctx):
    return queries.besluittypen_of_zaaktypen(qs, _local_uuids(value, ctx))


def _filter_besluittypen_iots(qs, value, ctx):
    if is_valid_url(value):
        return queries.besluittypen_with_informatieobjecttypen(qs, _local_uuids(value, ctx))
    return qs.filter(informatieobjecttype_links__informatieobjecttype_omschrijving=value).distinct()


def _filter_ztiot_iot(qs, value, ctx):
    if is_valid_url(value):
        return queries.ztiots_with_informatieobjecttype(qs, iot_ids=_local_uuids(value, ctx))
    return queries.ztiots_with_informatieobjecttype(qs, omschrijvingen=[value])


class UrlValueFilter(Filter):
    """A URL of another register (an Objecttypen API...), validated as a URL and compared as
    text, not resolved to a local object."""

    def __init__(self, field: str):
        super().__init__("url", field=field)

    def apply(self, qs, name, value, ctx):
        return qs.filter(**{self.field: value})


def _subtype_filters(**extra) -> dict[str, Filter]:
    return {
        "zaaktype": Filter("url", field="zaaktype"),
        "zaaktypeIdentificatie": Filter("str", field="zaaktype__identificatie"),
        "status": _status("zaaktype__concept"),
        "datumGeldigheid": _geldig("zaaktype__"),
        **extra,
    }


# ---- resources --------------------------------------------------------------------------------------


class CatalogiResource(Resource):
    """What every Catalogi resource shares: scopes, ztc-014, representation, the default
    ``status=definitief`` of the lists that have a status filter."""

    api = API
    scopes = {"list": READ, "retrieve": READ, "create": WRITE_OR_CORRECT, "update": WRITE_OR_CORRECT,
              "partial_update": WRITE_OR_CORRECT, "destroy": DELETE}
    status_field: str | None = None  # the concept column the default status filter applies to

    def check_scopes(self, ctx: Context, action: str) -> None:
        # ztc-014: the Zaken and Documenten APIs read the catalogus with their own read scope.
        if action in ("list", "retrieve") and (ctx.actor.has_scope("zrc", "zaken.lezen")
                                               or ctx.actor.has_scope("drc", "documenten.lezen")):
            return
        super().check_scopes(ctx, action)

    def authorised_queryset(self, ctx: Context, action: str):
        qs = super().authorised_queryset(ctx, action)
        if action == "list" and self.status_field and "status" not in ctx.request.GET:
            qs = queries.filter_status(qs, StatusFilter.definitief, self.status_field)
        return qs

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return representation.REPRESENTERS[self.model](objs, ctx.base_url, _peildatum(ctx))

    # writes: parse references, then the domain does the rest
    refs = staticmethod(lambda r: None)

    def _data(self, ctx: Context, data: dict) -> dict:
        return _prepare(ctx, self.create_schema, data, self.refs)

    def create(self, ctx, data):
        return getattr(domain, f"create_{self.name}")(ctx.actor, self._data(ctx, data))

    def update(self, ctx, obj, data, partial):
        return getattr(domain, f"update_{self.name}")(ctx.actor, obj, self._data(ctx, data), partial)

    def destroy(self, ctx, obj):
        getattr(domain, f"delete_{self.name}")(ctx.actor, obj)


def _publish(resource, ctx: Context, obj):
    return getattr(domain, f"publish_{resource.name}")(ctx.actor, obj)


PUBLISH = Action(name="publish", method="post", scopes=WRITE, handler=_publish)


class CatalogusResource(CatalogiResource):
    name = "catalogus"
    collection = "catalogussen"
    model = Catalogus
    operations = ("list", "create", "retrieve", "update", "partial_update")
    scopes = {**CatalogiResource.scopes, "create": WRITE}
    filters = {
        "domein": Filter("str", field="domein"),
        "domein__in": Filter("csv", field="domein"),
        "rsin": Filter("str", field="rsin"),
        "rsin__in": Filter("csv", field="rsin"),
    }
    default_ordering = ("domein", "rsin", "pk")
    expansions = {
        "zaaktypen": Expansion("catalogi.zaaktype", many=True),
        "besluittypen": Expansion("catalogi.besluittype", many=True),
        "informatieobjecttypen": Expansion("catalogi.informatieobjecttype", many=True),
    }
    create_schema = CatalogusIn


class ZaakTypeResource(CatalogiResource):
    name = "zaaktype"
    collection = "zaaktypen"
    model = ZaakType
    scopes = {**CatalogiResource.scopes, "create": WRITE}
    status_field = "concept"
    filters = {
        "catalogus": Filter("url", field="catalogus"),
        "identificatie": Filter("str", field="identificatie"),
        "trefwoorden": Filter("csv", method=lambda qs, value, ctx: queries.filter_trefwoorden(qs, value)),
        "status": _status("concept"),
        "datumGeldigheid": _geldig(),
    }
    default_ordering = ("identificatie", "begin_geldigheid", "pk")
    expansions = {
        "zaakobjecttypen": Expansion("catalogi.zaakobjecttype", many=True),
        "catalogus": Expansion("catalogi.catalogus"),
        "statustypen": Expansion("catalogi.statustype", many=True),
        "resultaattypen": Expansion("catalogi.resultaattype", many=True),
        "eigenschappen": Expansion("catalogi.eigenschap", many=True),
        "informatieobjecttypen": Expansion("catalogi.informatieobjecttype", many=True),
        "roltypen": Expansion("catalogi.roltype", many=True),
        "besluittypen": Expansion("catalogi.besluittype", many=True),
        "deelzaaktypen": Expansion("catalogi.zaaktype", many=True),
        "gerelateerdeZaaktypen": Expansion(
            "catalogi.zaaktype", many=True,
            extract=lambda item: [r.get("zaaktype") for r in item.get("gerelateerdeZaaktypen") or []]),
    }
    create_schema = ZaakTypeIn
    actions = (PUBLISH,)
    refs = staticmethod(_zaaktype_refs)

    def get_object(self, ctx: Context, uuid, action: str):
        obj = super().get_object(ctx, uuid, action)
        raw = ctx.request.GET.get("datumGeldigheid") if action == "retrieve" else None
        if raw:
            # "filter op datumGeldigheid voor het zelf en alle onderliggende objecten"
            try:
                datum = parse_date(raw)
            except ValueError:
                datum = None
            if datum is None:
                raise ValidationFailed("datumGeldigheid", "invalid", "Geef een datum op (JJJJ-MM-DD).")
            if not queries.is_geldig_op(obj, datum):
                raise NotFound("Dit zaaktype is niet geldig op de gevraagde datum.")
        return obj


class InformatieObjectTypeResource(CatalogiResource):
    name = "informatieobjecttype"
    collection = "informatieobjecttypen"
    model = InformatieObjectType
    scopes = {**CatalogiResource.scopes, "create": WRITE}
    status_field = "concept"
    filters = {
        "catalogus": Filter("url", field="catalogus"),
        "status": _status("concept"),
        "datumGeldigheid": _geldig(),
        "omschrijving": Filter("str", field="omschrijving"),
    }
    default_ordering = ("omschrijving", "begin_geldigheid", "pk")
    expansions = {
        "catalogus": Expansion("catalogi.catalogus"),
        "zaaktypen": Expansion("catalogi.zaaktype", many=True),
        "besluittypen": Expansion("catalogi.besluittype", many=True),
    }
    create_schema = InformatieObjectTypeIn
    actions = (PUBLISH,)
    refs = staticmethod(lambda r: r.one("catalogus", "catalogus"))


class BesluitTypeResource(CatalogiResource):
    name = "besluittype"
    collection = "besluittypen"
    model = BesluitType
    scopes = {**CatalogiResource.scopes, "create": WRITE}
    status_field = "concept"
    filters = {
        "catalogus": Filter("url", field="catalogus"),
        "zaaktypen": Filter("url", method=_filter_besluittypen_zaaktypen),
        "informatieobjecttypen": Filter("str", method=_filter_besluittypen_iots),
        "status": _status("concept"),
        "omschrijving": Filter("str", field="omschrijving"),
        "datumGeldigheid": _geldig(),
    }
    default_ordering = ("omschrijving", "begin_geldigheid", "pk")
    expansions = {
        "catalogus": Expansion("catalogi.catalogus"),
        "zaaktypen": Expansion("catalogi.zaaktype", many=True),
        "informatieobjecttypen": Expansion("catalogi.informatieobjecttype", many=True),
        "resultaattypen": Expansion("catalogi.resultaattype", many=True),
    }
    create_schema = BesluitTypeIn
    actions = (PUBLISH,)

    @staticmethod
    def refs(r: _Refs) -> None:
        r.one("catalogus", "catalogus")
        r.link_or_name("informatieobjecttypen", "informatieobjecttype")


class StatusTypeResource(CatalogiResource):
    name = "statustype"
    collection = "statustypen"
    model = StatusType
    status_field = "zaaktype__concept"
    filters = _subtype_filters()
    default_ordering = ("zaaktype_id", "volgnummer", "pk")
    expansions = {
        "catalogus": Expansion("catalogi.catalogus"),
        "zaaktype": Expansion("catalogi.zaaktype"),
        "eigenschappen": Expansion("catalogi.eigenschap", many=True),
    }
    create_schema = StatusTypeIn
    refs = staticmethod(_subtype_refs(eigenschappen=True))


class RolTypeResource(CatalogiResource):
    name = "roltype"
    collection = "roltypen"
    model = RolType
    status_field = "zaaktype__concept"
    filters = _subtype_filters(omschrijvingGeneriek=Filter("str", field="omschrijving_generiek",
                                                          choices=RolOmschrijvingGeneriek.values))
    default_ordering = ("zaaktype_id", "omschrijving", "pk")
    expansions = {"catalogus": Expansion("catalogi.catalogus"), "zaaktype": Expansion("catalogi.zaaktype")}
    create_schema = RolTypeIn
    refs = staticmethod(_subtype_refs(catalogus=True))


class ResultaatTypeResource(CatalogiResource):
    name = "resultaattype"
    collection = "resultaattypen"
    model = ResultaatType
    status_field = "zaaktype__concept"
    # the 1.3.3 OAS names two of these in snake_case, and their camelCase twins as well
    filters = _subtype_filters(zaaktype_identificatie=Filter("str", field="zaaktype__identificatie"),
                               datum_geldigheid=_geldig("zaaktype__"))
    default_ordering = ("zaaktype_id", "omschrijving", "pk")
    expansions = {
        "catalogus": Expansion("catalogi.catalogus"),
        "zaaktype": Expansion("catalogi.zaaktype"),
        "besluittypen": Expansion("catalogi.besluittype", many=True),
        "informatieobjecttypen": Expansion("catalogi.informatieobjecttype", many=True),
    }
    create_schema = ResultaatTypeIn
    refs = staticmethod(_subtype_refs(catalogus=True, besluittypen=True, informatieobjecttypen=True))


class EigenschapResource(CatalogiResource):
    name = "eigenschap"
    collection = "eigenschappen"
    model = Eigenschap
    status_field = "zaaktype__concept"
    filters = _subtype_filters()
    default_ordering = ("zaaktype_id", "naam", "pk")
    expansions = {
        "catalogus": Expansion("catalogi.catalogus"),
        "zaaktype": Expansion("catalogi.zaaktype"),
        "statustype": Expansion("catalogi.statustype"),
    }
    create_schema = EigenschapIn
    refs = staticmethod(_subtype_refs(statustype=True))


class ZaakTypeInformatieObjectTypeResource(CatalogiResource):
    name = "zaaktypeinformatieobjecttype"
    collection = "zaaktype-informatieobjecttypen"
    model = ZaakTypeInformatieObjectType
    status_field = "zaaktype__concept"
    filters = {
        "zaaktype": Filter("url", field="zaaktype"),
        "informatieobjecttype": Filter("str", method=_filter_ztiot_iot),
        "richting": Filter("str", field="richting", choices=Richting.values),
        "status": _status("zaaktype__concept"),
    }
    default_ordering = ("zaaktype_id", "volgnummer", "pk")
    expansions = {
        "zaaktype": Expansion("catalogi.zaaktype"),
        "catalogus": Expansion("catalogi.catalogus"),
        "informatieobjecttype": Expansion("catalogi.informatieobjecttype"),
        "statustype": Expansion("catalogi.statustype"),
    }
    create_schema = ZaakTypeInformatieObjectTypeIn
    refs = staticmethod(_subtype_refs(statustype=True, informatieobjecttype=True))


class ZaakObjectTypeResource(CatalogiResource):
    name = "zaakobjecttype"
    collection = "zaakobjecttypen"
    model = ZaakObjectType
    filters = {
        "anderObjecttype": Filter("bool", field="ander_objecttype"),
        "catalogus": Filter("url", field="zaaktype__catalogus"),
        "datumBeginGeldigheid": Filter("date", field="zaaktype__begin_geldigheid"),
        "datumEindeGeldigheid": Filter("date", field="zaaktype__einde_geldigheid"),
        "datumGeldigheid": _geldig("zaaktype__"),
        "objecttype": UrlValueFilter("objecttype"),
        "relatieOmschrijving": Filter("str", field="relatie_omschrijving"),
        "zaaktype": Filter("url", field="zaaktype"),
        "zaaktypeIdentificatie": Filter("str", field="zaaktype__identificatie"),
    }
    default_ordering = ("zaaktype_id", "relatie_omschrijving", "pk")
    expansions = {
        "zaaktype": Expansion("catalogi.zaaktype"),
        "resultaattypen": Expansion("catalogi.resultaattype", many=True),
        "statustypen": Expansion("catalogi.statustype", many=True),
        "catalogus": Expansion("catalogi.catalogus"),
    }
    create_schema = ZaakObjectTypeIn
    refs = staticmethod(_subtype_refs(catalogus=True))


RESOURCES = [
    CatalogusResource(), ZaakTypeResource(), InformatieObjectTypeResource(), BesluitTypeResource(),
    StatusTypeResource(), RolTypeResource(), ResultaatTypeResource(), EigenschapResource(),
    ZaakTypeInformatieObjectTypeResource(), ZaakObjectTypeResource(),
]

urlpatterns = api_urls(API, RESOURCES)
