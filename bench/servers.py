"""The servers under test (gunicorn), and the load: wrk runs, probes, one timed export."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench.common import BENCH, PEOPLE_URL, ROOT, BenchError, parse_wrk_output


@dataclass
class Server:
    system: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# --project-env: tunings tried on the project's server only.
PROJECT_ENV: dict[str, str] = {}
# The search index the project and the floor read (set by the run once it is built).
SEARCH_ENV: dict[str, str] = {}


def server_env(system: str, url: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        # The load comes from one client address: rate limits would answer 429 at once.
        "THROTTLE_ANONYMOUS": "",
        "THROTTLE_USER": "",
        "DJANGO_SETTINGS_MODULE": "bench.naive.settings"
        if system == "naive"
        else "config.settings",
    }
    env.update(SEARCH_ENV)
    if system == "gin":
        env["FLOOR_SEARCH"] = "postgres"
    if system == "project":
        env.update(PROJECT_ENV)
    return env


def port_answers(port: int) -> bool:
    """Does something already listen on 127.0.0.1:``port``?"""
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start_server(system: str, url: str, port: int, workers: int, logs: Path) -> Server:
    # A server left from an interrupted run would answer in place of this one (which then
    # fails to bind), so every figure would be that server's.
    if port_answers(port):
        raise BenchError(
            f"port {port} is in use, perhaps by a server of an interrupted run "
            f"(`pkill -f 'gunicorn.*:{port}'`), or choose others with --port"
        )
    app = "bench.floor:app" if system in ("floor", "gin") else "config.wsgi:application"
    log = logs / f"{system}.log"
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--config", str(BENCH / "gunicorn.conf.py"),
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", "sync",
        "--timeout", "900",
        "--graceful-timeout", "5",
        "--log-level", "warning",
        "--error-logfile", str(log),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=server_env(system, url), start_new_session=True
    )
    server = Server(system, port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{system} server exited at start; see {log}:\n{tail(log)}")
        try:
            with urllib.request.urlopen(f"{server.base}{PEOPLE_URL}?page_size=1", timeout=5):
                return server
        except urllib.error.HTTPError:
            return server  # it answers; the scenarios will show what
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise BenchError(f"{system} server did not answer on port {port} within 60 s; see {log}")


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGTERM)
        try:
            server.process.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()


def tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# Measurements.


def probe(server: Server, path: str) -> tuple[int, str]:
    """(status, a short summary of the answer) for a sanity check before the load."""
    try:
        with urllib.request.urlopen(server.base + path, timeout=120) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:200].decode(errors="replace")
    except OSError as error:
        return 0, str(error)
    try:
        data = json.loads(body)
    except ValueError:
        return status, f"{len(body)} bytes"
    if isinstance(data, dict) and "results" in data:
        first = data["results"][0]["id"] if data["results"] else None
        return status, f"{len(data['results'])} results, first id {first}"
    return status, f"id {data.get('id')}" if isinstance(data, dict) else "?"


def run_wrk(server: Server, paths: list[str], seconds: float, args, workdir: Path) -> dict:
    paths_file = workdir / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.concurrency}", f"-d{max(1, round(seconds))}s",
        f"--timeout={args.request_timeout}s", "-s", str(BENCH / "report.lua"),
        server.base, "--", str(paths_file),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise BenchError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return parse_wrk_output(done.stdout)


def worker_rss_mb(server: Server) -> float | None:
    """The largest resident memory of the server's workers now, in MB."""
    import psutil

    sizes = []
    for process in worker_processes(server):
        with contextlib.suppress(psutil.Error):
            sizes.append(process.memory_info().rss)
    return round(max(sizes) / 2**20, 1) if sizes else None


def worker_processes(server: Server):
    import psutil

    try:
        return psutil.Process(server.process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def run_export(server: Server, path: str, timeout: float) -> dict:
    """One full download, timed, with the peak RSS of the server's workers sampled (None when
    no worker could be sampled: then the target is not measured rather than met)."""
    import psutil

    peak = None
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            for process in worker_processes(server):
                with contextlib.suppress(psutil.Error):
                    peak = max(peak or 0, process.memory_info().rss)
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    request = urllib.request.Request(server.base + path, headers={"Accept": "text/csv"})
    started = time.monotonic()
    size, lines, errors = 0, 0, 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if not 200 <= response.status < 300:
                errors = 1
            while chunk := response.read(1 << 16):
                size += len(chunk)
                lines += chunk.count(b"\n")
                if time.monotonic() - started > timeout:
                    errors = 1
                    break
    except (OSError, urllib.error.HTTPError) as error:
        print(f"  export on {server.system} failed: {error}", flush=True)
        errors = 1
    elapsed = time.monotonic() - started
    stop.set()
    sampler.join()
    rows = max(lines - 1, 0)  # the header (quoted newlines in text would count too)
    return {
        "requests": 1,
        "duration_s": elapsed,
        "p50_ms": elapsed * 1000,
        "p95_ms": elapsed * 1000,
        "p99_ms": elapsed * 1000,
        "non2xx": errors,
        "socket_errors": 0,
        "peak_rss_mb": None if peak is None else round(peak / 2**20, 1),
        "rows": rows,
        "bytes": size,
    }
