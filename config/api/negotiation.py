"""``?format=``: one rule for every endpoint.

``format=json`` (the default) answers JSON, ``format=api`` the browsable API (a browser asks for
it with ``Accept: text/html`` too); any other value is a 400 naming those two, and an empty one
a 400 asking for a value: never a 404 or an ignored parameter. Quote downloads have their own
URLs (``quotes.csv``).
"""

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation

from .filters import EMPTY


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        name = self.settings.URL_FORMAT_OVERRIDE
        if request.query_params.get(name) == "":  # DRF would read it as absent
            raise ValidationError({name: [EMPTY]})
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            accepted = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError(
                {
                    self.settings.URL_FORMAT_OVERRIDE: [
                        f'"{format}" is not a format here: {accepted}.'
                    ]
                }
            )
        return chosen
