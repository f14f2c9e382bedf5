"""brc-002 under concurrency and the identificatie format setting: parallel creates never get the
same identificatie (PostgreSQL: real threads, each with its own connection), and a race on a
client-chosen identificatie is a 400, not a 500."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction
from django.utils import timezone

from zaakwerk.besluiten import identificatie as nummering
from zaakwerk.besluiten.models import Besluit, BesluitIdentificatieReeks

from ..conftest import ApiClient, make_token, register_client
from .conftest import BESLUITEN, besluit_body

YEAR = timezone.localdate().year


def number(n: int) -> str:
    return f"BESLUIT-{YEAR}-{n:010d}"


@pytest.mark.django_db
def test_identificatie_format_setting(api, besluittype, settings):
    settings.ZAAKWERK_BESLUIT_IDENTIFICATIE_FORMAT = "{verantwoordelijke_organisatie}-{year}-{sequence:04d}"
    assert api.post(BESLUITEN, besluit_body(besluittype)).json()["identificatie"] == f"517439943-{YEAR}-0001"
    settings.ZAAKWERK_BESLUIT_IDENTIFICATIE_FORMAT = "B{sequence}"  # no year: one series across years
    assert api.post(BESLUITEN, besluit_body(besluittype)).json()["identificatie"] == "B1"
    assert BesluitIdentificatieReeks.objects.filter(jaar=0, laatste=1).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["BESLUIT-{year}", "B-{sequence}-{onbekend}", "{sequence:051d}"])
def test_identificatie_format_must_be_usable(besluittype, settings, system, fmt):
    from zaakwerk.besluiten.domain.besluit import create_besluit

    settings.ZAAKWERK_BESLUIT_IDENTIFICATIE_FORMAT = fmt
    with pytest.raises(ImproperlyConfigured):
        create_besluit(system, {"verantwoordelijke_organisatie": "517439943", "besluittype": besluittype,
                                "datum": timezone.localdate(), "ingangsdatum": timezone.localdate()})
    assert not Besluit.objects.exists()


def test_draw_outside_a_transaction_is_a_programming_error(transactional_db):
    with pytest.raises(RuntimeError):
        nummering.draw("517439943")


def _parallel(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results: list = []
    errors: list = []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(work())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...): SQLite's in-memory test database "
                    "cannot be shared by threads with their own connections")


@pytest.mark.django_db(transaction=True)
def test_brc_002_eight_parallel_creates_get_distinct_identificaties(besluittype):
    _needs_postgresql()
    register_client("parallel", "parallel-secret", all_permissions=True)
    token = make_token("parallel", "parallel-secret")
    body = besluit_body(besluittype)

    def create():
        response = ApiClient(token).post(BESLUITEN, body)
        return response.status_code, response.json()

    results = _parallel(8, create)
    assert [status for status, _ in results] == [201] * 8, results
    assert sorted(b["identificatie"] for _, b in results) == [number(n) for n in range(1, 9)]
    assert BesluitIdentificatieReeks.objects.get(verantwoordelijke_organisatie="517439943").laatste == 8


@pytest.mark.django_db(transaction=True)
def test_brc_002_parallel_creates_with_the_same_identificatie_one_wins(besluittype):
    _needs_postgresql()
    register_client("parallel", "parallel-secret", all_permissions=True)
    token = make_token("parallel", "parallel-secret")
    body = besluit_body(besluittype, identificatie="GELIJK")

    def create():
        response = ApiClient(token).post(BESLUITEN, body)
        return response.status_code, response.json()

    results = _parallel(4, create)
    assert sorted(status for status, _ in results) == [201, 400, 400, 400], results
    for status, answer in results:
        if status == 400:
            assert answer["invalidParams"][0]["code"] == "identificatie-niet-uniek"
    assert Besluit.objects.filter(identificatie="GELIJK").count() == 1


@pytest.mark.django_db(transaction=True)
def test_brc_002_parallel_first_draws_create_the_series_once(besluittype):
    _needs_postgresql()

    def draw():
        with transaction.atomic():
            return nummering.draw("000000000")

    drawn = _parallel(4, draw)
    assert sorted(drawn) == [number(n) for n in range(1, 5)]
    assert BesluitIdentificatieReeks.objects.filter(verantwoordelijke_organisatie="000000000").count() == 1
