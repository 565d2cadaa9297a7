"""Read-side helpers for quotes: the context sentence(s), organization scope."""

import re

from django.db.models import Exists, OuterRef, Q, QuerySet

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
    body = quote.article.body
    if not body or quote.start_offset is None or quote.end_offset is None:
        return None
    start, end = quote.start_offset, quote.end_offset
    window_start = max(0, start - CONTEXT_LIMIT)
    begin = window_start
    for match in _sentence_ends(body, window_start, start):
        begin = match.end()
    finish = min(len(body), end + CONTEXT_LIMIT)
    for match in _sentence_ends(body, max(end - 1, start), finish):
        finish = match.end()
        break
    return body[begin:finish].strip()


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
