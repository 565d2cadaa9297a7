"""Request plumbing below the API: error answers Django makes itself, and chunked bodies."""

import sys
from io import BytesIO

from django.conf import settings
from django.core.signals import got_request_exception

from config.api.errors import failure_response

API_PREFIX = "/api/"


def _remember_exception(sender, request=None, **kwargs):
    # Sent by Django's handler while it turns an uncaught exception into a 500 page.
    if request is not None:
        request.uncaught_exception = sys.exc_info()[1]


got_request_exception.connect(_remember_exception, dispatch_uid="config.middleware")


class ApiErrorMiddleware:
    """Under ``/api/``, an error page Django makes itself becomes the API's JSON error.

    That is an unknown URL (404), an exception no view handled (500, or 503 with
    ``Retry-After`` for an unavailable database: ``config.api.errors.failure_of``) and, with
    ``DEBUG``, the technical pages, so clients meet the same shape in development. DRF's own
    answers pass unchanged. Pages outside ``/api/`` keep Django's handlers: ``404.html`` and
    ``500.html`` are where the site designs its own (``web.middleware`` shows the 404 with
    ``DEBUG`` too).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
            or hasattr(response, "accepted_renderer")  # DRF's (the browsable API's HTML too)
        ):
            return response
        return failure_response(response.status_code, getattr(request, "uncaught_exception", None))


class ChunkedBodyLimit:
    """WSGI middleware: a body sent with ``Transfer-Encoding: chunked`` is read like any other.

    Django reads a body by its ``Content-Length``, so without one it reads nothing and a
    chunked request looks empty. The server de-chunks ``wsgi.input``; up to one byte past
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is read here and handed on with its length, so a larger
    body answers 413 like any other.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower() and not environ.get(
            "CONTENT_LENGTH"
        ):
            body = environ["wsgi.input"].read(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
            environ["wsgi.input"] = BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.application(environ, start_response)


__all__ = ["ApiErrorMiddleware", "ChunkedBodyLimit"]
