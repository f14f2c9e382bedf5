"""Loading the demo catalogue (``demo_data``) through the catalogi domain, so the demo passes
exactly the rules a client of the Catalogi API or the admin meets: nothing here writes a model.

Selectielijst references in ``demo_data`` are human keys (procestype nummer, resultaat
volledigNummer, resultaattypeomschrijving omschrijving); they are resolved against the
Selectielijst 2020 that Zaakwerk serves itself (``referentielijsten.data``) and turned into the
URLs this server answers under ``actor.base_url``.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from zaakwerk.core import request_state
from zaakwerk.core.actor import Actor
from zaakwerk.referentielijsten.data import lists

from . import demo_data, domain
from .models import Catalogus

SELECTIELIJST_JAAR = 2020


class DemoDataError(Exception):
    """``demo_data`` names a Selectielijst entry that does not exist."""


class Selectielijst:
    """Finds Selectielijst 2020 entries by their numbers and names them by URL."""

    def __init__(self, base_url: str):
        self.root = f"{base_url}/referentielijsten/api/v1"
        data = lists()
        self._procestypen = {p["nummer"]: p for p in data.procestypen.values()
                             if p["jaar"] == SELECTIELIJST_JAAR}
        self._resultaten = {(r["procesType"], r["volledigNummer"]): r for r in data.resultaten.values()}
        self._omschrijvingen = {o["omschrijving"]: o for o in data.resultaattypeomschrijvingen.values()}

    def url(self, item: dict) -> str:
        return f"{self.root}/{item['url']}"

    def procestype(self, nummer: int) -> dict:
        try:
            return self._procestypen[nummer]
        except KeyError:
            raise DemoDataError(f"Selectielijst {SELECTIELIJST_JAAR} kent geen procestype {nummer}.") from None

    def resultaat(self, procestype: dict, volledig_nummer: str) -> dict:
        try:
            return self._resultaten[(procestype["url"], volledig_nummer)]
        except KeyError:
            raise DemoDataError(f"Procestype {procestype['nummer']} kent geen resultaat "
                                f"{volledig_nummer}.") from None

    def resultaattypeomschrijving(self, omschrijving: str) -> dict:
        try:
            return self._omschrijvingen[omschrijving]
        except KeyError:
            raise DemoDataError(f"Onbekende resultaattypeomschrijving {omschrijving!r}.") from None


def load_demo_catalogue(actor: Actor) -> str:
    """Create and publish the demo catalogue; return a short summary, or "" when a catalogus with
    the demo's domein and RSIN already exists (then nothing is touched)."""
    spec = demo_data.CATALOGUS
    if Catalogus.objects.filter(domein=spec["domein"], rsin=spec["rsin"]).exists():
        return ""
    # Selectielijst URLs under actor.base_url must resolve in-process, also outside a request
    # (the command line): tell the reference lookups which host is ours.
    with request_state.serving(actor.base_url), transaction.atomic():
        return _load(actor)


def _load(actor: Actor) -> str:
    begin = dt.date.fromisoformat(demo_data.BEGIN)
    selectielijst = Selectielijst(actor.base_url)
    catalogus = domain.create_catalogus(actor, dict(demo_data.CATALOGUS))

    for item in demo_data.INFORMATIEOBJECTTYPEN:
        iot = domain.create_informatieobjecttype(actor, {**item, "catalogus": catalogus, "begin_geldigheid": begin})
        domain.publish_informatieobjecttype(actor, iot)

    for item in demo_data.BESLUITTYPEN:
        # informatieobjecttypen are linked by omschrijving, as the domain accepts them
        bt = domain.create_besluittype(actor, {**item, "catalogus": catalogus, "begin_geldigheid": begin})
        domain.publish_besluittype(actor, bt)

    counts = {"statustypen": 0, "resultaattypen": 0, "roltypen": 0, "eigenschappen": 0}
    for item in demo_data.ZAAKTYPEN:
        zaaktype = _zaaktype(actor, catalogus, item, begin, selectielijst, counts)
        domain.publish_zaaktype(actor, zaaktype)

    return (f"catalogus {catalogus.domein} met {len(demo_data.ZAAKTYPEN)} zaaktypen "
            f"({counts['statustypen']} statustypen, {counts['resultaattypen']} resultaattypen, "
            f"{counts['roltypen']} roltypen, {counts['eigenschappen']} eigenschappen), "
            f"{len(demo_data.INFORMATIEOBJECTTYPEN)} informatieobjecttypen en "
            f"{len(demo_data.BESLUITTYPEN)} besluittypen, alle gepubliceerd")


_ZAAKTYPE_PARTS = ("statustypen", "resultaattypen", "eigenschappen", "informatieobjecttypen",
                   "selectielijst_procestype")


def _zaaktype(actor: Actor, catalogus, item: dict, begin: dt.date, selectielijst: Selectielijst,
              counts: dict):
    procestype = selectielijst.procestype(item["selectielijst_procestype"])
    data = {key: value for key, value in item.items() if key not in _ZAAKTYPE_PARTS}
    data.setdefault("producten_of_diensten", [])
    data.update(catalogus=catalogus, begin_geldigheid=begin,
                selectielijst_procestype=selectielijst.url(procestype))
    zaaktype = domain.create_zaaktype(actor, data)

    for volgnummer, omschrijving in enumerate(item["statustypen"], start=1):
        domain.create_statustype(actor, {"zaaktype": zaaktype, "omschrijving": omschrijving,
                                         "volgnummer": volgnummer})
        counts["statustypen"] += 1

    for roltype in demo_data.ROLTYPEN_STANDAARD:
        domain.create_roltype(actor, {**roltype, "zaaktype": zaaktype})
        counts["roltypen"] += 1

    for rt in item["resultaattypen"]:
        resultaat = selectielijst.resultaat(procestype, rt["selectielijstklasse"])
        brondatum = {"afleidingswijze": rt["afleidingswijze"], "procestermijn": rt.get("procestermijn")}
        # archiefnominatie and archiefactietermijn are left to the domain (ztc-002 derives them
        # from the selectielijstklasse's waardering and bewaartermijn).
        domain.create_resultaattype(actor, {
            "zaaktype": zaaktype,
            "omschrijving": rt["omschrijving"],
            "resultaattypeomschrijving": selectielijst.url(
                selectielijst.resultaattypeomschrijving(rt["resultaattypeomschrijving"])),
            "selectielijstklasse": selectielijst.url(resultaat),
            "brondatum_archiefprocedure": brondatum,
        })
        counts["resultaattypen"] += 1

    for eig in item["eigenschappen"]:
        specificatie = {"formaat": eig["formaat"], "lengte": eig["lengte"],
                        "kardinaliteit": eig["kardinaliteit"]}
        if eig.get("waardenverzameling"):
            specificatie["waardenverzameling"] = list(eig["waardenverzameling"])
        domain.create_eigenschap(actor, {"zaaktype": zaaktype, "naam": eig["naam"],
                                         "definitie": eig["definitie"], "specificatie": specificatie})
        counts["eigenschappen"] += 1

    for volgnummer, (omschrijving, richting) in enumerate(item["informatieobjecttypen"], start=1):
        domain.create_zaaktypeinformatieobjecttype(actor, {
            "zaaktype": zaaktype, "informatieobjecttype": omschrijving, "volgnummer": volgnummer,
            "richting": richting})
    return zaaktype
