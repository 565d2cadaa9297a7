"""How many requests of one kind may run at once, across every worker and app server.

Each kind has a few slots; a slot is a PostgreSQL advisory lock (``pg_try_advisory_lock``)
held by the request's database session. A worker that dies frees its slots with its
connection, so no count can leak. Session locks need session pooling: behind a pooler in
transaction mode (PgBouncer's default), point the web workers at PostgreSQL directly.
"""

import logging
import zlib

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


class AllSlotsBusy(Exception):
    """Every slot of a kind of work is taken; ``retry_after`` says when to try again."""

    def __init__(self, what: str, retry_after: int):
        super().__init__(f"Too many {what} are running: try again in {retry_after} seconds.")
        self.retry_after = retry_after


class Slots:
    """``slots`` concurrent holders of ``name``: ``with Slots(...).take():`` or take/release."""

    def __init__(self, name: str, slots: int, *, what: str, retry_after: int):
        self.key = zlib.crc32(name.encode()) & 0x7FFFFFFF
        self.slots, self.what, self.retry_after = slots, what, retry_after

    def take(self) -> "Slot":
        """A free slot, or AllSlotsBusy. No slots configured (0) means no bound."""
        if self.slots <= 0:
            return Slot(self.key, None)
        with connection.cursor() as cursor:
            for number in range(self.slots):
                cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [self.key, number])
                if cursor.fetchone()[0]:
                    return Slot(self.key, number)
        raise AllSlotsBusy(self.what, self.retry_after)


class Slot:
    def __init__(self, key: int, number: int | None):
        self.key, self.number = key, number

    def release(self):
        if self.number is None:
            return
        number, self.number = self.number, None
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [self.key, number])
        except DatabaseError:
            # The session is gone or broken: closing it frees whatever it still holds.
            logger.warning(
                "Could not release slot %s of %s: closing the connection", number, self.key
            )
            connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.release()


class HeldWhileStreaming:
    """A streamed body that holds ``slot`` until the server closes the response (finished,
    failed, or the client gone), for StreamingHttpResponse, which calls ``close()``."""

    def __init__(self, chunks, slot: Slot):
        self.chunks, self.slot = chunks, slot

    def __iter__(self):
        return iter(self.chunks)

    def close(self):
        self.slot.release()
