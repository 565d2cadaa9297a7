"""The benchmark harness's checks (bench/run.py): what it reports must come from this run."""

import http.server
import os
import signal
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from bench import plan as plan_module
from bench import report, run, servers
from bench.common import BenchError, parse_wrk_output


def export_row(peak_rss_mb):
    measured = {"requests": 1, "duration_s": 3.0, "p50_ms": 3000.0, "p95_ms": 3000.0}
    return report.build_row(
        "export_csv", "project", 1_000_000, {**measured, "rows": 100, "peak_rss_mb": peak_rss_mb}
    )


def export_target(rows):
    (target,) = [t for t in report.check_targets(rows) if t[0] == "export peak RSS < 200 MB"]
    return target


def test_an_export_whose_workers_were_never_sampled_is_not_measured_rather_than_met():
    assert export_target([export_row(None)]) == ("export peak RSS < 200 MB", "not measured", "n/a")


@pytest.mark.parametrize(("peak", "verdict"), [(83.0, "PASS"), (250.0, "FAIL")])
def test_the_export_rss_target_is_checked_against_the_sampled_peak(peak, verdict):
    assert export_target([export_row(peak)])[2] == verdict


class _CsvHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"id\n1\n2\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_an_export_from_a_server_with_no_worker_to_sample_has_no_peak_rss(tmp_path: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CsvHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    without_workers = subprocess.Popen(["sleep", "30"])
    try:
        server = servers.Server("floor", httpd.server_address[1], without_workers, tmp_path / "log")
        measured = servers.run_export(server, "/", timeout=10)
    finally:
        httpd.shutdown()
        without_workers.kill()
        without_workers.wait()
    assert (measured["rows"], measured["peak_rss_mb"], measured["non2xx"]) == (2, None, 0)


def test_the_table_says_when_the_export_rss_was_not_measured():
    assert "100 rows, RSS not measured" in report.render_table([export_row(None)])


def test_a_port_already_answering_is_refused_before_a_server_starts(tmp_path: Path):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with pytest.raises(BenchError, match=f"port {port} is in use"):
            servers.start_server("floor", "postgres://unused", port, 1, tmp_path)


def test_a_free_port_does_not_answer():
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        port = reserved.getsockname()[1]
    assert not servers.port_answers(port)


def test_sigterm_unwinds_the_run_so_its_servers_are_stopped():
    previous = signal.getsignal(signal.SIGTERM)
    try:
        run.exit_on_sigterm()
        with pytest.raises(SystemExit) as stopped:
            os.kill(os.getpid(), signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert stopped.value.code == 128 + signal.SIGTERM


def test_wrk_results_are_read_from_the_report_line():
    output = 'Running 10s test\nBENCH_RESULT {"requests": 42, "duration_s": 1.5}\n'
    assert parse_wrk_output(output) == {"requests": 42, "duration_s": 1.5}


def row(scenario, system, requests_per_s, p95_ms):
    measured = {"requests": int(requests_per_s * 10), "duration_s": 10.0, "p95_ms": p95_ms}
    return report.build_row(scenario, system, 1_000_000, measured)


def verdicts(rows, scenario):
    return {
        description: (value, verdict)
        for description, value, verdict in report.check_targets(rows)
        if description.startswith(scenario)
    }


def test_a_search_is_held_to_the_list_pages_p95_and_to_the_floors_rate():
    rows = [
        row("list", "project", 400, 20.0),
        row("search_common", "project", 300, 35.0),
        row("search_common", "floor", 500, 10.0),
    ]
    assert verdicts(rows, "search_common") == {
        "search_common p95 <= 40 ms": ("35.0", "PASS"),
        "search_common p95 <= 1.5 x list p95": ("1.75x", "FAIL"),
        "search_common throughput >= 0.5 x floor": ("0.60x", "PASS"),
    }


def test_without_a_list_run_the_search_to_list_target_is_not_measured():
    rows = [row("search_rare", "project", 300, 10.0)]
    assert verdicts(rows, "search_rare")["search_rare p95 <= 1.5 x list p95"] == (
        "no list run",
        "n/a",
    )


def test_the_sites_search_page_is_held_to_the_api_search_for_the_same_query():
    rows = [
        row("search_phrase", "project", 300, 20.0),
        row("site_search_phrase", "project", 250, 27.0),
    ]
    assert verdicts(rows, "site_search_phrase") == {
        "site_search_phrase p95 <= 1.3 x search_phrase p95": ("1.35x", "FAIL"),
    }


def test_the_site_scenarios_ask_what_the_api_scenarios_ask():
    plan = plan_module.Plan(
        quotes_in_db=3,
        paths={
            "search_rare": ["/api/v1/quotes/?q=zebra"],
            "search_phrase": ["/api/v1/quotes/?q=%22cease+fire%22"],
            "search_common": ["/api/v1/quotes/?q=said&speaker=x"],
        },
    )
    plan_module.plan_site_searches(plan)
    assert plan.paths["site_search_rare"] == ["/?q=zebra"]
    assert plan.paths["site_search_phrase"] == ["/?q=%22cease+fire%22"]
    assert plan.paths["site_search_common"] == ["/?q=said&speaker=x"]


def test_the_import_is_held_to_the_copy_floor_of_the_same_rows():
    bulk = {"import": {"quotes_per_s": 6_000}, "copy_floor": {"quotes_per_s": 10_000}}
    ((description, value, verdict),) = report.check_bulk_targets(bulk)
    assert (value, verdict) == ("0.60x", "FAIL")
    assert "6,000 / 10,000" in description


def test_the_index_build_is_scaled_to_a_million_quotes():
    bulk = {"search_index": {"quotes": 20_000, "build_seconds": 3.0, "size_mb": 2.0}}
    ((_, value, verdict),) = report.check_bulk_targets(bulk)
    assert (value, verdict) == ("150 s (2.0 MB on disk)", "FAIL")
