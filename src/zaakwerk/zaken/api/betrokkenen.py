"""Zaken API 1.7.0: ``/rollen`` — list (with every filter of the standard, the
``betrokkeneIdentificatie__*`` ones on indexed columns), create, retrieve, HEAD, delete."""

from __future__ import annotations

from typing import Any, Literal

from zaakwerk.core.api import Context, Expansion, Filter

from ..domain import betrokkenen as domain
from ..models import Rol
from ..representation_betrokkenen import rollen_json
from ..schemas_betrokkenen import BETROKKENE_TYPEN
from .base import READ, UPDATE
from .relaties import Refs, Struct, Text, Unset, UNSET, Url, ZaakChildResource

OMSCHRIJVING_GENERIEK = ("adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator",
                         "klantcontacter", "zaakcoordinator", "mede_initiator")


class RolIn(Struct, kw_only=True):
    zaak: Url
    betrokkene: Url | Unset = UNSET
    betrokkene_type: Literal[BETROKKENE_TYPEN]
    afwijkende_naam_betrokkene: Text(625) | Unset = UNSET
    roltype: Url
    roltoelichting: Text(1000)
    indicatie_machtiging: Literal["", "gemachtigde", "machtiginggever"] | Unset = UNSET
    contactpersoon_rol: dict[str, Any] | None | Unset = UNSET
    # validated by the domain against the schema of the betrokkeneType
    betrokkene_identificatie: dict[str, Any] | None | Unset = UNSET


def _identificatie(column: str) -> Filter:
    return Filter("str", field=column)


class RolResource(ZaakChildResource):
    name = "rol"
    collection = "rollen"
    model = Rol
    operations = ("list", "create", "retrieve", "destroy")
    scopes = {"list": READ, "retrieve": READ, "create": UPDATE, "destroy": UPDATE}
    filters = {
        "zaak": Filter("url", field="zaak"),
        "betrokkene": Filter("url", method=lambda qs, value, ctx: qs.filter(betrokkene=value)),
        "betrokkeneType": Filter("str", field="betrokkene_type", choices=BETROKKENE_TYPEN),
        "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": _identificatie("inp_bsn"),
        "betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": _identificatie("anp_identificatie"),
        "betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": _identificatie("inp_a_nummer"),
        "betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": _identificatie("inn_nnp_id"),
        "betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": _identificatie("ann_identificatie"),
        "betrokkeneIdentificatie__vestiging__vestigingsNummer": _identificatie("vestigings_nummer"),
        "betrokkeneIdentificatie__organisatorischeEenheid__identificatie":
            _identificatie("organisatorische_eenheid_identificatie"),
        "betrokkeneIdentificatie__medewerker__identificatie": _identificatie("medewerker_identificatie"),
        "roltype": Filter("url", field="roltype"),
        "omschrijving": Filter("str", field="omschrijving"),
        "omschrijvingGeneriek": Filter("str", field="omschrijving_generiek", choices=OMSCHRIJVING_GENERIEK),
    }
    # the primary key: index-backed and stable for paging (the standard defines no ordering)
    default_ordering = ("pk",)
    all_expansions = {
        "zaak": Expansion("zaken.zaak"),
        "roltype": Expansion("catalogi.roltype"),
        "statussen": Expansion("zaken.status", many=True),
    }
    create_schema = RolIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return rollen_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        refs = Refs(ctx)
        zaak = refs.zaak(data["zaak"])
        roltype = refs.catalogi(data["roltype"], "catalogi.roltype", "roltype")
        refs.url(data.get("betrokkene"), "betrokkene")
        refs.done()
        self.zaak_for_create(ctx, zaak)
        return domain.create_rol(ctx.actor, {**data, "zaak": zaak, "roltype": roltype})

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_rol(ctx.actor, obj)


RESOURCES = [RolResource()]
