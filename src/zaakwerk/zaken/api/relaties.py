"""Zaken API 1.7.0: the relations of a zaak with objects in other registers —
``/zaakinformatieobjecten``, ``/zaken/{zaak_uuid}/besluiten`` (the sync endpoint of the Besluiten
API), ``/zaakcontactmomenten``, ``/zaakverzoeken`` and the deprecated ``/klantcontacten``.

The first part of this module is what every resource *belonging to one zaak* in this package
shares (rollen, zaakobjecten, zaakeigenschappen and zaaknotities use it too): turning the URL of
a zaak (or of a status) in a request body into the row, the per-zaaktype authorisation of a
create, and expansions that appear once the resource they point to is served.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuidlib
from typing import Annotated
from urllib.parse import urlsplit

import msgspec
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core.api import REGISTRY, Context, Expansion, Filter
from zaakwerk.core.errors import NotFound, ValidationErrors
from zaakwerk.core.references import ReferenceLookupError, is_local, is_valid_url, resolve_resource

from ..authz import authorise_zaak
from ..domain import relaties as domain
from ..domain.common import ROOT
from ..models import KlantContact, Status, Zaak, ZaakBesluit, ZaakContactMoment, ZaakInformatieObject, ZaakVerzoek
from ..representation_relaties import (
    klantcontacten_json,
    zaakbesluiten_json,
    zaakcontactmomenten_json,
    zaakinformatieobjecten_json,
    zaakverzoeken_json,
)
from .base import CREATE_OR_UPDATE, DELETE_CHILD, READ, UPDATE, ZakenResource

Url = Annotated[str, Meta(max_length=1000)]
Unset = UnsetType


def Text(max_length: int):  # noqa: N802 - reads as a type in the schemas
    return Annotated[str, Meta(max_length=max_length)]


class Struct(msgspec.Struct, rename="camel", kw_only=True):
    """A request body. Unknown and read-only properties (``url``, ``registratiedatum``...) are
    ignored, as Django REST framework did."""


# ---- shared by the resources of one zaak ------------------------------------------------------------

_UUID = r"(?P<uuid>[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})"


def local_object(value: str, ctx: Context, collection: str, model, what: str):
    """The row a URL of this Zaken API names (``{base}/zaken/api/v1/{collection}/{uuid}``), or a
    ReferenceLookupError. Resolved by path, so it works before or without the resource that serves
    the collection being registered; a URL of another Zaken API is refused (its objects cannot be
    related to ours)."""
    if not isinstance(value, str) or not is_valid_url(value):
        raise ReferenceLookupError("invalid", "Voer een geldige URL in.")
    if not is_local(value, ctx.base_url):
        raise ReferenceLookupError("invalid-resource", f"De URL verwijst niet naar een {what} in deze Zaken API.")
    path = urlsplit(value).path
    base_path = urlsplit(ctx.base_url).path.rstrip("/")
    if base_path and path.startswith(base_path + "/"):
        path = path[len(base_path):]
    match = re.fullmatch(rf"{re.escape(ROOT)}/{collection}/{_UUID}/?", path)
    if match is None:
        raise ReferenceLookupError("invalid-resource", f"De URL verwijst niet naar een {what}.")
    obj = model.objects.filter(pk=uuidlib.UUID(match.group("uuid"))).first()
    if obj is None:
        raise ReferenceLookupError("bad-url", f"De URL verwijst niet naar een bestaande {what}.")
    return obj


def catalogi_object(value: str, ctx: Context, key: str):
    """The local Catalogi type a URL names (``catalogi.roltype``...), or a ReferenceLookupError."""
    return resolve_resource(value, ctx.base_url, key)


class Refs:
    """Collects the reference problems of one request body, so they are all reported at once."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.errors = ValidationErrors()

    def _try(self, name: str, func, *args):
        try:
            return func(*args)
        except ReferenceLookupError as exc:
            self.errors.add(name, exc.code, exc.detail)
            return None

    def zaak(self, value: str, name: str = "zaak") -> Zaak | None:
        return self._try(name, local_object, value, self.ctx, "zaken", Zaak, "zaak")

    def status(self, value: str | None, name: str = "status") -> Status | None:
        if not value:
            return None
        return self._try(name, local_object, value, self.ctx, "statussen", Status, "status")

    def catalogi(self, value: str | None, key: str, name: str):
        if not value:
            return None
        return self._try(name, catalogi_object, value, self.ctx, key)

    def url(self, value: str | None, name: str) -> str:
        """A URL of another register, only checked for its form here."""
        if value and not is_valid_url(value):
            self.errors.add(name, "invalid", "Voer een geldige URL in.")
        return value or ""

    def done(self) -> None:
        self.errors.raise_if_any()


