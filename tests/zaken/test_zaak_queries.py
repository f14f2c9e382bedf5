"""A list page of zaken answers in a CONSTANT number of queries: independent of the page size
(10 vs 100 zaken, each with a status, rollen, eigenschappen, zaakobjecten, documents, a resultaat,
deelzaken and an opschorting) and of the number of zaaktypen the client may see (1 vs 20)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zaakwerk.catalogi.models import Eigenschap, ResultaatType, RolType, StatusType
from zaakwerk.zaken.models import (OpschortingPeriode, Resultaat, Rol, Status, Zaak, ZaakEigenschap,
                                   ZaakInformatieObject, ZaakObject)

from .conftest import ROOT, build_zaaktype, zaaktype_url

ZAKEN = f"{ROOT}/zaken"
EXPAND = "zaaktype,status"


def bulk_zaken(zaaktypen: list, count: int, vertrouwelijkheid: str = "openbaar") -> list[Zaak]:
    """``count`` zaken spread over ``zaaktypen``, each with one of everything (bulk inserts)."""
    zaken = Zaak.objects.bulk_create(
        Zaak(identificatie=f"Q-{uuid.uuid4().hex[:20]}", bronorganisatie="517439943",
             verantwoordelijke_organisatie="517439943", zaaktype=zaaktypen[i % len(zaaktypen)],
             registratiedatum=dt.date(2024, 1, 1), startdatum=dt.date(2024, 1, 1) + dt.timedelta(days=i),
             vertrouwelijkheidaanduiding=vertrouwelijkheid, vertrouwelijkheid_rank=0)
        for i in range(count))
    types = {zt.pk: zt for zt in zaaktypen}
    statustype = {pk: StatusType.objects.filter(zaaktype_id=pk).first() for pk in types}
    roltype = {pk: RolType.objects.filter(zaaktype_id=pk).first() for pk in types}
    resultaattype = {pk: ResultaatType.objects.filter(zaaktype_id=pk).first() for pk in types}
    eigenschap = {pk: Eigenschap.objects.filter(zaaktype_id=pk).first() for pk in types}
    now = timezone.now()
    statussen = Status.objects.bulk_create(
        Status(zaak=z, statustype=statustype[z.zaaktype_id], datum_status_gezet=now) for z in zaken)
    for zaak, status in zip(zaken, statussen):
        zaak.huidige_status = status
    Zaak.objects.bulk_update(zaken, ["huidige_status"])
    Rol.objects.bulk_create(Rol(zaak=z, roltype=roltype[z.zaaktype_id], betrokkene_type="medewerker",
                                omschrijving="b", omschrijving_generiek="behandelaar") for z in zaken for _ in range(2))
    Resultaat.objects.bulk_create(Resultaat(zaak=z, resultaattype=resultaattype[z.zaaktype_id]) for z in zaken)
    ZaakEigenschap.objects.bulk_create(ZaakEigenschap(zaak=z, eigenschap=eigenschap[z.zaaktype_id], naam="kenteken",
                                                      waarde="x") for z in zaken)
    ZaakObject.objects.bulk_create(ZaakObject(zaak=z, object_type="pand") for z in zaken)
    ZaakInformatieObject.objects.bulk_create(ZaakInformatieObject(zaak=z, informatieobject=f"https://drc.example/{i}")
                                             for i, z in enumerate(zaken))
    OpschortingPeriode.objects.bulk_create(OpschortingPeriode(zaak=z, start=dt.date(2024, 2, 1)) for z in zaken)
    Zaak.objects.bulk_create(  # one deelzaak per zaak (visible too: same zaaktype, rank)
        Zaak(identificatie=f"D-{z.identificatie}", bronorganisatie="517439943", verantwoordelijke_organisatie="517439943",
             zaaktype_id=z.zaaktype_id, registratiedatum=dt.date(2024, 1, 1), startdatum=dt.date(2020, 1, 1),
             vertrouwelijkheidaanduiding=vertrouwelijkheid, vertrouwelijkheid_rank=0, hoofdzaak=z) for z in zaken)
    return zaken


def count_queries(client, params: dict) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ZAKEN, params)
    assert response.status_code == 200, response.content
    return len(queries.captured_queries), response.json()


def grant(zaaktype) -> dict:
    return {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": zaaktype_url(zaaktype),
            "max_vertrouwelijkheidaanduiding": "openbaar"}


@pytest.fixture
def twenty(system, catalogus, zaaktype):
    return [zaaktype] + [build_zaaktype(system, catalogus, identificatie=f"ZT-Q{n}") for n in range(19)]


def test_page_of_100_zaken_with_expand_costs_what_a_page_of_10_costs(api, zaaktype, settings):
    # full pages both (a last page that is not full needs no count query: one query less)
    settings.ZAAKWERK_PAGE_SIZE = 10
    bulk_zaken([zaaktype], 10)  # 20 zaken counting their deelzaken
    small, page = count_queries(api, {"expand": EXPAND})
    assert page["count"] == 20 and len(page["results"]) == 10
    settings.ZAAKWERK_PAGE_SIZE = 100
    bulk_zaken([zaaktype], 90)  # 200 zaken: a full page of 100
    large, page = count_queries(api, {"expand": EXPAND})
    assert len(page["results"]) == 100
    assert large == small, f"{small} queries for 10 zaken, {large} for a page of 100"
    item = next(r for r in page["results"] if r["status"])
    assert item["_expand"]["status"]["url"] == item["status"]
    assert item["_expand"]["zaaktype"]["url"] == zaaktype_url(zaaktype)
    assert len(item["rollen"]) == 2 and item["resultaat"] and item["deelzaken"] and item["zaakobjecten"]
    assert item["_zaakwerk"]["opschortingen"][0]["start"] == "2024-02-01"
    assert small <= 30, f"a list page should need few queries, not {small}"


def test_a_first_page_that_is_not_full_needs_no_count_query(api, zaaktype, settings):
    settings.ZAAKWERK_PAGE_SIZE = 100
    bulk_zaken([zaaktype], 5)
    with CaptureQueriesContext(connection) as queries:
        page = api.get(ZAKEN).json()
    assert page["count"] == 10 == len(page["results"]) and page["next"] is None
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    settings.ZAAKWERK_PAGE_SIZE = 4
    third = api.get(ZAKEN, {"page": 3}).json()
    assert third["count"] == 10 and len(third["results"]) == 2 and third["next"] is None
    beyond = api.get(ZAKEN, {"page": 9}).json()
    assert beyond["count"] == 10 and beyond["results"] == [] and beyond["previous"].endswith("page=3")
    # a page far beyond the end is never read (an offset beyond 64 bits was a 500 on SQLite)
    huge = api.get(ZAKEN, {"page": str(2**62)})
    assert huge.status_code == 200 and huge.json()["results"] == [] and huge.json()["count"] == 10


def test_query_count_does_not_depend_on_the_number_of_granted_zaaktypen(client_for, twenty, settings):
    settings.ZAAKWERK_PAGE_SIZE = 5  # a full page for both clients
    bulk_zaken(twenty, 100)
    one = client_for([grant(twenty[0])])
    all_twenty = client_for([grant(zt) for zt in twenty])
    few, page_one = count_queries(one, {"expand": EXPAND})
    many, page_twenty = count_queries(all_twenty, {"expand": EXPAND})
    assert page_one["count"] == 10 and page_twenty["count"] == 200
    assert len(page_twenty["results"]) == 5 == len(page_one["results"])
    assert {r["zaaktype"] for r in page_one["results"]} == {zaaktype_url(twenty[0])}
    assert many == few, f"{few} queries with 1 zaaktype, {many} with 20"


def test_search_page_is_constant_too(api, zaaktype, settings):
    settings.ZAAKWERK_PAGE_SIZE = 10
    bulk_zaken([zaaktype], 10)
    with CaptureQueriesContext(connection) as small:
        api.post(f"{ZAKEN}/_zoek", {"expand": EXPAND, "bronorganisatie": "517439943"})
    settings.ZAAKWERK_PAGE_SIZE = 100
    bulk_zaken([zaaktype], 90)
    with CaptureQueriesContext(connection) as large:
        response = api.post(f"{ZAKEN}/_zoek", {"expand": EXPAND, "bronorganisatie": "517439943"})
    assert len(response.json()["results"]) == 100
    assert len(large.captured_queries) == len(small.captured_queries)
