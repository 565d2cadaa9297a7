"""Read-side helpers for quotes: the context sentence(s), a ready citation, organization scope,
the list endpoint's filters outside a request."""

import datetime
import re

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from actors.models import Affiliation

from .models import Quote

# A sentence ends at . ! ? (with any closing quote mark or bracket) before a space, or at a
# paragraph break; not after the abbreviations newspapers use before names and dates.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|St|Jr|Sr|No|Jan|Feb|Aug|Sept|Sep|Oct|Nov"
    r"|Dec)|\b[A-Z]|\b[A-Z]\.[A-Z])$"
)
CONTEXT_LIMIT = 1500


def _sentence_ends(body: str, start: int, stop: int):
    for match in _SENTENCE_END.finditer(body, start, stop):
        before = body[max(0, match.start() - 8) : match.start()]
        if match.group()[0] == "." and _ABBREVIATIONS.search(before):
            continue
        yield match


def quote_context(quote: Quote) -> str | None:
    """The sentence(s) of the article body that contain the quote; None without offsets."""
    return context_in(quote.article.body, quote.start_offset, quote.end_offset)


def context_in(body: str, start: int | None, end: int | None) -> str | None:
    """The sentence(s) of ``body`` around the span ``start:end``; None without offsets."""
    if not body or start is None or end is None:
        return None
    window_start = max(0, start - CONTEXT_LIMIT)
    begin = window_start
    for match in _sentence_ends(body, window_start, start):
        begin = match.end()
    finish = min(len(body), end + CONTEXT_LIMIT)
    for match in _sentence_ends(body, max(end - 1, start), finish):
        finish = match.end()
        break
    return body[begin:finish].strip()


def citation(quote: Quote) -> str:
    """E.g. "Benjamin Netanyahu, Prime Minister (Prime Minister's Office (Israel)), quoted in
    The New York Times, December 20, 2023". The quote comes from ``with_relations()``."""
    return citation_of(
        speaker=quote.speaker.name if quote.speaker_id else None,
        speaking_organization=(quote.speaking_organization_ref or {}).get("name"),
        source_organization=(quote.source_organization_ref or {}).get("name"),
        anonymous=quote.is_anonymous,
        attribution=quote.attribution,
        role=quote.role_ref and (quote.role_ref["role"], quote.role_ref["organization"]["name"]),
        publisher=quote.article.publisher.name,
        published=quote.article.published_on,
        said=quote.said_on,
    )


def citation_of(
    *,
    speaker: str | None,
    speaking_organization: str | None,
    source_organization: str | None,
    anonymous: bool,
    attribution: str,
    role: tuple[str, str] | None,
    publisher: str,
    published: datetime.date,
    said: datetime.date | None,
) -> str:
    """The citation from its parts; ``role`` is (title, organization name)."""
    if speaker:
        source = speaker
    elif speaking_organization:
        source = speaking_organization
    elif anonymous and source_organization:
        source = f"Unnamed source ({source_organization})"
    elif anonymous:
        source = "Unnamed source"
    else:
        source = attribution[:1].upper() + attribution[1:]
    parts = [source]
    if role:
        parts.append(f"{role[0]} ({role[1]})")
    parts.append(f"quoted in {publisher}")
    parts.append(f"{published:%B} {published.day}, {published.year}")
    text = ", ".join(parts)
    if said and said != published:
        text += f" (said {said:%B} {said.day}, {said.year})"
    return text


def quotes_of_organizations(queryset: QuerySet, organization_ids: list[int]) -> QuerySet:
    """Quotes said in a role held in these organizations, by them as a body, or by their
    unnamed sources ("a senior Hamas official")."""
    roles = Affiliation.objects.filter(organization_id__in=organization_ids).values("pk")
    return queryset.filter(
        Q(affiliation_id__in=roles)
        | Q(speaking_organization_id__in=organization_ids)
        | Q(source_organization_id__in=organization_ids)
    )


def has_visible_quotes(user) -> Exists:
    """For articles: at least one quote this user may see."""
    return Exists(Quote.objects.visible_to(user).filter(article=OuterRef("pk")))


class FilterError(ValueError):
    """Invalid filter parameters; ``errors`` maps each parameter to its messages."""

    def __init__(self, errors: dict):
        super().__init__("; ".join(f"{key}: {' '.join(value)}" for key, value in errors.items()))
        self.errors = errors


def filter_quotes(params: dict | QueryDict | None = None, queryset: QuerySet | None = None):
    """The quotes the list endpoint would return for these query parameters (its filters and
    search, ``quotes.filtersets.QuoteFilterSet``), of every status, as staff see them."""
    from .filtersets import QuoteFilterSet  # the filter sets use this module's selectors

    queryset = Quote.objects.all() if queryset is None else queryset
    if not params:
        return queryset.order_by("-said_on", "-id")
    if not isinstance(params, QueryDict):
        data = QueryDict(mutable=True)
        for key, value in params.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                data.appendlist(key, item)
        params = data
    filterset = QuoteFilterSet(data=params, queryset=queryset, request=None)
    if not filterset.is_valid():
        raise FilterError({key: list(value) for key, value in filterset.errors.items()})
    return filterset.qs
