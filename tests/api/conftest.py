import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from quotes.roles import EDITORS, REVIEWERS
from tests.factories import UserFactory


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(db):
    client = APIClient()
    client.force_authenticate(UserFactory(is_staff=True))
    return client


ROLES = ["anonymous", "reader", "editor", "reviewer", "superuser"]


@pytest.fixture
def client_as(db):
    """``client_as("editor")``: an API client signed in with a token as a user of that role.

    reader: signed in, no permissions; editor and reviewer: the groups ``migrate`` keeps
    (quotes.roles); superuser: every permission.
    """

    def make(role: str) -> APIClient:
        client = APIClient()
        if role == "anonymous":
            return client
        user = UserFactory(is_superuser=role == "superuser")
        if role in {"editor", "reviewer"}:
            user.groups.add(
                Group.objects.get(name={"editor": EDITORS, "reviewer": REVIEWERS}[role])
            )
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        client.user = user
        return client

    return make


@pytest.fixture
def editor_api(client_as):
    return client_as("editor")


@pytest.fixture
def reviewer_api(client_as):
    return client_as("reviewer")


class IndexedClient(APIClient):
    """A client whose every request first lets the index writer apply the outbox."""

    def __init__(self, index, **kwargs):
        super().__init__(**kwargs)
        self.index = index

    def generic(self, *args, **kwargs):
        self.index.sync()
        return super().generic(*args, **kwargs)


@pytest.fixture(params=["index", "postgres"])
def search_api(request, db):
    """An anonymous client searching the index (kept current before each request), then one
    searching PostgreSQL: a search feature must hold on both paths."""
    if request.param == "postgres":
        return APIClient()
    return IndexedClient(request.getfixturevalue("search_index"))
