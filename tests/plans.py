"""Query plans for tests that pin which index a query uses."""

from django.db import connection


def explain(queryset, *tables: str, setup: tuple[str, ...] = ()) -> str:
    """The plan PostgreSQL picks for ``queryset`` on fresh statistics of ``tables``, with
    sequential scans priced out: whether an index can answer it at all, at any table size."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for statement in setup:
            cursor.execute(statement)
        for table in tables:
            cursor.execute(f"ANALYZE {table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())
