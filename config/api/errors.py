"""One error format for the whole API, and the one place where errors become API errors.

Every error answers ``{"detail": "..."}``; invalid input (bad filter values, a bad page size, a
NUL byte in a text parameter) adds ``"errors": {"<parameter>": ["<reason>", ...]}``. Views and
services raise; ``exception_handler`` maps DRF's exceptions and the domain's (Django's
``ValidationError`` from models and services) to answers, so no view catches and converts.
``failure_response`` answers what escaped the view (config.middleware): a database that does
not answer, a statement that ran out of time, a full disk.
"""

from http import HTTPStatus

import psycopg
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

from config.concurrency import AllSlotsBusy

INVALID_INPUT = "Invalid input."
# Seconds a client waits before trying again when a dependency is unavailable.
RETRY_AFTER_SECONDS = 10


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, for people.")


class ValidationErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        required=False,
        child=serializers.ListField(child=serializers.CharField()),
        help_text="The reasons, by parameter (or field) name.",
    )


def _as_lists(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    items = detail if isinstance(detail, list) else [detail]
    return {"non_field_errors": [str(item) for item in items]}


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


class ServiceUnavailable(APIException):
    """Busy or unavailable for a moment: the answer carries ``Retry-After`` (``wait``)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "service_unavailable"

    def __init__(self, detail=None, wait: int = RETRY_AFTER_SECONDS):
        super().__init__(detail)
        self.wait = wait


def request_too_large() -> RequestTooLarge:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return RequestTooLarge(f"The request body is larger than {limit:,} bytes.")


def as_api_exception(exc):
    """The API exception a domain exception stands for (others are returned as they are)."""
    if isinstance(exc, RequestDataTooBig):
        return request_too_large()
    if isinstance(exc, DjangoValidationError):
        return ValidationError(serializers.as_serializer_error(exc))
    if isinstance(exc, AllSlotsBusy):
        return ServiceUnavailable(str(exc), wait=exc.retry_after)
    return exc


def exception_handler(exc, context):
    exc = as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # uncaught: logged by Django, answered by failure_response
    if isinstance(exc, ValidationError):
        response.data = {"detail": INVALID_INPUT, "errors": _as_lists(exc.detail)}
    elif not (isinstance(response.data, dict) and "detail" in response.data):
        response.data = {"detail": str(response.data)}
    return response


# Failures outside the view's control: (status, detail, Retry-After or None).
DATABASE_UNAVAILABLE = (
    503,
    "The database is unavailable for a moment: try again shortly.",
    RETRY_AFTER_SECONDS,
)
STATEMENT_TIMEOUT = (
    504,
    "The request took too long and was stopped: narrow it (filters, a shorter search) or "
    "try again later.",
    None,
)
STORAGE_FULL = (
    503,
    "The database cannot store anything right now (its storage is full): try again later.",
    RETRY_AFTER_SECONDS * 6,
)
CACHE_UNAVAILABLE = (
    503,
    "A service the API depends on is unavailable for a moment: try again shortly.",
    RETRY_AFTER_SECONDS,
)


def failure_of(exc) -> tuple[int, str, int | None]:
    """How the API answers an exception that escaped the view."""
    if isinstance(exc, RequestDataTooBig):
        return 413, str(request_too_large().detail), None
    if isinstance(exc, OperationalError | InterfaceError):
        cause = exc.__cause__
        if isinstance(cause, psycopg.errors.QueryCanceled):
            return STATEMENT_TIMEOUT
        if isinstance(cause, psycopg.errors.DiskFull):
            return STORAGE_FULL
        return DATABASE_UNAVAILABLE
    if isinstance(exc, RedisConnectionError | RedisTimeoutError):
        return CACHE_UNAVAILABLE
    return 500, "Server error: it has been logged.", None


# DRF's wording, where DRF has one.
PHRASES = {404: "Not found.", 405: "Method not allowed."}


def failure_response(status_code: int, exc=None) -> JsonResponse:
    """The API's answer for an error Django answered itself: ``exc`` when one escaped the view,
    else the status of the page Django made (an unknown URL, a method no view serves)."""
    if exc is not None:
        status_code, detail, retry_after = failure_of(exc)
    else:
        detail = PHRASES.get(status_code) or f"{HTTPStatus(status_code).phrase}."
        retry_after = None
    response = JsonResponse({"detail": detail}, status=status_code)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response
