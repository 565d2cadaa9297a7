"""Who may write what: every write operation for every role.

Anonymous clients are asked to sign in (401); signed-in users without permissions are refused
(403); editors write everything but reviewed quotes; reviewers and superusers write all.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from config.api.permissions import ModelPermissionsOrAnonReadOnly
from quotes.api.views import QuoteViewSet
from quotes.choices import ReviewStatus
from tests.factories import (
    AffiliationFactory,
    AliasFactory,
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
)

from .conftest import ROLES

pytestmark = pytest.mark.django_db

V1 = "/api/v1"


def draft_quote():
    return QuoteFactory(status=ReviewStatus.DRAFT)


def merge(api):
    survivor, duplicate = PersonFactory(), PersonFactory()
    return api.post(f"{V1}/people/{survivor.slug}/merge/", {"duplicate": duplicate.slug})


def create_article(api):
    publisher = PublisherFactory()
    body = '"We will not stop," the minister said.'
    payload = {
        "publisher": publisher.slug,
        "title": "Talks",
        "url": "https://news.example/talks",
        "published_on": "2023-12-20",
        "body": body,
        "quotes": [{"text": "We will not stop,", "attribution": "the minister"}],
    }
    return api.post(f"{V1}/articles/", payload)


def create_quote(api):
    article = ArticleFactory()
    payload = {"article": article.pk, "text": "We will not stop,", "attribution": "the minister"}
    return api.post(f"{V1}/quotes/", payload)


# name: (request made with a client, status when allowed)
OPERATIONS = {
    "create person": (lambda api: api.post(f"{V1}/people/", {"name": "Ada Lovelace"}), 201),
    "update person": (
        lambda api: api.patch(f"{V1}/people/{PersonFactory().slug}/", {"description": "poet"}),
        200,
    ),
    "delete person": (lambda api: api.delete(f"{V1}/people/{PersonFactory().slug}/"), 204),
    "merge people": (merge, 200),
    "create organization": (
        lambda api: api.post(f"{V1}/organizations/", {"name": "Qatar Foreign Ministry"}),
        201,
    ),
    "update organization": (
        lambda api: api.patch(
            f"{V1}/organizations/{OrganizationFactory().slug}/", {"country": "QA"}
        ),
        200,
    ),
    "delete organization": (
        lambda api: api.delete(f"{V1}/organizations/{OrganizationFactory().slug}/"),
        204,
    ),
    "create affiliation": (
        lambda api: api.post(
            f"{V1}/affiliations/",
            {
                "person": PersonFactory().slug,
                "organization": OrganizationFactory().slug,
                "role": "Spokesperson",
            },
        ),
        201,
    ),
    "update affiliation": (
        lambda api: api.patch(f"{V1}/affiliations/{AffiliationFactory().pk}/", {"role": "Envoy"}),
        200,
    ),
    "delete affiliation": (
        lambda api: api.delete(f"{V1}/affiliations/{AffiliationFactory().pk}/"),
        204,
    ),
    "create alias": (
        lambda api: api.post(f"{V1}/aliases/", {"person": PersonFactory().slug, "name": "Bibi"}),
        201,
    ),
    "update alias": (
        lambda api: api.patch(f"{V1}/aliases/{AliasFactory().pk}/", {"kind": "nickname"}),
        200,
    ),
    "delete alias": (lambda api: api.delete(f"{V1}/aliases/{AliasFactory().pk}/"), 204),
    "create publisher": (lambda api: api.post(f"{V1}/publishers/", {"name": "Al Jazeera"}), 201),
    "update publisher": (
        lambda api: api.patch(
            f"{V1}/publishers/{PublisherFactory().slug}/", {"website": "https://x.example"}
        ),
        200,
    ),
    "delete publisher": (
        lambda api: api.delete(f"{V1}/publishers/{PublisherFactory().slug}/"),
        204,
    ),
    "create article": (create_article, 201),
    "update article": (
        lambda api: api.patch(f"{V1}/articles/{ArticleFactory().pk}/", {"title": "New title"}),
        200,
    ),
    "delete article": (lambda api: api.delete(f"{V1}/articles/{ArticleFactory().pk}/"), 204),
    "create quote": (create_quote, 201),
    "update draft quote": (
        lambda api: api.patch(f"{V1}/quotes/{draft_quote().pk}/", {"cue": "told"}),
        200,
    ),
    "delete draft quote": (lambda api: api.delete(f"{V1}/quotes/{draft_quote().pk}/"), 204),
    "update verified quote": (
        lambda api: api.patch(f"{V1}/quotes/{QuoteFactory().pk}/", {"cue": "told"}),
        200,
    ),
    "delete verified quote": (lambda api: api.delete(f"{V1}/quotes/{QuoteFactory().pk}/"), 204),
    "verify quote": (
        lambda api: api.post(f"{V1}/quotes/{draft_quote().pk}/review/", {"status": "verified"}),
        200,
    ),
}
REVIEWERS_ONLY = {"update verified quote", "delete verified quote", "verify quote"}


def expected_status(role: str, operation: str) -> int:
    if role == "anonymous":
        return 401
    if role == "reader" or (role == "editor" and operation in REVIEWERS_ONLY):
        return 403
    return OPERATIONS[operation][1]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("role", ROLES)
def test_write_permission_matrix(client_as, role, operation):
    api = client_as(role)
    api.default_format = "json"
    request, _ = OPERATIONS[operation]
    response = request(api)
    assert response.status_code == expected_status(role, operation), response.content


def test_every_refusal_says_why_in_the_error_format(client_as):
    response = client_as("reader").post(f"{V1}/people/", {"name": "Ada"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


def test_anonymous_clients_are_told_how_to_authenticate(api):
    response = api.post(f"{V1}/people/", {"name": "Ada"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_session_signs_in_the_browsable_api_and_admin_users(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        f"{V1}/people/", {"name": "Ada Lovelace"}, content_type="application/json"
    )
    # Session writes need the CSRF token (DRF enforces it); the test client skips the check.
    assert response.status_code == 201


class QuerysetNotBuilt(QuoteViewSet):
    def get_queryset(self):
        raise AssertionError("the permission check built the view's queryset")


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_a_read_is_allowed_without_building_the_views_queryset(method):
    request = getattr(APIRequestFactory(), method)(f"{V1}/quotes/")
    request.user = AnonymousUser()
    assert ModelPermissionsOrAnonReadOnly().has_permission(request, QuerysetNotBuilt())
