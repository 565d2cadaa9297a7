"""drf-spectacular's AutoSchema with the API's error responses declared on every read."""

from drf_spectacular import openapi
from rest_framework import permissions

from .errors import ErrorSerializer, ValidationErrorSerializer
from .filters import MAX_REPEATS


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET" or getattr(self.view, "declares_own_errors", False):
            return responses
        if self._is_list_view():
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

    def get_auth(self):
        auths = super().get_auth()
        perms = [p.__class__ for p in self.view.get_permissions()]
        anonymous_reads = permissions.DjangoModelPermissionsOrAnonReadOnly in perms
        if anonymous_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})  # reads are public; a staff session only shows more
        return auths

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        for parameter in parameters:
            if parameter.get("schema", {}).get("type") == "array":
                parameter["schema"]["maxItems"] = MAX_REPEATS
                parameter.setdefault(
                    "description", f"Repeat the parameter for several (at most {MAX_REPEATS})."
                )
        return parameters
