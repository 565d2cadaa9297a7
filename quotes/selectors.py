"""Read-side helpers for quotes: the context sentence(s) and paragraph, organization scope,
the list endpoint's filters outside a request, and a page of quotes for query parameters as the
API's quote list serves it."""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.db.models import Count, DateField, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncMonth
from django.http import QueryDict
from rest_framework.request import Request

from actors.models import Affiliation
from config.api.pagination import KeysetCursorPagination

from . import search, verbatim
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


def paragraph_around(quote: Quote) -> tuple[str, str, str] | None:
    """``(before, quote, after)``: the paragraph of the article body holding the quote, split
    around it; found again if the body was edited since. None without offsets or a body, or
    when the quote no longer occurs in the body."""
    body = quote.article.body
    if not body or quote.start_offset is None:
        return None
    start, end = quote.start_offset, quote.end_offset
    if body[start:end] != quote.text:
        try:
            start, end = verbatim.locate(body, quote.text, start)
        except verbatim.VerbatimError:
            return None
    first = body.rfind("\n", 0, start) + 1
    last = body.find("\n", end)
    if last == -1:
        last = len(body)
    return body[first:start], body[start:end], body[end:last]


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
        return queryset.order_by(F("said_on").desc(nulls_last=True), "-id")
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


# Pages of quotes, as the API's list pages them (config.api.pagination), for the site.


@dataclass
class QuotePage:
    quotes: list[Quote]
    next_cursor: str | None
    previous_cursor: str | None


def page_of_quotes(filterset, request) -> QuotePage:
    """The page of ``filterset.qs`` that the request's ``cursor`` and ``page_size`` name, with
    each quote's ``highlight`` when searching: the API list's paging and highlights.

    A bad cursor or page size raises the API's NotFound or ValidationError.
    """
    paginator = KeysetCursorPagination()
    quotes = paginator.paginate_queryset(filterset.qs, Request(request))
    search.mark_page(quotes, filterset.search_text)
    return QuotePage(
        quotes,
        _cursor_token(paginator, paginator.next_cursor),
        _cursor_token(paginator, paginator.previous_cursor),
    )


def _cursor_token(paginator, cursor) -> str | None:
    link = paginator.encode_cursor(cursor)
    if link is None:
        return None
    return parse_qs(urlsplit(link).query)[paginator.cursor_query_param][0]


def count_up_to(queryset: QuerySet, limit: int) -> int:
    """How many rows match, counting no further than ``limit``. A search ranked by the index
    is counted by the index, which applies the same filters without reading the rows."""
    if (ranking := getattr(queryset, "search_ranking", None)) is not None:
        return min(ranking.count(), limit)
    return queryset.order_by().values("pk")[:limit].count()


def quotes_per_month(queryset: QuerySet) -> list[tuple[datetime.date, int]]:
    """``[(first day of a month, quotes)]`` by the day said (else published), oldest first;
    months without quotes are left out."""
    said = Coalesce("said_on", "article__published_on", output_field=DateField())
    rows = (
        queryset.order_by()
        .annotate(month=TruncMonth(said))
        .values("month")
        .annotate(quotes=Count("pk"))
        .order_by("month")
        .values_list("month", "quotes")
    )
    return list(rows)
