"""Rows written in plain SQL on the import's hot path, with the values the ORM would write.

An import writes an article and some 20 claims and a dozen quantities per item, thousands of
items a minute; building model instances and compiling ORM statements for them cost more CPU
than the database spent storing them. Fields the caller leaves out take what ``Model.save()``
or ``bulk_create()`` would store: their default, or now for ``auto_now``/``auto_now_add``.
Model ``save()`` overrides and signals do not run, so callers pass what those would set.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone
from psycopg.types.json import Jsonb


def _defaults(model: type[models.Model], given) -> dict:
    """Database values, by attname, of the fields not in ``given`` and not the primary key.

    Fields with only a database default are left out, for the database to fill.
    """
    now = timezone.now()
    defaults = {}
    for attname, field, value in _default_layout(model, tuple(given), connection.vendor):
        if value is _NOW:
            value = field.get_db_prep_save(now, connection)
        elif value is _CALL:
            value = field.get_db_prep_save(field.get_default(), connection)
        defaults[attname] = value
    return defaults


_NOW, _CALL = object(), object()


@functools.cache
def _default_layout(model: type[models.Model], given: tuple, vendor: str) -> tuple:
    """(attname, field, value) of the fields _defaults fills, worked out once per model and
    set of given fields: the value prepared for the database, or _NOW for ``auto_now`` and
    ``auto_now_add``, or _CALL for a callable default, which each row gets afresh."""
    layout = []
    for field in model._meta.concrete_fields:
        if field.attname in given or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            layout.append((field.attname, field, _NOW))
        elif field.has_default() and callable(field.default):
            layout.append((field.attname, field, _CALL))
        elif field.has_default() or field.db_default is NOT_PROVIDED:
            value = field.get_db_prep_save(field.get_default(), connection)
            layout.append((field.attname, field, value))
    return tuple(layout)


def _fields(model: type[models.Model]) -> dict:
    return _fields_by_attname(model, connection.vendor)


@functools.cache
def _fields_by_attname(model: type[models.Model], vendor: str) -> dict:
    return {f.attname: f for f in model._meta.concrete_fields}


def _columns(model: type[models.Model], attnames) -> str:
    return _column_list(model, tuple(attnames), connection.vendor)


@functools.cache
def _column_list(model: type[models.Model], attnames: tuple, vendor: str) -> str:
    fields = _fields(model)
    return ", ".join(connection.ops.quote_name(fields[name].column) for name in attnames)


def insert_row(model: type[models.Model], values: Mapping) -> int:
    """INSERT one row (``values`` by attname) and return its primary key."""
    sql, params = _insert_sql(model, values)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def insert_row_drawing_ids(
    model: type[models.Model], values: Mapping, *, ids_of: type[models.Model], count: int
) -> tuple[int, list[int]]:
    """insert_row, and ``count`` ids drawn from the sequence of ``ids_of``'s primary key in the
    same statement (PostgreSQL), for rows about to be copied in: one round trip, not two."""
    sql, params = _insert_sql(model, values)
    sql += ", ARRAY(SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s))"
    params += [ids_of._meta.db_table, ids_of._meta.pk.column, count]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk, ids = cursor.fetchone()
    return pk, ids


def _insert_sql(model: type[models.Model], values: Mapping) -> tuple[str, list]:
    """The INSERT of one row, ending in ``RETURNING`` its primary key, and its parameters."""
    fields = _fields(model)
    row = {name: fields[name].get_db_prep_save(value, connection) for name, value in values.items()}
    row.update(_defaults(model, values))
    table, pk = (
        connection.ops.quote_name(n) for n in (model._meta.db_table, model._meta.pk.column)
    )
    placeholders = ", ".join(["%s"] * len(row))
    sql = f"INSERT INTO {table} ({_columns(model, row)}) VALUES ({placeholders}) RETURNING {pk}"  # noqa: S608 - our names; values are parameters
    return sql, list(row.values())


def copy_rows(model: type[models.Model], rows: list[dict]) -> None:
    """COPY rows (dicts by attname, all with the same keys, values as psycopg adapts them)
    into the model's table (PostgreSQL). JSON fields take plain Python values."""
    if not rows:
        return

    given = list(rows[0])
    defaults = _defaults(model, given)
    tail = tuple(defaults.values())
    json_fields = {
        f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)
    }
    json_columns = [i for i, name in enumerate(given) if name in json_fields]
    columns = _columns(model, [*given, *defaults])
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.copy(sql) as copy:
        for row in rows:
            values = list(row.values())
            for i in json_columns:
                values[i] = Jsonb(values[i])
            copy.write_row((*values, *tail))
