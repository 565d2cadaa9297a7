"""The index writer: builds this node's index from PostgreSQL and keeps it current.

Tantivy allows one writer per index, so one process writes (``manage.py search_indexer``,
which ``make run`` starts): it builds the index when there is none, then applies the outbox
(``outbox``) as the database notifies changes, about a second after their commit at most.
``rebuild`` builds a new index beside the current one and swaps it in, so an upgrade of the
library or of the schema is a rebuild while search keeps answering, from PostgreSQL.
"""

import logging
import select
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import tantivy
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from . import outbox
from .tantivy_engine import open_engine
from .tantivy_index import SCHEMA, IndexDirectory, QuoteRow, document, new_index, open_index

logger = logging.getLogger(__name__)

# Everything the index holds of a quote, with the names as the search document has them
# (quotes_quote_search_names: the speaker's name and aliases, the speaking body's name and
# aliases, the source body's name).
_SELECT = """
SELECT q.id, q.text, q.attribution, {names},
    q.status, q.speaker_id, q.affiliation_id, af.organization_id, q.speaking_organization_id,
    q.source_organization_id, q.article_id, a.publisher_id, q.said_on, a.published_on, q.kind,
    q.channel, q.language, q.is_anonymous, q.is_unattributed, {topics}
FROM quotes_quote q
JOIN quotes_article a ON a.id = q.article_id
LEFT JOIN actors_affiliation af ON af.id = q.affiliation_id
"""
# A few quotes: the names function and a topic lookup per quote.
QUOTE_ROWS = _SELECT.format(
    names="quotes_quote_search_names("
    "q.speaker_id, q.speaking_organization_id, q.source_organization_id)",
    topics="ARRAY(SELECT t.topic_id FROM quotes_quote_topics t WHERE t.quote_id = q.id)",
)
# Every quote: the same names and topics, each actor's worked out once and joined.
ALL_QUOTE_ROWS = (
    """
WITH person_names AS (
    SELECT p.id, concat_ws(' ', p.name, string_agg(al.name, ' ')) AS names
    FROM actors_person p LEFT JOIN actors_alias al ON al.person_id = p.id GROUP BY p.id
), organization_names AS (
    SELECT o.id, o.name, string_agg(al.name, ' ') AS aliases
    FROM actors_organization o LEFT JOIN actors_alias al ON al.organization_id = o.id
    GROUP BY o.id
), quote_topics AS (
    SELECT quote_id, array_agg(topic_id) AS ids FROM quotes_quote_topics GROUP BY quote_id
)"""
    + _SELECT.format(
        names="concat_ws(' ', pn.names, so.name, so.aliases, src.name)",
        topics="coalesce(qt.ids, '{}')",
    )
    + """
LEFT JOIN person_names pn ON pn.id = q.speaker_id
LEFT JOIN organization_names so ON so.id = q.speaking_organization_id
LEFT JOIN organization_names src ON src.id = q.source_organization_id
LEFT JOIN quote_topics qt ON qt.quote_id = q.id
"""
)
BATCH = 5000
WRITER_HEAP = 64_000_000
BUILD_HEAP = 400_000_000


def quote_rows(ids: list[int]) -> list[QuoteRow]:
    with connection.cursor() as cursor:
        cursor.execute(QUOTE_ROWS + " WHERE q.id = ANY(%s)", [ids])
        return [QuoteRow(*row) for row in cursor.fetchall()]


def all_quote_rows() -> Iterator[list[QuoteRow]]:
    """Every quote, in batches, read in one snapshot (call inside a transaction)."""
    with connection.chunked_cursor() as cursor:
        cursor.execute(ALL_QUOTE_ROWS)
        while batch := cursor.fetchmany(BATCH):
            yield [QuoteRow(*row) for row in batch]


def replace_documents(writer: tantivy.IndexWriter, ids: list[int], rows: list[QuoteRow]) -> None:
    # By query: a delete by term on the id field deleted nothing in this Tantivy version.
    writer.delete_documents_by_query(tantivy.Query.term_set_query(SCHEMA, "id", ids))
    for row in rows:
        writer.add_json(document(row))


