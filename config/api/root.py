"""``/api/v1/``: the collections with their URLs, and where the schema and the docs are."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

# Name in the answer -> URL name.
COLLECTIONS = {
    "people": "person-list",
    "organizations": "organization-list",
    "affiliations": "affiliation-list",
    "aliases": "alias-list",
    "quotes": "quote-list",
    "articles": "article-list",
    "publishers": "publisher-list",
    "topics": "topic-list",
}
LINKS = {
    "extract": "extract",
    "schema": "schema",
    "docs": "swagger-ui",
    "redoc": "redoc",
}

ApiRootSerializer = inline_serializer(
    "ApiRoot",
    fields={name: serializers.URLField(read_only=True) for name in [*COLLECTIONS, *LINKS]},
)


class ApiRootView(APIView):
    """Where everything is: each collection's URL, the quote extractor (`POST`, signed in),
    the OpenAPI schema, Swagger UI and ReDoc."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="root",
        summary="The API's collections and docs",
        tags=["root"],
        responses=ApiRootSerializer,
    )
    def get(self, request):
        return Response(
            {
                name: request.build_absolute_uri(reverse(url_name))
                for name, url_name in {**COLLECTIONS, **LINKS}.items()
            }
        )
