"""PolNeAR (Political News Attribution Relations) as whosaid articles and quotes.

A PolNeAR folder holds ``metadata.tsv`` and one folder per split (``train``, ``dev``, ...), each
with ``text/<file>.txt`` (the article; its first line is the headline) and
``attributions/<file>_<annotator>.ann`` (brat standoff). Each ``E`` line ties an attribution
together: its ``Content`` (what was said), ``Source`` (who said it, as worded) and ``Cue``.

The conversion, in ``read_corpus``:

- One article per text file, body = the whole text file, so brat offsets are quote offsets.
  Publisher, date, author and title come from ``metadata.tsv``; the key is publisher, title and
  date (the corpus has no URLs). An article annotated by several annotators is read once, with
  the lexicographically first annotator's file.
- Each attribution becomes a quote: text = the content span (trimmed of spaces), its offsets;
  kind ``direct`` when the content is within quotation marks, else ``paraphrase``; attribution
  = the source span as worded; cue = the cue span. A discontinuous content span ("Content 10
  20;25 40") becomes its full extent when the pieces are in reading order (the extent is then
  still a span of the body, so the verbatim rule holds); otherwise it is rejected. An
  attribution without a source ("accusations have mounted", "is expected") is an unattributed
  quote: no source, the cue as worded.
- Speakers: a source that is a proper name (capitalised words, after stripping titles such as
  "Mr." or "Sen." and descriptions such as "Clinton campaign manager") and that
  ``quotes.entities`` types as a person (not "Trump Tower", "Daily Caller" or "North Carolina")
  is linked to a Person; a place or outlet before the name is cut off ("Florida Rick Wilson").
  Full names give one Person per first and last name across the corpus ("Donald J. Trump" and
  "Donald Trump" are one); a surname-only mention ("Trump", "Mr. Trump") is linked to the
  full-name Person whose name the article contains, or to the only one in the corpus with that
  surname, and becomes an alias of that Person. Pronouns and descriptions stay unlinked.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from .entities import Kind, NameEvidence, kind_of, person_tokens

PUBLISHERS = {
    "breitbart": ("breitbart", "Breitbart News"),
    "huff-post": ("huffpost", "HuffPost"),
    "nyt": ("new-york-times", "The New York Times"),
    "politico": ("politico", "Politico"),
    "usa-today": ("usa-today", "USA Today"),
    "wash-post": ("washington-post", "The Washington Post"),
    "west-journal": ("western-journalism", "Western Journalism"),
}
EXTRACTOR_VERSION = "polnear-1.0.0"
OPENING_MARKS = "\"“'‘"
CLOSING_MARKS = "\"”'’"

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "representative", "gov",
    "governor", "president", "vice", "former", "gen", "general", "secretary", "speaker",
    "lt", "col", "adm", "sgt", "judge", "justice", "rev", "reverend", "pope", "prime",
    "minister", "chairman", "chairwoman", "mayor", "attorney", "state", "candidate",
    "presidential", "republican", "democratic", "democrat", "gop", "sheriff", "professor",
    "prof", "ambassador", "congressman", "congresswoman", "councilman", "commissioner",
    "director", "chief", "majority", "minority", "leader", "house", "senate", "u.s", "us",
    "the", "first", "lady", "of", "white", "press", "spokesman", "spokeswoman", "ceo",
    "pastor", "host", "author", "billionaire", "businessman", "real", "estate", "mogul",
    "dem", "independent", "conservative", "liberal", "commentator", "anchor", "rabbi",
    "sir", "dame", "lord", "king", "queen", "prince", "princess", "sheikh", "new", "york",
    "journalist", "reporter", "columnist", "analyst", "strategist", "pollster", "economist",
    "activist", "donor", "writer", "editor", "adviser", "advisor", "aide", "consultant",
    "lawyer", "actor", "actress", "singer", "comedian", "rapper", "sens", "reps",
}  # fmt: skip
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
NOT_NAMES = {
    "i", "he", "she", "we", "they", "it", "you", "who", "which", "that", "this", "these",
    "those", "his", "her", "their", "our", "my", "its", "one", "some", "many", "others",
    "both", "all", "a", "an", "q", "americans", "republicans", "democrats", "officials",
}  # fmt: skip
ORGANIZATION_WORDS = {
    "campaign", "committee", "party", "times", "post", "news", "journal", "department",
    "house", "senate", "congress", "court", "administration", "association", "council",
    "foundation", "institute", "university", "center", "centre", "group", "network",
    "company", "corp", "inc", "agency", "office", "bureau", "service", "police", "army",
    "commission", "fund", "union", "federation", "league", "coalition", "organization",
    "ministry", "government", "state", "states", "county", "city", "republicans",
    "democrats", "americans", "voters", "poll", "survey", "report", "study", "press",
    "media", "fox", "cnn", "msnbc", "abc", "cbs", "nbc", "reuters", "ap", "afp", "gop",
    "pac", "obamacare", "twitter", "facebook", "google", "people", "club",
}  # fmt: skip
LINKING_WORDS = {
    "for", "of", "to", "with", "by", "at", "from", "near", "close", "about", "and", "or",
    "than", "like", "on", "in", "told", "said", "says", "the", "a", "an", "inside", "within",
    "among", "into", "behind", "under", "over", "outside", "against", "through", "is", "was",
    "are", "were",
}  # fmt: skip
NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]*\.?|[A-Z]\.|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)$")
PARTICLES = {"de", "van", "von", "der", "la", "le", "bin", "al", "da", "di", "del", "du"}


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Annotation:
    content: list[Span]
    source: list[Span] | None
    cue: list[Span] | None


@dataclass
class Mention:
    """A source that names a person: full name (first, last) or a surname alone."""

    surface: str  # the name as written, titles stripped
    tokens: list[str]
    titled: str  # the mention as written

    @property
    def is_full(self) -> bool:
        return len(self.tokens) >= 2

    @property
    def key(self) -> tuple[str, str]:
        return (self.tokens[0].casefold(), self.tokens[-1].casefold())

    @property
    def surname(self) -> str:
        return self.tokens[-1]


@dataclass
class Corpus:
    payloads: list[dict] = field(default_factory=list)  # import payloads, one per article
    lines: list[str] = field(default_factory=list)  # "<split>/<file>" per payload
    rejects: list[dict] = field(default_factory=list)  # {"file", "annotation", "reason"}
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # slug ->
    counts: Counter = field(default_factory=Counter)


def read_metadata(root: Path) -> dict[str, dict]:
    path = root / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def parse_ann(text: str) -> tuple[list[Annotation], int]:
    """The attributions of one brat file, and how many E lines were unusable."""
    spans: dict[str, list[Span]] = {}
    events = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = [
                    Span(*map(int, piece.split())) for piece in offsets.split(";") if piece
                ]
            except (TypeError, ValueError):
                continue
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for item in parts[1].split():
                role, _, target = item.partition(":")
                roles.setdefault(role, target)
            events.append(roles)
    annotations, broken = [], 0
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if not content:
            broken += 1
            continue
        annotations.append(
            Annotation(
                content=content,
                source=spans.get(roles.get("Source", "")),
                cue=spans.get(roles.get("Cue", "")),
            )
        )
    return annotations, broken


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def extent(body: str, pieces: list[Span]) -> tuple[int, int] | str:
    """(start, end) of a possibly discontinuous span, or the reason it cannot be one quote."""
    for before, after in itertools.pairwise(pieces):
        if after.start < before.end:
            return "Discontinuous span whose pieces are not in reading order."
    start, end = pieces[0].start, pieces[-1].end
    if not 0 <= start < end <= len(body):
        return f"Offsets {start}-{end} fall outside the text ({len(body)} characters)."
    return _trim(body, start, end)


def is_direct(body: str, start: int, end: int) -> bool:
    """The content is in quotation marks (its own, or the ones around it)."""
    text = body[start:end].rstrip(".,;:!? ")
    inside = text[:1] in OPENING_MARKS and text[-1:] in CLOSING_MARKS and len(text) > 1
    around = (
        start > 0 and body[start - 1] in OPENING_MARKS and body[end : end + 1] in (CLOSING_MARKS)
    )
    return inside or around


def _words(text: str) -> list[str]:
    return [word.strip(",;:") for word in text.replace("\u00a0", " ").split() if word.strip(",;:")]


def name_mention(source: str) -> Mention | None:
    """The person a source names, if it is a proper name (see the module docstring)."""
    text = re.sub(r"\([^)]*\)", " ", source)  # "(R-Texas)"
    text = text.split(",")[0]  # "Corey Lewandowski, Trump's campaign manager"
    words = _words(text)
    if not words or len(words) > 12:
        return None
    # The trailing run of capitalised words: "campaign manager Corey Lewandowski".
    run_start = len(words)
    while run_start > 0 and (
        NAME_TOKEN.match(words[run_start - 1])
        or (words[run_start - 1] in PARTICLES and run_start < len(words))
    ):
        run_start -= 1
    if run_start > 0:
        previous = words[run_start - 1]
        if previous.casefold() in LINKING_WORDS or previous.endswith(("'s", "’s", "s'")):
            return None  # "a spokesman for Hillary Clinton", "Trump's son"
        if not previous[:1].islower():
            return None
    tokens = [re.sub(r"['’]s?$", "", token) for token in words[run_start:]]  # possessives
    tokens = [token for token in tokens if token]
    titled = [i for i, token in enumerate(tokens) if token.rstrip(".").casefold() in TITLES]
    if titled and len(tokens) > titled[-1] + 1:
        tokens = tokens[titled[-1] + 1 :]  # "Ohio Gov. John Kasich" -> "John Kasich"
    while tokens and tokens[0].rstrip(".").casefold() in TITLES:
        tokens = tokens[1:]
    while tokens and tokens[-1].rstrip(".").casefold() in SUFFIXES:
        tokens = tokens[:-1]
    if not tokens or tokens[0] in PARTICLES or len(tokens) > 4:
        return None
    if any(token.rstrip(".").casefold() in ORGANIZATION_WORDS for token in tokens):
        return None
    if len(tokens) == 1 and (tokens[0].endswith(".") or len(tokens[0]) < 2):
        return None
    if tokens[-1].endswith(".") or any(token.casefold() in NOT_NAMES for token in tokens):
        return None
    return Mention(surface=" ".join(tokens), tokens=tokens, titled=" ".join(words[run_start:]))


def _annotator_files(folder: Path) -> dict[str, Path]:
    """For each text file name, its first annotator's .ann file."""
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        name, _, annotator = path.stem.rpartition("_")
        if not name:
            continue
        if name not in chosen or annotator < chosen[name].stem.rpartition("_")[2]:
            chosen[name] = path
    return chosen


