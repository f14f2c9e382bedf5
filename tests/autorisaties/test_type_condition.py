"""Authorisation on type-bound registers is ONE SQL condition (autorisaties.queries.type_condition),
whatever the number of types granted. Exercised here on a queryset whose rows carry a type URL and
a vertrouwelijkheid rank, the shape every zaken/documenten/besluiten list has."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.test.utils import CaptureQueriesContext

from zaakwerk.autorisaties.models import VERTROUWELIJKHEID_RANK
from zaakwerk.autorisaties.queries import actor_for_claims, may, type_condition
from zaakwerk.catalogi.models import Catalogus, ZaakType
from zaakwerk.core.auth import Claims

from ..conftest import BASE, register_client

TYPE_URL = f"{BASE}/catalogi/api/v1/zaaktypen/"


def make_zaaktype(catalogus, n, vertrouwelijkheid):
    return ZaakType.objects.create(
        catalogus=catalogus, identificatie=f"ZT{n}", omschrijving=f"zaaktype {n}",
        vertrouwelijkheidaanduiding=vertrouwelijkheid, doel="d", aanleiding="a",
        indicatie_intern_of_extern="extern", handeling_initiator="h", onderwerp="o",
        handeling_behandelaar="b", doorlooptijd="P1D", opschorting_en_aanhouding_mogelijk=False,
        verlenging_mogelijk=False, publicatie_indicatie=False, referentieproces_naam="r",
        verantwoordelijke="v", versiedatum=dt.date(2024, 1, 1), begin_geldigheid=dt.date(2024, 1, 1))


def rows():
    """Rows with a type (here: the zaaktype row itself, "uuid") and a vertrouwelijkheid rank, the
    shape of a zaak list (zaaktype_id, vertrouwelijkheid_rank)."""
    return ZaakType.objects.annotate(
        rank=Case(*[When(vertrouwelijkheidaanduiding=k, then=Value(v)) for k, v in VERTROUWELIJKHEID_RANK.items()],
                  output_field=IntegerField()),
    )


def url(zt):
    return f"{TYPE_URL}{zt.uuid}"


@pytest.fixture
def zaaktypen(db):
    catalogus = Catalogus.objects.create(domein="TEST", rsin="000000000", contactpersoon_beheer_naam="x")
    levels = ["openbaar", "intern", "geheim"] * 10
    return [make_zaaktype(catalogus, i, v) for i, v in enumerate(levels)]


def actor(client_id):
    return actor_for_claims(Claims(client_id=client_id), base_url=BASE)


def test_filters_on_type_and_max_vertrouwelijkheid(zaaktypen):
    granted = zaaktypen[:6]
    register_client("typed", "s", autorisaties=[
        {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": url(zt), "max_vertrouwelijkheidaanduiding": "intern"}
        for zt in granted])
    a = actor("typed")
    visible = set(rows().filter(type_condition(a, "zrc", "zaken.lezen", "uuid", "rank")).values_list("pk", flat=True))
    expected = {zt.pk for zt in granted if zt.vertrouwelijkheidaanduiding in ("openbaar", "intern")}
    assert visible == expected
    # another scope was not granted
    assert not rows().filter(type_condition(a, "zrc", "zaken.bijwerken", "uuid", "rank")).exists()
    # the per-object check agrees
    assert may(a, "zrc", "zaken.lezen", granted[0].uuid, VERTROUWELIJKHEID_RANK["openbaar"])
    assert not may(a, "zrc", "zaken.lezen", granted[2].uuid, VERTROUWELIJKHEID_RANK["geheim"])
    assert not may(a, "zrc", "zaken.lezen", zaaktypen[-1].uuid, 0)


def test_one_query_whatever_the_number_of_types(zaaktypen):
    register_client("few", "s", autorisaties=[
        {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": url(zaaktypen[0]),
         "max_vertrouwelijkheidaanduiding": "zeer_geheim"}])
    register_client("many", "s", autorisaties=[
        {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": url(zt),
         "max_vertrouwelijkheidaanduiding": "zeer_geheim"} for zt in zaaktypen])
    for client_id, expected in (("few", 1), ("many", len(zaaktypen))):
        a = actor(client_id)
        with CaptureQueriesContext(connection) as queries:
            result = list(rows().filter(type_condition(a, "zrc", "zaken.lezen", "uuid", "rank")))
        assert len(result) == expected
        assert len(queries) == 1


def test_alle_autorisaties_unrestricted_and_no_applicatie_nothing(zaaktypen):
    register_client("all", "s", all_permissions=True)
    register_client("none", "s")
    assert rows().filter(type_condition(actor("all"), "zrc", "zaken.lezen", "uuid", "rank")).count() == len(zaaktypen)
    assert rows().filter(type_condition(actor("none"), "zrc", "zaken.lezen", "uuid", "rank")).count() == 0


def test_authentication_reads_secret_and_autorisaties_in_one_query(zaaktypen):
    """Every request reads the client's secret, Applicatie and scopes afresh (a change takes effect
    at once), in ONE query."""
    from zaakwerk.autorisaties.queries import client_lookup

    register_client("two-components", "geheim", autorisaties=[
        {"component": "zrc", "scopes": ["zaken.lezen", "zaken.aanmaken"], "zaaktype": url(zaaktypen[0]),
         "max_vertrouwelijkheidaanduiding": "intern"},
        {"component": "zrc", "scopes": ["zaken.bijwerken"], "zaaktype": url(zaaktypen[1]),
         "max_vertrouwelijkheidaanduiding": "intern"},
        {"component": "ztc", "scopes": ["catalogi.lezen"]}])
    register_client("all", "alles", all_permissions=True)
    register_client("no-applicatie", "niets")
    with CaptureQueriesContext(connection) as queries:
        secret, found = client_lookup("two-components")
    assert len(queries) == 1
    assert secret == "geheim"
    assert found.scopes == {"zrc": {"zaken.lezen", "zaken.aanmaken", "zaken.bijwerken"}, "ztc": {"catalogi.lezen"}}
    assert found.applicatie.label == "two-components" and not found.applicatie.heeft_alle_autorisaties
    # the Applicatie as read drives the type condition like a fetched one
    assert may(actor_for_claims(Claims(client_id="two-components"), base_url=BASE), "zrc", "zaken.lezen",
               zaaktypen[0].uuid, 0)
    secret, found = client_lookup("all")
    assert secret == "alles" and found.scopes is None and found.applicatie.heeft_alle_autorisaties
    secret, found = client_lookup("no-applicatie")
    assert secret == "niets" and found.applicatie is None and found.scopes == {}
    assert client_lookup("unknown") is None
