import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The seed article (NYT, 2023-12-20) with its people, organizations and quotes."""
    call_command("loaddata", "seed", verbosity=0)
