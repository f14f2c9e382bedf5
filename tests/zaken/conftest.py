"""Fixtures for the Zaken tests: a published zaaktype built through the Catalogi domain with the
shipped Selectielijst 2020, API clients that send the CRS headers the Zaken API requires, and a
zaak body builder. Subject test modules add what they need on top (through the domains)."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.core.actor import Actor
from zaakwerk.core.request_state import serving
from zaakwerk.referentielijsten.data import lists

from ..conftest import BASE, ApiClient, make_token, register_client

ROOT = "/zaken/api/v1"
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
REF = f"{BASE}/referentielijsten/api/v1"


def selectielijst_url(procestype_nummer: int, volledig_nummer: str | None = None) -> str:
    """URL of a Selectielijst 2020 procestype, or of one of its resultaten by volledigNummer."""
    data = lists()
    procestype = next(p for p in data.procestypen.values() if p["jaar"] == 2020 and p["nummer"] == procestype_nummer)
    if volledig_nummer is None:
        return f"{REF}/{procestype['url']}"
    resultaat = next(r for r in data.resultaten.values()
                     if r["procesType"] == procestype["url"] and r["volledigNummer"] == volledig_nummer)
    return f"{REF}/{resultaat['url']}"


def rto_url(omschrijving: str = "Verleend") -> str:
    item = next(i for i in lists().resultaattypeomschrijvingen.values() if i["omschrijving"] == omschrijving)
    return f"{REF}/{item['url']}"


@pytest.fixture
def system() -> Actor:
    return Actor.system(BASE)


@pytest.fixture(autouse=True)
def _serving():
    """Domain calls outside a request must know that http://testserver is this server."""
    with serving(BASE):
        yield


@pytest.fixture
def catalogus(db, system):
    return catalogi.create_catalogus(system, {"domein": "ZAAK", "rsin": "000000000",
                                              "contactpersoon_beheer_naam": "Beheer"})


def build_zaaktype(system, catalogus, *, identificatie="ZT-VERGUNNING", publish=True, **overrides):
    """A zaaktype 'Aanvraag vergunning' (procestype 11, Toestemming verlenen) with three
    statustypen, an initiator and a behandelaar roltype, resultaattypen 'Verleend' (afgehandeld)
    and 'Geweigerd', and an eigenschap 'kenteken'."""
    data = {
        "identificatie": identificatie, "omschrijving": "Aanvraag vergunning",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk", "doel": "Vergunning verlenen",
        "aanleiding": "Aanvraag", "indicatie_intern_of_extern": "extern", "handeling_initiator": "aanvragen",
        "onderwerp": "vergunning", "handeling_behandelaar": "behandelen", "doorlooptijd": "P8W",
        "servicenorm": "P6W", "opschorting_en_aanhouding_mogelijk": True, "verlenging_mogelijk": True,
        "verlengingstermijn": "P6W", "publicatie_indicatie": False,
        "producten_of_diensten": ["https://producten.example/vergunning"],
        "selectielijst_procestype": selectielijst_url(11), "referentieproces": {"naam": "vergunning"},
        "catalogus": catalogus, "besluittypen": [], "gerelateerde_zaaktypen": [],
        "begin_geldigheid": dt.date(2020, 1, 1), "versiedatum": dt.date(2020, 1, 1),
        "verantwoordelijke": "Team Vergunningen",
        **overrides,
    }
    zt = catalogi.create_zaaktype(system, data)
    for n, omschrijving in enumerate(["Ontvangen", "In behandeling", "Afgehandeld"], start=1):
        catalogi.create_statustype(system, {"zaaktype": zt, "omschrijving": omschrijving, "volgnummer": n})
    for omschrijving, generiek in (("Aanvrager", "initiator"), ("Behandelaar", "behandelaar")):
        catalogi.create_roltype(system, {"zaaktype": zt, "omschrijving": omschrijving,
                                         "omschrijving_generiek": generiek})
    for omschrijving, klasse, rto in (("Verleend", "11.1.1", "Verleend"), ("Geweigerd", "11.2", "Geweigerd")):
        catalogi.create_resultaattype(system, {
            "zaaktype": zt, "omschrijving": omschrijving, "resultaattypeomschrijving": rto_url(rto),
            "selectielijstklasse": selectielijst_url(11, klasse),
            "brondatum_archiefprocedure": {"afleidingswijze": "afgehandeld", "procestermijn": None,
                                           "datumkenmerk": "", "einddatum_bekend": False, "objecttype": "",
                                           "registratie": ""},
        })
    catalogi.create_eigenschap(system, {"zaaktype": zt, "naam": "kenteken", "definitie": "Kenteken",
                                        "specificatie": {"formaat": "tekst", "lengte": "8", "kardinaliteit": "1",
                                                         "groep": "", "waardenverzameling": []}})
    return catalogi.publish_zaaktype(system, zt) if publish else zt


