import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command


@pytest.fixture
def seed(db):
    """The seed article (NYT, 2023-12-20) with its people, organizations and quotes."""
    call_command("loaddata", "seed", verbosity=0)


@pytest.fixture
def cold_content_type_cache():
    """Query counts must not depend on which test ran first in the process."""
    ContentType.objects.clear_cache()
