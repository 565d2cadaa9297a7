"""Quote downloads: ``GET /api/v1/quotes.csv`` (``.jsonl``, ``.jsonld``), and the same beside
each nested quote list (``people/{slug}/quotes.csv``, ``organizations/{slug}/quotes.csv``).

The list's filters and search, and only the quotes the user may see, streamed whole (no
pagination, flat memory: rows come from a server-side cursor in chunks) as CSV, JSON Lines
(one quote per line) or JSON-LD (schema.org ``Quotation``). The formats are those of
``manage.py export_quotes`` (``quotes.ingest.exporting``) except JSON Lines: the command
writes the import format, whole articles with their bodies; here each line is a quote with a
reference to its article. The CSV opens with a UTF-8 byte order mark, so spreadsheet programs
read its curly quotes as such.

Each download is its own URL and its own operation in the schema, with one media type, so a
generated client reads the JSON list without a union with text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import re_path
from rest_framework.exceptions import ValidationError

from config.api.pagination import page_size_from
from config.api.schema import AutoSchema
from config.api.viewsets import SLUG_PATH_PARAMETER
from config.concurrency import HeldWhileStreaming, Slots
from quotes.ingest import exporting

FORMATS = {
    "csv": exporting.csv_rows,
    "jsonl": exporting.jsonl_quotes,
    "jsonld": exporting.jsonld_chunks,
}
MEDIA_TYPES = exporting.MEDIA_TYPES
DESCRIPTIONS = {
    "csv": "CSV, one quote per row, opening with a UTF-8 byte order mark (spreadsheet "
    "programs then read curly quotes and accents as written).",
    "jsonl": "JSON Lines, one quote per line with a reference to its article.",
    "jsonld": "JSON-LD: schema.org `Quotation` nodes, each `isPartOf` its `NewsArticle`.",
}
BYTE_ORDER_MARK = "\ufeff"
CHUNK_BYTES = 64 * 1024


def download_slots() -> Slots:
    """At most DOWNLOAD_CONCURRENCY downloads stream at once across all workers."""
    return Slots("download", settings.DOWNLOAD_CONCURRENCY, what="downloads", retry_after=30)


def urls(prefix: str, viewset, name: str) -> list:
    """``<prefix>.csv`` and the other downloads of a quote list view set."""
    return [
        re_path(
            rf"^{prefix}\.{fmt}$",
            viewset.as_view({"get": "download"}, download_format=fmt),
            name=f"{name}-{fmt}",
        )
        for fmt in FORMATS
    ]


def download(view, request) -> StreamingHttpResponse:
    """The streamed download of a quote list view: ``view.filter_queryset(view.get_queryset())``
    is the list's queryset (visibility, filters and search; an invalid filter raises the API's
    400 before anything is streamed)."""
    fmt = view.download_format
    if "format" in request.query_params:
        raise ValidationError(
            {"format": [f"A download's format is its URL's: leave `format` out of .{fmt}."]}
        )
    # A download is not paged, so page_size is ignored; a malformed one is still the 400 it
    # is on the list the download was started from.
    page_size_from(request)
    quotes = view.filter_queryset(view.get_queryset())
    chunks = FORMATS[fmt](quotes)
    if fmt == "csv":
        chunks = _after(BYTE_ORDER_MARK, chunks)
    slot = download_slots().take()  # 503 with Retry-After when every slot streams
    response = StreamingHttpResponse(
        HeldWhileStreaming(_buffered(chunks), slot), content_type=MEDIA_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="quotes.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def moved_message(request, fmt: str) -> str:
    """What a quote list answers to ``?format=csv``: where that download lives."""
    query = request.query_params.copy()
    query.pop("format")
    url = request.path.rstrip("/") + f".{fmt}"
    if query:
        url += "?" + query.urlencode()
    return f'"{fmt}" is a download with its own URL: {url}'


def _after(first: str, chunks: Iterable[str]) -> Iterator[str]:
    yield first
    yield from chunks


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


class QuoteListSchema(AutoSchema):
    """A quote list's operations; at a download URL, the download's: the list's filters, no
    pages, and one media type."""

    def _download_format(self) -> str | None:
        return getattr(self.view, "download_format", None)

    def _is_list_view(self, serializer=None):
        return self._download_format() is not None or super()._is_list_view(serializer)

    def _get_pagination_parameters(self):
        return [] if self._download_format() else super()._get_pagination_parameters()

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self._download_format():
            parameters = [p for p in parameters if p.name != "format"]
            if "{slug}" in self.path:
                parameters.append(SLUG_PATH_PARAMETER)
        return parameters

    def get_operation_id(self):
        # quotes_csv, people_quotes_csv, ... (not quotes.csv_list)
        fmt = self._download_format()
        operation_id = super().get_operation_id()
        return operation_id if fmt is None else operation_id.replace(f".{fmt}_list", f"_{fmt}")

    def get_summary(self):
        fmt = self._download_format()
        return super().get_summary() if fmt is None else f"Download as {fmt.upper()}"

    def get_description(self):
        fmt = self._download_format()
        if fmt is None:
            return super().get_description()
        return (
            f"Every matching quote in one streamed file, without pages: {DESCRIPTIONS[fmt]} "
            "Filters, search and visibility are those of the list; errors are JSON."
        )

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        fmt = self._download_format()
        if fmt is not None:
            schema = {"type": "object"} if fmt == "jsonld" else {"type": "string"}
            responses["200"] = {
                "content": {MEDIA_TYPES[fmt].split(";")[0]: {"schema": schema}},
                "description": DESCRIPTIONS[fmt],
            }
        return responses
