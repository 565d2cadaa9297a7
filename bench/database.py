"""The bench database: tools, connections, manage.py commands, creation and filling."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from bench.common import ROOT, BenchError

INSTALL_HINTS = {
    "wrk": "wrk is missing: install it with `apt-get install -y wrk` (Debian/Ubuntu).",
    "python": "Python packages for the bench are missing: `.venv/bin/pip install -e '.[bench]'`.",
}


def check_tools() -> None:
    if shutil.which("wrk") is None:
        raise BenchError(INSTALL_HINTS["wrk"])
    missing = []
    for module in ("gunicorn", "psutil", "matplotlib", "orjson", "psycopg"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise BenchError(f"{INSTALL_HINTS['python']} (missing: {', '.join(missing)})")


def connect(url: str, **kwargs):
    import psycopg

    return psycopg.connect(url, autocommit=True, **kwargs)


def with_database(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


def maintenance_url(url: str) -> tuple[str, str]:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not name:
        raise BenchError(f"BENCH_DATABASE_URL has no database name: {url}")
    return with_database(url, "postgres"), name


def manage_command(url: str, args) -> tuple[list[str], dict]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DEBUG", None)
    print(f"$ DATABASE_URL={url} manage.py {' '.join(args)}", flush=True)
    return [sys.executable, "manage.py", *args], env


def manage(url: str, *args: str, env: dict | None = None) -> None:
    command, base_env = manage_command(url, args)
    if subprocess.run(command, cwd=ROOT, env={**base_env, **(env or {})}).returncode:
        raise BenchError(f"manage.py {args[0]} failed")


def manage_measured(url: str, *args: str, env: dict | None = None) -> tuple[float, float, str]:
    """Run a manage.py command: (seconds, its peak RSS in MB, what it printed); ``env``: more
    environment."""
    command, base_env = manage_command(url, args)
    env = {**base_env, **(env or {})}
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)  # the rusage of this child alone
    elapsed = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise BenchError(f"manage.py {args[0]} failed:\n{output}")
    return elapsed, round(usage.ru_maxrss / 1024, 1), output  # ru_maxrss is in KiB


def wait_until_idle(url: str, timeout: float = 120) -> float:
    """Wait until no query of an earlier run is still running on the database (a slow
    baseline's requests outlive wrk's run and would load the next one); the seconds waited."""
    started = time.monotonic()
    with connect(url) as conn:
        while time.monotonic() - started < timeout:
            busy = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state = 'active' AND pid <> pg_backend_pid()"
            ).fetchone()[0]
            if not busy:
                break
            time.sleep(0.2)
    return time.monotonic() - started


def count_quotes(url: str) -> int:
    with connect(url) as conn:
        return conn.execute("SELECT count(*) FROM quotes_quote").fetchone()[0]


def database_server(url: str) -> dict[str, str | bool]:
    """The server settings that decide how much of the data is served from PostgreSQL's own
    memory; recorded with the results, since they move the search rows more than the code."""
    with connect(url) as conn:
        (version, shared_buffers, cache, work_mem, size, fits) = conn.execute(
            "SELECT current_setting('server_version'), current_setting('shared_buffers'), "
            "current_setting('effective_cache_size'), current_setting('work_mem'), "
            "pg_size_pretty(pg_database_size(current_database())), "
            "pg_database_size(current_database()) <= "
            "pg_size_bytes(current_setting('shared_buffers'))"
        ).fetchone()
    return {
        "version": version,
        "shared_buffers": shared_buffers,
        "effective_cache_size": cache,
        "work_mem": work_mem,
        "database_size": size,
        "database_fits_in_shared_buffers": fits,
    }


def ensure_database(url: str, quotes: int, *, rebuild: bool, seed: int) -> int:
    """Create, migrate and fill the bench database as needed; return its number of quotes."""
    import psycopg
    from psycopg import sql

    maintenance, name = maintenance_url(url)
    try:
        with connect(maintenance) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if exists and rebuild:
                print(f"Dropping database {name} (--rebuild)", flush=True)
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
                exists = None
            if not exists:
                print(f"Creating database {name}", flush=True)
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        raise BenchError(
            f"Cannot reach the PostgreSQL server of {url}: {error}\n"
            "Set BENCH_DATABASE_URL (or --database-url) to a server where this user may create "
            "databases."
        ) from error
    manage(url, "migrate", "--noinput", "-v", "0")
    present = count_quotes(url)
    if present >= quotes:
        print(f"Reusing {name}: {present:,} quotes (>= {quotes:,} asked)", flush=True)
        analyze_if_stale(url)
        return present
    missing = quotes - present
    # A seed can be generated once per database: topping up uses another one.
    run_seed = seed if present == 0 else seed + present
    print(f"{name} has {present:,} quotes; generating {missing:,} more (seed {run_seed})")
    started = time.monotonic()
    manage(url, "generate_corpus", "--quotes", str(missing), "--seed", str(run_seed))
    print(f"Generated in {time.monotonic() - started:.0f} s; VACUUM ANALYZE", flush=True)
    with connect(url) as conn:
        conn.execute("VACUUM ANALYZE")
    return count_quotes(url)


def analyze_if_stale(url: str) -> None:
    """ANALYZE when the statistics were never taken or a tenth of the rows changed since.

    Right after a bulk load the planner believes the tables are nearly empty and picks plans
    (sequential scans, nested loops over every row) that no production database would run.
    """
    with connect(url) as conn:
        stale = conn.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE relname LIKE ANY(%s) AND ("
            "coalesce(last_analyze, last_autoanalyze) IS NULL OR "
            "n_mod_since_analyze > 0.1 * greatest(n_live_tup, 1000))",
            [["quotes_%", "actors_%"]],
        ).fetchone()[0]
        if stale:
            print(f"ANALYZE ({stale} tables with stale statistics)", flush=True)
            conn.execute("ANALYZE")