def same_zaak_or_url(value: str, ctx: Context):
    """For updates, where ``zaak`` may only be repeated: the zaak a URL names, or the URL itself
    when it names none (the domain then reports it as a change, which it is)."""
    try:
        return local_object(value, ctx, "zaken", Zaak, "zaak")
    except ReferenceLookupError:
        return value


def available(expansions: dict[str, Expansion]) -> dict[str, Expansion]:
    """The expansions whose target resource is served (zaken.zaak and zaken.status are built
    elsewhere in this package; documenten and besluiten resources in their own APIs)."""
    return {name: exp for name, exp in expansions.items() if exp.target in REGISTRY}


class ZaakChildResource(ZakenResource):
    """A resource of rows that each belong to one zaak (``zaak_path`` "zaak__")."""

    all_expansions: dict[str, Expansion] = {}

    @property
    def expansions(self) -> dict[str, Expansion]:  # type: ignore[override]
        return available(self.all_expansions)

    def zaak_for_create(self, ctx: Context, zaak: Zaak) -> Zaak:
        """zrc-006: the client must hold the create scope for this zaak's zaaktype and
        vertrouwelijkheidaanduiding (403 otherwise)."""
        authorise_zaak(ctx.actor, zaak, *self.scopes["create"])
        return zaak


class NestedUnderZaak(ZaakChildResource):
    """A resource whose collection lives under its zaak: ``zaken/<uuid:zaak_uuid>/...``."""

    def parent_zaak(self, ctx: Context, action: str) -> Zaak:
        zaak = Zaak.objects.filter(pk=ctx.kwargs["zaak_uuid"]).first()
        if zaak is None:
            raise NotFound("Zaak niet gevonden.")
        authorise_zaak(ctx.actor, zaak, *(self.scopes.get(action) or READ))
        return zaak

    def base_queryset(self, ctx: Context):
        qs = self.model.objects.all()
        if "zaak_uuid" in ctx.kwargs:
            qs = qs.filter(zaak_id=ctx.kwargs["zaak_uuid"])
        return qs

    def authorised_queryset(self, ctx: Context, action: str):
        if "zaak_uuid" not in ctx.kwargs:  # expanded from another resource (a zaak's eigenschappen)
            return super().authorised_queryset(ctx, action)
        self.parent_zaak(ctx, action)  # 404 for an unknown zaak, 403 for one the client may not see
        return self.base_queryset(ctx)

    def body_zaak(self, ctx: Context, data: dict, refs: Refs, action: str) -> Zaak:
        """The zaak of the path; a ``zaak`` in the body must name the same one."""
        zaak = self.parent_zaak(ctx, action)
        if "zaak" in data:
            named = refs.zaak(data["zaak"])
            if named is not None and named.pk != zaak.pk:
                refs.errors.add("zaak", "invalid", "De zaak moet de zaak uit het pad zijn.")
        return zaak


# ---- zaakinformatieobjecten --------------------------------------------------------------------------


class ZaakInformatieObjectIn(Struct, kw_only=True):
    informatieobject: Url
    zaak: Url
    titel: Text(200) | Unset = UNSET
    beschrijving: str | Unset = UNSET
    vernietigingsdatum: dt.datetime | None | Unset = UNSET
    status: Url | None | Unset = UNSET


