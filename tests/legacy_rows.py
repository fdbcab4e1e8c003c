"""Rows stored before a database rule existed (or written around it), for the tests of outputs
that must survive them: the named CHECK constraints are dropped for the rest of the test's
transaction, which rolls back with it. PostgreSQL only (its DDL is transactional)."""

from __future__ import annotations

from django.apps import apps
from django.db import connection


def lift_constraints(*names: str) -> None:
    assert connection.vendor == "postgresql", "mark the test with @pytest.mark.postgres"
    wanted = set(names)
    with connection.cursor() as cursor:
        # Foreign keys are checked at commit; PostgreSQL alters no table with checks pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        for model in apps.get_app_config("claims").get_models():
            for constraint in model._meta.constraints:
                if constraint.name in wanted:
                    editor.remove_constraint(model, constraint)
                    wanted.discard(constraint.name)
    assert not wanted, f"no such constraints: {sorted(wanted)}"
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
