"""Documenten API 1.7.0: ``/gebruiksrechten`` (list, a plain array, with the filters
``informatieobject``, ``startdatum__lt/lte/gt/gte`` and ``einddatum__lt/lte/gt/gte``,
``expand=informatieobject``; create) and ``/gebruiksrechten/{uuid}`` (retrieve, HEAD/ETag,
update, partial update, delete).

A thin adapter: it declares the wire schema and the filters, resolves the informatieobject URL and
authorises, and calls ``domain.gebruiksrechten`` for every write (drc-006, audit trail,
notification).

The first part of this module is what every resource *belonging to one document* shares
(verzendingen use it too): authorisation through the document (``api.base.DocumentenResource`` and
``authz``). What a client may see or change is decided by the document's informatieobjecttype and
vertrouwelijkheidaanduiding, as the client's Autorisaties grant the scope of the operation on them:
lists get ONE EXISTS condition, a detail outside the client's rights is 403, and so is a create on
(or a move to) a document the client may not change.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core.api import Context, Expansion, Filter
from zaakwerk.core.references import ReferenceLookupError

from ..authz import authorise_document
from ..domain import gebruiksrechten as domain
from ..domain.common import DOCUMENT_RESOURCE, SCOPE_BIJWERKEN
from ..models import EnkelvoudigInformatieObject, Gebruiksrecht
from ..representation_gebruiksrechten import gebruiksrechten_json
from .base import CREATE, DELETE, READ, DocumentenResource

Unset = UnsetType

# the OAS: documenten.bijwerken for PUT/PATCH (geforceerd-bijwerken is about locked documents)
SCOPES = {"list": READ, "retrieve": READ, "create": CREATE, "update": (SCOPE_BIJWERKEN,),
          "partial_update": (SCOPE_BIJWERKEN,), "destroy": DELETE}


# ---- shared by the resources of one document ----------------------------------------------------------


class DocumentChildResource(DocumentenResource):
    """A resource whose rows each belong to one document (``informatieobject``): lists and details
    are authorised through the document (``DocumentenResource``); a document named in a request
    body is checked here."""

    scopes = SCOPES
    document_path = "informatieobject__"

    def base_queryset(self, ctx: Context):
        return self.model.objects.select_related("informatieobject")

    def body_document(self, ctx: Context, value, action: str) -> EnkelvoudigInformatieObject:
        """The document an ``informatieobject`` URL of a request body names (400 otherwise), on
        which the client must hold the scope of ``action`` (403 otherwise)."""
        document = domain.resolve_document(value, ctx.base_url)
        authorise_document(ctx.actor, document, *(self.scopes.get(action) or READ))
        return document


class DocumentFilter(Filter):
    """``informatieobject=<url>``: the rows of the document a URL of this register names (none for
    any other URL, or for a document that no longer exists)."""

    def __init__(self, field: str = "informatieobject"):
        super().__init__("url", field=field)

    def apply(self, qs, name: str, value, ctx: Context):
        uuid = domain.document_uuid(value, ctx.base_url)
        return qs.none() if uuid is None else qs.filter(**{f"{self.field}_id": uuid})


class AwareDatetimeFilter(Filter):
    """A date-time filter where a value without offset (or a bare date) is Dutch time, as a
    date-time in a request body is."""

    def __init__(self, field: str, lookup: str):
        super().__init__("datetime", field=field, lookup=lookup)

    def parse(self, name: str, raw: str, ctx: Context):
        return domain.aware(super().parse(name, raw, ctx), name)


def datetime_filters(name: str, field: str) -> dict[str, Filter]:
    return {f"{name}__{lookup}": AwareDatetimeFilter(field, lookup) for lookup in ("lt", "lte", "gt", "gte")}


# ---- gebruiksrechten ------------------------------------------------------------------------------------


class GebruiksrechtIn(msgspec.Struct, rename="camel", kw_only=True):
    """``GebruiksrechtenRequest`` of the 1.7.0 OAS (``url`` and unknown properties are ignored)."""

    informatieobject: Annotated[str, Meta(max_length=1000)]
    startdatum: dt.datetime
    einddatum: dt.datetime | None | Unset = UNSET
    omschrijving_voorwaarden: Annotated[str, Meta(min_length=1)]


class GebruiksrechtResource(DocumentChildResource):
    name = "gebruiksrechten"
    collection = "gebruiksrechten"
    model = Gebruiksrecht
    paginated = False
    filters = {
        "informatieobject": DocumentFilter(),
        **datetime_filters("startdatum", "startdatum"),
        **datetime_filters("einddatum", "einddatum"),
    }
    default_ordering = ("startdatum", "pk")
    expansions = {"informatieobject": Expansion(target=DOCUMENT_RESOURCE)}
    create_schema = GebruiksrechtIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return gebruiksrechten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        document = self.body_document(ctx, data["informatieobject"], "create")
        return domain.create_gebruiksrecht(ctx.actor, {**data, "informatieobject": document})

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        if "informatieobject" in data:
            # only the same document may be named again: anything else is a change (400)
            try:
                data["informatieobject"] = domain.document_for_url(data["informatieobject"], ctx.base_url)
            except ReferenceLookupError:
                pass
        return domain.update_gebruiksrecht(ctx.actor, obj, data, partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_gebruiksrecht(ctx.actor, obj)


RESOURCES = [GebruiksrechtResource()]
