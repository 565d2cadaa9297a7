"""A payload checked and resolved against the catalog: the plan of what will be written."""

from __future__ import annotations

from dataclasses import dataclass, field

from quotes import verbatim
from quotes.choices import Channel, QuoteKind, ReviewStatus
from quotes.models import Publisher, Quote

from .catalog import Catalog
from .payload import (
    ARTICLE_KEYS,
    ARTICLE_LIMITS,
    QUOTE_KEYS,
    QUOTE_LIMITS,
    PayloadError,
    check_fields,
    check_url,
    constraint_message,
    read_choice,
    read_confidence,
    read_date,
    read_offset,
    read_string,
)

ONE_SPEAKER = constraint_message(Quote, "quote_one_speaker")
HAS_SOURCE = constraint_message(Quote, "quote_has_source")
ANONYMOUS_HAS_NO_SPEAKER = constraint_message(Quote, "quote_anonymous_has_no_speaker")
ROLE_NEEDS_SPEAKER = constraint_message(Quote, "quote_affiliation_needs_speaker")


@dataclass
class QuotePlan:
    values: dict
    topics: list = field(default_factory=list)


@dataclass
class ArticlePlan:
    key: object
    publisher: Publisher
    values: dict
    quotes: list[QuotePlan]
    line: int | None = None


def locate_quote(body: str, text: str, start: int | None, end: int | None) -> tuple[int, int]:
    """The verbatim rule as ``Quote.prepare`` applies it, with a shortcut when the given
    offsets already hold exactly the (trimmed) text: ``verbatim.locate`` returns that very span
    then, and this skips normalising the whole body for each quote."""
    if start is not None and end is not None and body[start:end] == text and text.strip() == text:
        return start, end
    return verbatim.locate(body, text, start)


def parse_article(payload, catalog: Catalog, *, create_people: bool = False) -> ArticlePlan:
    """Validate one payload against ``catalog``; raises PayloadError naming the field."""
    if not isinstance(payload, dict):
        raise PayloadError("(line)", "An article must be a JSON object.")
    check_fields(payload, ARTICLE_KEYS, "")
    if payload.get("publisher") is None:
        raise PayloadError("publisher", 'Required: a slug or {"slug", "name", "website"}.')
    title = " ".join(
        read_string(payload, "title", "", ARTICLE_LIMITS["title"], required=True).split()
    )
    url = read_string(payload, "url", "", ARTICLE_LIMITS["url"]).strip()
    if url:
        check_url(url, "url")
    published_on = read_date(payload.get("published_on"), "published_on", required=True)
    authors = payload.get("authors") or []
    if not isinstance(authors, list) or not all(
        isinstance(author, str)
        and 0 < len(author) <= ARTICLE_LIMITS["authors"]
        and "\x00" not in author
        for author in authors
    ):
        raise PayloadError(
            "authors",
            f"A list of names of 1 to {ARTICLE_LIMITS['authors']} characters, without NUL.",
        )
    language = (
        read_string(payload, "language", "", ARTICLE_LIMITS["language"], default="en") or "en"
    )
    body = read_string(payload, "body", "", 0)
    quotes = payload.get("quotes") or []
    if not isinstance(quotes, list):
        raise PayloadError("quotes", "Must be a list.")
    if quotes and not body.strip():
        raise PayloadError("body", "Required when there are quotes: they are checked against it.")
    publisher = catalog.publisher(payload["publisher"], "publisher")
    key = url or (publisher.slug, title, published_on.isoformat())
    plan = ArticlePlan(
        key=key,
        publisher=publisher,
        values={
            "title": title,
            "url": url,
            "published_on": published_on,
            "authors": authors,
            "language": language,
            "body": body,
        },
        quotes=[],
    )
    for index, quote in enumerate(quotes):
        plan.quotes.append(
            _parse_quote(quote, f"quotes[{index}]", plan.values, catalog, create_people)
        )
    return plan


def _parse_quote(data, path, article, catalog, create) -> QuotePlan:
    if not isinstance(data, dict):
        raise PayloadError(path, "A quote must be an object.")
    check_fields(data, QUOTE_KEYS, path)
    text = read_string(data, "text", path, 0, required=True)
    start, end = read_offset(data, "start_offset", path), read_offset(data, "end_offset", path)
    try:
        start, end = locate_quote(article["body"], text, start, end)
    except verbatim.VerbatimError as error:
        raise PayloadError(f"{path}.text", str(error)) from error
    source = _parse_source(data, path, catalog, create)
    speaker = source["speaker"]
    said_on = read_date(data.get("said_on"), f"{path}.said_on") or article["published_on"]
    role = None
    if data.get("role") is not None:
        if speaker is None:
            raise PayloadError(f"{path}.role", ROLE_NEEDS_SPEAKER)
        role = catalog.role(speaker, data["role"], f"{path}.role", create)
    elif speaker is not None:
        role = catalog.role_on(speaker, said_on)
    confidence = read_confidence(data, "extraction_confidence", path)
    topics = data.get("topics") or []
    if not isinstance(topics, list):
        raise PayloadError(f"{path}.topics", "A list of topic slugs.")
    values = {
        "text": article["body"][start:end],
        "kind": read_choice(data, "kind", path, QuoteKind, QuoteKind.DIRECT),
        **source,
        "source_label": read_string(data, "source_label", path, QUOTE_LIMITS["source_label"]),
        "affiliation": role,
        "said_on": said_on,
        "channel": read_choice(data, "channel", path, Channel, Channel.OTHER),
        "cue": read_string(data, "cue", path, QUOTE_LIMITS["cue"]),
        "place": read_string(data, "place", path, QUOTE_LIMITS["place"]),
        "start_offset": start,
        "end_offset": end,
        "language": read_string(data, "language", path, QUOTE_LIMITS["language"])
        or article["language"],
        "status": read_choice(data, "status", path, ReviewStatus, ReviewStatus.DRAFT),
        "extractor_version": read_string(
            data, "extractor_version", path, QUOTE_LIMITS["extractor_version"]
        ),
        "extraction_confidence": confidence,
    }
    found = (catalog.topic(topic, f"{path}.topics[{index}]") for index, topic in enumerate(topics))
    return QuotePlan(values=values, topics=list({id(topic): topic for topic in found}.values()))


def _parse_source(data, path, catalog, create) -> dict:
    """Who the quote is attributed to, as the quote's values: the speaker or the speaking
    organization, the unnamed source's organization, the attribution as worded, anonymity."""
    speaker = catalog.person(data.get("speaker"), f"{path}.speaker", create)
    speaking_org = catalog.organization(
        data.get("speaking_organization"), f"{path}.speaking_organization", create
    )
    source_org = catalog.organization(
        data.get("source_organization"), f"{path}.source_organization", create
    )
    attribution = read_string(data, "attribution", path, QUOTE_LIMITS["attribution"])
    anonymous = data.get("anonymous", False)
    if not isinstance(anonymous, bool):
        raise PayloadError(f"{path}.anonymous", "true or false.")
    if speaker is not None and speaking_org is not None:
        raise PayloadError(path, ONE_SPEAKER)
    if speaker is None and speaking_org is None and not attribution:
        raise PayloadError(path, HAS_SOURCE)
    if anonymous and speaker is not None:
        raise PayloadError(f"{path}.anonymous", ANONYMOUS_HAS_NO_SPEAKER)
    return {
        "speaker": speaker,
        "speaking_organization": speaking_org,
        "attribution": attribution,
        "is_anonymous": anonymous,
        "source_organization": source_org,
    }
