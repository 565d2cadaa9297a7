"""The benchmark harness's checks (bench/run.py): what it reports must come from this run."""

import http.server
import os
import signal
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from bench import run


def export_row(peak_rss_mb):
    measured = {"requests": 1, "duration_s": 3.0, "p50_ms": 3000.0, "p95_ms": 3000.0}
    return run.build_row(
        "export_csv", "project", 1_000_000, {**measured, "rows": 100, "peak_rss_mb": peak_rss_mb}
    )


def export_target(rows):
    (target,) = [t for t in run.check_targets(rows) if t[0] == "export peak RSS < 200 MB"]
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
        server = run.Server("floor", httpd.server_address[1], without_workers, tmp_path / "log")
        measured = run.run_export(server, "/", timeout=10)
    finally:
        httpd.shutdown()
        without_workers.kill()
        without_workers.wait()
    assert (measured["rows"], measured["peak_rss_mb"], measured["non2xx"]) == (2, None, 0)


def test_the_table_says_when_the_export_rss_was_not_measured():
    assert "100 rows, RSS not measured" in run.render_table([export_row(None)])


def test_a_port_already_answering_is_refused_before_a_server_starts(tmp_path: Path):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        with pytest.raises(run.BenchError, match=f"port {port} is in use"):
            run.start_server("floor", "postgres://unused", port, 1, tmp_path)


def test_a_free_port_does_not_answer():
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        port = reserved.getsockname()[1]
    assert not run.port_answers(port)


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
    assert run.parse_wrk_output(output) == {"requests": 42, "duration_s": 1.5}
