"""``/objectinformatieobjecten``: the relations of documents with zaken and besluiten (Documenten
API 1.7.0): list (filters ``object``, ``informatieobject``; a plain array), create, retrieve
(HEAD/ETag), delete. The Zaken and Besluiten registers of this server keep them in step
in-process (``domain.relaties``); clients are not meant to write them."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from zaakwerk.core.api import Context, Expansion, Filter

from .. import representation
from ..domain import relaties as domain
from ..models import ObjectInformatieObject
from .base import CREATE, DELETE, READ, DocumentenResource


class ObjectInformatieObjectIn(msgspec.Struct, rename="camel", kw_only=True):
    informatieobject: Annotated[str, Meta(max_length=1000)]
    object: Annotated[str, Meta(min_length=1, max_length=1000)]
    object_type: Literal["besluit", "zaak", "verzoek"]


class ObjectInformatieObjectResource(DocumentenResource):
    name = "objectinformatieobject"
    collection = "objectinformatieobjecten"
    model = ObjectInformatieObject
    document_path = "informatieobject__"
    operations = ("list", "create", "retrieve", "destroy")
    scopes = {"list": READ, "retrieve": READ, "create": CREATE, "destroy": DELETE}
    paginated = False
    filters = {
        "object": Filter("url", method=lambda qs, value, ctx: qs.filter(object=value)),
        "informatieobject": Filter("url", field="informatieobject"),
    }
    default_ordering = ("pk",)
    expansions = {"informatieobject": Expansion("documenten.enkelvoudiginformatieobject")}
    create_schema = ObjectInformatieObjectIn

    def base_queryset(self, ctx: Context):
        return ObjectInformatieObject.objects.select_related("informatieobject")

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return representation.objectinformatieobjecten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        return domain.create_objectinformatieobject(ctx.actor, data)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_objectinformatieobject(ctx.actor, obj)


RESOURCES = [ObjectInformatieObjectResource()]
