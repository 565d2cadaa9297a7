"""``/healthz``: 200 when the app and its database answer, 503 otherwise.

``search`` says how quote searches are served: ``index`` (this node's search index) or
``fallback`` (PostgreSQL full-text search, slower: the index is missing or being rebuilt).
"""

import logging

from django.db import DatabaseError, connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from quotes.search.engine import status as search_status

from .renderers import JSONRenderer

logger = logging.getLogger(__name__)

HEALTH_STATES = [("ok", "ok"), ("unavailable", "unavailable")]
SEARCH_STATES = [("index", "index"), ("fallback", "fallback")]

HealthSerializer = inline_serializer(
    "Health",
    fields={
        "status": serializers.ChoiceField(choices=HEALTH_STATES),
        "database": serializers.ChoiceField(choices=HEALTH_STATES),
        "search": serializers.ChoiceField(choices=SEARCH_STATES),
    },
)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return False


class HealthView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    declares_own_errors = True

    @extend_schema(
        operation_id="healthz",
        summary="Liveness and database check",
        responses={200: HealthSerializer, 503: HealthSerializer},
        tags=["health"],
    )
    def get(self, request):
        search = search_status()
        if database_answers():
            return Response({"status": "ok", "database": "ok", "search": search})
        return Response(
            {"status": "unavailable", "database": "unavailable", "search": search}, status=503
        )