class ZaakInformatieObjectResource(ZaakChildResource):
    name = "zaakinformatieobject"
    collection = "zaakinformatieobjecten"
    model = ZaakInformatieObject
    scopes = {"list": READ, "retrieve": READ, "create": CREATE_OR_UPDATE, "update": UPDATE,
              "partial_update": UPDATE, "destroy": DELETE_CHILD}
    paginated = False
    filters = {
        "zaak": Filter("url", field="zaak"),
        # the document URL as stored (it may name a document in another Documenten API)
        "informatieobject": Filter("url", method=lambda qs, value, ctx: qs.filter(informatieobject=value)),
    }
    default_ordering = ("registratiedatum", "pk")
    all_expansions = {
        "zaak": Expansion("zaken.zaak"),
        "status": Expansion("zaken.status"),
        "informatieobject": Expansion("documenten.enkelvoudiginformatieobject"),
    }
    create_schema = ZaakInformatieObjectIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return zaakinformatieobjecten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = refs.zaak(data["zaak"])
        status = refs.status(data.get("status"))
        refs.url(data["informatieobject"], "informatieobject")
        refs.done()
        self.zaak_for_create(ctx, zaak)
        return domain.create_zaakinformatieobject(ctx.actor, {**data, "zaak": zaak, "status": status})

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        refs = Refs(ctx)
        if "zaak" in data:
            data["zaak"] = same_zaak_or_url(data["zaak"], ctx)
        if "status" in data:
            data["status"] = refs.status(data["status"])
        refs.done()
        return domain.update_zaakinformatieobject(ctx.actor, obj, data, partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_zaakinformatieobject(ctx.actor, obj)


# ---- klantcontacten (deprecated in the standard) -----------------------------------------------------


class KlantContactIn(Struct, kw_only=True):
    zaak: Url
    identificatie: Text(14) | Unset = UNSET
    datumtijd: dt.datetime
    kanaal: Text(20) | Unset = UNSET
    onderwerp: Text(200) | Unset = UNSET
    toelichting: Text(1000) | Unset = UNSET


class KlantContactResource(ZaakChildResource):
    name = "klantcontact"
    collection = "klantcontacten"
    model = KlantContact
    operations = ("list", "create", "retrieve")
    scopes = {"list": READ, "retrieve": READ, "create": UPDATE}
    filters = {"zaak": Filter("url", field="zaak")}
    default_ordering = ("pk",)
    create_schema = KlantContactIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return klantcontacten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = refs.zaak(data["zaak"])
        refs.done()
        self.zaak_for_create(ctx, zaak)
        return domain.create_klantcontact(ctx.actor, {**data, "zaak": zaak})


# ---- zaakcontactmomenten and zaakverzoeken ----------------------------------------------------------


class ZaakContactMomentIn(Struct, kw_only=True):
    zaak: Url
    contactmoment: Url


class ZaakVerzoekIn(Struct, kw_only=True):
    zaak: Url
    verzoek: Url


class _LinkResource(ZaakChildResource):
    operations = ("list", "create", "retrieve", "destroy")
    scopes = {"list": READ, "retrieve": READ, "create": ("zaken.bijwerken",), "destroy": ("zaken.bijwerken",)}
    paginated = False
    default_ordering = ("pk",)
    link_field = ""

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = refs.zaak(data["zaak"])
        value = refs.url(data[self.link_field], self.link_field)
        refs.done()
        self.zaak_for_create(ctx, zaak)
        return getattr(domain, f"create_{self.name}")(ctx.actor, zaak, value)

    def destroy(self, ctx: Context, obj) -> None:
        getattr(domain, f"delete_{self.name}")(ctx.actor, obj)


def _exact(field: str) -> Filter:
    return Filter("url", method=lambda qs, value, ctx: qs.filter(**{field: value}))


class ZaakContactMomentResource(_LinkResource):
    name = "zaakcontactmoment"
    collection = "zaakcontactmomenten"
    model = ZaakContactMoment
    link_field = "contactmoment"
    filters = {"zaak": Filter("url", field="zaak"), "contactmoment": _exact("contactmoment")}
    create_schema = ZaakContactMomentIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return zaakcontactmomenten_json(objs, ctx.base_url)


class ZaakVerzoekResource(_LinkResource):
    name = "zaakverzoek"
    collection = "zaakverzoeken"
    model = ZaakVerzoek
    link_field = "verzoek"
    filters = {"zaak": Filter("url", field="zaak"), "verzoek": _exact("verzoek")}
    create_schema = ZaakVerzoekIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return zaakverzoeken_json(objs, ctx.base_url)


# ---- zaakbesluiten: /zaken/{zaak_uuid}/besluiten ----------------------------------------------------


class ZaakBesluitIn(Struct, kw_only=True):
    besluit: Url


class ZaakBesluitResource(NestedUnderZaak):
    """The mirror of the besluiten that name this zaak. "Dit endpoint hoor je als consumer niet
    zelf aan te spreken": the Besluiten API keeps it in sync (brc-006)."""

    name = "zaakbesluit"
    collection = "besluiten"
    route = "zaken/<uuid:zaak_uuid>/besluiten"
    model = ZaakBesluit
    operations = ("list", "create", "retrieve", "destroy")
    scopes = {"list": READ, "retrieve": READ, "create": ("zaken.bijwerken",), "destroy": ("zaken.bijwerken",)}
    paginated = False
    # the standard declares ?expand here even while nothing can be expanded yet (the besluit,
    # until Zaakwerk serves the Besluiten API): accepted, and an unknown name is still refused
    filters = {"expand": Filter("str", method=lambda qs, value, ctx: qs)}
    default_ordering = ("pk",)
    all_expansions = {"besluit": Expansion("besluiten.besluit")}
    create_schema = ZaakBesluitIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return zaakbesluiten_json(objs, ctx.base_url)

    def url_of(self, ctx: Context, obj) -> str:
        return f"{ctx.base_url}{ROOT}/zaken/{obj.zaak_id}/besluiten/{obj.pk}"

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = self.parent_zaak(ctx, "create")
        besluit = refs.url(data["besluit"], "besluit")
        refs.done()
        return domain.create_zaakbesluit(ctx.actor, zaak, besluit)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_zaakbesluit(ctx.actor, obj)


RESOURCES = [
    ZaakInformatieObjectResource(),
    KlantContactResource(),
    ZaakContactMomentResource(),
    ZaakVerzoekResource(),
    ZaakBesluitResource(),
]
