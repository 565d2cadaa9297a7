"""The API's JSON parser: strict JSON, read by orjson, nested at most ``MAX_JSON_DEPTH`` deep.

Python's ``json`` accepts what no later step can store or answer: a lone surrogate
(``"\\ud800"``, which UTF-8 cannot encode), a number beyond a double (``1e400`` becomes
infinity) and nesting deep enough to exhaust the interpreter's recursion. orjson refuses the
first two; the depth is bounded here, far below orjson's own limit, as no payload of the API
nests more than a few levels. An integer beyond 64 bits is read as a float: no field takes one.
"""

import orjson
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser as DRFJSONParser

MAX_JSON_DEPTH = 32


def depth_exceeds(document, limit: int) -> bool:
    """Whether ``document`` has containers nested more than ``limit`` deep (no recursion)."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if not isinstance(value, dict | list):
            continue
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(DRFJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            document = orjson.loads(stream.read())
        except orjson.JSONDecodeError as error:
            raise ParseError(f"JSON parse error - {error}") from error
        if depth_exceeds(document, MAX_JSON_DEPTH):
            raise ParseError(f"JSON parse error - nested more than {MAX_JSON_DEPTH} levels deep.")
        return document
