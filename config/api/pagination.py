"""Pagination: page numbers for the small tables, cursors for quotes.

``page_size`` is 20 by default and at most 100; a larger, zero or non-numeric value answers 400.
An invalid ``page`` or ``cursor`` answers 404, as in DRF.
"""

import base64
import binascii
import json
from collections import OrderedDict

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.db.models import OrderBy, Q
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Relevance-ordered search results are paged by offset, up to this many results.
MAX_SEARCH_RESULTS = 1000


def page_size_from(request, param="page_size") -> int:
    raw = request.query_params.get(param)
    if raw is None:
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({param: [f"Enter a whole number from 1 to {MAX_PAGE_SIZE}."]})
    return size


PAGE_SIZE_SCHEMA = {
    "name": "page_size",
    "required": False,
    "in": "query",
    "description": f"Results per page: 1 to {MAX_PAGE_SIZE}, default {DEFAULT_PAGE_SIZE}.",
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
}


class FirstPageCountingPaginator(Paginator):
    """Reads the first page before counting, and counts a short one by its rows.

    A name search usually finds fewer people than a page holds: it then costs one query
    instead of a COUNT and a SELECT that both run the trigram search. A longer result is
    counted by a query as before, when the response asks for the count.
    """

    def page(self, number):
        if str(number) != "1":
            return super().page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.count = len(rows)  # the cached property's value: no COUNT query
        return self._get_page(rows[: self.per_page], 1, self)


