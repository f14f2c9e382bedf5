"""Zaken API 1.7.0: ``/zaaknotities`` (experimental in the standard) — list with every filter of
the OAS (``__icontains`` text searches, date-time ranges, ``page`` and ``pageSize``), create,
retrieve, update, partial update, delete.

Deviation: the OAS types the ``gerelateerdAan`` query parameter as an integer (a database key of
the reference implementation); ZaakNotitie.gerelateerdAan is a zaak URL, and so is the filter.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode

from django.urls import path as url_path

from zaakwerk.core.api import REGISTRY, CollectionView, Context, DetailView, Filter, ordering_for
from zaakwerk.core.errors import ValidationFailed
from zaakwerk.core.http import json_response

from ..authz import authorise_zaak
from ..domain import notities as domain
from ..domain.relaties import aware
from ..models import ZaakNotitie
from ..representation_notities import zaaknotities_json
from .base import READ
from .relaties import Refs, Struct, Text, Unset, UNSET, Url, ZaakChildResource

WRITE = ("zaken.bijwerken",)
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class ZaakNotitieIn(Struct, kw_only=True):
    onderwerp: Text(255)
    tekst: str
    aangemaakt_door: Text(255) | Unset = UNSET
    notitie_type: Literal["intern", "extern"] | Unset = UNSET
    status: Literal["concept", "definitief"] | Unset = UNSET
    gerelateerd_aan: Url


class AwareDatetimeFilter(Filter):
    """A date-time filter where a value without offset (or a bare date) is Dutch time, as a
    date-time in a request body is."""

    def __init__(self, field: str, lookup: str = "exact"):
        super().__init__("datetime", field=field, lookup=lookup)

    def parse(self, name: str, raw: str, ctx: Context):
        return aware(super().parse(name, raw, ctx), name)


def _datetime_filters(name: str, field: str) -> dict[str, Filter]:
    filters: dict[str, Filter] = {name: AwareDatetimeFilter(field)}
    for lookup in ("gt", "gte", "lt", "lte"):
        filters[f"{name}__{lookup}"] = AwareDatetimeFilter(field, lookup)
    return filters


def page_size(raw: str | None) -> int:
    """``pageSize``: 1 or more (above the maximum, the maximum)."""
    if raw is None:
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if size < 1:
        raise ValidationFailed("pageSize", "invalid", "Geef een paginagrootte van 1 of meer op.")
    return min(size, MAX_PAGE_SIZE)


def _page_url(ctx: Context, page: int) -> str:
    params = ctx.request.GET.copy()
    params["page"] = str(page)
    return f"{ctx.base_url}{ctx.request.path}?{urlencode(params, doseq=True)}"


class _CollectionView(CollectionView):
    """The list with ``pageSize``, otherwise as every list: scopes, known parameters only, one
    authorisation condition, exact count, an empty page past the end."""

    def do_get(self, ctx: Context):
        resource = self.resource
        resource.check_scopes(ctx, "list")
        request = ctx.request
        self.check_query_params(ctx, set(resource.filters) | {"page", "pageSize"})
        qs = resource.authorised_queryset(ctx, "list")
        for name, flt in resource.filters.items():
            if name in request.GET:
                qs = flt.apply(qs, name, flt.parse(name, request.GET.get(name), ctx), ctx)
        qs = qs.order_by(*ordering_for(resource, None))
        size = page_size(request.GET.get("pageSize"))
        try:
            page = int(request.GET.get("page", "1"))
        except ValueError:
            page = 0
        if page < 1:
            raise ValidationFailed("page", "invalid", "Ongeldige pagina.")
        count = qs.count()
        offset = (page - 1) * size
        objs = list(qs[offset: offset + size]) if offset < count else []
        last = max(1, -(-count // size))
        return json_response({
            "count": count,
            "next": _page_url(ctx, page + 1) if offset + size < count else None,
            "previous": _page_url(ctx, min(page - 1, last)) if page > 1 else None,
            "results": resource.represent(ctx, objs),
        })

    do_head = do_get


class ZaakNotitieResource(ZaakChildResource):
    name = "zaaknotitie"
    collection = "zaaknotities"
    model = ZaakNotitie
    zaak_path = "gerelateerd_aan__"
    scopes = {"list": READ, "retrieve": READ, "create": WRITE, "update": WRITE, "partial_update": WRITE,
              "destroy": WRITE}
    filters = {
        "aangemaaktDoor": Filter("str", field="aangemaakt_door"),
        "aangemaaktDoor__icontains": Filter("str", field="aangemaakt_door", lookup="icontains"),
        **_datetime_filters("aanmaakdatum", "aanmaakdatum"),
        "gerelateerdAan": Filter("url", field="gerelateerd_aan"),
        "notitieType": Filter("str", field="notitie_type", choices=("extern", "intern")),
        "onderwerp": Filter("str", field="onderwerp"),
        "onderwerp__icontains": Filter("str", field="onderwerp", lookup="icontains"),
        "status": Filter("str", field="status", choices=("concept", "definitief")),
        "tekst": Filter("str", field="tekst"),
        "tekst__icontains": Filter("str", field="tekst", lookup="icontains"),
        **_datetime_filters("wijzigingsdatum", "wijzigingsdatum"),
    }
    default_ordering = ("aanmaakdatum", "pk")
    create_schema = ZaakNotitieIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return zaaknotities_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = refs.zaak(data["gerelateerd_aan"], "gerelateerdAan")
        refs.done()
        self.zaak_for_create(ctx, zaak)
        return domain.create_zaaknotitie(ctx.actor, {**data, "gerelateerd_aan": zaak})

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        if "gerelateerd_aan" in data:
            refs = Refs(ctx)
            zaak = refs.zaak(data["gerelateerd_aan"], "gerelateerdAan")
            refs.done()
            if zaak.pk != obj.gerelateerd_aan_id:  # moving the note: the client must be allowed there too
                authorise_zaak(ctx.actor, zaak, *self.scopes["partial_update" if partial else "update"])
            data["gerelateerd_aan"] = zaak
        return domain.update_zaaknotitie(ctx.actor, obj, data, partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_zaaknotitie(ctx.actor, obj)

    def urls(self) -> list:
        # as Resource.urls, with the list view that knows pageSize
        REGISTRY[self.key] = self
        return [
            url_path(self.collection, _CollectionView.as_view(resource=self), name=f"{self.key}-list"),
            url_path(f"{self.collection}/<uuid:uuid>", DetailView.as_view(resource=self),
                     name=f"{self.key}-detail"),
        ]


RESOURCES = [ZaakNotitieResource()]
