"""The BESLUIT resource of the Besluiten API 1.1.0: ``/besluiten`` (list with every filter of the
standard, create), ``/besluiten/{uuid}`` (retrieve, update, partial update, delete) and
``/besluiten/{besluit_uuid}/audittrail``.

A thin adapter: it declares the wire schema and the filters, and calls ``domain.besluit`` for
every write and ``representation`` for every answer. Authorisation per besluittype comes from
``BesluitenResource``; the besluittype check on create is a domain rule (the besluittype is known
only after resolving its URL).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core.api import Context, Expansion, Filter
from zaakwerk.core.audit_api import audittrail_resource
from zaakwerk.core.references import is_local, local_uuid

from ..domain import besluit as domain
from ..models import Besluit
from ..representation import besluiten_json
from .base import CREATE, DELETE, READ, UPDATE, BesluitenResource

Unset = UnsetType


def Text(max_length: int):  # noqa: N802 - reads as a type in the schema below
    return Annotated[str, Meta(max_length=max_length)]


class BesluitIn(msgspec.Struct, rename="camel", kw_only=True):
    """The writable fields of ``Besluit`` (read-only and unknown properties a client sends, such
    as ``url`` or ``vervalredenWeergave``, are ignored)."""

    identificatie: Text(50) | Unset = UNSET
    verantwoordelijke_organisatie: Text(9)
    besluittype: Text(200)
    zaak: Text(200) | None | Unset = UNSET
    datum: dt.date
    toelichting: str | Unset = UNSET
    bestuursorgaan: Text(50) | Unset = UNSET
    ingangsdatum: dt.date
    vervaldatum: dt.date | None | Unset = UNSET
    vervalreden: Literal["", "tijdelijk", "ingetrokken_overheid", "ingetrokken_belanghebbende"] | None | Unset = UNSET
    publicatiedatum: dt.date | None | Unset = UNSET
    verzenddatum: dt.date | None | Unset = UNSET
    uiterlijke_reactiedatum: dt.date | None | Unset = UNSET


def _filter_zaak(qs, value: str, ctx: Context):
    """``zaak``: a zaak of this server by its uuid, a foreign one by its URL as stored."""
    if is_local(value, ctx.base_url):
        uuid = local_uuid(value, ctx)
        return qs.filter(zaak_uuid=uuid) if uuid is not None else qs.none()
    return qs.filter(zaak_extern=value)


class BesluitResource(BesluitenResource):
    name = "besluit"
    collection = "besluiten"
    model = Besluit
    scopes = {"list": READ, "retrieve": READ, "create": CREATE, "update": UPDATE, "partial_update": UPDATE,
              "destroy": DELETE}
    filters = {
        "identificatie": Filter("str", field="identificatie"),
        "verantwoordelijkeOrganisatie": Filter("str", field="verantwoordelijke_organisatie"),
        "besluittype": Filter("url", field="besluittype"),
        "zaak": Filter("url", method=_filter_zaak),
    }
    default_ordering = ("aangemaakt", "pk")
    all_expansions = {
        "besluittype": Expansion("catalogi.besluittype"),
        "zaak": Expansion("zaken.zaak"),
    }
    create_schema = BesluitIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return besluiten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        return domain.create_besluit(ctx.actor, data)

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        return domain.update_besluit(ctx.actor, obj, data, partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_besluit(ctx.actor, obj)


BESLUIT = BesluitResource()
RESOURCES = [BESLUIT, audittrail_resource(BESLUIT, "besluit_uuid")]