class Indexer:
    """The writer of ``root``'s current index."""

    def __init__(self, root):
        self.directory = IndexDirectory(root)
        self.path: Path | None = None
        self.writer: tantivy.IndexWriter | None = None
        self.position = outbox.Position()

    def open(self) -> bool:
        """Take the writer of the current index; False when there is none, or when its
        position is older than the outbox keeps (changes may be missing: rebuild)."""
        path = self.directory.current()
        if path is None:
            return False
        if path != self.path:
            self.close()
            position = outbox.Position.load(path)
            if time.time() - position.saved_at > settings.SEARCH_OUTBOX_RETENTION_HOURS * 3600:
                return False
            self.writer = open_index(path).writer(WRITER_HEAP, 1)
            self.path, self.position = path, position
        return True

    def close(self) -> None:
        if self.writer is not None:
            self.writer.wait_merging_threads()
        self.writer = self.path = None

    def sync(self) -> int:
        """Apply the changes recorded since the last round; returns the quotes re-indexed."""
        if not self.open():
            return 0
        changed, after = outbox.changes_since(self.position)
        if changed:
            ids = sorted(changed)
            for start in range(0, len(ids), BATCH):
                chunk = ids[start : start + BATCH]
                replace_documents(self.writer, chunk, quote_rows(chunk))
            self.writer.commit()
        now = time.time()
        if changed or after.xid != self.position.xid or now - self.position.saved_at > 600:
            after.save(self.path, now)
        else:
            after.saved_at = self.position.saved_at
        self.position = after
        return len(changed)


@dataclass
class Build:
    path: Path
    documents: int
    seconds: float
    size_mb: float


def rebuild(root, threads: int = 2, progress=None) -> Build:
    """Build a new index of every quote and make it current."""
    started = time.monotonic()
    directory = IndexDirectory(root)
    path = directory.create()
    writer = new_index(path).writer(BUILD_HEAP, threads)
    documents = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            position = outbox.Position(outbox.oldest_running_xid(cursor))
        for batch in all_quote_rows():
            for row in batch:
                writer.add_json(document(row))
            documents += len(batch)
            if progress:
                progress(documents)
    writer.commit()
    writer.wait_merging_threads()
    position.save(path, time.time())
    directory.publish(path)
    directory.remove_old()
    size = sum(file.stat().st_size for file in path.iterdir())
    return Build(path, documents, time.monotonic() - started, round(size / 2**20, 1))


def wait_for_changes(timeout: float) -> None:
    """Until the database notifies a change, or ``timeout`` seconds."""
    connection.ensure_connection()
    raw = connection.connection
    readable, _, _ = select.select([raw.fileno()], [], [], timeout)
    if readable:
        for _ in raw.notifies(timeout=0):
            pass


def run(root, *, poll: float = 1.0, rounds: int | None = None) -> None:
    """Keep ``root``'s index current until stopped (``rounds``: for tests). A database that
    stops answering is waited for: the changes wait in the outbox meanwhile."""
    indexer = Indexer(root)
    last_prune = 0.0
    while rounds is None or rounds > 0:
        try:
            if connection.connection is None:
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute(f"LISTEN {outbox.CHANNEL}")
            if not indexer.open():
                logger.info("Building the search index from the database")
                build = rebuild(root)
                logger.info("Indexed %s quotes in %.1f s", build.documents, build.seconds)
                continue
            if applied := indexer.sync():
                logger.info("Re-indexed %s quotes", applied)
            if time.monotonic() - last_prune > 600:
                outbox.prune(settings.SEARCH_OUTBOX_RETENTION_HOURS)
                last_prune = time.monotonic()
            wait_for_changes(poll)
        except DatabaseError:
            logger.exception("The database did not answer the search index writer; retrying")
            if connection.connection is not None and not connection.is_usable():
                connection.close()  # reopened, and listening again, by the next round
            time.sleep(max(poll, 1.0))
        if rounds is not None:
            rounds -= 1
    indexer.close()


def verify(root, sample: int = 1000) -> list[str]:
    """Differences between ``root``'s current index and the database (empty: none)."""
    engine = open_engine(root)
    if engine is None:
        return ["There is no usable search index: run rebuild_search_index."]
    problems = []
    engine.index.reload()
    searcher = engine.index.searcher()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM quotes_quote")
        (quotes,) = cursor.fetchone()
        cursor.execute("SELECT id FROM quotes_quote ORDER BY random() LIMIT %s", [sample])
        ids = [id_ for (id_,) in cursor.fetchall()]
    if searcher.num_docs != quotes:
        problems.append(f"The index holds {searcher.num_docs} quotes, the database {quotes}.")
    for row in quote_rows(ids):
        if difference := compare(searcher, row):
            problems.append(f"Quote {row.id}: {difference}")
    return problems


def compare(searcher: tantivy.Searcher, row: QuoteRow) -> str | None:
    found = searcher.search(tantivy.Query.term_query(SCHEMA, "id", row.id), 2).hits
    if len(found) != 1:
        return f"indexed {len(found)} times"
    expected = orjson.loads(document(row))
    for name in ("status", "speaker", "article", "said_on"):
        indexed = searcher.fast_field_values(name, [found[0][1]])[0]
        if indexed != expected.get(name):
            return f"{name} is {indexed} in the index, {expected.get(name)} in the database"
    return None
