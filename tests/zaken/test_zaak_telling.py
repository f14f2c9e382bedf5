"""The count of an unfiltered zaak list comes from ZaakTelling on PostgreSQL (kept by triggers,
migration zaken 0003): it must stay exact whatever writes the zaken, and the list's count must
be what the client may see (zrc-006 authorisation applied to the counts too)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from zaakwerk.zaken.models import Zaak, ZaakTelling

from .conftest import ROOT, build_zaaktype, zaak_body, zaaktype_url

ZAKEN = f"{ROOT}/zaken"


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...; CI does): the counts are PostgreSQL "
                    "triggers; on SQLite lists count the rows themselves")


def telling() -> dict:
    return {(t.zaaktype_id, t.vertrouwelijkheid_rank): t.aantal
            for t in ZaakTelling.objects.all() if t.aantal}


def actual() -> dict:
    return {(row["zaaktype_id"], row["vertrouwelijkheid_rank"]): row["n"]
            for row in Zaak.objects.values("zaaktype_id", "vertrouwelijkheid_rank").annotate(n=Count("pk"))}


def test_the_counts_follow_every_kind_of_write(api, system, catalogus, zaaktype):
    other = build_zaaktype(system, catalogus, identificatie="ZT-TELLING")
    urls = [api.post(ZAKEN, zaak_body(zaaktype, vertrouwelijkheidaanduiding=v)).json()["url"]
            for v in ("openbaar", "openbaar", "geheim")]
    api.post(ZAKEN, zaak_body(other))
    deelzaak = api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=urls[0])).json()
    assert deelzaak["hoofdzaak"] == urls[0]
    assert telling() == actual() and sum(telling().values()) == 5
    # a change of vertrouwelijkheid moves the zaak between counts; other updates leave them alone
    assert api.patch(urls[1], {"vertrouwelijkheidaanduiding": "intern"}).status_code == 200
    assert api.patch(urls[2], {"omschrijving": "anders"}).status_code == 200
    assert telling() == actual()
    # a delete cascades to the deelzaak: both leave the counts
    assert api.delete(urls[0]).status_code == 204
    assert telling() == actual() and sum(telling().values()) == 3
    # rows written without the API (bulk inserts, as a bulk load does) are counted too
    Zaak.objects.bulk_create(
        Zaak(identificatie=f"B-{uuid.uuid4().hex[:12]}", bronorganisatie="517439943",
             verantwoordelijke_organisatie="517439943", zaaktype=other, registratiedatum=dt.date(2024, 1, 1),
             startdatum=dt.date(2024, 1, 1), vertrouwelijkheidaanduiding="openbaar", vertrouwelijkheid_rank=0)
        for _ in range(25))
    Zaak.objects.filter(zaaktype=other).update(vertrouwelijkheidaanduiding="intern", vertrouwelijkheid_rank=2)
    assert telling() == actual() and sum(telling().values()) == 28
    Zaak.objects.filter(zaaktype=other).delete()
    assert telling() == actual()


def test_an_unfiltered_list_counts_from_the_counts_under_the_clients_grants(api, client_for, system, catalogus,
                                                                            zaaktype, settings):
    settings.ZAAKWERK_PAGE_SIZE = 1  # full pages: the count is asked for
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    for v in ("openbaar", "openbaar", "vertrouwelijk"):
        api.post(ZAKEN, zaak_body(zaaktype, vertrouwelijkheidaanduiding=v))
    api.post(ZAKEN, zaak_body(other))
    limited = client_for([{"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": zaaktype_url(zaaktype),
                           "max_vertrouwelijkheidaanduiding": "intern"}])
    with CaptureQueriesContext(connection) as queries:
        page = limited.get(ZAKEN).json()
    assert page["count"] == 2 and len(page["results"]) == 1
    counts = [q["sql"] for q in queries.captured_queries if "SUM" in q["sql"] or "COUNT" in q["sql"]]
    assert len(counts) == 1 and "zaken_zaaktelling" in counts[0] and "zaken_zaak\"" not in counts[0].split("FROM")[1]
    assert api.get(ZAKEN).json()["count"] == 4
    # a list filtered on zaaktype only counts from the counts too, under the same grants
    with CaptureQueriesContext(connection) as queries:
        filtered = limited.get(ZAKEN, {"zaaktype": zaaktype_url(zaaktype)}).json()
    assert filtered["count"] == 2 and len(filtered["results"]) == 1
    counts = [q["sql"] for q in queries.captured_queries if "SUM" in q["sql"] or "COUNT" in q["sql"]]
    assert len(counts) == 1 and "zaken_zaaktelling" in counts[0]
    assert api.get(ZAKEN, {"zaaktype": zaaktype_url(zaaktype)}).json()["count"] == 3
    assert api.get(ZAKEN, {"zaaktype": zaaktype_url(other)}).json()["count"] == 1
    assert limited.get(ZAKEN, {"zaaktype": zaaktype_url(other)}).json()["count"] == 0
    assert api.get(ZAKEN, {"zaaktype": f"{zaaktype_url(zaaktype)[:-36]}{uuid.uuid4()}"}).json()["count"] == 0
    # other filters count their rows
    with CaptureQueriesContext(connection) as queries:
        filtered = api.get(ZAKEN, {"zaaktype": zaaktype_url(zaaktype), "startdatum__gte": "2000-01-01"}).json()
    assert filtered["count"] == 3
    assert any("COUNT(" in q["sql"] and "zaken_zaak\"" in q["sql"] for q in queries.captured_queries)
    settings.ZAAKWERK_PAGE_SIZE = 100
    assert api.get(ZAKEN, {"zaaktype": zaaktype_url(zaaktype)}).json()["count"] == 3
