"""Schemathesis against the live schema: every GET operation, every check.

``make test`` runs a bounded number of examples per operation; ``FUZZ_EXAMPLES=5000`` (what
``make fuzz`` sets) runs thousands. Data comes from the seed article, so slugs and ids that
exist are mixed with ones that do not.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from config.wsgi import application

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

schema = schemathesis.openapi.from_wsgi("/api/schema/", application).include(method="GET")


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes "old" connections per request, as Django's test client avoids:
    that would close the test transaction's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, seed, keep_test_connection):
    case.call_and_validate()