def _splits(root: Path) -> list[Path]:
    return sorted(path for path in root.iterdir() if (path / "text").is_dir())


def read_corpus(root: Path | str, *, status: str = "verified") -> Corpus:
    """Read a PolNeAR folder into import payloads, rejects and aliases (no database)."""
    root = Path(root)
    corpus = Corpus()
    articles = _read_articles(root, read_metadata(root), corpus)
    people = _name_speakers(articles, corpus.counts)
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in people:
        by_surname[key[1]].append(key)
    for label, row, body, annotator, quotes in articles:
        corpus.payloads.append(
            _payload(row, body, annotator, quotes, people, by_surname, corpus, status)
        )
        corpus.lines.append(label)
    corpus.counts["articles"] = len(corpus.payloads)
    corpus.counts["people"] = len(people)
    return corpus


def _read_articles(root: Path, metadata: dict[str, dict], corpus: Corpus) -> list:
    """Each text file once, with its annotations and metadata row, as (label, metadata row,
    body, annotator, [(annotation, start, end, source span, wording)]); a file without either
    is a reject."""
    articles = []
    seen_files = set()
    for split in _splits(root):
        annotations_by_file = _annotator_files(split)
        for text_path in sorted((split / "text").glob("*.txt")):
            label = f"{split.name}/{text_path.stem}"
            if text_path.stem in seen_files:
                corpus.counts["duplicate files"] += 1
                continue
            seen_files.add(text_path.stem)
            ann_path = annotations_by_file.get(text_path.stem)
            row = metadata.get(text_path.stem)
            if ann_path is None:
                corpus.rejects.append({"file": label, "annotation": "", "reason": "No .ann file."})
                continue
            if row is None:
                corpus.rejects.append(
                    {"file": label, "annotation": "", "reason": "Not in metadata.tsv."}
                )
                continue
            body = text_path.read_text(encoding="utf-8")
            quotes = _read_quotes(body, ann_path, label, corpus)
            articles.append((label, row, body, ann_path.stem.rpartition("_")[2], quotes))
    return articles


