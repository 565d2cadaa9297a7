import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(db):
    client = APIClient()
    client.force_authenticate(UserFactory(is_staff=True))
    return client
