"""The Tantivy index of quotes: its schema, how text is analysed, and where it lives on disk.

Each quote is one document. Its words are in four text fields, analysed like the PostgreSQL
document (lower case, accents folded, English stop words dropped, Snowball English stems):
``text`` (weighted highest), ``names`` (the speaker's or speaking body's names and aliases, the
source body's name), ``attribution``, and ``joined``, the quote text again with each hyphenated
word written joined ('cease-fire' -> 'ceasefire'), present only when the text has one: a search
matches either spelling, and phrases keep their positions in both. The narrowing filters of the
API are indexed numbers and terms (speaker, organizations, dates, kind, status, ...).

On disk, ``SEARCH_INDEX_DIR/current`` is a symbolic link to the index in use; a rebuild writes
a new directory beside it and swaps the link, so readers never see half an index. Each index
holds ``whosaid.json``, what built it: an index of another format or Tantivy version is not
used (search falls back to PostgreSQL) until it is rebuilt.
"""

import datetime
import functools
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import orjson
import tantivy

from .query import HYPHEN, HYPHEN_IN_WORD

# Bump when the schema or the analysis changes: older indexes are then rebuilt.
INDEX_FORMAT = 2
ANALYZER = "whosaid_english"
MANIFEST = "whosaid.json"
CURRENT = "current"
EPOCH = datetime.date(1970, 1, 1)

STATUS_CODES = {"verified": 0, "draft": 1, "retracted": 2}
UNREVIEWED = [STATUS_CODES["draft"], STATUS_CODES["retracted"]]

# Text fields and their BM25 weights, after PostgreSQL's A, B and C weights (1, 0.4, 0.2).
TEXT_FIELDS = {"text": 1.0, "joined": 1.0, "names": 0.4, "attribution": 0.2}
# What the simple tokenizer calls a word: a run of letters and digits.
WORD = re.compile(r"[^\W_]+")
HYPHENATED_WORD = re.compile(rf"[^\W\d_]+(?:{HYPHEN.pattern}[^\W\d_]+)+")


def analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(60))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stopword("english"))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


_ANALYZER = analyzer()


@functools.lru_cache(maxsize=20_000)
def indexed_form(word: str) -> str | None:
    """A word as the index holds it ('Negotiations' -> 'negoti'), None for a stop word."""
    tokens = _ANALYZER.analyze(word)
    return tokens[0] if tokens else None


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name=ANALYZER)
    for name in ("status", "speaker", "article", "said_on"):  # fast: read back by verify
        builder.add_integer_field(name, indexed=True, fast=True)
    for name in ("organizations", "affiliation", "publisher", "topics", "published_on"):
        builder.add_integer_field(name, indexed=True, fast=name == "published_on")
    for name in ("kind", "channel", "language"):
        builder.add_text_field(name, tokenizer_name="raw")
    builder.add_boolean_field("anonymous", indexed=True)
    builder.add_boolean_field("unattributed", indexed=True)
    return builder.build()


SCHEMA = build_schema()


def day_number(day: datetime.date) -> int:
    return (day - EPOCH).days


def joined_spellings(text: str) -> str | None:
    """The text with hyphenated words joined, or None when it has none."""
    if not HYPHEN.search(text) or not HYPHEN_IN_WORD.search(text):
        return None
    return HYPHEN_IN_WORD.sub("", text)


def with_joined_words(text: str) -> list[str]:
    """A name or an attribution, and its hyphenated words joined ('Jean-Pierre Dupont' also
    finds 'jeanpierre'), as a second value of the field."""
    if not HYPHEN.search(text):
        return [text]
    joined = [HYPHEN.sub("", word) for word in HYPHENATED_WORD.findall(text)]
    return [text, " ".join(joined)] if joined else [text]


@dataclass
class QuoteRow:
    """What the index holds of a quote, as ``documents.QUOTE_ROWS`` reads it."""

    id: int
    text: str
    attribution: str
    names: str
    status: str
    speaker_id: int | None
    affiliation_id: int | None
    role_organization_id: int | None
    speaking_organization_id: int | None
    source_organization_id: int | None
    article_id: int
    publisher_id: int
    said_on: datetime.date | None
    published_on: datetime.date
    kind: str
    channel: str
    language: str
    is_anonymous: bool
    is_unattributed: bool
    topic_ids: list[int]


def document(row: QuoteRow) -> str:
    """The index document of a quote, as the JSON ``IndexWriter.add_json`` takes (cheaper to
    hand over than a ``tantivy.Document``)."""
    fields = {
        "id": row.id,
        "text": row.text,
        "names": with_joined_words(row.names),
        "attribution": with_joined_words(row.attribution),
        "status": STATUS_CODES.get(row.status, -1),
        "article": row.article_id,
        "publisher": row.publisher_id,
        "published_on": day_number(row.published_on),
        "kind": row.kind,
        "channel": row.channel,
        "language": row.language,
        "anonymous": row.is_anonymous,
        "unattributed": row.is_unattributed,
    }
    if joined := joined_spellings(row.text):
        fields["joined"] = joined
    organizations = {
        org
        for org in (
            row.role_organization_id,
            row.speaking_organization_id,
            row.source_organization_id,
        )
        if org is not None
    }
    if organizations:
        fields["organizations"] = sorted(organizations)
    if row.topic_ids:
        fields["topics"] = list(row.topic_ids)
    for name, value in (("speaker", row.speaker_id), ("affiliation", row.affiliation_id)):
        if value is not None:
            fields[name] = value
    if row.said_on is not None:
        fields["said_on"] = day_number(row.said_on)
    return orjson.dumps(fields).decode()


# On disk.


def manifest() -> dict:
    return {"format": INDEX_FORMAT, "tantivy": tantivy.__version__}


class IndexDirectory:
    """``root/current`` -> the index in use; ``root/index-*``: built indexes."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @property
    def link(self) -> Path:
        return self.root / CURRENT

    def current(self) -> Path | None:
        """The index in use, if it exists and this code can read it."""
        try:
            target = self.root / os.readlink(self.link)
            built = json.loads((target / MANIFEST).read_text())
        except (OSError, ValueError):
            return None
        return target if built == manifest() else None

    def create(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S")
        path = self.root / f"index-{stamp}-{uuid.uuid4().hex[:6]}"
        path.mkdir()
        return path

    def publish(self, path: Path) -> None:
        """Mark ``path`` as built by this code and make it current, atomically."""
        (path / MANIFEST).write_text(json.dumps(manifest()))
        temporary = self.root / f".{CURRENT}-{uuid.uuid4().hex[:6]}"
        temporary.symlink_to(path.name)
        os.replace(temporary, self.link)

    def remove_old(self, keep: int = 2) -> None:
        """Delete built indexes but the current one and the newest others (a reader may
        still be on the previous one for a moment)."""
        current = self.current()
        built = sorted(self.root.glob("index-*"), key=lambda p: p.stat().st_mtime, reverse=True)
        for path in built[keep:]:
            if path != current:
                shutil.rmtree(path, ignore_errors=True)


def open_index(path: Path) -> tantivy.Index:
    index = tantivy.Index.open(str(path))
    index.register_tokenizer(ANALYZER, analyzer())
    return index


def new_index(path: Path) -> tantivy.Index:
    index = tantivy.Index(SCHEMA, path=str(path), reuse=False)
    index.register_tokenizer(ANALYZER, analyzer())
    return index
