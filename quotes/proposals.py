"""Propose draft quotes for an article with the rule-based extractor.

The extractor (``quotes.extraction``) knows nothing of Django; this service feeds it the people
and organizations of the database as a gazetteer (keys are primary keys as strings), runs it on
an article body and turns the candidates into DRAFT quotes for an editor to review:

- a candidate overlapping a quote the article already has (same offsets or overlapping span,
  or, for a quote without offsets, the same text) is skipped, so running it twice adds nothing;
- speaker / speaking organization / source organization come from the gazetteer keys: a named
  person is the speaker; an organization speaking as a body ('the Israeli military said') is the
  speaking organization; an unnamed source's organization ('a senior Hamas official') is the
  source organization;
- the attribution is the source as worded, with the cue, channel and date the extractor found;
- every quote goes through ``full_clean()`` (the verbatim rule among others); candidates that
  fail it are counted and left out, the others are created together in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from actors.models import Affiliation, Alias, Organization, Person
from config.concurrency import Slots

from .choices import Channel, QuoteKind, ReviewStatus
from .extraction import EXTRACTOR_VERSION, Candidate, Gazetteer, extract
from .models import Article, Quote


@dataclass
class ProposalResult:
    """What one run did: counts, plus the validation messages of the rejected candidates."""

    candidates: int = 0
    created: int = 0
    duplicates: int = 0
    invalid: int = 0
    below_confidence: int = 0
    errors: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "candidates": self.candidates,
            "created": self.created,
            "duplicates": self.duplicates,
            "invalid": self.invalid,
            "below_confidence": self.below_confidence,
        }


def extraction_slots() -> Slots:
    """At most EXTRACT_CONCURRENCY extractions at once across all workers (/extract/, the
    admin's proposals)."""
    return Slots("extract", settings.EXTRACT_CONCURRENCY, what="extractions", retry_after=2)


def build_gazetteer() -> Gazetteer:
    """Every person and organization with its aliases, keyed by primary key (as a string)."""
    people: dict[str, list[str]] = {
        str(pk): [name] for pk, name in Person.objects.values_list("pk", "name")
    }
    organizations: dict[str, list[str]] = {
        str(pk): [name] for pk, name in Organization.objects.values_list("pk", "name")
    }
    for person_id, organization_id, name in Alias.objects.values_list(
        "person_id", "organization_id", "name"
    ):
        if person_id is not None:
            people.setdefault(str(person_id), []).append(name)
        elif organization_id is not None:
            organizations.setdefault(str(organization_id), []).append(name)
    return Gazetteer(people=people, organizations=organizations)


def gazetteer_pk(value: str | None) -> int | None:
    """The primary key behind a gazetteer key (None for none or a key that is no number)."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def quote_from_candidate(article: Article, candidate: Candidate) -> Quote:
    """An unsaved DRAFT quote for one candidate (not validated yet)."""
    person_id = gazetteer_pk(candidate.person_key)
    organization_id = gazetteer_pk(candidate.organization_key)
    quote = Quote(
        article=article,
        text=candidate.text,
        kind=candidate.kind if candidate.kind in QuoteKind.values else QuoteKind.PARAPHRASE,
        attribution=candidate.source_text[:500],
        is_anonymous=candidate.is_anonymous,
        said_on=candidate.said_on,
        channel=candidate.channel if candidate.channel in Channel.values else Channel.OTHER,
        cue=candidate.cue[:50],
        start_offset=candidate.start,
        end_offset=candidate.end,
        language=article.language,
        status=ReviewStatus.DRAFT,
        extractor_version=EXTRACTOR_VERSION,
        extraction_confidence=candidate.confidence,
    )
    if candidate.is_anonymous:
        # 'a senior Hamas official': no speaker, the organization is the source's
        quote.source_organization_id = organization_id
    elif person_id is not None:
        quote.speaker_id = person_id
    elif organization_id is not None:
        quote.speaking_organization_id = organization_id
    return quote


def roles_when_said(
    candidates: Sequence[Candidate], article_date: dt.date | None
) -> list[Affiliation | None]:
    """The role each candidate's speaker held when speaking, as the draft quote would get it.

    The day is the candidate's own date, else the article's (``Quote.resolve_affiliation``); the
    role is ``Affiliation.objects.role_on`` for that speaker and day, looked up once per speaker
    and day. Unnamed sources and candidates without a known speaker or day have none.
    """
    held: dict[tuple[int, dt.date], Affiliation | None] = {}
    roles: list[Affiliation | None] = []
    for candidate in candidates:
        person_id = gazetteer_pk(candidate.person_key)
        day = candidate.said_on or article_date
        if candidate.is_anonymous or person_id is None or day is None:
            roles.append(None)
            continue
        if (person_id, day) not in held:
            held[person_id, day] = Affiliation.objects.role_on(person_id, day)
        roles.append(held[person_id, day])
    return roles


def propose_quotes(
    article: Article,
    *,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = 0.0,
) -> ProposalResult:
    """Create DRAFT quotes for the candidates the extractor finds in ``article.body``."""
    result = ProposalResult()
    if not article.body:
        return result
    if gazetteer is None:
        gazetteer = build_gazetteer()
    candidates = extract(article.body, article.published_on, gazetteer)
    result.candidates = len(candidates)
    with transaction.atomic():
        # Lock the article so two concurrent runs cannot both add the same proposals.
        Article.objects.select_for_update().filter(pk=article.pk).first()
        existing = list(article.quotes.values_list("start_offset", "end_offset", "text"))
        taken = [(s, e) for s, e, _ in existing if s is not None and e is not None]
        texts = {" ".join(t.split()) for s, _, t in existing if s is None}
        to_create: list[Quote] = []
        for candidate in candidates:
            span = (candidate.start, candidate.end)
            if any(_overlaps(span, other) for other in taken) or (
                " ".join(candidate.text.split()) in texts
            ):
                result.duplicates += 1
                continue
            if candidate.confidence < min_confidence:
                result.below_confidence += 1
                continue
            quote = quote_from_candidate(article, candidate)
            try:
                quote.full_clean()
            except ValidationError as error:
                result.invalid += 1
                result.errors.append(f"{candidate.text[:60]!r}: {error.messages}")
                continue
            taken.append((quote.start_offset, quote.end_offset))
            to_create.append(quote)
        for quote in to_create:
            quote.save()
        result.quotes = to_create
        result.created = len(to_create)
    return result


__all__ = [
    "ProposalResult",
    "build_gazetteer",
    "gazetteer_pk",
    "propose_quotes",
    "quote_from_candidate",
    "roles_when_said",
]