def _read_quotes(body: str, ann_path: Path, label: str, corpus: Corpus) -> list:
    """The attributions of one annotation file whose spans hold in ``body``, as (annotation,
    start, end, source span, wording); the others are rejects."""
    annotations, broken = parse_ann(ann_path.read_text(encoding="utf-8"))
    corpus.counts["attributions"] += len(annotations) + broken
    for _ in range(broken):
        corpus.rejects.append(
            {"file": label, "annotation": ann_path.name, "reason": "No content span."}
        )
    quotes = []
    for number, annotation in enumerate(annotations, start=1):
        where = f"{ann_path.name}#{number}"
        span = extent(body, annotation.content)
        if isinstance(span, str):
            corpus.rejects.append({"file": label, "annotation": where, "reason": span})
            continue
        if len(annotation.content) > 1:
            corpus.counts["discontinuous spans kept whole"] += 1
        source = extent(body, annotation.source) if annotation.source else None
        if isinstance(source, str):
            corpus.rejects.append(
                {"file": label, "annotation": where, "reason": f"Source: {source}"}
            )
            continue
        start, end = span
        if start >= end:
            corpus.rejects.append(
                {"file": label, "annotation": where, "reason": "Empty content span."}
            )
            continue
        if source is None:
            corpus.counts["unattributed"] += 1
        wording = " ".join(body[source[0] : source[1]].split()) if source else ""
        quotes.append((annotation, start, end, source, wording))
    return quotes


