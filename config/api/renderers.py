"""The API's JSON, written by orjson instead of ``json.dumps``.

DRF's renderer runs ``json.dumps`` with a Python ``default`` hook, many times slower than
orjson (and a quote detail renders twice, once for its ETag). The
output is DRF's: compact, UTF-8, U+2028 and U+2029 escaped so that it stays a JavaScript subset,
dates and times through DRF's encoder. Two spellings differ, both valid JSON: a float in
exponent notation (orjson writes ``1e-5`` where Python writes ``1e-05``) and NaN, which DRF
refuses and orjson writes as null. Indented output (``Accept: application/json; indent=4``, the
browsable API), non-default settings (``COMPACT_JSON``, ``UNICODE_JSON``) and whatever orjson
cannot write (integers beyond 64 bits) are left to DRF.
"""

import orjson
from rest_framework import renderers
from rest_framework.utils import encoders

# Types orjson does not know (lazy translations, Decimal, sets, ...), and dates and times,
# which DRF writes its own way, go through DRF's encoder.
_DRF_TYPES = encoders.JSONEncoder().default
_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
# orjson writes these two characters raw; JSON allows it, JavaScript before ES2019 does not.
_LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))


class JSONRenderer(renderers.JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if indent is not None or not self.compact or self.ensure_ascii:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(data, default=_DRF_TYPES, option=_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        for raw, escaped in _LINE_SEPARATORS:
            rendered = rendered.replace(raw, escaped)
        return rendered
