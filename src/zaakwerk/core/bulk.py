"""Inserting many new rows fast, for the bulk paths of the registers (``zaken.domain.bulk``,
``documenten.domain.bulk``): ``insert(model, objs)`` writes model instances the domain built and
checked.

- PostgreSQL: ``COPY ... FROM STDIN`` through psycopg, the fastest way into PostgreSQL. Measured
  here (under cProfile): the rows of a batch of 5,000 zaken with their parts took 10 s through
  ``bulk_create`` (mostly Django's SQL compilation and psycopg's client-side quoting of the
  UNNEST arrays, not the database's work) and 1.6 s through COPY;
- any other database (SQLite: ``make run``, the default test run): Django's ``bulk_create``.

Both store exactly what the model instances hold, the way Django's ``bulk_create`` stores it:
``auto_now_add``/``auto_now`` fields get the current time (set on the instance too; on PostgreSQL
a microsecond apart in the order of the rows), JSON fields go
through the field's own conversion (``None`` is SQL NULL), automatic primary keys are assigned by
the database (with ``returning_pks`` they are fetched first and set on the instances, as
``bulk_create`` does on both databases). Foreign keys are not checked before the commit on either
database (Django creates them ``DEFERRABLE INITIALLY DEFERRED``), so rows may be inserted before the
rows they name, in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, models
from django.utils import timezone

BATCH = 2000  # rows per INSERT for bulk_create (SQLite limits the parameters of a statement)


def insert(model: type[models.Model], objs: list, *, returning_pks: bool = False) -> None:
    """Insert ``objs`` (new, unsaved instances of ``model``)."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    _copy(model, objs, returning_pks)


def _copy(model, objs: list, returning_pks: bool) -> None:
    meta = model._meta
    pk = meta.pk
    auto_pk = isinstance(pk, models.AutoField)  # BigAutoField and SmallAutoField count as AutoField
    with connection.cursor() as cursor:
        if auto_pk and returning_pks:
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [meta.db_table, pk.column, len(objs)])
            for obj, (value,) in zip(objs, cursor.fetchall()):
                setattr(obj, pk.attname, value)
        fields = [f for f in meta.concrete_fields if not (f is pk and auto_pk and not returning_pks)]
        now = timezone.now()
        plain, converted = [], []
        for index, field in enumerate(fields):
            if isinstance(field, models.JSONField):
                converted.append((index, field))
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                # increasing in the order of ``objs``, as rows saved one after the other get them
                # (statussen with equal datumStatusGezet are told apart by ``created``)
                for number, obj in enumerate(objs):
                    if field.auto_now or getattr(obj, field.attname) is None:
                        setattr(obj, field.attname, now + dt.timedelta(microseconds=number))
            plain.append(field.attname)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        sql = f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
        # the raw psycopg cursor: its errors are turned into Django's (IntegrityError...) as usual
        with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
            for obj in objs:
                row = [getattr(obj, name) for name in plain]
                for index, field in converted:
                    row[index] = field.get_db_prep_save(row[index], connection)
                copy.write_row(row)
