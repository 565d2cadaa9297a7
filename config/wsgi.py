import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Web workers get a statement timeout (WEB_STATEMENT_TIMEOUT_MS); management commands do not.
os.environ.setdefault("WHOSAID_WEB_PROCESS", "1")

application = get_wsgi_application()

from config.middleware import ChunkedBodyLimit  # noqa: E402 (needs the settings loaded above)

application = ChunkedBodyLimit(application)
