"""A list of quotes on a page of the site, read as the API's quote list reads its parameters.

``QuoteFilterSet`` validates and applies the parameters (``q``, ``speaker``, ``organization``,
``said_after``, ...), ``quotes.selectors.page_of_quotes`` pages the result with the API's
cursors and highlights, so a site URL and an API URL translate one into the other.
"""

from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlencode

from django.http import QueryDict
from rest_framework.exceptions import NotFound, ValidationError

from config.api.pagination import MAX_SEARCH_RESULTS
from quotes import selectors
from quotes.filtersets import QuoteFilterSet
from quotes.models import Quote

# What paging reads beside the filters; a feed or a download link leaves them out.
PAGING_PARAMETERS = ("cursor", "page_size")


def published_quotes():
    """Verified quotes only, whoever asks, with everything a result shows."""
    return Quote.objects.visible_to(None).with_relations().defer("search_document", "article__body")


@dataclass
class Listing:
    filterset: QuoteFilterSet
    quotes: list = field(default_factory=list)
    next_cursor: str | None = None
    previous_cursor: str | None = None
    total: int | None = None
    paging_error: str = ""
    # The count stops here ("more than 1,000"), where relevance paging stops too.
    limit: ClassVar[int] = MAX_SEARCH_RESULTS

    @property
    def form(self):
        return self.filterset.form

    @property
    def is_valid(self) -> bool:
        return not self.form.errors and not self.paging_error

    @property
    def more_than_limit(self) -> bool:
        return self.total is not None and self.total > self.limit

    @property
    def search_text(self) -> str:
        return (self.form.cleaned_data.get("q") or "") if self.is_valid else ""


def quote_listing(request, data: QueryDict) -> Listing:
    """The page of quotes ``data`` asks for (the request gives the cursor and page size)."""
    filterset = QuoteFilterSet(data=data, queryset=published_quotes(), request=request)
    listing = Listing(filterset)
    if not filterset.is_valid():
        return listing
    try:
        page = selectors.page_of_quotes(filterset, request)
    except NotFound:
        listing.paging_error = "This page of results no longer exists: start from the first page."
        return listing
    except ValidationError as error:
        listing.paging_error = " ".join(str(reason) for reason in error.detail["page_size"])
        return listing
    listing.quotes = page.quotes
    listing.next_cursor, listing.previous_cursor = page.next_cursor, page.previous_cursor
    if "cursor" not in request.GET and page.next_cursor is None:
        listing.total = len(page.quotes)  # all of them are on this page
    else:
        listing.total = selectors.count_up_to(filterset.qs, listing.limit + 1)
    return listing


def scoped_to(query: QueryDict, parameter: str, slug: str) -> QueryDict:
    """``query`` with ``parameter`` fixed to ``slug``: a person's or an organization's quotes."""
    scoped = query.copy()
    scoped.setlist(parameter, [slug])
    return scoped


def without_empty_values(query: QueryDict) -> QueryDict | None:
    """The query without the empty fields a submitted form sends (``?said_after=``), which the
    API reads as errors; None when it has none."""
    kept = QueryDict(mutable=True)
    dropped = False
    for key, values in query.lists():
        for value in values:
            if value.strip():
                kept.appendlist(key, value)
            else:
                dropped = True
    return kept if dropped else None


def query_string(query: QueryDict, drop=(), **replace) -> str:
    """``?…`` of ``query`` without the keys in ``drop``, with ``replace``'s values; "" if empty."""
    items = [
        (key, value)
        for key, values in query.lists()
        if key not in drop and key not in replace
        for value in values
    ]
    items += [(key, value) for key, value in replace.items() if value is not None]
    return f"?{urlencode(items)}" if items else ""


def without_value(query: QueryDict, key: str, value: str) -> str:
    """``?…`` of ``query`` less one value of one parameter, back on the first page."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if name in PAGING_PARAMETERS:
            continue
        for item in values:
            if not (name == key and item == value):
                kept.appendlist(name, item)
    return query_string(kept)