def _name_speakers(articles: list, counts: Counter) -> dict[tuple[str, str], str]:
    """Type each quote's source as a person mention (in place: (annotation, start, end,
    wording, mention)) and return the people named in full somewhere in the corpus, each by
    its most frequent full form."""
    evidence = NameEvidence.from_corpus(article[2] for article in articles)
    full_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for article in articles:
        body = article[2]
        typed = []
        for annotation, start, end, source, wording in article[4]:
            mention = _person_mention(wording, body, source, evidence, counts)
            if mention is not None and mention.is_full:
                full_names[mention.key][mention.surface] += 1
            typed.append((annotation, start, end, wording, mention))
        article[4][:] = typed
    return {key: forms.most_common(1)[0][0] for key, forms in full_names.items()}


def _person_mention(wording, body, source, evidence, counts) -> Mention | None:
    """The person a source names, if ``quotes.entities`` types the name as a person's."""
    mention = name_mention(wording) if wording else None
    if mention is None or not mention.is_full:
        return mention
    tokens = person_tokens(mention.tokens, evidence=evidence)
    line_start = body.rfind("\n", 0, source[0]) + 1
    line_end = body.find("\n", source[0])
    line_end = len(body) if line_end < 0 else line_end
    kind = kind_of(
        tokens,
        written=mention.titled,
        before=body[max(line_start, source[0] - 40) : source[0]]
        + wording[: max(wording.find(mention.titled), 0)],
        headline=line_start == 0 or _is_title_line(body[line_start:line_end]),
        evidence=evidence,
    )
    if kind != Kind.PERSON:
        counts[f"named sources typed {kind}"] += 1
        return None
    return Mention(surface=" ".join(tokens), tokens=tokens, titled=mention.titled)


def _is_title_line(line: str) -> bool:
    """A headline: nearly every word of four letters or more is capitalised."""
    words = [word for word in line.split() if len(word) >= 4 and word[0].isalpha()]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def _speaker(mention, body, people, by_surname):
    if mention is None:
        return None, None
    if mention.is_full:
        return mention.key, None
    candidates = by_surname.get(mention.surname.casefold(), [])
    in_article = [key for key in candidates if f"{people[key].split()[0]} " in body]
    if len(in_article) == 1:
        return in_article[0], mention
    if len(candidates) == 1:
        return candidates[0], mention
    return None, None


def _payload(row, body, annotator, quotes, people, by_surname, corpus, status):
    slug, name = PUBLISHERS.get(row["publisher"], (slugify(row["publisher"]), row["publisher"]))
    author = (row.get("author") or "").strip()
    authors = [] if author in {"", "None"} else [part.strip() for part in author.split(" and ")]
    title = (row.get("title") or "").strip() or body.split("\n", 1)[0].strip()
    payload_quotes = []
    for annotation, start, end, wording, mention in quotes:
        key, surname_mention = _speaker(mention, body, people, by_surname)
        speaker = None
        if key is not None:
            person_name = people[key]
            person_slug = slugify(person_name)
            speaker = {"slug": person_slug, "name": person_name}
            corpus.counts["quotes with a named speaker"] += 1
            surface = mention.surface
            if surname_mention is not None:
                if not surname_mention.surname.isupper():  # "TRUMP:" in transcripts
                    corpus.aliases[person_slug].add(surname_mention.surname)
            elif surface != person_name and not surface.isupper():
                corpus.aliases[person_slug].add(surface)  # "Donald J. Trump"
        cue = ""
        if annotation.cue:
            cue_span = extent(body, annotation.cue)
            if not isinstance(cue_span, str):
                cue = " ".join(body[cue_span[0] : cue_span[1]].split())
                if len(cue) > 50:
                    cue = cue[:50].rsplit(" ", 1)[0]
        payload_quotes.append(
            {
                "text": body[start:end],
                "kind": "direct" if is_direct(body, start, end) else "paraphrase",
                "speaker": speaker,
                "attribution": wording[:500],
                "unattributed": not wording,
                "cue": cue,
                "start_offset": start,
                "end_offset": end,
                "status": status,
                "extractor_version": f"{EXTRACTOR_VERSION}:{annotator}"[:40],
            }
        )
    return {
        "publisher": {"slug": slug, "name": name},
        "title": title[:500],
        "published_on": row["publication_date"],
        "authors": [author[:200] for author in authors if author],
        "language": "en",
        "body": body,
        "quotes": payload_quotes,
    }
