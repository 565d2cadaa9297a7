"""``/api/v1/``: the collections with their URLs, and where the schema and the docs are."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

# Name in the answer -> URL name.
COLLECTIONS = {
    "people": "api:person-list",
    "organizations": "api:organization-list",
    "affiliations": "api:affiliation-list",
    "aliases": "api:alias-list",
    "quotes": "api:quote-list",
    "articles": "api:article-list",
    "publishers": "api:publisher-list",
    "topics": "api:topic-list",
}
LINKS = {
    "extract": "api:extract",
    "schema": "api:schema",
    "docs": "api:swagger-ui",
    "redoc": "api:redoc",
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
