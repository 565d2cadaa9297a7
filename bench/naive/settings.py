"""Settings of the naive baseline: the project's settings with a tutorial-style DRF setup.

Same database, models, middleware and production flags as the project (``DEBUG=false`` needs
``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL`` in the environment, as for the project);
only the URLs and the REST framework defaults differ. Serve with
``DJANGO_SETTINGS_MODULE=bench.naive.settings gunicorn config.wsgi`` (``bench/run.py`` does).
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.naive.urls"

# What the DRF tutorial sets up: page numbers with a COUNT, the default renderers, the default
# authentication, ``?format=`` overrides; no custom pagination, filters or renderers.
REST_FRAMEWORK = {
    "DEFAULT_PAGINATION_CLASS": "bench.naive.pagination.Pagination",
    "PAGE_SIZE": 20,
}