PAGE_KEYS = ("count", "next", "previous", "results")


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers for the small tables (people, organizations, articles, ...)."""

    django_paginator_class = FirstPageCountingPaginator
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return page_size_from(request, self.page_size_query_param)

    def get_page_number(self, request, paginator):
        number = request.query_params.get(self.page_query_param)
        if number is None or number == "last":
            return super().get_page_number(request, paginator)
        if not number.isascii() or not number.isdigit():
            raise NotFound("Invalid page.")
        return number

    def get_paginated_response_schema(self, schema):
        # Every page carries all four keys; next and previous are null at the ends.
        return {**super().get_paginated_response_schema(schema), "required": list(PAGE_KEYS)}

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "A page number; 404 past the last page.",
                "schema": {"type": "integer", "minimum": 1},
            },
            PAGE_SIZE_SCHEMA,
        ]


class KeysetCursorPagination(pagination.BasePagination):
    """Opaque cursors over the queryset's ordering: stable under inserts, no COUNT.

    The queryset arrives ordered by the FilterSet: either ``(<field>, id)`` in one direction
    (``-said_on, -id`` by default; the field may be an ``F(...).desc(nulls_last=True)``), paged
    by keyset ("after this said_on and id", which the ``(said_on, id)`` index answers
    directly), or ranked by the search index (``search_ranking``: positions in its ranking),
    or by an annotation first (relevance computed by PostgreSQL, when there is no index),
    paged by offset up to ``MAX_SEARCH_RESULTS`` results: relevance is computed per match, so
    there is no index to seek into, and past the first thousand hits a narrower query serves a
    reader better.
    """

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = page_size_from(request, self.page_size_query_param)
        cursor = self.decode_cursor(request)
        if getattr(queryset, "search_ranking", None) is not None:
            return self._ranked_page(queryset, cursor)
        ordering = queryset.query.order_by
        if len(ordering) == 2 and _field_name(ordering[0]) not in queryset.query.annotations:
            return self._keyset_page(queryset, ordering, cursor)
        return self._offset_page(queryset, cursor)

    # Offset mode (relevance).

    @staticmethod
    def _offset(cursor) -> int:
        offset = cursor.get("o", 0) if cursor else 0
        if not isinstance(offset, int) or not 0 <= offset < MAX_SEARCH_RESULTS:
            raise NotFound("Invalid cursor.")
        return offset

    def _ranked_page(self, queryset, cursor):
        """Relevance from the search index: positions in its ranking (quotes.search.pages)."""
        offset = self._offset(cursor)
        page = queryset.search_ranking.page(offset, self.page_size, MAX_SEARCH_RESULTS)
        self.next_cursor = None if page.next_position is None else {"o": page.next_position}
        self.previous_cursor = {"o": max(offset - self.page_size, 0)} if offset else None
        return page.rows

    def _offset_page(self, queryset, cursor):
        offset = self._offset(cursor)
        limit = min(self.page_size, MAX_SEARCH_RESULTS - offset)
        # Rank and cut on the ids alone, then join the page's related rows: ordering every
        # match together with its joined rows is a wide sort that spills to disk, while a
        # sort of ids under a LIMIT keeps only the page in memory.
        window = queryset.values("pk")[offset : offset + limit + 1]
        rows = list(queryset.filter(pk__in=window))
        page = rows[:limit]
        self.next_cursor = {"o": offset + limit} if len(rows) > limit else None
        self.previous_cursor = {"o": max(offset - self.page_size, 0)} if offset else None
        return page

    # Keyset mode.

    def _keyset_page(self, queryset, ordering, cursor):
        field_name = _field_name(ordering[0])
        descending, nulls_first = _direction(ordering[0])
        if _field_name(ordering[1]) not in ("id", "pk"):
            raise AssertionError("Keyset pagination needs (field, id) ordering.")
        model_field = queryset.model._meta.get_field(field_name)
        backwards = False
        if cursor:
            try:
                raw_value, pk = cursor["k"]
                backwards = bool(cursor.get("b", False))
                value = None if raw_value is None else model_field.to_python(raw_value)
                pk = int(pk)
            except (KeyError, TypeError, ValueError, DjangoValidationError) as error:
                raise NotFound("Invalid cursor.") from error
            # Walking back reverses the order, NULLs' place included.
            queryset = queryset.filter(
                self._after(
                    field_name, value, pk, descending != backwards, nulls_first != backwards
                )
            )
            if backwards:
                queryset = queryset.reverse()
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        page = rows[: self.page_size]
        if backwards:
            page.reverse()
        first_row, last_row = (page[0], page[-1]) if page else (None, None)
        self.next_cursor = self.previous_cursor = None
        if page and (more if not backwards else True):
            self.next_cursor = {"k": self._position(last_row, field_name)}
        if page and (bool(cursor) if not backwards else more):
            self.previous_cursor = {"k": self._position(first_row, field_name), "b": True}
        return page

    @staticmethod
    def _after(field, value, pk, descending, nulls_first):
        """Rows after (value, pk), walking ``descending`` or not, NULLs first or last."""
        beyond = "lt" if descending else "gt"
        null = Q(**{f"{field}__isnull": True})
        if value is None:
            later_nulls = null & Q(**{f"pk__{beyond}": pk})
            return later_nulls | ~null if nulls_first else later_nulls
        later = Q(**{f"{field}__{beyond}": value}) | Q(**{field: value, f"pk__{beyond}": pk})
        return later if nulls_first else later | null

    @staticmethod
    def _position(row, field):
        value = getattr(row, field)
        if value is not None:
            value = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return [value, row.pk]

    # Cursors and links.

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            cursor = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")).decode("utf-8"))
        except (UnicodeError, binascii.Error, ValueError) as error:
            raise NotFound("Invalid cursor.") from error
        if not isinstance(cursor, dict):
            raise NotFound("Invalid cursor.")
        return cursor

    def encode_cursor(self, cursor):
        if cursor is None:
            return None
        raw = json.dumps(cursor, separators=(",", ":")).encode("utf-8")
        token = base64.urlsafe_b64encode(raw).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("next", self.encode_cursor(self.next_cursor)),
                    ("previous", self.encode_cursor(self.previous_cursor)),
                    ("results", data),
                ]
            )
        )

    def get_first_link(self):
        return remove_query_param(self.base_url, self.cursor_query_param)

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The next page, or null on the last."},
                "previous": {**link, "description": "The previous page, or null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "An opaque position from a `next` or `previous` link; "
                "an invalid one answers 404.",
                "schema": {"type": "string"},
            },
            PAGE_SIZE_SCHEMA,
        ]


def _field_name(item) -> str:
    """The field of an ``order_by()`` item: ``"-said_on"`` or ``F("said_on").desc()``."""
    return item.expression.name if isinstance(item, OrderBy) else item.lstrip("-")


def _direction(item) -> tuple[bool, bool]:
    """(descending, NULLs first) of an ``order_by()`` item; PostgreSQL puts NULLs first in a
    descending order unless told otherwise, last in an ascending one."""
    if isinstance(item, OrderBy):
        nulls_first = item.nulls_first or (item.descending and not item.nulls_last)
        return item.descending, bool(nulls_first)
    descending = item.startswith("-")
    return descending, descending


__all__ = ["KeysetCursorPagination", "PageNumberPagination"]
