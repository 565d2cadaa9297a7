"""``/healthz``: liveness, and with ``?deep=1`` readiness (can the service write?).

The plain check is cheap: the database answers ``SELECT 1``, and the cache's last known state
(no call to it). ``?deep=1`` also commits a write (``HealthProbe``) and stores a value in the
cache; its verdict is reused for ``DEEP_CHECK_SECONDS`` per process, so probing it often costs
nothing. 200 while every required part is ok (``status`` "degraded" when only the cache is
not), 503 otherwise. A part is one entry of ``LIVENESS`` or ``READINESS``: a function
answering "ok" or "unavailable", and whether the service needs it. ``search`` says how quote
searches are served, ``index`` (this node's index) or ``fallback`` (PostgreSQL full-text search,
slower: the index is missing or being rebuilt); it never makes the service unavailable.
"""

import logging
import threading
import time

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.cache import cache_state
from config.models import HealthProbe
from quotes.search.engine import status as search_status

from .errors import ValidationErrorSerializer
from .renderers import JSONRenderer

logger = logging.getLogger(__name__)

OK, UNAVAILABLE, DEGRADED = "ok", "unavailable", "degraded"
HEALTH_STATES = [(OK, OK), (DEGRADED, DEGRADED), (UNAVAILABLE, UNAVAILABLE)]
SEARCH_STATES = [("index", "index"), ("fallback", "fallback")]
DEEP_CHECK_SECONDS = 5.0


def database_answers() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return OK if cursor.fetchone() == (1,) else UNAVAILABLE
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return UNAVAILABLE


def database_accepts_writes() -> str:
    try:
        with transaction.atomic():
            HealthProbe.objects.update_or_create(pk=1, defaults={"checked_at": timezone.now()})
        return OK
    except DatabaseError:
        logger.exception("Readiness check: the database refuses a write")
        return UNAVAILABLE


def cache_stores() -> str:
    cache.set("healthz", time.time(), 30)
    return cache_state()


# name: (check, required)
LIVENESS = {"database": (database_answers, True), "cache": (cache_state, False)}
READINESS = {"writes": (database_accepts_writes, True), "cache": (cache_stores, False)}
REQUIRED = {name for checks in (LIVENESS, READINESS) for name, (_, req) in checks.items() if req}


def run(checks: dict) -> dict:
    return {name: check() for name, (check, _required) in checks.items()}


def overall(parts: dict) -> str:
    failed = {name for name, state in parts.items() if state != OK}
    if failed & REQUIRED:
        return UNAVAILABLE
    return DEGRADED if failed else OK


class _LastDeepCheck:
    """The last readiness verdict of this process, and when it was reached."""

    def __init__(self):
        self.lock = threading.Lock()
        self.at = -DEEP_CHECK_SECONDS
        self.verdict: dict = {}

    def get(self) -> dict:
        with self.lock:
            if time.monotonic() - self.at >= DEEP_CHECK_SECONDS:
                self.verdict = run(READINESS)
                self.at = time.monotonic()
            return self.verdict


last_deep_check = _LastDeepCheck()

HealthSerializer = inline_serializer(
    "Health",
    fields={
        "status": serializers.ChoiceField(choices=HEALTH_STATES),
        **{
            name: serializers.ChoiceField(choices=HEALTH_STATES, required=name in LIVENESS)
            for name in {**LIVENESS, **READINESS}
        },
        "search": serializers.ChoiceField(choices=SEARCH_STATES),
    },
)


class HealthView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []  # probes come often, from the load balancer's few addresses
    renderer_classes = [JSONRenderer]
    declares_own_errors = True

    @extend_schema(
        operation_id="healthz",
        summary="Liveness, and readiness with deep=1",
        parameters=[
            OpenApiParameter(
                "deep",
                bool,
                description="Also check that a write commits and the cache stores "
                f"(the result is reused for {DEEP_CHECK_SECONDS:g} seconds).",
            )
        ],
        responses={200: HealthSerializer, 400: ValidationErrorSerializer, 503: HealthSerializer},
        tags=["health"],
    )
    def get(self, request):
        deep = request.query_params.get("deep", "false")
        if deep not in {"true", "false", "1", "0"}:
            raise ValidationError({"deep": ["Enter true or false."]})
        parts = run(LIVENESS)
        if deep in {"true", "1"}:
            parts.update(last_deep_check.get())
        status = overall(parts)
        body = {"status": status, **parts, "search": search_status()}
        return Response(body, status=503 if status == UNAVAILABLE else 200)
