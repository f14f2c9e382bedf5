"""Hot-path statements, compiled once per model and connection instead of once per call.

Django's ORM compiles SQL on every query. For the few statements every write or detail request
runs (reading one object by primary key, inserting a row) that compilation costs more than
PostgreSQL takes to execute them. These helpers let Django compile the statement once: the SQL,
the column order, the converters the backend applies to what it reads and the preparation of
what it writes are Django's own (``compiler.as_sql``, ``get_converters``, ``pre_save`` +
``get_db_prep_save``), so the rows written and the objects read are the same as through
``Model.save()`` and ``QuerySet.first()``. What differs:

- ``insert(obj)`` sends no ``pre_save``/``post_save`` signals (Zaakwerk listens to none: changes
  are recorded explicitly by the domain, ``core.events``) and always inserts (no UPDATE-or-INSERT
  decision: it is for new objects only);
- ``get_by_pk(model, pk)`` reads through the model's base manager (no custom manager filtering).

The compiled plans are kept on the connection wrapper (one per thread and database alias), so
converters bound to a connection are only used with that connection. On PostgreSQL the statements
are also prepared server-side after a couple of executions (settings: server-side binding).
"""

from __future__ import annotations

from django.db import connections, router

_PLANS = "_zaakwerk_sql_plans"


def _plans(connection) -> dict:
    plans = connection.__dict__.get(_PLANS)
    if plans is None:
        plans = connection.__dict__[_PLANS] = {}
    return plans


def _apply(converters: dict, row: tuple, connection) -> list:
    values = list(row)
    for position, (functions, expression) in converters.items():
        value = values[position]
        for function in functions:
            value = function(value, expression, connection)
        values[position] = value
    return values


def get_by_pk(model, pk):
    """``model._base_manager.filter(pk=pk).first()`` without compiling the query each time."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    plans = _plans(connection)
    plan = plans.get(("get", model))
    if plan is None:
        compiler = model._base_manager.using(alias).filter(pk=pk).order_by()[:1].query.get_compiler(alias)
        sql, params = compiler.as_sql()
        expressions = [expression for expression, _, _ in compiler.select]
        attnames = [field.attname for field in model._meta.concrete_fields]
        if len(params) != 1 or [getattr(e, "target", None) for e in expressions] != list(model._meta.concrete_fields):
            raise RuntimeError(f"get_by_pk cannot compile a plain primary key read of {model.__name__}")
        plan = plans[("get", model)] = (sql, compiler.get_converters(expressions), attnames)
    sql, converters, attnames = plan
    value = model._meta.pk.get_db_prep_value(pk, connection, prepared=False)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        row = cursor.fetchone()
    if row is None:
        return None
    return model.from_db(alias, attnames, _apply(converters, row, connection) if converters else row)


def insert(obj) -> None:
    """INSERT ``obj`` (a new object) as ``obj.save()`` would, with the statement compiled once. An
    automatic primary key is read back into ``obj``."""
    model = type(obj)
    meta = model._meta
    alias = router.db_for_write(model, instance=obj)
    connection = connections[alias]
    plans = _plans(connection)
    returning = meta.auto_field is not None and obj.pk is None
    plan = plans.get(("insert", model, returning))
    if plan is None:
        qn = connection.ops.quote_name
        fields = [f for f in meta.local_concrete_fields if not (returning and f is meta.auto_field)]
        sql = (f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
               f"VALUES ({', '.join(['%s'] * len(fields))})")
        if returning:
            sql += f" RETURNING {qn(meta.auto_field.column)}"
        plan = plans[("insert", model, returning)] = (sql, fields)
    sql, fields = plan
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            setattr(obj, meta.auto_field.attname, cursor.fetchone()[0])
    obj._state.adding = False
    obj._state.db = alias
