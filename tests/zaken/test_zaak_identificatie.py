"""zrc-002: identificatie unique per bronorganisatie, generated when absent (safe under
concurrency), immutable; POST /zaaknummer_reserveren."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction
from django.utils import timezone

from zaakwerk.zaken import identificatie as nummering
from zaakwerk.zaken.models import GereserveerdZaaknummer, Zaak, ZaakIdentificatieReeks

from ..conftest import ApiClient, make_token, register_client
from .conftest import CRS, ROOT, zaak_body
from .test_zaak_helpers import invalid_params, make_zaak

ZAKEN = f"{ROOT}/zaken"
RESERVEREN = f"{ROOT}/zaaknummer_reserveren"
YEAR = timezone.localdate().year


def number(n: int) -> str:
    return f"ZAAK-{YEAR}-{n:010d}"


def test_zrc_002a_identificatie_unique_per_bronorganisatie(api, zaaktype):
    first = api.post(ZAKEN, zaak_body(zaaktype, identificatie="zaak-1"))
    assert first.status_code == 201 and first.json()["identificatie"] == "zaak-1"
    again = api.post(ZAKEN, zaak_body(zaaktype, identificatie="zaak-1"))
    assert again.status_code == 400
    assert invalid_params(again)[0] == ("identificatie", "identificatie-niet-uniek")
    # another bronorganisatie may use the same number
    other = api.post(ZAKEN, zaak_body(zaaktype, identificatie="zaak-1", bronorganisatie="000000000"))
    assert other.status_code == 201
    assert Zaak.objects.filter(identificatie="zaak-1").count() == 2


def test_zrc_002b_c_identificatie_cannot_change(api, zaaktype):
    api.post(ZAKEN, zaak_body(zaaktype, identificatie="zaak-1"))
    created = api.post(ZAKEN, zaak_body(zaaktype)).json()
    put_body = zaak_body(zaaktype, identificatie="zaak-1")
    assert invalid_params(api.put(created["url"], put_body))[0] == ("identificatie", "wijzigen-niet-toegelaten")
    patch = api.patch(created["url"], {"identificatie": "zaak-1", "bronorganisatie": "517439943"})
    assert invalid_params(patch)[0] == ("identificatie", "wijzigen-niet-toegelaten")
    # re-sending the same identificatie, or none (PUT), is fine
    assert api.put(created["url"], zaak_body(zaaktype, identificatie=created["identificatie"])).status_code == 200
    assert api.put(created["url"], zaak_body(zaaktype)).json()["identificatie"] == created["identificatie"]


def test_zrc_002_changing_the_bronorganisatie_keeps_identificatie_unique(api, zaaktype):
    api.post(ZAKEN, zaak_body(zaaktype, identificatie="zaak-1", bronorganisatie="000000000"))
    created = api.post(ZAKEN, zaak_body(zaaktype, identificatie="zaak-1")).json()
    response = api.patch(created["url"], {"bronorganisatie": "000000000"})
    assert invalid_params(response) == [("identificatie", "identificatie-niet-uniek")]


def test_zrc_002d_identificatie_generated_in_sequence(api, zaaktype):
    # a client-chosen number in the series' format is skipped by the generator
    api.post(ZAKEN, zaak_body(zaaktype, identificatie=number(2)))
    generated = [api.post(ZAKEN, zaak_body(zaaktype)).json()["identificatie"] for _ in range(3)]
    assert generated == [number(1), number(3), number(4)]
    # the series is per bronorganisatie
    assert api.post(ZAKEN, zaak_body(zaaktype, bronorganisatie="000000000")).json()["identificatie"] == number(1)
    assert ZaakIdentificatieReeks.objects.get(bronorganisatie="517439943", jaar=YEAR).laatste == 4


def test_zrc_002d_blank_identificatie_is_generated(api, zaaktype):
    assert api.post(ZAKEN, zaak_body(zaaktype, identificatie="")).json()["identificatie"] == number(1)


def test_identificatie_format_setting(zaaktype, settings):
    settings.ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT = "{bronorganisatie}-{year}-{sequence:05d}"
    assert make_zaak(zaaktype).identificatie == f"517439943-{YEAR}-00001"
    settings.ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT = "Z{sequence}"  # no year: one series across years
    assert make_zaak(zaaktype).identificatie == "Z1"
    assert ZaakIdentificatieReeks.objects.filter(jaar=0).exists()


@pytest.mark.parametrize("fmt", ["ZAAK-{year}", "ZAAK-{sequence}-{onbekend}", "{sequence:050d}"])
def test_identificatie_format_must_be_usable(zaaktype, settings, fmt):
    settings.ZAAKWERK_ZAAK_IDENTIFICATIE_FORMAT = fmt
    with pytest.raises(ImproperlyConfigured):
        make_zaak(zaaktype)
    assert not Zaak.objects.exists()


def test_draw_outside_a_transaction_is_a_programming_error(transactional_db):
    with pytest.raises(RuntimeError):
        nummering.draw("517439943")


# ---- POST /zaaknummer_reserveren ------------------------------------------------------------------


def test_reserveren_one_number_is_an_object(api, zaaktype):
    response = api.post(RESERVEREN, {"bronorganisatie": "517439943"})
    assert response.status_code == 201
    assert response.json() == {"zaaknummer": number(1)}
    assert response["API-version"] == "1.7.0"


def test_reserveren_several_numbers_is_a_list_never_handed_out_automatically(api, zaaktype):
    response = api.post(RESERVEREN, {"bronorganisatie": "517439943", "aantal": 3})
    assert response.status_code == 201
    assert response.json() == [{"zaaknummer": number(n)} for n in (1, 2, 3)]
    assert api.post(ZAKEN, zaak_body(zaaktype)).json()["identificatie"] == number(4)


def test_reserved_number_is_consumed_by_the_create_that_sends_it(api, zaaktype):
    reserved = api.post(RESERVEREN, {"bronorganisatie": "517439943", "aantal": 2}).json()
    wanted = reserved[1]["zaaknummer"]
    created = api.post(ZAKEN, zaak_body(zaaktype, identificatie=wanted))
    assert created.status_code == 201 and created.json()["identificatie"] == wanted
    assert list(GereserveerdZaaknummer.objects.values_list("identificatie", flat=True)) == [reserved[0]["zaaknummer"]]
    # and it is now taken
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, identificatie=wanted)))[0][1] == "identificatie-niet-uniek"


@pytest.mark.parametrize("body, name, code", [
    ({"bronorganisatie": "123456789"}, "bronorganisatie", "invalid"),
    ({"bronorganisatie": "1234"}, "bronorganisatie", "min_length"),
    ({}, "bronorganisatie", "required"),
    ({"bronorganisatie": "517439943", "aantal": 0}, "aantal", "min_value"),
    ({"bronorganisatie": "517439943", "aantal": 1001}, "aantal", "max_value"),
    ({"bronorganisatie": "517439943", "aantal": "twee"}, "aantal", "invalid"),
])
def test_reserveren_bad_input(api, body, name, code):
    response = api.post(RESERVEREN, body)
    assert response.status_code == 400
    assert invalid_params(response) == [(name, code)]
    assert not GereserveerdZaaknummer.objects.exists()


def test_reserveren_needs_zaken_aanmaken(client_for, zaaktype):
    from .conftest import zaaktype_url

    reader = client_for([{"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": zaaktype_url(zaaktype),
                          "max_vertrouwelijkheidaanduiding": "zeer_geheim"}])
    assert reader.post(RESERVEREN, {"bronorganisatie": "517439943"}).status_code == 403
    maker = client_for([{"component": "zrc", "scopes": ["zaken.aanmaken"], "zaaktype": zaaktype_url(zaaktype),
                         "max_vertrouwelijkheidaanduiding": "openbaar"}])
    assert maker.post(RESERVEREN, {"bronorganisatie": "517439943"}).status_code == 201
    assert maker.get(RESERVEREN).status_code == 405


# ---- concurrency --------------------------------------------------------------------------------------


def test_sqlite_writers_are_serialised_by_immediate_transactions():
    """On SQLite the series is safe because every transaction starts with BEGIN IMMEDIATE."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only configuration check; this run uses " + connection.vendor)
    assert connection.settings_dict["OPTIONS"].get("transaction_mode") == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_zrc_002_eight_parallel_creates_get_distinct_numbers(zaaktype):
    """8 threads, each with its own database connection, create a zaak at the same moment."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...; CI does): SQLite's in-memory "
                    "test database cannot be shared by threads with their own connections")
    register_client("parallel", "parallel-secret", all_permissions=True)
    token = make_token("parallel", "parallel-secret")
    body = zaak_body(zaaktype)
    barrier = threading.Barrier(8)
    results: list = []
    errors: list = []

    def create():
        try:
            client = ApiClient(token, default_headers=CRS)
            barrier.wait(timeout=30)
            response = client.post(ZAKEN, body)
            results.append((response.status_code, response.json()))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert [status for status, _ in results] == [201] * 8, results
    numbers = sorted(body["identificatie"] for _, body in results)
    assert numbers == [number(n) for n in range(1, 9)]
    assert ZaakIdentificatieReeks.objects.get(bronorganisatie="517439943").laatste == 8


@pytest.mark.django_db(transaction=True)
def test_zrc_002_parallel_first_draws_create_the_series_once(zaaktype):
    """The series row itself is created under concurrency (the IntegrityError path)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...; CI does)")
    barrier = threading.Barrier(4)
    drawn: list = []

    def draw():
        try:
            barrier.wait(timeout=30)
            with transaction.atomic():
                drawn.extend(nummering.draw("000000000", 2))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(drawn) == [number(n) for n in range(1, 9)]
    assert ZaakIdentificatieReeks.objects.filter(bronorganisatie="000000000").count() == 1
