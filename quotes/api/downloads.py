"""Quote downloads: ``GET /api/v1/quotes/?format=csv|jsonl|jsonld``.

The list endpoint's filters and search, and only the quotes the user may see, streamed whole
(no pagination, flat memory: rows come from a server-side cursor in chunks) as CSV, JSON Lines
(one quote per line) or JSON-LD (schema.org ``Quotation``). The formats are those of
``manage.py export_quotes`` (``quotes.ingest.exporting``) except JSON Lines: the command writes the
import format, whole articles with their bodies, which the API never publishes; here each line
is a quote with a reference to its article.

``format`` is an ordinary, documented query parameter (``URL_FORMAT_OVERRIDE`` is off, so DRF
does not read it); without it the endpoint answers its JSON pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from config.api.pagination import page_size_from
from quotes.ingest import exporting

FORMATS = {
    "csv": exporting.csv_rows,
    "jsonl": exporting.jsonl_quotes,
    "jsonld": exporting.jsonld_chunks,
}
MEDIA_TYPES = exporting.MEDIA_TYPES
CHUNK_BYTES = 64 * 1024

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=sorted(FORMATS),
    description=(
        "Download every matching quote in one streamed file instead of JSON pages (`cursor` "
        "and `page_size` are ignored): `csv` (text/csv, one quote per row), `jsonl` "
        "(application/jsonl, one quote per line with a reference to its article) or `jsonld` "
        "(application/ld+json, schema.org `Quotation` nodes, `isPartOf` the `NewsArticle`). "
        "Filters, search and visibility are those of the list."
    ),
)


def requested_format(request) -> str | None:
    """The download format asked for, None for the JSON list; 400 for an unknown one."""
    value = request.query_params.get("format")
    if value is None:
        return None
    if value not in FORMATS:
        raise ValidationError(
            {"format": [f'"{value}" is not a download format: {", ".join(sorted(FORMATS))}.']}
        )
    return value


def download(view, request) -> StreamingHttpResponse | None:
    """The streamed download for a list view of quotes, or None when ``format`` is absent.

    ``view.filter_queryset(view.get_queryset())`` is the list's queryset: visibility, filters
    and search (an invalid filter raises the API's 400 before anything is streamed).
    """
    fmt = requested_format(request)
    if fmt is None:
        return None
    # A download is not paged, so page_size is ignored; a malformed one is still the 400 it
    # is on the list the download was started from.
    page_size_from(request)
    quotes = view.filter_queryset(view.get_queryset())
    response = StreamingHttpResponse(_buffered(FORMATS[fmt](quotes)), content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="quotes.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _buffered(chunks: Iterable[str], size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """Join the exporters' small pieces into blocks of about ``size`` bytes."""
    parts: list[bytes] = []
    length = 0
    for chunk in chunks:
        data = chunk.encode()
        parts.append(data)
        length += len(data)
        if length >= size:
            yield b"".join(parts)
            parts, length = [], 0
    if parts:
        yield b"".join(parts)


def list_responses(serializer_class) -> dict:
    """The 200 answers of a quote list: its JSON pages, or a download in each format."""
    return {
        (200, "application/json"): serializer_class,
        (200, MEDIA_TYPES["csv"].split(";")[0]): OpenApiTypes.STR,
        (200, MEDIA_TYPES["jsonl"]): OpenApiTypes.STR,
        (200, MEDIA_TYPES["jsonld"]): OpenApiTypes.OBJECT,
    }
