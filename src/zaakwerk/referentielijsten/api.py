"""Referentielijsten & Selectielijst API 0.6 served locally from the shipped data.
Read-only and unauthenticated, as the standard's own service is."""

from __future__ import annotations

from django.conf import settings
from django.urls import path

from zaakwerk.core.api import ApiInfo, ApiView, request_base_url
from zaakwerk.core.errors import NotFound, ValidationFailed
from zaakwerk.core.http import json_response

from .data import absolute, lists

API = ApiInfo(name="referentielijsten", component="ref", version="0.6.0", authenticated=False,
              title="Referentielijsten & Selectielijst API",
              spec="selectielijst/referentielijsten-0.6.0.yaml")


class ListView(ApiView):
    api = API
    allowed = ("get", "head")
    collection = ""
    paginated = False
    filter_name: str | None = None
    filter_key: str | None = None

    def do_get(self, ctx):
        root = f"{request_base_url(ctx.request)}/{API.prefix}"
        allowed = {"page"} if self.paginated else set()
        if self.filter_name:
            allowed.add(self.filter_name)
        self.check_query_params(ctx, allowed)
        items = list(getattr(lists(), self.collection).values())
        value = ctx.request.GET.get(self.filter_name) if self.filter_name else None
        if value:
            items = [i for i in items if self.matches(i, value, root)]
        items = [absolute(i, root) for i in items]
        if not self.paginated:
            return json_response(items)
        try:
            page = int(ctx.request.GET.get("page", "1"))
        except ValueError:
            page = 0
        if page < 1:
            raise ValidationFailed("page", "invalid", "Ongeldige pagina.")
        size = settings.ZAAKWERK_PAGE_SIZE
        start = (page - 1) * size
        if start and start >= len(items):
            raise NotFound("Ongeldige pagina.")
        base = f"{root}/{self.collection}?"
        extra = f"{self.filter_name}={value}&" if value else ""
        return json_response({
            "count": len(items),
            "next": f"{base}{extra}page={page + 1}" if start + size < len(items) else None,
            "previous": f"{base}{extra}page={page - 1}" if page > 1 else None,
            "results": items[start:start + size],
        })

    do_head = do_get

    def matches(self, item: dict, value: str, root: str) -> bool:
        raw = item.get(self.filter_key)
        if self.filter_key == "procesType":
            return f"{root}/{raw}" == value or raw.rsplit("/", 1)[-1] == value.rstrip("/").rsplit("/", 1)[-1]
        return str(raw) == value


class DetailView(ApiView):
    api = API
    allowed = ("get", "head")
    collection = ""

    def do_get(self, ctx, uuid):
        root = f"{request_base_url(ctx.request)}/{API.prefix}"
        self.check_query_params(ctx, set())
        item = getattr(lists(), self.collection).get(str(uuid))
        if item is None:
            raise NotFound("Niet gevonden.")
        return json_response(absolute(item, root))

    do_head = do_get


def _routes(collection: str, **list_kwargs):
    return [
        path(collection, ListView.as_view(collection=collection, **list_kwargs),
             name=f"referentielijsten.{collection}-list"),
        path(f"{collection}/<uuid:uuid>", DetailView.as_view(collection=collection),
             name=f"referentielijsten.{collection}-detail"),
    ]


class _Index(ApiView):
    api = API
    allowed = ("get", "head")

    def do_get(self, ctx):
        root = f"{request_base_url(ctx.request)}/{API.prefix}"
        names = ("procestypen", "resultaten", "resultaattypeomschrijvingen", "communicatiekanalen")
        return json_response({n: f"{root}/{n}" for n in names})

    do_head = do_get


def _openapi():
    from zaakwerk.core.openapi import OpenApiView

    return [path("openapi.yaml", OpenApiView.as_view(api=API, fmt="yaml")),
            path("openapi.json", OpenApiView.as_view(api=API, fmt="json"))]


urlpatterns = [
    *_routes("procestypen", filter_name="jaar", filter_key="jaar"),
    *_routes("resultaten", paginated=True, filter_name="proces_type", filter_key="procesType"),
    *_routes("resultaattypeomschrijvingen"),
    *_routes("communicatiekanalen", paginated=True),
    *_openapi(),
    path("", _Index.as_view()),
]
