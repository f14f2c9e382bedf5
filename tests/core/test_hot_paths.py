"""The hot-path helpers: statements compiled once (core.sql) and domain changes that join the
request's transaction without savepoints (core.db). They must behave exactly as the ORM does."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zaakwerk.core import sql
from zaakwerk.core.db import change, request_transaction
from zaakwerk.core.errors import DomainError
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.domain.zaak import create_zaak
from zaakwerk.zaken.models import Zaak

from ..zaken.conftest import zaak_body
from ..zaken.conftest import _serving, api, catalogus, system, zaaktype  # noqa: F401 - fixtures


def _columns(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_insert_writes_the_row_save_would_write_and_get_by_pk_reads_it_back(db):
    kwargs = dict(bron="ZRC", actie="create", resultaat=201, hoofd_object="https://x/zaken/1",
                  hoofd_object_uuid=uuid.uuid4(), resource="zaak", resource_url="https://x/zaken/1",
                  oud=None, nieuw={"a": [1, "twee", None], "b": {"c": 1.5}}, toelichting="ü€")
    by_orm = AuditTrail(**kwargs)
    by_orm.save()
    fast = AuditTrail(**kwargs)
    with CaptureQueriesContext(connection) as queries:
        sql.insert(fast)
    assert len(queries.captured_queries) == 1
    assert fast._state.adding is False and fast.aanmaakdatum is not None  # auto_now_add applied
    stored_orm, stored_fast = (_columns(AuditTrail.objects.get(pk=o.pk)) for o in (by_orm, fast))
    for key in ("uuid", "aanmaakdatum"):
        stored_orm.pop(key), stored_fast.pop(key)
    assert stored_fast == stored_orm
    with CaptureQueriesContext(connection) as queries:
        read = sql.get_by_pk(AuditTrail, fast.pk)
    assert len(queries.captured_queries) == 1
    assert _columns(read) == _columns(AuditTrail.objects.get(pk=fast.pk))
    assert read.nieuw == {"a": [1, "twee", None], "b": {"c": 1.5}} and read._state.adding is False
    assert sql.get_by_pk(AuditTrail, str(fast.pk)).pk == fast.pk  # a uuid as text
    assert sql.get_by_pk(AuditTrail, uuid.uuid4()) is None


def test_insert_reads_back_an_automatic_primary_key(db):
    first = OutboxMessage(kanaal="zaken", hoofd_object="h", resource="zaak", resource_url="r", actie="create",
                          aanmaakdatum=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc), kenmerken={"k": "v"})
    second = OutboxMessage(kanaal="zaken", hoofd_object="h2", resource="zaak", resource_url="r", actie="create",
                           aanmaakdatum=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    sql.insert(first)
    sql.insert(second)
    assert first.pk and second.pk and second.pk > first.pk
    assert OutboxMessage.objects.get(pk=second.pk).hoofd_object == "h2"
    assert sql.get_by_pk(OutboxMessage, first.pk).kenmerken == {"k": "v"}


def test_a_zaak_read_by_get_by_pk_equals_the_orm_read(system, zaaktype):  # noqa: F811
    zaak = create_zaak(system, {"bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
                                "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1),
                                "kenmerken": [{"kenmerk": "k", "bron": "b"}]})
    assert _columns(sql.get_by_pk(Zaak, zaak.pk)) == _columns(Zaak.objects.get(pk=zaak.pk))


def test_a_create_inside_a_request_uses_no_savepoints(transactional_db, api, zaaktype):  # noqa: F811
    assert api.post("/zaken/api/v1/zaken", zaak_body(zaaktype)).status_code == 201  # the series exists now
    with CaptureQueriesContext(connection) as queries:
        response = api.post("/zaken/api/v1/zaken", zaak_body(zaaktype))
    assert response.status_code == 201, response.content
    statements = [q["sql"].upper() for q in queries.captured_queries]
    assert not [s for s in statements if "SAVEPOINT" in s], statements


def test_outside_a_request_a_refused_change_leaves_the_callers_transaction_usable(system, zaaktype):  # noqa: F811
    # the test runs inside a transaction, like any caller that catches a refused change and goes on
    with pytest.raises(DomainError):
        create_zaak(system, {"bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
                             "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1), "identificatie": "DUBBEL"})
        create_zaak(system, {"bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
                             "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1), "identificatie": "DUBBEL"})
    assert Zaak.objects.filter(identificatie="DUBBEL").count() == 1


def test_inside_a_request_transaction_a_refused_change_rolls_back_everything(system, zaaktype):  # noqa: F811
    with pytest.raises(DomainError):
        with request_transaction():
            with change():
                AuditTrail.objects.create(bron="ZRC", actie="x", resultaat=200, hoofd_object="h", resource="r",
                                          resource_url="u")
            create_zaak(system, {"bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
                                 "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1), "identificatie": "X1"})
            create_zaak(system, {"bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
                                 "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1), "identificatie": "X1"})
    assert not Zaak.objects.filter(identificatie="X1").exists()
    assert not AuditTrail.objects.filter(actie="x").exists()


def test_update_writes_only_the_named_fields(system, zaaktype):  # noqa: F811
    zaak = create_zaak(system, {"bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
                                "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1)})
    Zaak.objects.filter(pk=zaak.pk).update(omschrijving="in de database")
    zaak.toelichting = "niet opgeslagen"
    zaak.einddatum = dt.date(2024, 4, 1)
    zaak.kenmerken = [{"kenmerk": "k2", "bron": "b2"}]
    sql.update(zaak, ["einddatum", "kenmerken"])
    stored = Zaak.objects.get(pk=zaak.pk)
    assert (stored.einddatum, stored.kenmerken) == (dt.date(2024, 4, 1), [{"kenmerk": "k2", "bron": "b2"}])
    assert (stored.omschrijving, stored.toelichting) == ("in de database", "")


def test_from_db_converts_what_hand_written_sql_reads(system, zaaktype):  # noqa: F811
    zaak = create_zaak(system, {"bronorganisatie": "517439943", "verantwoordelijke_organisatie": "517439943",
                                "zaaktype": zaaktype, "startdatum": dt.date(2024, 3, 1)})
    meta = Zaak._meta
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT uuid, startdatum, created, kenmerken FROM {meta.db_table}")
        row = cursor.fetchone()
    values = [sql.from_db(connection, meta.get_field(name), value)
              for name, value in zip(("uuid", "startdatum", "created", "kenmerken"), row)]
    assert values == [zaak.uuid, dt.date(2024, 3, 1), Zaak.objects.get().created, []]


def test_a_status_create_reads_the_zaak_once_with_its_lock(api, zaaktype):  # noqa: F811
    zaak = api.post("/zaken/api/v1/zaken", zaak_body(zaaktype)).json()
    statustype = api.get(zaak["zaaktype"]).json()["statustypen"][0]
    with CaptureQueriesContext(connection) as queries:
        response = api.post("/zaken/api/v1/statussen", {"zaak": zaak["url"], "statustype": statustype,
                                                       "datumStatusGezet": "2024-03-02T10:00:00Z"})
    assert response.status_code == 201, response.content
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "zaken_zaak"')]
    assert len(reads) == 1, reads
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in reads[0]
    assert api.get(zaak["url"]).json()["status"] == response.json()["url"]
