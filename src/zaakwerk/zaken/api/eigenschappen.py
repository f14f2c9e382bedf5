"""Zaken API 1.7.0: ``/zaken/{zaak_uuid}/zaakeigenschappen`` — list (a plain array), create,
retrieve, HEAD, update, partial update, delete.

New in 1.7: a ``waarde`` that does not match the specificatie of its eigenschap is stored anyway,
and the response carries the ``X-Warning`` header saying how it deviates (documented on the
create; Zaakwerk sends it on PUT/PATCH too, where the same value check applies).
"""

from __future__ import annotations

from django.urls import path as url_path

from zaakwerk.core.api import REGISTRY, CollectionView, Context, DetailView, Expansion
from zaakwerk.core.references import ReferenceLookupError

from ..domain import eigenschappen as domain
from ..models import ZaakEigenschap
from ..representation_eigenschappen import zaakeigenschappen_json
from .base import READ, UPDATE
from .relaties import NestedUnderZaak, Refs, Struct, Url, catalogi_object, same_zaak_or_url

WARNING_HEADER = "X-Warning"


class ZaakEigenschapIn(Struct, kw_only=True):
    zaak: Url
    eigenschap: Url
    waarde: str


def _warn(ctx: Context, response):
    warning = getattr(ctx, "specificatie_warning", None)
    if warning and response.status_code < 300:
        response[WARNING_HEADER] = warning
    return response


class _CollectionView(CollectionView):
    def do_post(self, ctx: Context):
        return _warn(ctx, super().do_post(ctx))


class _DetailView(DetailView):
    def do_put(self, ctx: Context, uuid):
        return _warn(ctx, super().do_put(ctx, uuid))

    def do_patch(self, ctx: Context, uuid):
        return _warn(ctx, super().do_patch(ctx, uuid))


class ZaakEigenschapResource(NestedUnderZaak):
    name = "zaakeigenschap"
    collection = "zaakeigenschappen"
    route = "zaken/<uuid:zaak_uuid>/zaakeigenschappen"
    model = ZaakEigenschap
    scopes = {"list": READ, "retrieve": READ, "create": UPDATE, "update": UPDATE,
              "partial_update": UPDATE, "destroy": UPDATE}
    paginated = False
    default_ordering = ("naam", "pk")
    # the *Embedded schema of the standard (used when a zaak expands its eigenschappen)
    all_expansions = {"zaak": Expansion("zaken.zaak"), "eigenschap": Expansion("catalogi.eigenschap")}
    create_schema = ZaakEigenschapIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return zaakeigenschappen_json(objs, ctx.base_url)

    def url_of(self, ctx: Context, obj) -> str:
        return zaakeigenschappen_json([obj], ctx.base_url)[0]["url"]

    def _note_deviations(self, ctx: Context, obj, eigenschap) -> None:
        problems = domain.afwijkingen(obj, eigenschap)
        ctx.specificatie_warning = domain.warning_header(eigenschap, problems) if problems else None

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = self.body_zaak(ctx, data, refs, "create")
        eigenschap = refs.catalogi(data["eigenschap"], "catalogi.eigenschap", "eigenschap")
        refs.done()
        obj = domain.create_zaakeigenschap(ctx.actor, {**data, "zaak": zaak, "eigenschap": eigenschap})
        self._note_deviations(ctx, obj, eigenschap)
        return obj

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        if "zaak" in data:
            data["zaak"] = same_zaak_or_url(data["zaak"], ctx)
        if "eigenschap" in data:
            try:
                data["eigenschap"] = catalogi_object(data["eigenschap"], ctx, "catalogi.eigenschap")
            except ReferenceLookupError:
                pass  # a URL naming no eigenschap is just as much a change: the domain says so
        obj = domain.update_zaakeigenschap(ctx.actor, obj, data, partial)
        self._note_deviations(ctx, obj, obj.eigenschap)
        return obj

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_zaakeigenschap(ctx.actor, obj)

    def urls(self) -> list:
        # as Resource.urls, with views that add the X-Warning header
        REGISTRY[self.key] = self
        return [
            url_path(self.route, _CollectionView.as_view(resource=self), name=f"{self.key}-list"),
            url_path(f"{self.route}/<uuid:uuid>", _DetailView.as_view(resource=self), name=f"{self.key}-detail"),
        ]


RESOURCES = [ZaakEigenschapResource()]
