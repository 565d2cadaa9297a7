"""The outbox: which quotes changed, recorded by the database in the writing transaction.

Triggers (migration quotes 0010) add a row ``(quote_id, xid)`` to ``quotes_search_outbox`` for
every quote inserted, updated or deleted, whose topics changed, whose article's date or
publisher changed, or whose role moved to another organization; renames and aliases reach it
through the search-document triggers, which update the quotes that name the actor. Each
statement notifies ``quotes_search``, which wakes the writer.

Rows are not consumed: every node reads them from its own position, so each node's index
follows the same database. A position is a transaction id: every transaction below the
oldest one still running when a round starts has committed or aborted, so its rows are all
visible; rows of transactions at or above it may still appear, and are read again next round
(the ids already applied are remembered, so a quote is not indexed twice for one change).
Rows older than ``SEARCH_OUTBOX_RETENTION_HOURS`` are deleted; a node further behind than that
rebuilds its index.
"""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection

CHANNEL = "quotes_search"
POSITION_FILE = "position.json"


@dataclass
class Position:
    xid: int = 0  # rows of transactions from this one on may still be unread
    applied: set[int] = field(default_factory=set)  # outbox ids read at or above it
    saved_at: float = 0.0

    @classmethod
    def load(cls, index_path: Path) -> "Position":
        try:
            data = json.loads((index_path / POSITION_FILE).read_text())
        except (OSError, ValueError):
            return cls()
        return cls(data["xid"], set(data["applied"]), data["saved_at"])

    def save(self, index_path: Path, now: float) -> None:
        self.saved_at = now
        data = {"xid": self.xid, "applied": sorted(self.applied), "saved_at": now}
        temporary = index_path / f".{POSITION_FILE}.tmp"
        temporary.write_text(json.dumps(data))
        os.replace(temporary, index_path / POSITION_FILE)


def oldest_running_xid(cursor) -> int:
    cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text")
    return int(cursor.fetchone()[0])


def changes_since(position: Position) -> tuple[set[int], Position]:
    """The quotes changed since ``position`` and the position after them."""
    with connection.cursor() as cursor:
        horizon = oldest_running_xid(cursor)
        cursor.execute(
            "SELECT id, quote_id, xid::text FROM quotes_search_outbox WHERE xid >= %s::xid8",
            [str(position.xid)],
        )
        rows = cursor.fetchall()
    changed = {quote_id for id_, quote_id, _ in rows if id_ not in position.applied}
    still_open = {id_ for id_, _, xid in rows if int(xid) >= horizon}
    return changed, Position(horizon, still_open)


def prune(hours: int) -> int:
    """Delete the rows older than ``hours``; returns how many."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM quotes_search_outbox "
            "WHERE created_at < now() - make_interval(hours => %s)",
            [hours],
        )
        return cursor.rowcount
