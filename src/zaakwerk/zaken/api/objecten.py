"""Zaken API 1.7.0: ``/zaakobjecten`` — list, create, retrieve, HEAD, update, partial update,
delete, for all 31 objectTypes.

Deviation from the literal OAS text: for the five person/organisation objectTypes the 1.7.0 OAS
names the identification ``betrokkeneIdentificatie`` (a generator slip: it reuses the ROL
variants while defining matching ``object_identificatie_Rol*`` schemas that nothing uses).
Zaakwerk returns ``objectIdentificatie`` for every type, as the other 26 types, Open Zaak and the
reference implementation do, and accepts ``betrokkeneIdentificatie`` in requests as an alias.
"""

from __future__ import annotations

from typing import Any, Literal

from zaakwerk.core.api import Context, Expansion, Filter

from ..domain import objecten as domain
from ..models import ZaakObject
from ..representation_objecten import zaakobjecten_json
from ..schemas_betrokkenen import BETROKKENE_TYPEN
from ..schemas_objecten import OBJECT_TYPEN
from .base import CREATE_OR_UPDATE, DELETE_CHILD, READ, UPDATE
from .relaties import Refs, Struct, Text, Unset, UNSET, Url, ZaakChildResource, same_zaak_or_url


class ZaakObjectIn(Struct, kw_only=True):
    zaak: Url
    object: Url | Unset = UNSET
    zaakobjecttype: Url | None | Unset = UNSET
    object_type: Literal[OBJECT_TYPEN]
    object_type_overige: Text(100) | Unset = UNSET
    object_type_overige_definitie: dict[str, Any] | None | Unset = UNSET
    relatieomschrijving: Text(80) | Unset = UNSET
    # validated by the domain against the schema of the objectType
    object_identificatie: dict[str, Any] | None | Unset = UNSET
    # the 1.7.0 OAS name for the person/organisation types (see the module docstring)
    betrokkene_identificatie: dict[str, Any] | None | Unset = UNSET


def _with_alias(data: dict, object_type: str | None) -> dict:
    alias = data.pop("betrokkene_identificatie", None)
    if alias is not None and data.get("object_identificatie") is None and object_type in BETROKKENE_TYPEN:
        data["object_identificatie"] = alias
    return data


class ZaakObjectResource(ZaakChildResource):
    name = "zaakobject"
    collection = "zaakobjecten"
    model = ZaakObject
    scopes = {"list": READ, "retrieve": READ, "create": CREATE_OR_UPDATE, "update": UPDATE,
              "partial_update": UPDATE, "destroy": DELETE_CHILD}
    filters = {
        "zaak": Filter("url", field="zaak"),
        "object": Filter("url", method=lambda qs, value, ctx: qs.filter(object=value)),
        "objectType": Filter("str", field="object_type", choices=OBJECT_TYPEN),
    }
    # the primary key: index-backed and stable for paging (the standard defines no ordering)
    default_ordering = ("pk",)
    all_expansions = {
        "zaak": Expansion("zaken.zaak"),
        "zaakobjecttype": Expansion("catalogi.zaakobjecttype"),
    }
    create_schema = ZaakObjectIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return zaakobjecten_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = refs.zaak(data["zaak"])
        zaakobjecttype = refs.catalogi(data.get("zaakobjecttype"), "catalogi.zaakobjecttype", "zaakobjecttype")
        refs.url(data.get("object"), "object")
        refs.done()
        self.zaak_for_create(ctx, zaak)
        data = _with_alias(data, data["object_type"])
        return domain.create_zaakobject(ctx.actor, {**data, "zaak": zaak, "zaakobjecttype": zaakobjecttype})

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        refs = Refs(ctx)
        if "zaak" in data:
            data["zaak"] = same_zaak_or_url(data["zaak"], ctx)
        if "zaakobjecttype" in data:
            data["zaakobjecttype"] = refs.catalogi(data["zaakobjecttype"], "catalogi.zaakobjecttype",
                                                   "zaakobjecttype")
        refs.done()
        return domain.update_zaakobject(ctx.actor, obj, _with_alias(data, obj.object_type), partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_zaakobject(ctx.actor, obj)


RESOURCES = [ZaakObjectResource()]