def build_zaaktype_met_documenten(system, catalogus, *, identificatie="ZT-VERGUNNING"):
    """A published zaaktype (``build_zaaktype``) that allows a published informatieobjecttype
    'aanvraag' and a published besluittype 'Vergunning verleend' whose documents may be of it:
    (zaaktype, informatieobjecttype, besluittype)."""
    iot = catalogi.publish_informatieobjecttype(system, catalogi.create_informatieobjecttype(system, {
        "catalogus": catalogus, "omschrijving": "aanvraag", "vertrouwelijkheidaanduiding": "openbaar",
        "begin_geldigheid": dt.date(2020, 1, 1), "informatieobjectcategorie": "document"}))
    besluittype = catalogi.publish_besluittype(system, catalogi.create_besluittype(system, {
        "catalogus": catalogus, "omschrijving": "Vergunning verleend", "publicatie_indicatie": False,
        "informatieobjecttypen": [iot], "begin_geldigheid": dt.date(2020, 1, 1)}))
    zaaktype = build_zaaktype(system, catalogus, identificatie=identificatie, publish=False,
                              besluittypen=[besluittype])
    catalogi.create_zaaktypeinformatieobjecttype(system, {
        "zaaktype": zaaktype, "informatieobjecttype": iot, "volgnummer": 1, "richting": "inkomend"})
    return catalogi.publish_zaaktype(system, zaaktype), iot, besluittype


@pytest.fixture
def zaaktype(catalogus, system):
    return build_zaaktype(system, catalogus)


def zaaktype_url(zaaktype) -> str:
    return f"{BASE}/catalogi/api/v1/zaaktypen/{zaaktype.uuid}"


def zaak_body(zaaktype, **kw) -> dict:
    return {
        "bronorganisatie": "517439943",
        "verantwoordelijkeOrganisatie": "517439943",
        "zaaktype": zaaktype_url(zaaktype) if not isinstance(zaaktype, str) else zaaktype,
        "startdatum": "2024-03-01",
        **kw,
    }


@pytest.fixture
def api(db) -> ApiClient:
    """All permissions, with the CRS headers the Zaken API requires."""
    register_client("zaken-super", "zaken-secret", all_permissions=True)
    return ApiClient(make_token("zaken-super", "zaken-secret"), default_headers=CRS)


@pytest.fixture
def client_for(db):
    """Factory: a Zaken API client with exactly these autorisaties (sends the CRS headers)."""
    counter = {"n": 0}

    def factory(autorisaties: list[dict]) -> ApiClient:
        counter["n"] += 1
        client_id = f"zaken-limited-{counter['n']}"
        register_client(client_id, "s3cret", autorisaties=autorisaties)
        return ApiClient(make_token(client_id, "s3cret"), default_headers=CRS)

    return factory


class RecordingDocumenten:
    """A stand-in for this server's Documenten register behind ``core.registers``: records the
    calls the Zaken domain makes and answers ``niet_gearchiveerd`` from ``archived``."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.archived: set[str] = set()

    def relatie_aangemaakt(self, actor, *, informatieobject, object_type, object_url):
        self.calls.append(("create", informatieobject, object_type, object_url))

    def relatie_verwijderd(self, actor, *, informatieobject, object_type, object_url):
        self.calls.append(("destroy", informatieobject, object_type, object_url))

    def object_verwijderd(self, actor, *, object_type, object_url, informatieobjecten):
        self.calls.append(("object_verwijderd", object_type, object_url, list(informatieobjecten)))

    def niet_gearchiveerd(self, informatieobjecten):
        urls = list(informatieobjecten)
        self.calls.append(("niet_gearchiveerd", urls))
        return [u for u in urls if u not in self.archived]


@pytest.fixture
def recording_documenten():
    from zaakwerk.core import registers

    fake = RecordingDocumenten()
    previous = registers.register_documenten(fake)
    yield fake
    registers.register_documenten(previous)
