import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """Rate limits count across tests in the process cache; tests of limits set their own."""
    settings.API_THROTTLE_RATES = {"anonymous": None, "user": None}


@pytest.fixture
def seed(db):
    """The seed article (NYT, 2023-12-20) with its people, organizations and quotes."""
    call_command("loaddata", "seed", verbosity=0)


@pytest.fixture
def cold_content_type_cache():
    """Query counts must not depend on which test ran first in the process."""
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path_factory):
    """Each test has a search index folder of its own, empty: searches use PostgreSQL unless
    the test builds an index (``search_index``)."""
    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search")


@pytest.fixture
def search_index(db, settings):
    """An index of the quotes so far, made current, and its writer: ``sync()`` applies what
    the database recorded since, as ``search_indexer`` does."""
    from quotes.search import indexer

    indexer.rebuild(settings.SEARCH_INDEX_DIR)
    writer = indexer.Indexer(settings.SEARCH_INDEX_DIR)
    yield writer
    writer.close()
