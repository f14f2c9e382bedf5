"""``/statussen`` and ``/resultaten`` of the Zaken API 1.7.0: a thin adapter over
``zaken.domain.status`` (every rule and scope decision per zaak), ``zaken.representation_status``
(responses) and ``ZakenResource`` (lists and details authorised through the zaak).

The adapter decodes the body, turns the URLs in it into the objects they name (collecting every
failure as ``invalidParams``) and calls the domain. Expansions whose target resource is not served
(yet) are simply not offered: asking for them is a 400 on a list and a 404 on a detail.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuidlib
from typing import Annotated
from urllib.parse import urlsplit

import msgspec
from django.db.models import F, Q
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core import sql
from zaakwerk.core.api import REGISTRY, Context, Expansion, Filter
from zaakwerk.core.errors import ValidationErrors
from zaakwerk.core.references import ReferenceLookupError, is_local, is_valid_url, resolve_resource

from ..domain import status as domain
from ..domain.common import ROOT, lock_zaak
from ..models import Resultaat, Rol, Status, Zaak
from ..representation_status import resultaat_json, status_json
from .base import READ, UPDATE, ZakenResource

Url = Annotated[str, Meta(max_length=1000)]


class Struct(msgspec.Struct, rename="camel", kw_only=True):
    pass


class StatusIn(Struct):
    zaak: Url
    statustype: Url
    datum_status_gezet: dt.datetime
    statustoelichting: Annotated[str, Meta(max_length=1000)] | UnsetType = UNSET
    gezetdoor: Annotated[str, Meta(max_length=200)] | None | UnsetType = UNSET


class ResultaatIn(Struct):
    zaak: Url
    resultaattype: Url
    toelichting: Annotated[str, Meta(max_length=1000)] | UnsetType = UNSET


# ---- URLs in bodies and filters -----------------------------------------------------------------


def local_uuid_in(value: str, collection: str, base_url: str | None = None) -> uuidlib.UUID | None:
    """The uuid of ``{ROOT}/{collection}/<uuid>`` on this server, else None. Independent of which
    Zaken resources are served yet (statussen may be set before the zaak resource exists)."""
    if not is_valid_url(value) or not is_local(value, base_url):
        return None
    match = re.search(rf"{re.escape(ROOT)}/{collection}/(?P<uuid>[0-9a-fA-F-]{{36}})/?$", urlsplit(value).path)
    if not match:
        return None
    try:
        return uuidlib.UUID(match.group("uuid"))
    except ValueError:
        return None


class _Refs:
    """Resolves the URLs of a decoded body into objects, collecting every failure."""

    def __init__(self, ctx: Context, data: dict):
        self.ctx = ctx
        self.data = data
        self.errors = ValidationErrors()

    def zaak(self) -> None:
        # read with the row lock the domain needs (one read of the zaak per request)
        self._local("zaak", "zaken", Zaak, "zaak", read=lock_zaak)

    def rol(self, field: str) -> None:
        self._local(field, "rollen", Rol, "rol")

    def _local(self, field: str, collection: str, model, noun: str, read=None) -> None:
        value = self.data.get(field)
        if not isinstance(value, str):
            return
        if not is_valid_url(value):
            self.errors.add(field, "invalid", "Voer een geldige URL in.")
            return
        pk = local_uuid_in(value, collection, self.ctx.base_url)
        obj = (read(pk) if read else sql.get_by_pk(model, pk)) if pk is not None else None
        if obj is None:
            self.errors.add(field, "bad-url", f"De URL verwijst niet naar een {noun} van deze Zaken API.")
        self.data[field] = obj

    def catalogi(self, field: str, key: str) -> None:
        value = self.data.get(field)
        if not isinstance(value, str):
            return
        try:
            self.data[field] = resolve_resource(value, self.ctx.base_url, f"catalogi.{key}")
        except ReferenceLookupError as exc:
            self.errors.add(field, exc.code, exc.detail)

    def done(self) -> dict:
        self.errors.raise_if_any()
        return self.data


def _zaak_filter(qs, value, ctx: Context):
    pk = local_uuid_in(value, "zaken", ctx.base_url)
    return qs.filter(zaak_id=pk) if pk is not None else qs.none()


def _laatst_gezet_filter(qs, value: bool, ctx: Context):
    current = Q(zaak__huidige_status_id=F("pk"))
    return qs.filter(current) if value else qs.exclude(current)


def _available(expansions: dict[str, Expansion]) -> dict[str, Expansion]:
    return {name: exp for name, exp in expansions.items() if exp.target in REGISTRY}


# ---- resources --------------------------------------------------------------------------------------


class StatusResource(ZakenResource):
    name = "status"
    collection = "statussen"
    model = Status
    operations = ("list", "create", "retrieve")
    scopes = {"list": READ, "retrieve": READ, "create": domain.STATUS_SCOPES}
    filters = {
        "zaak": Filter("url", method=_zaak_filter),
        "statustype": Filter("url", field="statustype"),
        "indicatieLaatstGezetteStatus": Filter("bool", method=_laatst_gezet_filter),
    }
    default_ordering = ("-datum_status_gezet", "-created", "pk")
    all_expansions = {
        "zaak": Expansion("zaken.zaak"),
        "statustype": Expansion("catalogi.statustype"),
        "gezetdoor": Expansion("zaken.rol"),
        "zaakinformatieobjecten": Expansion("zaken.zaakinformatieobject", many=True),
    }
    create_schema = StatusIn

    @property
    def expansions(self):  # type: ignore[override]
        return _available(self.all_expansions)

    def base_queryset(self, ctx: Context):
        return Status.objects.select_related("zaak")

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return status_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        refs = _Refs(ctx, data)
        refs.zaak()
        refs.catalogi("statustype", "statustype")
        refs.rol("gezetdoor")
        return domain.create_status(ctx.actor, refs.done())


class ResultaatResource(ZakenResource):
    name = "resultaat"
    collection = "resultaten"
    model = Resultaat
    scopes = {"list": READ, "retrieve": READ, "create": UPDATE, "update": UPDATE, "partial_update": UPDATE,
              "destroy": UPDATE}
    filters = {
        "zaak": Filter("url", method=_zaak_filter),
        "resultaattype": Filter("url", field="resultaattype"),
    }
    default_ordering = ("pk",)
    all_expansions = {
        "zaak": Expansion("zaken.zaak"),
        "resultaattype": Expansion("catalogi.resultaattype"),
    }
    create_schema = ResultaatIn

    @property
    def expansions(self):  # type: ignore[override]
        return _available(self.all_expansions)

    def base_queryset(self, ctx: Context):
        return Resultaat.objects.select_related("zaak")

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return resultaat_json(objs, ctx.base_url)

    def _data(self, ctx: Context, data: dict) -> dict:
        refs = _Refs(ctx, data)
        refs.zaak()
        refs.catalogi("resultaattype", "resultaattype")
        return refs.done()

    def create(self, ctx: Context, data: dict):
        return domain.create_resultaat(ctx.actor, self._data(ctx, data))

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        return domain.update_resultaat(ctx.actor, obj, self._data(ctx, data), partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_resultaat(ctx.actor, obj)


RESOURCES = [StatusResource(), ResultaatResource()]
