"""The benchmark driver: project vs floor vs baselines under a real HTTP load generator.

    .venv/bin/python -m bench.run [--quotes 1000000] [--quick] [--duration 15] ...

1. Ensures the bench database (``BENCH_DATABASE_URL``, default
   postgres://postgres@127.0.0.1:5432/whosaid_bench): created and migrated if absent, filled by
   ``manage.py generate_corpus`` when it holds fewer quotes than ``--quotes`` (reused otherwise),
   then VACUUM ANALYZE (``bench.database``).
2. Picks every scenario's requests from the data (``bench.plan``), so every system gets
   identical URLs.
3. Builds the search index of the database (``rebuild_search_index``: time, size) and starts
   its writer, as ``make run`` does (``bench.search``).
4. Serves the project, the floor (``bench/floor.py``, searching the same index), the ``gin``
   baseline (the floor ranking in PostgreSQL, search scenarios only) and the naive DRF version
   (``bench/naive/``) with gunicorn on four ports, and drives each scenario on each system with
   wrk (``bench.servers``), interleaved per scenario; then the project's worker RSS, and the
   delay from a commit to its quote being found by the project's search.
5. Times one CSV export per system while sampling the workers' RSS.
6. With the servers stopped, measures the bulk paths as commands (``bench.bulk``): an import of
   the newest ``--import-quotes`` quotes' articles into an empty database with its index kept
   current, against the COPY floor of the same rows; and an export of every quote.
7. Prints the table and the targets (``bench.report``), writes
   ``bench/results/<date>-<machine>.json`` (the rows), ``.requests.json`` (the exact requests),
   ``.bulk.json`` (bulk paths and search index) and ``.png`` (latency per scenario).

See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from bench import bulk as bulk_paths
from bench import search
from bench.common import (
    BASE_SEED,
    DEFAULT_DATABASE_URL,
    QUICK_DATABASE_URL,
    QUICK_QUOTES,
    RESULTS,
    SCENARIOS,
    SEARCH_SCENARIOS,
    SITE_SCENARIOS,
    SYSTEMS,
    BenchError,
    machine_name,
)
from bench.database import (
    check_tools,
    count_quotes,
    database_server,
    ensure_database,
    manage,
    wait_until_idle,
)
from bench.plan import plan_requests
from bench.report import (
    build_row,
    check_bulk_targets,
    check_targets,
    describe_rss,
    draw_chart,
    render_table,
)
from bench.servers import (
    PROJECT_ENV,
    SEARCH_ENV,
    Server,
    probe,
    run_export,
    run_wrk,
    server_env,
    start_server,
    stop_server,
    tail,
    worker_rss_mb,
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quotes", type=int, help="Default 1,000,000 (20,000 with --quick).")
    parser.add_argument(
        "--database-url",
        help=f"Default $BENCH_DATABASE_URL or {DEFAULT_DATABASE_URL} "
        f"({QUICK_DATABASE_URL} with --quick).",
    )
    parser.add_argument("--rebuild", action="store_true", help="Drop and regenerate the database.")
    parser.add_argument("--seed", type=int, default=BASE_SEED)
    parser.add_argument("--duration", type=float, default=15, help="Seconds per run (15).")
    parser.add_argument("--warmup", type=float, default=3, help="Seconds of warm-up (3).")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="A smoke test: 3 s runs, 1 s warm-up, 20,000 quotes in a database of its own.",
    )
    _add_load_arguments(parser)
    args = parser.parse_args(argv)
    return _resolved(parser, args)


def _add_load_arguments(parser) -> None:
    parser.add_argument("--concurrency", type=int, default=8, help="Connections (8).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2).")
    parser.add_argument("--request-timeout", type=int, default=60, help="wrk timeout, s (60).")
    parser.add_argument("--export-rows", type=int, default=100_000, help="Default 100,000.")
    parser.add_argument("--export-timeout", type=float, default=900, help="Seconds (900).")
    parser.add_argument(
        "--import-quotes",
        type=int,
        help="Quotes in the import measurement (default 200,000, 2,000 with --quick; 0: skip).",
    )
    parser.add_argument(
        "--full-export",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Time export_quotes of every quote and take its peak RSS (default: on).",
    )
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="Comma-separated subset.")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="Comma-separated.")
    parser.add_argument(
        "--project-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="Extra environment of the project's server (repeatable), to try a "
        "tuning, e.g. --project-env WEB_STATEMENT_TIMEOUT_MS=0 "
        "--project-env 'PGOPTIONS=-c join_collapse_limit=1'.",
    )
    parser.add_argument(
        "--delay-samples",
        type=int,
        help="Edits timed from commit to visible in search (default 40, 10 with --quick; 0: skip).",
    )
    parser.add_argument("--port", type=int, default=8101, help="First of four ports (8101).")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Default bench/results/.")
    parser.add_argument("--name", help="Result file stem (default <date>-<machine>).")
    parser.add_argument(
        "--skip-ensure", action="store_true", help="Use the database as it is (no migrate/fill)."
    )


def _resolved(parser, args):
    """Defaults that depend on --quick, and checks of the lists."""
    if args.quick:
        args.duration, args.warmup = 3, 1
    if args.quotes is None:
        args.quotes = QUICK_QUOTES if args.quick else 1_000_000
    if args.import_quotes is None:
        args.import_quotes = 2_000 if args.quick else 200_000
    if args.delay_samples is None:
        args.delay_samples = 10 if args.quick else 40
    if args.database_url is None:
        args.database_url = os.environ.get("BENCH_DATABASE_URL") or (
            QUICK_DATABASE_URL if args.quick else DEFAULT_DATABASE_URL
        )
    for item in args.project_env:
        if "=" not in item:
            parser.error(f"--project-env takes KEY=VALUE, not {item!r}")
    args.systems = [s for s in args.systems.split(",") if s]
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    choices = ((args.systems, SYSTEMS, "system"), (args.scenarios, SCENARIOS, "scenario"))
    for value, allowed, what in choices:
        unknown = set(value) - set(allowed)
        if unknown:
            parser.error(f"unknown {what}: {', '.join(sorted(unknown))}")
    return args


def exit_on_sigterm() -> None:
    """SIGTERM raises SystemExit, so ``run``'s cleanup stops the servers (they run in sessions
    of their own and would outlive the run)."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def main(argv=None) -> int:
    args = parse_args(argv)
    exit_on_sigterm()
    try:
        return run(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2


def run(args) -> int:
    check_tools()
    PROJECT_ENV.clear()
    PROJECT_ENV.update(item.split("=", 1) for item in args.project_env)
    url = args.database_url
    if args.skip_ensure:
        quotes = count_quotes(url)
    else:
        quotes = ensure_database(url, args.quotes, rebuild=args.rebuild, seed=args.seed)
    print("Choosing the requests from the data ...", flush=True)
    plan = plan_requests(url, args.export_rows)
    print(json.dumps(plan.notes, indent=1, default=str), flush=True)
    server_settings = database_server(url)
    print_server_settings(server_settings)
    args.output.mkdir(parents=True, exist_ok=True)
    stem = args.name or f"{datetime.date.today().isoformat()}-{machine_name()}"
    workdir = Path(tempfile.mkdtemp(prefix="whosaid-bench-"))
    bulk: dict[str, dict] = {}
    rows = serve_and_load(args, url, plan, quotes, workdir, bulk)
    if args.import_quotes:
        print(f"\nImport of the newest {args.import_quotes:,} quotes' articles:", flush=True)
        bulk.update(bulk_paths.measure_import(url, args.import_quotes, workdir))
        print(f"  {bulk['import']}\n  COPY floor: {bulk['copy_floor']}", flush=True)
    if args.full_export:
        print("\nExport of every quote:", flush=True)
        bulk["full_export"] = bulk_paths.measure_full_export(url, workdir)
        print(f"  {bulk['full_export']}", flush=True)
    print()
    print(render_table(rows))
    print(f"\nTargets (defined on 1,000,000 quotes; this database has {quotes:,}):")
    for description, value, verdict in [*check_targets(rows), *check_bulk_targets(bulk)]:
        print(f"  {verdict:4}  {description}: {value}")
    write_results(args, stem, quotes, rows, bulk, plan, server_settings)
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def print_server_settings(server_settings: dict) -> None:
    print(
        f"PostgreSQL {server_settings['version']}: shared_buffers "
        f"{server_settings['shared_buffers']} for a database of "
        f"{server_settings['database_size']}"
        + (
            ""
            if server_settings["database_fits_in_shared_buffers"]
            else " (it does not fit: searches read heap pages from the OS cache)"
        ),
        flush=True,
    )


def serve_and_load(args, url, plan, quotes: int, workdir: Path, bulk: dict) -> list[dict]:
    """Build the search index, serve every system, run the scenarios; the index's figures,
    the project's worker RSS and the commit-to-visible delay go into ``bulk``."""
    index_dir = workdir / "search"
    print("\nBuilding the search index ...", flush=True)
    bulk["search_index"] = search.build_index(url, index_dir)
    print(f"  {bulk['search_index']}", flush=True)
    SEARCH_ENV["SEARCH_INDEX_DIR"] = str(index_dir)
    indexer = search.start_indexer(url, index_dir, workdir / "indexer.log")
    servers: dict[str, Server] = {}
    if "project" in args.systems:  # the site's pages name their static files by the manifest
        manage(
            url, "collectstatic", "--noinput", "--verbosity", "0", env=server_env("project", url)
        )
    try:
        for offset, system in enumerate(SYSTEMS):
            if system in args.systems:
                servers[system] = start_server(
                    system, url, args.port + offset, args.workers, workdir
                )
                print(f"{system}: {servers[system].base} (log {servers[system].log})", flush=True)
        sanity_check(args, plan, servers)
        print(
            f"\nLoad: wrk -t{args.threads} -c{args.concurrency}, {args.duration:g} s per run "
            f"after {args.warmup:g} s of warm-up; {quotes:,} quotes in the database.\n",
            flush=True,
        )
        rows = load(args, plan, quotes, servers, workdir)
        if "project" in servers:
            bulk["search_index"]["project_worker_rss_mb"] = worker_rss_mb(servers["project"])
            if args.delay_samples:
                delay = search.measure_delay(url, servers["project"].base, args.delay_samples)
                bulk["search_delay"] = delay
                print(f"\nCommit to visible in search: {delay}", flush=True)
    finally:
        search.stop_process(indexer)
        for server in servers.values():
            stop_server(server)
        for server in servers.values():
            if server.log.exists() and server.log.stat().st_size:
                print(f"\n{server.system} server log ({server.log}), last lines:")
                print(tail(server.log))
    return rows


def runs(args, servers: dict[str, Server]):
    """(scenario, system, server) in the order they run: systems interleaved per scenario;
    the gin baseline only searches, only the project serves the site, and no export is probed
    before it is measured."""
    for scenario in args.scenarios:
        for system, server in servers.items():
            if system == "gin" and scenario not in SEARCH_SCENARIOS:
                continue
            if system != "project" and scenario in SITE_SCENARIOS:
                continue
            yield scenario, system, server


def sanity_check(args, plan, servers: dict[str, Server]) -> None:
    print("\nSanity check (first request of each scenario):")
    failed = []
    for scenario, system, server in runs(args, servers):
        if scenario == "export_csv":  # one long download: measured once, below
            continue
        status, summary = probe(server, plan.paths[scenario][0])
        print(f"  {scenario:20} {system:8} {status} {summary}")
        if not 200 <= status < 300:
            failed.append(f"{scenario} on {system}")
    if failed:
        print(f"  (not 2xx: {', '.join(failed)}; these runs will count errors)", flush=True)


def load(args, plan, quotes: int, servers: dict[str, Server], workdir: Path) -> list[dict]:
    rows = []
    for scenario, system, server in runs(args, servers):
        paths = plan.paths[scenario]
        waited = wait_until_idle(args.database_url)
        if waited > 1:
            print(f"  (waited {waited:.0f} s for the previous run's queries to end)", flush=True)
        if scenario == "export_csv":
            measured = run_export(server, paths[0], args.export_timeout)
        else:
            if args.warmup:
                run_wrk(server, paths, args.warmup, args, workdir)
            measured = run_wrk(server, paths, args.duration, args, workdir)
        row = build_row(scenario, system, quotes, measured)
        rows.append(row)
        extra = (
            f"  rows {row['rows']:,}  {describe_rss(row['peak_rss_mb'])}" if "rows" in row else ""
        )
        print(
            f"  {scenario:20} {system:8} {row['requests_per_s']:>9.1f} req/s  "
            f"p50 {row['p50_ms']:>9.1f}  p95 {row['p95_ms']:>9.1f}  "
            f"p99 {row['p99_ms']:>9.1f} ms  errors {row['errors']}{extra}",
            flush=True,
        )
    return rows


def write_results(args, stem, quotes, rows, bulk, plan, server_settings) -> None:
    result_json = args.output / f"{stem}.json"
    result_json.write_text(json.dumps(rows, indent=1) + "\n")
    requests_json = args.output / f"{stem}.requests.json"
    details = {
        "quotes_in_db": quotes,
        "machine": machine_name(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "command": " ".join(sys.argv),
        "duration_s": args.duration,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "project_env": PROJECT_ENV,
        "database_server": server_settings,
        "notes": plan.notes,
        "paths": plan.paths,
    }
    requests_json.write_text(json.dumps(details, indent=1, default=str) + "\n")
    written = [result_json, requests_json]
    if bulk:
        bulk_json = args.output / f"{stem}.bulk.json"
        bulk_json.write_text(json.dumps({"quotes_in_db": quotes, **bulk}, indent=1) + "\n")
        written.append(bulk_json)
    chart = args.output / f"{stem}.png"
    draw_chart(rows, chart, f"whosaid: latency per scenario, {quotes:,} quotes, {machine_name()}")
    print(f"\nWrote {', '.join(map(str, written))} and {chart}")


if __name__ == "__main__":
    sys.exit(main())
