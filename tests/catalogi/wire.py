"""Request bodies as clients send them (wire names, URLs), shaped like the conformance suite's."""

from __future__ import annotations

ROOT = "/catalogi/api/v1"
HOST = "http://testserver"


def path(url: str) -> str:
    return url.replace(HOST, "")


def catalogus(**kw) -> dict:
    return {"domein": "ZGWT", "rsin": "000000000", "contactpersoonBeheerNaam": "Test Persoon", **kw}


def zaaktype(catalogus_url: str, **kw) -> dict:
    return {
        "identificatie": "6",
        "omschrijving": "Melding Openbare Ruimte",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "test doel",
        "aanleiding": "test aanleiding",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "indienen",
        "onderwerp": "openbare ruimte",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P10D",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://ref.tst.vng.cloud/standaard/"],
        "selectielijstProcestype": "https://selectielijst.test/api/v1/procestypen/1",
        "referentieproces": {"naam": "test", "link": ""},
        "catalogus": catalogus_url,
        # read-only fields some clients send anyway: ignored
        "statustypen": ["http://localhost:8002/api/v1/statustypen/ecb7fc03-5c11-46be-917f-e70e16c77554"],
        "resultaattypen": [],
        "eigenschappen": [],
        "informatieobjecttypen": [],
        "concept": True,
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2019-01-01",
        "versiedatum": "2019-01-01",
        "verantwoordelijke": "Behandelaar",
        **kw,
    }


def informatieobjecttype(catalogus_url: str, **kw) -> dict:
    return {"catalogus": catalogus_url, "omschrijving": "informatieobject", "vertrouwelijkheidaanduiding": "openbaar",
            "beginGeldigheid": "2019-01-01", "informatieobjectcategorie": "testcategorie", **kw}


def besluittype(catalogus_url: str, **kw) -> dict:
    return {"catalogus": catalogus_url, "omschrijving": "besluittype", "zaaktypen": [], "publicatieIndicatie": False,
            "informatieobjecttypen": [], "beginGeldigheid": "2019-01-01", **kw}


def statustype(zaaktype_url: str, **kw) -> dict:
    return {"omschrijving": "Eind", "zaaktype": zaaktype_url, "volgnummer": 1, **kw}


def roltype(zaaktype_url: str, **kw) -> dict:
    return {"zaaktype": zaaktype_url, "omschrijving": "test", "omschrijvingGeneriek": "adviseur", **kw}


def eigenschap(zaaktype_url: str, **kw) -> dict:
    return {"naam": "test eigenschap", "definitie": "for test", "zaaktype": zaaktype_url,
            "specificatie": {"formaat": "tekst", "lengte": "5", "kardinaliteit": "1", "waardenverzameling": ["test"]},
            **kw}


def resultaattype(zaaktype_url: str, **kw) -> dict:
    return {
        "zaaktype": zaaktype_url,
        "omschrijving": "TEST",
        "resultaattypeomschrijving": "https://selectielijst.test/api/v1/resultaattypeomschrijvingen/verleend",
        "selectielijstklasse": "https://selectielijst.test/api/v1/resultaten/vast",
        "brondatumArchiefprocedure": {"afleidingswijze": "gerelateerde_zaak", "procestermijn": None,
                                      "datumkenmerk": "", "einddatumBekend": False, "objecttype": "",
                                      "registratie": ""},
        **kw,
    }


def ztiot(zaaktype_url: str, iot: str, **kw) -> dict:
    return {"zaaktype": zaaktype_url, "informatieobjecttype": iot, "volgnummer": 1, "richting": "inkomend", **kw}


def zaakobjecttype(zaaktype_url: str, catalogus_url: str, **kw) -> dict:
    return {"zaaktype": zaaktype_url, "catalogus": catalogus_url, "anderObjecttype": False,
            "objecttype": "https://objecttypen.test/api/v2/objecttypes/1", "relatieOmschrijving": "betreft", **kw}


LIMITED = [{"component": "ztc", "scopes": ["catalogi.lezen", "catalogi.schrijven"]}]
READER = [{"component": "ztc", "scopes": ["catalogi.lezen"]}]
