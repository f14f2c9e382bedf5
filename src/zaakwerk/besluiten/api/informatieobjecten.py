"""``/besluitinformatieobjecten`` of the Besluiten API 1.1.0: list (filters ``besluit`` and
``informatieobject``, a plain array), create, retrieve and delete. There is no update: the OAS
has none, and "het is NIET TOEGESTAAN om gebruik te maken van operaties die niet beschreven staan
in deze OAS spec" (PUT/PATCH answer 405)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

from zaakwerk.core.api import Context, Expansion, Filter
from zaakwerk.core.errors import ValidationErrors
from zaakwerk.core.references import ReferenceLookupError, resolve_resource

from ..authz import authorise_besluittype
from ..domain import informatieobjecten as domain
from ..models import BesluitInformatieObject
from ..representation import besluitinformatieobjecten_json
from .base import CREATE, DELETE, READ, BesluitenResource

Url = Annotated[str, Meta(max_length=1000)]


class BesluitInformatieObjectIn(msgspec.Struct, kw_only=True):
    informatieobject: Url
    besluit: Url


class BesluitInformatieObjectResource(BesluitenResource):
    name = "besluitinformatieobject"
    collection = "besluitinformatieobjecten"
    model = BesluitInformatieObject
    besluit_path = "besluit__"
    operations = ("list", "create", "retrieve", "destroy")
    scopes = {"list": READ, "retrieve": READ, "create": CREATE, "destroy": DELETE}
    paginated = False
    filters = {
        "besluit": Filter("url", field="besluit"),
        # the document URL as stored (it may name a document in another Documenten API)
        "informatieobject": Filter("url", method=lambda qs, value, ctx: qs.filter(informatieobject=value)),
    }
    default_ordering = ("registratiedatum", "pk")
    all_expansions = {
        "besluit": Expansion("besluiten.besluit"),
        "informatieobject": Expansion("documenten.enkelvoudiginformatieobject"),
    }
    create_schema = BesluitInformatieObjectIn

    def base_queryset(self, ctx: Context):
        return BesluitInformatieObject.objects.select_related("besluit")

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return besluitinformatieobjecten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        errors = ValidationErrors()
        try:
            besluit = resolve_resource(data["besluit"], ctx.base_url, "besluiten.besluit")
        except ReferenceLookupError as exc:
            errors.add("besluit", exc.code, exc.detail)
            besluit = None
        errors.raise_if_any()
        # the client creates relations of besluiten of the besluittypen it may create besluiten of
        authorise_besluittype(ctx.actor, besluit.besluittype_id, *CREATE)
        return domain.create_besluitinformatieobject(ctx.actor, {**data, "besluit": besluit})

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_besluitinformatieobject(ctx.actor, obj)


RESOURCES = [BesluitInformatieObjectResource()]
