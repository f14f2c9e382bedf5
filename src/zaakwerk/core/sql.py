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


def from_db(connection, field, value):
    """A value read by hand-written SQL from ``field``'s column, as the ORM gives it (the backend's
    and the field's converters: uuids and datetimes from SQLite's text, JSON, ...)."""
    if value is None:
        return None
    expression = field.get_col(field.model._meta.db_table)
    for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
        value = converter(value, expression, connection)
    return value


def get_by_pk(model, pk, *, for_update: bool = False):
    """``model._base_manager.filter(pk=pk).first()`` (with ``select_for_update()`` when
    ``for_update``) without compiling the query each time."""
    alias = router.db_for_write(model) if for_update else router.db_for_read(model)
    connection = connections[alias]
    plans = _plans(connection)
    plan = plans.get(("get", model, for_update))
    if plan is None:
        qs = model._base_manager.using(alias).filter(pk=pk).order_by()
        if for_update:
            qs = qs.select_for_update()
        compiler = qs[:1].query.get_compiler(alias)
        sql, params = compiler.as_sql()
        expressions = [expression for expression, _, _ in compiler.select]
        attnames = [field.attname for field in model._meta.concrete_fields]
        if len(params) != 1 or [getattr(e, "target", None) for e in expressions] != list(model._meta.concrete_fields):
            raise RuntimeError(f"get_by_pk cannot compile a plain primary key read of {model.__name__}")
        plan = plans[("get", model, for_update)] = (sql, compiler.get_converters(expressions), attnames)
    sql, converters, attnames = plan
    value = model._meta.pk.get_db_prep_value(pk, connection, prepared=False)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        row = cursor.fetchone()
    if row is None:
        return None
    return model.from_db(alias, attnames, _apply(converters, row, connection) if converters else row)


def update(obj, fields: list[str] | tuple[str, ...]) -> None:
    """``obj.save(update_fields=fields)`` for an object that exists, with the statement compiled
    once (``auto_now`` fields among ``fields`` are set as save() sets them)."""
    model = type(obj)
    meta = model._meta
    alias = router.db_for_write(model, instance=obj)
    connection = connections[alias]
    plans = _plans(connection)
    key = ("update", model, tuple(fields))
    plan = plans.get(key)
    if plan is None:
        qn = connection.ops.quote_name
        concrete = [meta.get_field(name) for name in fields]
        sql = (f"UPDATE {qn(meta.db_table)} SET {', '.join(f'{qn(f.column)} = %s' for f in concrete)} "
               f"WHERE {qn(meta.pk.column)} = %s")
        plan = plans[key] = (sql, concrete)
    sql, concrete = plan
    params = [f.get_db_prep_save(f.pre_save(obj, False), connection) for f in concrete]
    params.append(meta.pk.get_db_prep_value(obj.pk, connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


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
