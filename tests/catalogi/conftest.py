"""Fixtures for the catalogi tests: actors with given scopes, a fake Selectielijst /
Referentielijsten (so no test depends on the network or on shipped data), and small builders
that create valid catalogi objects through the domain."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain
from zaakwerk.core.actor import Actor

BASE = "http://testserver"
REF = "https://selectielijst.test/api/v1"

PROCESTYPE_1 = f"{REF}/procestypen/1"
PROCESTYPE_2 = f"{REF}/procestypen/2"
RESULTAAT_NIHIL = f"{REF}/resultaten/nihil"  # procestype 1
RESULTAAT_VAST = f"{REF}/resultaten/vast"  # procestype 1, vast_te_leggen_datum
RESULTAAT_LEEG = f"{REF}/resultaten/leeg"  # procestype 1, no procestermijn
RESULTAAT_INGESCHAT = f"{REF}/resultaten/ingeschat"  # procestype 2
RTO = f"{REF}/resultaattypeomschrijvingen/verleend"
MOCK_200 = "https://mock.test/200"

FAKE = {
    "procestypen": {
        PROCESTYPE_1: {"url": PROCESTYPE_1, "nummer": 1, "jaar": 2020, "naam": "Instellen"},
        PROCESTYPE_2: {"url": PROCESTYPE_2, "nummer": 2, "jaar": 2020, "naam": "Uitvoeren"},
    },
    "resultaten": {
        RESULTAAT_NIHIL: {"url": RESULTAAT_NIHIL, "procesType": PROCESTYPE_1, "procestermijn": "nihil",
                          "waardering": "vernietigen", "bewaartermijn": "P3Y", "volledigNummer": "1.1"},
        RESULTAAT_VAST: {"url": RESULTAAT_VAST, "procesType": PROCESTYPE_1,
                         "procestermijn": "vast_te_leggen_datum", "waardering": "vernietigen",
                         "bewaartermijn": "P5Y", "volledigNummer": "1.2"},
        RESULTAAT_LEEG: {"url": RESULTAAT_LEEG, "procesType": PROCESTYPE_1, "procestermijn": "",
                         "waardering": "blijvend_bewaren", "bewaartermijn": None, "volledigNummer": "1.3"},
        RESULTAAT_INGESCHAT: {"url": RESULTAAT_INGESCHAT, "procesType": PROCESTYPE_2,
                              "procestermijn": "ingeschatte_bestaansduur_procesobject",
                              "waardering": "vernietigen", "bewaartermijn": "P10Y", "volledigNummer": "2.1"},
    },
    "resultaattypeomschrijvingen": {
        RTO: {"url": RTO, "omschrijving": "Verleend", "definitie": "Het gevraagde is toegekend."},
    },
}


@pytest.fixture(autouse=True)
def selectielijst(monkeypatch):
    """Answer Selectielijst/Referentielijsten lookups from FAKE: a URL of another kind is an
    ``invalid-resource``, an unknown one a ``bad-url`` (as the real client does)."""
    from zaakwerk.referentielijsten import client

    calls = []

    def getter(kind):
        def get(url):
            calls.append((kind, url))
            if url in FAKE[kind]:
                return dict(FAKE[kind][url])
            if any(url in v for v in FAKE.values()) or url == MOCK_200:
                raise client.ReferenceLookupError("invalid-resource", "not a " + kind)
            raise client.ReferenceLookupError("bad-url", "does not resolve")
        return get

    monkeypatch.setattr(client, "get_procestype", getter("procestypen"))
    monkeypatch.setattr(client, "get_resultaat", getter("resultaten"))
    monkeypatch.setattr(client, "get_resultaattypeomschrijving", getter("resultaattypeomschrijvingen"))
    return calls


@pytest.fixture
def system():
    """Every scope (the admin, the UI's functioneel beheerder)."""
    return Actor.system(BASE)


def scoped(*scopes: str) -> Actor:
    return Actor(base_url=BASE, client_id="client", applicatie_label="Client",
                 scopes={"ztc": set(scopes)})


@pytest.fixture
def writer():
    """catalogi.lezen + catalogi.schrijven: the conformance suite's limited client."""
    return scoped("catalogi.lezen", "catalogi.schrijven")


@pytest.fixture
def corrector():
    """May correct published versions (and delete them)."""
    return scoped("catalogi.lezen", "catalogi.schrijven", "catalogi.geforceerd-schrijven",
                  "catalogi.geforceerd-verwijderen")


# ---- builders -------------------------------------------------------------------------------


def catalogus_data(**kw) -> dict:
    return {"domein": "ZGWT", "rsin": "000000000", "contactpersoon_beheer_naam": "Test Persoon", **kw}


def zaaktype_data(catalogus, **kw) -> dict:
    data = {
        "identificatie": "ZT1",
        "omschrijving": "Melding openbare ruimte",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "doel",
        "aanleiding": "aanleiding",
        "indicatie_intern_of_extern": "extern",
        "handeling_initiator": "indienen",
        "onderwerp": "openbare ruimte",
        "handeling_behandelaar": "behandelen",
        "doorlooptijd": "P10D",
        "opschorting_en_aanhouding_mogelijk": False,
        "verlenging_mogelijk": False,
        "publicatie_indicatie": False,
        "producten_of_diensten": ["https://example.com/product/1"],
        "selectielijst_procestype": PROCESTYPE_1,
        "referentieproces": {"naam": "test", "link": ""},
        "catalogus": catalogus,
        "besluittypen": [],
        "gerelateerde_zaaktypen": [],
        "begin_geldigheid": dt.date(2020, 1, 1),
        "versiedatum": dt.date(2020, 1, 1),
        "verantwoordelijke": "Behandelaar",
    }
    data.update(kw)
    return data


def iot_data(catalogus, **kw) -> dict:
    return {"catalogus": catalogus, "omschrijving": "Aanvraag", "vertrouwelijkheidaanduiding": "openbaar",
            "begin_geldigheid": dt.date(2020, 1, 1), "informatieobjectcategorie": "document", **kw}


def bt_data(catalogus, **kw) -> dict:
    return {"catalogus": catalogus, "omschrijving": "Vergunning", "publicatie_indicatie": False,
            "informatieobjecttypen": [], "begin_geldigheid": dt.date(2020, 1, 1), **kw}


def resultaattype_data(zaaktype, **kw) -> dict:
    data = {
        "zaaktype": zaaktype,
        "omschrijving": "Verleend",
        "resultaattypeomschrijving": RTO,
        "selectielijstklasse": RESULTAAT_VAST,
        "brondatum_archiefprocedure": {
            "afleidingswijze": "gerelateerde_zaak", "procestermijn": None, "datumkenmerk": "",
            "einddatum_bekend": False, "objecttype": "", "registratie": "",
        },
    }
    data.update(kw)
    return data


@pytest.fixture
def catalogus(db, system):
    return domain.create_catalogus(system, catalogus_data())


@pytest.fixture
def other_catalogus(db, system):
    return domain.create_catalogus(system, catalogus_data(domein="ANDER"))


@pytest.fixture
def zaaktype(catalogus, system):
    return domain.create_zaaktype(system, zaaktype_data(catalogus))


@pytest.fixture
def published_zaaktype(catalogus, system):
    zt = domain.create_zaaktype(system, zaaktype_data(catalogus, identificatie="PUB"))
    return domain.publish_zaaktype(system, zt)
