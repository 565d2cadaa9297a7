"""Production server: ``gunicorn -c gunicorn.conf.py config.wsgi`` (README: "Production").

Threaded workers (gthread): a worker's main loop keeps answering gunicorn's heartbeat while
its threads serve requests, so a long download to a slow client is not killed at ``timeout``;
a statement of a web request is stopped by PostgreSQL first (``WEB_STATEMENT_TIMEOUT_MS``,
checked below to stay under ``timeout``). On SIGTERM a worker finishes its requests for up to
``graceful_timeout`` seconds before it stops.
"""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = int(os.environ.get("WEB_WORKER_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# A worker is replaced after this many requests, so slow leaks cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"

_statement_timeout_ms = int(os.environ.get("WEB_STATEMENT_TIMEOUT_MS", "20000"))
if not 0 < _statement_timeout_ms <= (timeout - 5) * 1000:
    raise SystemExit(
        f"WEB_STATEMENT_TIMEOUT_MS ({_statement_timeout_ms}) must be set and at least 5 s "
        f"below the worker timeout ({timeout} s), so PostgreSQL stops a query first."
    )
