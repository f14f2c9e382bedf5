"""Autorisaties API 1.1.0: a thin adapter over autorisaties.domain."""

from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

from zaakwerk.core.api import Action, ApiInfo, Context, Filter, Resource, api_urls, json_response
from zaakwerk.core.errors import NotFound, ValidationFailed

from . import domain
from .models import Applicatie
from .representation import represent_applicaties

API = ApiInfo(name="autorisaties", component="ac", version="1.1.0", title="Autorisaties API",
              spec="standaard/autorisaties/ac/1.1.x/1.1.0/openapi.yaml")

READ = ("autorisaties.lezen",)
WRITE = ("autorisaties.bijwerken",)


class AutorisatieIn(msgspec.Struct, rename="camel", kw_only=True):
    component: str
    scopes: list[Annotated[str, Meta(min_length=1, max_length=100)]]
    zaaktype: Annotated[str, Meta(max_length=1000)] | None = ""
    informatieobjecttype: Annotated[str, Meta(max_length=1000)] | None = ""
    besluittype: Annotated[str, Meta(max_length=1000)] | None = ""
    max_vertrouwelijkheidaanduiding: str | None = ""


class ApplicatieIn(msgspec.Struct, rename="camel", kw_only=True):
    client_ids: list[Annotated[str, Meta(min_length=1, max_length=50)]]
    label: Annotated[str, Meta(min_length=1, max_length=100)]
    heeft_alle_autorisaties: bool = False
    alleen_is_gereed_voor_publicatie: bool = False
    autorisaties: list[AutorisatieIn] = []


def _clean(data: dict) -> dict:
    for a in data.get("autorisaties", []):
        for key in ("zaaktype", "informatieobjecttype", "besluittype", "max_vertrouwelijkheidaanduiding"):
            if a.get(key) is None:
                a[key] = ""
    return data


def _filter_client_ids(qs, value, ctx):
    return qs.filter(client_ids__client_id__in=value).distinct()


def _consumer(resource, ctx: Context, obj):
    client_id = ctx.request.GET.get("clientId")
    unknown = set(ctx.request.GET) - {"clientId"}
    if unknown:
        raise ValidationFailed("nonFieldErrors", "unknown-parameters",
                               "Onbekende query parameters: " + ", ".join(sorted(unknown)))
    if not client_id:
        raise ValidationFailed("clientId", "required", "De query parameter clientId is vereist.")
    if "\x00" in client_id:  # PostgreSQL can neither store nor compare NUL characters
        raise ValidationFailed("clientId", "null_characters_not_allowed", "NUL-tekens zijn niet toegestaan.")
    applicatie = Applicatie.objects.filter(client_ids__client_id=client_id).first()
    if applicatie is None:
        raise NotFound("Geen applicatie gevonden voor deze clientId.")
    return json_response(represent_applicaties([applicatie], ctx.base_url)[0])


class ApplicatieResource(Resource):
    api = API
    name = "applicatie"
    collection = "applicaties"
    model = Applicatie
    scopes = {"list": READ, "retrieve": READ, "create": WRITE, "update": WRITE,
              "partial_update": WRITE, "destroy": WRITE}
    filters = {"clientIds": Filter("csv", method=_filter_client_ids)}
    default_ordering = ("label", "pk")
    create_schema = ApplicatieIn
    actions = (Action(name="consumer", method="get", scopes=READ, handler=_consumer, detail=False,
                      write=False),)

    def represent(self, ctx, objs):
        return represent_applicaties(objs, ctx.base_url)

    def create(self, ctx, data):
        return domain.create_applicatie(ctx.actor, _clean(data))

    def update(self, ctx, obj, data, partial):
        return domain.update_applicatie(ctx.actor, obj, _clean(data), partial=partial)

    def destroy(self, ctx, obj):
        domain.delete_applicatie(ctx.actor, obj)


urlpatterns = api_urls(API, [ApplicatieResource()])
