"""Notificaties API 1.0.1: a thin adapter over notificaties.domain.

Kanalen (list with ``naam`` filter, create, detail), abonnementen (CRUD) and ``POST /notificaties``,
which puts a message from another system into the same outbox our own registers write to; the
worker (worker.py) delivers it like any other."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from django.urls import path
from msgspec import Meta

from zaakwerk.core.api import ApiInfo, ApiView, Context, Filter, Resource, api_urls, decode_body
from zaakwerk.core.errors import Forbidden
from zaakwerk.core.http import json_response

from . import domain
from .models import Abonnement, FilterGroup, Kanaal

API = ApiInfo(name="notificaties", component="nrc", version="1.0.1", title="Notificaties API",
              spec="standaard/notificaties/nrc/1.0.1/openapi.yaml")

CONSUMEREN = "notificaties.consumeren"
PUBLICEREN = "notificaties.publiceren"

# kenmerk values are checked in the domain, which can name the key in the error
# (``kenmerken.bronorganisatie``)
Kenmerken = dict[str, str]


class KanaalIn(msgspec.Struct, rename="camel", kw_only=True):
    naam: Annotated[str, Meta(min_length=1, max_length=50)]
    documentatie_link: Annotated[str, Meta(max_length=200)] = ""
    filters: list[Annotated[str, Meta(min_length=1, max_length=100)]] = []


class FilterGroupIn(msgspec.Struct, rename="camel", kw_only=True):
    naam: Annotated[str, Meta(min_length=1, max_length=50)]
    filters: Kenmerken = {}


class AbonnementIn(msgspec.Struct, rename="camel", kw_only=True):
    callback_url: Annotated[str, Meta(min_length=1)]
    auth: Annotated[str, Meta(min_length=1)]
    kanalen: list[FilterGroupIn]


class MessageIn(msgspec.Struct, rename="camel", kw_only=True):
    kanaal: Annotated[str, Meta(min_length=1, max_length=50)]
    hoofd_object: Annotated[str, Meta(min_length=1)]
    resource: Annotated[str, Meta(min_length=1, max_length=100)]
    resource_url: Annotated[str, Meta(min_length=1)]
    actie: Annotated[str, Meta(min_length=1, max_length=100)]
    aanmaakdatum: dt.datetime
    kenmerken: Kenmerken = {}


def _represent_kanalen(ctx: Context, objs: list[Kanaal]) -> list[dict]:
    """``documentatieLink`` is a URI (format uri, not required): left out when there is none,
    rather than the empty string the reference implementation answers, which no URI is."""
    out = []
    for k in objs:
        item = {"url": ctx.url("kanaal", k.pk), "naam": k.naam, "documentatieLink": k.documentatie_link,
                "filters": list(k.filters)}
        if not k.documentatie_link:
            del item["documentatieLink"]
        out.append(item)
    return out


def _represent_abonnementen(ctx: Context, objs: list[Abonnement]) -> list[dict]:
    groups: dict = {a.pk: [] for a in objs}
    for group in (FilterGroup.objects.filter(abonnement__in=[a.pk for a in objs])
                  .select_related("kanaal").order_by("abonnement_id", "position", "id")):
        groups[group.abonnement_id].append({"naam": group.kanaal.naam, "filters": dict(group.filters)})
    return [{"url": ctx.url("abonnement", a.pk), "callbackUrl": a.callback_url, "auth": a.auth,
             "kanalen": groups[a.pk]} for a in objs]


class KanaalResource(Resource):
    api = API
    name = "kanaal"
    collection = "kanaal"
    model = Kanaal
    operations = ("list", "create", "retrieve")
    scopes = {"list": (PUBLICEREN, CONSUMEREN), "retrieve": (PUBLICEREN, CONSUMEREN), "create": (PUBLICEREN,)}
    paginated = False
    filters = {"naam": Filter("str", "naam")}
    default_ordering = ("naam", "pk")
    create_schema = KanaalIn

    def represent(self, ctx, objs):
        return _represent_kanalen(ctx, objs)

    def create(self, ctx, data):
        return domain.create_kanaal(ctx.actor, data)


class AbonnementResource(Resource):
    api = API
    name = "abonnement"
    collection = "abonnement"
    model = Abonnement
    scopes = {"list": (CONSUMEREN, PUBLICEREN), "retrieve": (CONSUMEREN, PUBLICEREN),
              "create": (CONSUMEREN,), "update": (CONSUMEREN,), "partial_update": (CONSUMEREN,),
              "destroy": (CONSUMEREN,)}
    paginated = False
    default_ordering = ("created", "pk")
    create_schema = AbonnementIn

    def represent(self, ctx, objs):
        return _represent_abonnementen(ctx, objs)

    def create(self, ctx, data):
        return domain.create_abonnement(ctx.actor, data)

    def update(self, ctx, obj, data, partial):
        return domain.update_abonnement(ctx.actor, obj, data, partial=partial)

    def destroy(self, ctx, obj):
        domain.delete_abonnement(ctx.actor, obj)


class NotificatiesView(ApiView):
    """``POST /notificaties``: publish a message. Answers 201 with the message, as the reference
    implementation and the VNG conformance suite do (the 1.0.1 document says 200)."""

    api = API
    allowed = ("post",)

    def do_post(self, ctx: Context):
        if not ctx.actor.has_scope(API.component, PUBLICEREN):
            raise Forbidden("U heeft geen toestemming om deze actie uit te voeren.")
        self.check_query_params(ctx, ())
        data = decode_body(ctx.request, MessageIn)
        message = domain.publish(ctx.actor, data)
        return json_response(message.as_notification(), status=201)


urlpatterns = [
    path("notificaties", NotificatiesView.as_view(), name="notificaties.notificaties-create"),
    *api_urls(API, [KanaalResource(), AbonnementResource()]),
]
