"""drf-spectacular's AutoSchema with the API's error responses declared on every read."""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter
from rest_framework import permissions

from .errors import ErrorSerializer, ValidationErrorSerializer
from .filters import MAX_ID, MAX_REPEATS

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="The `ETag` of the version you edited; if the resource changed since, the "
    "answer is 412 and nothing is written.",
)
FORMAT = OpenApiParameter(
    "format",
    str,
    OpenApiParameter.QUERY,
    required=False,
    enum=["json"],
    description="`json`, the default. In a browser, `format=api` shows the browsable API. "
    "Any other value answers 400. Quote lists download from their own URLs "
    "(`quotes.csv`, `.jsonl`, `.jsonld`).",
)
CONDITIONAL_ACTIONS = {"update", "partial_update", "destroy", "review", "merge"}
WRITE_ACTIONS = {"create", "update", "partial_update"}
TOO_MANY_REQUESTS = "Too many requests: wait for `Retry-After` seconds."
UNAVAILABLE = (
    "Unavailable for a moment (the database, or every slot of a bounded operation is busy): "
    "try again after `Retry-After` seconds."
)


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if getattr(self.view, "declares_own_errors", False):
            return responses
        responses.setdefault("429", self._error(ErrorSerializer, "429", TOO_MANY_REQUESTS))
        responses.setdefault("503", self._error(ErrorSerializer, "503", UNAVAILABLE))
        if self.method != "GET":
            return self._add_write_errors(responses, direction)
        # Every read checks ?format=; lists their filters and pages too.
        responses.setdefault(
            "400",
            self._get_response_for_code(ValidationErrorSerializer, "400", direction=direction),
        )
        responses.setdefault("404", self._get_response_for_code(ErrorSerializer, "404"))
        for code in ("400", "404"):
            if code in responses and not responses[code].get("description"):
                responses[code]["description"] = {
                    "400": "Invalid query parameters: see `errors`.",
                    "404": "Not found (or an invalid `page` / `cursor`).",
                }[code]
        return responses

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "action", None) in CONDITIONAL_ACTIONS:
            parameters.append(IF_MATCH)
        if self.method == "GET" and not getattr(self.view, "declares_own_errors", False):
            parameters.append(FORMAT)
        return parameters

    def get_response_serializers(self):
        # Writes validate with the write serializer but answer with the read representation.
        view = self.view
        if getattr(view, "write_serializer_class", None) and view.action in WRITE_ACTIONS:
            return getattr(view, "detail_serializer_class", None) or view.serializer_class
        return super().get_response_serializers()

    def _error(self, serializer, code, description, direction="response"):
        response = self._get_response_for_code(serializer, code, direction=direction)
        response["description"] = description
        return response

    def _add_write_errors(self, responses, direction):
        errors = {
            "400": (ValidationErrorSerializer, "Invalid input: see `errors`, by field."),
            "401": (ErrorSerializer, "Not signed in: send `Authorization: Token <key>`."),
            "403": (ErrorSerializer, "Signed in, but not allowed to do this."),
            "413": (ErrorSerializer, "The request body is too large."),
        }
        if self._is_detail_operation():
            errors["404"] = (ErrorSerializer, "Not found.")
            errors["412"] = (ErrorSerializer, "`If-Match` does not match the current `ETag`.")
        if self.method in {"POST", "DELETE"}:
            errors["409"] = (ErrorSerializer, "Conflicts with stored data: see `detail`.")
        for code, (serializer, description) in errors.items():
            responses.setdefault(code, self._error(serializer, code, description, direction))
        return responses

    def _is_detail_operation(self):
        return "{" in self.path

    def get_auth(self):
        auths = super().get_auth()
        anonymous_reads = any(
            isinstance(permission, permissions.DjangoModelPermissionsOrAnonReadOnly)
            for permission in self.view.get_permissions()
        )
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})  # reads are public; a staff session only shows more
        return auths

    def _resolve_path_parameters(self, variables):
        # An id in a path is an integer (a typed client passes the `id` it read); any segment
        # still reaches the view (ResourceViewSet.lookup_value_regex), so a malformed one
        # answers the JSON 404.
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["name"] == "id":
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
        return parameters

    def _map_basic_serializer(self, serializer, direction):
        # Fields a list carries only when asked for (``Meta.present_only_when_asked``) are
        # declared, but not required.
        schema = super()._map_basic_serializer(serializer, direction)
        optional = getattr(getattr(serializer, "Meta", None), "present_only_when_asked", ())
        if optional and "required" in schema:
            schema["required"] = [name for name in schema["required"] if name not in optional]
        return schema

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            if parameter.get("schema", {}).get("type") == "array":
                parameter["schema"]["maxItems"] = MAX_REPEATS
                parameter.setdefault(
                    "description", f"Repeat the parameter for several (at most {MAX_REPEATS})."
                )
        return parameters


# What Django's URLValidator takes: an http(s) or ftp(s) URL with a host, not any URI.
URL_PATTERN = r"^([hH][tT][tT][pP][sS]?|[fF][tT][pP][sS]?)://[^\s/?#]+[^\s]*$"


def state_what_the_server_enforces(result, generator, request, public):
    """Request bodies as the server reads them: an unknown property is a 400
    (``StrictInputMixin``, the import's key checks), and a URL is one URLValidator takes."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _strict(component)
    return result


def _strict(schema):
    if isinstance(schema, list):
        for item in schema:
            _strict(item)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "object" and "properties" in schema:
        schema.setdefault("additionalProperties", False)
    if schema.get("format") == "uri":
        schema.setdefault("pattern", URL_PATTERN)
    for value in schema.values():
        if isinstance(value, dict | list):
            _strict(value)
