"""Schemathesis against the live schema: every operation, every check.

Reads run anonymously; writes run signed in as a superuser (with a token), so they reach
validation, the database and back rather than stopping at 401.

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
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

# A stale If-Match answers 412 before the body is read (RFC 9110 13.2: preconditions are
# evaluated before the request content is processed), so a malformed body sent with a random
# If-Match is rightly refused with 412, which schemathesis does not count as a rejection.
NEGATIVE_DATA_REJECTED_BY = [
    "400", "401", "403", "404", "405", "406", "409", "412", "415", "422", "428", "429", "5xx",
]  # fmt: skip
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": NEGATIVE_DATA_REJECTED_BY}}}
)
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)
reads = schema.include(method="GET")
writes = schema.include(method=["POST", "PUT", "PATCH", "DELETE"])


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes "old" connections per request, as Django's test client avoids:
    that would close the test transaction's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture
def superuser_token(db):
    from rest_framework.authtoken.models import Token

    from tests.factories import UserFactory

    return Token.objects.create(user=UserFactory(is_superuser=True, is_staff=True)).key


@pytest.mark.django_db
@reads.parametrize()
@FUZZ_SETTINGS
def test_reads_conform_to_the_schema(case, seed, keep_test_connection):
    case.call_and_validate()


@pytest.mark.django_db
@writes.parametrize()
@FUZZ_SETTINGS
def test_writes_conform_to_the_schema(case, seed, keep_test_connection, superuser_token):
    # Schema-valid is not always valid: a slug nobody has, a quote not in the article.
    case.call_and_validate(
        headers={"Authorization": f"Token {superuser_token}"},
        excluded_checks=[positive_data_acceptance],
    )
