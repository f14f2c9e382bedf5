"""The ZAAK resource of the Zaken API 1.7.0: ``/zaken`` (list with every filter of the standard,
create), ``/zaken/{uuid}`` (retrieve, HEAD/ETag, update, partial update, delete),
``POST /zaken/_zoek`` (the list filters plus ``zaakgeometrie.within``, ``uuid__in``,
``zaaktype__in``, ``expand`` or ``fields``), ``POST /zaaknummer_reserveren`` and
``/zaken/{zaak_uuid}/audittrail``.

A thin adapter: it declares the wire schemas and filters, and calls ``domain.zaak`` for every
write and ``representation`` for every answer. Authorisation (zrc-006) comes from
``ZakenResource``: one EXISTS condition per list, 403 on a detail outside the client's rights; the
zaaktype check on create is a domain rule (the zaaktype is known only after resolving the URL).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from typing import Annotated, Literal

import msgspec
from django.db import connections
from django.db.models import Exists, OuterRef, Sum
from django.urls import path as url_path
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core.api import REGISTRY, ApiView, Context, Expansion, Filter, decode_body
from zaakwerk.core.audit_api import audittrail_resource
from zaakwerk.core.errors import Forbidden, ValidationFailed
from zaakwerk.core.http import json_response
from zaakwerk.core.references import local_uuid

from .. import representation
from ..domain import zaak as domain
from ..domain.common import SCOPE_AANMAKEN, SCOPE_VERWIJDEREN, VERTROUWELIJKHEID, VERTROUWELIJKHEID_RANK
from ..models import Rol, Zaak, ZaakTelling
from .base import API, READ, UPDATE, ZakenResource

Unset = UnsetType
Url = Annotated[str, Meta(max_length=1000)]


def Text(max_length: int):  # noqa: N802 - reads as a type in the schemas below
    return Annotated[str, Meta(max_length=max_length)]


Vertrouwelijkheid = Literal["openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk",
                            "confidentieel", "geheim", "zeer_geheim"]
Archiefstatus = Literal["nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen"]


class Struct(msgspec.Struct, rename="camel", kw_only=True):
    pass


class RelevanteZaakIn(Struct, kw_only=True):
    url: Url
    aard_relatie: Literal["vervolg", "onderwerp", "bijdrage"]


class KenmerkIn(Struct, kw_only=True):
    kenmerk: Text(40)
    bron: Text(40)


class ZaakIn(Struct, kw_only=True):
    """The writable fields of ``Zaak`` (read-only fields a client sends are ignored, as are
    unknown ones). Gegevensgroepen and the geometry arrive as JSON objects: the domain validates
    them as a whole, reporting every missing field (zrc-012)."""

    identificatie: Text(40) | Unset = UNSET
    bronorganisatie: Text(9)
    omschrijving: Text(80) | Unset = UNSET
    toelichting: Text(1000) | Unset = UNSET
    zaaktype: Url
    registratiedatum: dt.date | Unset = UNSET
    verantwoordelijke_organisatie: Text(9)
    startdatum: dt.date
    einddatum_gepland: dt.date | None | Unset = UNSET
    uiterlijke_einddatum_afdoening: dt.date | None | Unset = UNSET
    publicatiedatum: dt.date | None | Unset = UNSET
    communicatiekanaal: Url | Unset = UNSET
    producten_of_diensten: list[Url] | Unset = UNSET
    vertrouwelijkheidaanduiding: Vertrouwelijkheid | Unset = UNSET
    betalingsindicatie: Literal["", "nvt", "nog_niet", "gedeeltelijk", "geheel"] | Unset = UNSET
    laatste_betaaldatum: dt.datetime | None | Unset = UNSET
    zaakgeometrie: dict | None | Unset = UNSET
    verlenging: dict | None | Unset = UNSET
    opschorting: dict | None | Unset = UNSET
    selectielijstklasse: Url | Unset = UNSET
    hoofdzaak: Url | None | Unset = UNSET
    relevante_andere_zaken: list[RelevanteZaakIn] | Unset = UNSET
    kenmerken: list[KenmerkIn] | Unset = UNSET
    archiefnominatie: Literal["", "blijvend_bewaren", "vernietigen"] | None | Unset = UNSET
    archiefstatus: Archiefstatus | Unset = UNSET
    archiefactiedatum: dt.date | None | Unset = UNSET
    opdrachtgevende_organisatie: Text(9) | Unset = UNSET
    processobjectaard: Text(200) | None | Unset = UNSET
    startdatum_bewaartermijn: dt.date | None | Unset = UNSET
    processobject: dict | None | Unset = UNSET


# ---- filters ---------------------------------------------------------------------------------

ROL_BETROKKENE_TYPES = ("natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "organisatorische_eenheid",
                        "medewerker")
ROL_OMSCHRIJVING_GENERIEK = ("adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator",
                             "klantcontacter", "zaakcoordinator", "mede_initiator")
ARCHIEFNOMINATIE = ("blijvend_bewaren", "vernietigen")
ARCHIEFSTATUS = ("nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen")

# rol__betrokkeneIdentificatie__* -> (the indexed Rol column holding that value, the query
# parameter's maxLength in the 1.7.0 OAS)
ROL_IDENTIFICATIE_COLUMNS = {
    "natuurlijkPersoon__inpBsn": ("inp_bsn", 9),
    "natuurlijkPersoon__anpIdentificatie": ("anp_identificatie", 17),
    "natuurlijkPersoon__inpA_nummer": ("inp_a_nummer", 10),
    "nietNatuurlijkPersoon__innNnpId": ("inn_nnp_id", None),
    "nietNatuurlijkPersoon__annIdentificatie": ("ann_identificatie", 17),
    "vestiging__vestigingsNummer": ("vestigings_nummer", 24),
    "medewerker__identificatie": ("medewerker_identificatie", 254),
    "organisatorischeEenheid__identificatie": ("organisatorische_eenheid_identificatie", None),
}


class _MaxLengthFilter(Filter):
    """A text filter whose value has a maximum length (the parameter's ``maxLength``): a longer
    value is a validation error, as the reference implementation's form fields make it."""

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_length = max_length

    def parse(self, name: str, raw: str, ctx: Context):
        value = super().parse(name, raw, ctx)
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            raise ValidationFailed(name, "max_length",
                                   f"Zorg dat deze waarde niet meer dan {self.max_length} tekens bevat.")
        return value


def _rol_filter(column: str, kind: str = "str", choices=None, max_length: int | None = None) -> Filter:
    """A condition on the zaak's rollen: ``EXISTS (rol of this zaak with column = value)``,
    answered from the indexed Rol column. Several rol filters are independent conditions."""

    def method(qs, value, ctx):
        return qs.filter(Exists(Rol.objects.filter(zaak_id=OuterRef("pk"), **{column: value})))

    return _MaxLengthFilter(kind, method=method, choices=choices, max_length=max_length)


def _dates(name: str, field: str, *lookups: str) -> dict[str, Filter]:
    out = {name: Filter("date", field=field)}
    for lookup in lookups:
        out[f"{name}__{lookup}"] = Filter("bool" if lookup == "isnull" else "date", field=field, lookup=lookup)
    return out


FILTERS: dict[str, Filter] = {
    "identificatie": Filter("str", field="identificatie"),
    "bronorganisatie": Filter("str", field="bronorganisatie"),
    "bronorganisatie__in": Filter("csv", field="bronorganisatie"),
    "zaaktype": Filter("url", field="zaaktype"),
    "archiefnominatie": Filter("str", field="archiefnominatie", choices=ARCHIEFNOMINATIE),
    "archiefnominatie__in": Filter("csv", field="archiefnominatie", choices=ARCHIEFNOMINATIE),
    **_dates("archiefactiedatum", "archiefactiedatum", "isnull", "lt", "gt"),
    "archiefstatus": Filter("str", field="archiefstatus", choices=ARCHIEFSTATUS),
    "archiefstatus__in": Filter("csv", field="archiefstatus", choices=ARCHIEFSTATUS),
    **_dates("startdatum", "startdatum", "gt", "gte", "lt", "lte"),
    **_dates("registratiedatum", "registratiedatum", "gt", "lt"),
    **_dates("einddatum", "einddatum", "isnull", "gt", "lt"),
    **_dates("einddatumGepland", "einddatum_gepland", "gt", "lt"),
    **_dates("uiterlijkeEinddatumAfdoening", "uiterlijke_einddatum_afdoening", "gt", "lt"),
    "rol__betrokkeneType": _rol_filter("betrokkene_type", choices=ROL_BETROKKENE_TYPES),
    "rol__betrokkene": _rol_filter("betrokkene", kind="url"),
    "rol__omschrijvingGeneriek": _rol_filter("omschrijving_generiek", choices=ROL_OMSCHRIJVING_GENERIEK),
    "maximaleVertrouwelijkheidaanduiding": Filter(
        "str", choices=VERTROUWELIJKHEID,
        method=lambda qs, value, ctx: qs.filter(vertrouwelijkheid_rank__lte=VERTROUWELIJKHEID_RANK[value])),
    **{f"rol__betrokkeneIdentificatie__{name}": _rol_filter(column, max_length=max_length)
       for name, (column, max_length) in ROL_IDENTIFICATIE_COLUMNS.items()},
}

ORDERING = {name: name for name in ("startdatum", "einddatum", "publicatiedatum", "archiefactiedatum",
                                    "registratiedatum", "identificatie")}


# ---- POST /zaken/_zoek -------------------------------------------------------------------------


class GeoWithin(msgspec.Struct, kw_only=True):
    within: dict | Unset = UNSET


def _search_schema() -> type:
    """``ZaakZoek``: every list filter under its own (wire) name, typed as in the OAS (arrays for
    ``__in``, booleans for ``__isnull``), plus the search-only fields."""
    fields = [
        ("zaakgeometrie", GeoWithin | Unset, UNSET),
        ("uuid__in", list[uuidlib.UUID] | Unset, UNSET),
        ("zaaktype__in", list[Url] | Unset, UNSET),
        ("expand", str | list[str] | Unset, UNSET),
        ("ordering", str | Unset, UNSET),
        ("fields", list | Unset, UNSET),
    ]
    for name, flt in FILTERS.items():
        if name.endswith("__in"):
            tp = list[str]
        elif flt.kind == "bool":
            tp = bool
        else:
            tp = str
        fields.append((name, tp | Unset, UNSET))
    return msgspec.defstruct("ZaakZoek", fields, kw_only=True)


ZaakZoek = _search_schema()


def _as_query_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _within(qs, value: dict):
    """``zaakgeometrie.within``: SQL keeps the zaken whose bounding box lies inside the search
    geometry's (a geometry within another has its box inside the other's box; the four columns
    are indexed), shapely decides exactly for those."""
    from shapely import make_valid
    from shapely.geometry import shape
    from shapely.prepared import prep

    area = domain.parse_geometry(value, "zaakgeometrie.within")
    if area.is_empty:
        return qs.none()
    if not area.is_valid:
        area = make_valid(area)
    min_x, min_y, max_x, max_y = area.bounds
    candidates = qs.filter(geometrie_min_x__gte=min_x, geometrie_max_x__lte=max_x,
                           geometrie_min_y__gte=min_y, geometrie_max_y__lte=max_y)
    if area.geom_type == "GeometryCollection":
        # GEOS's DE-9IM for mixed collections counts a polygon part's area as the collection's
        # boundary (a square inside the collection's polygon is then not "within"); a collection is
        # taken as the union of its parts instead: nothing of the zaak lies outside them.
        def inside(geometry):
            return not geometry.is_empty and geometry.difference(area).is_empty
    else:
        inside = prep(area).contains  # A contains B == B within A
    matched = []
    for pk, geojson in candidates.values_list("pk", "zaakgeometrie").iterator(chunk_size=2000):
        try:
            if inside(shape(geojson)):
                matched.append(pk)
        except Exception:  # a stored geometry GEOS cannot evaluate: not within
            continue
    return qs.filter(pk__in=matched)


# ---- resources ---------------------------------------------------------------------------------

EXPANSIONS = {
    "zaaktype": Expansion("catalogi.zaaktype"),
    "hoofdzaak": Expansion("zaken.zaak"),
    "deelzaken": Expansion("zaken.zaak", many=True),
    "relevanteAndereZaken": Expansion(
        "zaken.zaak", many=True,
        extract=lambda item: [r.get("url") for r in item.get("relevanteAndereZaken") or []]),
    "status": Expansion("zaken.status"),
    "resultaat": Expansion("zaken.resultaat"),
    "rollen": Expansion("zaken.rol", many=True),
    "eigenschappen": Expansion("zaken.zaakeigenschap", many=True),
    "zaakobjecten": Expansion("zaken.zaakobject", many=True),
    "zaakinformatieobjecten": Expansion("zaken.zaakinformatieobject", many=True),
}


class ZaakResource(ZakenResource):
    name = "zaak"
    collection = "zaken"
    model = Zaak
    zaak_path = ""
    crs = True
    scopes = {"list": READ, "retrieve": READ, "create": (SCOPE_AANMAKEN,), "update": UPDATE,
              "partial_update": UPDATE, "destroy": (SCOPE_VERWIJDEREN,)}
    filters = FILTERS
    ordering = ORDERING
    default_ordering = ("-startdatum", "pk")
    create_schema = ZaakIn
    search_schema = ZaakZoek

    @property
    def expansions(self) -> dict[str, Expansion]:  # type: ignore[override]
        """Only the expansions whose target resource is served: a target not (yet) registered
        makes ``expand=<name>`` a clean 400 (404 on a detail) instead of an error."""
        return {name: exp for name, exp in EXPANSIONS.items() if exp.target in REGISTRY}

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return representation.zaken_json(objs, ctx.base_url)

    def load(self, ctx: Context, qs) -> list:
        return representation.rows(qs)

    def count(self, ctx: Context, qs, applied) -> int:
        """A list on PostgreSQL that is unfiltered or filtered on zaaktype only (the werkvoorraad
        of a zaaktype) counts from ZaakTelling (kept exact by triggers), under the same
        authorisation condition as the list: a sum over the (zaaktype, rank) rows the client may
        see instead of a scan of its zaken."""
        if applied not in ((), ("zaaktype",)) or connections[qs.db].vendor != "postgresql":
            return qs.count()
        telling = ZaakTelling.objects.using(qs.db).filter(self.authorised_condition(ctx, "list", ""))
        if applied:
            zaaktype = local_uuid(ctx.request.GET.get("zaaktype", ""), ctx)
            if zaaktype is None:  # not a zaaktype of this catalogue: the filter matches nothing
                return 0
            telling = telling.filter(zaaktype_id=zaaktype)
        return int(telling.aggregate(total=Sum("aantal"))["total"] or 0)

    def create(self, ctx: Context, data: dict):
        return domain.create_zaak(ctx.actor, data)

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        return domain.update_zaak(ctx.actor, obj, data, partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_zaak(ctx.actor, obj)

    def apply_search(self, ctx: Context, qs, data: dict):
        for name, value in data.items():
            if name in FILTERS:
                flt = FILTERS[name]
                if isinstance(value, list) and not value:
                    continue
                # parsed as a query value, but without the query parameters' maxLength: ZaakZoek's
                # properties have none (a longer value simply matches nothing)
                qs = flt.apply(qs, name, Filter.parse(flt, name, _as_query_value(value), ctx), ctx)
        if data.get("uuid__in"):
            qs = qs.filter(pk__in=data["uuid__in"])
        if data.get("zaaktype__in"):
            qs = Filter("csv-url", field="zaaktype").apply(qs, "zaaktype__in", data["zaaktype__in"], ctx)
        within = (data.get("zaakgeometrie") or {}).get("within")
        if within is not None:
            qs = _within(qs, within)
        return qs


class ReserveerIn(msgspec.Struct, kw_only=True):
    bronorganisatie: Annotated[str, Meta(min_length=9, max_length=9)]
    aantal: int = 1


class ReserveerView(ApiView):
    """``POST /zaaknummer_reserveren``: one object for one number, a list for ``aantal`` > 1."""

    allowed = ("post",)

    def do_post(self, ctx: Context):
        if not ctx.actor.has_scope(API.component, SCOPE_AANMAKEN):
            raise Forbidden("U heeft geen toestemming om deze actie uit te voeren.")
        self.check_query_params(ctx, ())
        data = decode_body(ctx.request, ReserveerIn)
        numbers = domain.reserveer_zaaknummers(ctx.actor, data["bronorganisatie"], data.get("aantal", 1))
        items = [{"zaaknummer": n} for n in numbers]
        return json_response(items[0] if data.get("aantal", 1) == 1 else items, status=201)


class ZaaknummerReserverenResource(ZakenResource):
    name = "zaaknummer"
    collection = "zaaknummer_reserveren"
    model = Zaak
    operations = ()
    scopes = {"create": (SCOPE_AANMAKEN,)}

    def urls(self) -> list:
        REGISTRY[self.key] = self
        return [url_path(self.collection, ReserveerView.as_view(resource=self), name=f"{self.key}-reserveren")]


ZAAK = ZaakResource()
RESOURCES = [ZAAK, audittrail_resource(ZAAK, "zaak_uuid"), ZaaknummerReserverenResource()]

__all__ = ["RESOURCES", "ZAAK", "ZaakIn", "ZaakZoek", "FILTERS"]
