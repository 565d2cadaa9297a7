"""The results: rows, the table, the targets of issues 6 and 21, and the chart."""

from __future__ import annotations

from pathlib import Path

from bench.common import SEARCH_SCENARIOS, SITE_SCENARIOS, SYSTEMS, ratio

# Targets (on 1,000,000 quotes): (scenario, metric, limit, description). Issue 6: list,
# detail, people, export; issue 21: every search against the list page and the floor;
# issue 22: the site's search page against the API's search for the same query.
TARGETS = [
    ("list", "floor_ratio", 0.5, "list throughput >= 0.5 x floor"),
    ("detail", "floor_ratio", 0.5, "detail throughput >= 0.5 x floor"),
    *(
        target
        for scenario in SEARCH_SCENARIOS
        for target in (
            (scenario, "p95_ms", 40, f"{scenario} p95 <= 40 ms"),
            (scenario, "list_p95_ratio", 1.5, f"{scenario} p95 <= 1.5 x list p95"),
            (scenario, "floor_ratio", 0.5, f"{scenario} throughput >= 0.5 x floor"),
        )
    ),
    *(
        (scenario, "api_p95_ratio", 1.3, f"{scenario} p95 <= 1.3 x {api_scenario} p95")
        for scenario, api_scenario in SITE_SCENARIOS.items()
    ),
    ("people_fuzzy", "p95_ms", 30, "people fuzzy search p95 <= 30 ms"),
    ("export_csv", "peak_rss_mb", 200, "export peak RSS < 200 MB"),
]
IMPORT_TO_COPY_FLOOR = 0.7
INDEX_BUILD_SECONDS = 120  # for 1,000,000 quotes
FULL_EXPORT_RSS_TARGET = 200  # MB


def build_row(scenario: str, system: str, quotes: int, measured: dict) -> dict:
    """A result row in the committed JSON format (the issue's keys first, extras after)."""
    requests = measured.get("requests", 0)
    duration = measured.get("duration_s") or 0
    errors = measured.get("non2xx", 0) + measured.get("socket_errors", 0)
    return {
        "scenario": scenario,
        "system": system,
        "requests_per_s": round(requests / duration, 4 if requests / duration < 1 else 2)
        if duration
        else 0.0,
        "p50_ms": round(measured.get("p50_ms", 0.0), 2),
        "p95_ms": round(measured.get("p95_ms", 0.0), 2),
        "p99_ms": round(measured.get("p99_ms", 0.0), 2),
        "errors": errors,
        "quotes_in_db": quotes,
        "requests": requests,
        "duration_s": round(duration, 2),
        **{key: measured[key] for key in ("peak_rss_mb", "rows", "bytes") if key in measured},
    }


def throughput_ratio(row: dict, base: dict | None):
    """row's throughput over base's: requests/s, or for the one-shot export 1 / duration."""
    if base is None:
        return None
    if row["scenario"] == "export_csv":
        return ratio(base.get("duration_s"), row.get("duration_s"))
    return ratio(row["requests_per_s"], base["requests_per_s"])


def describe_rss(peak_rss_mb: float | None) -> str:
    return "RSS not measured" if peak_rss_mb is None else f"{peak_rss_mb:.0f} MB RSS"


def format_number(value, digits=1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value >= 1000:
            return f"{value:,.0f}"
        return f"{value:.{digits}f}"
    return f"{value:,}"


def render_table(rows: list[dict]) -> str:
    """scenario | system | req/s | p50 | p95 | p99 | errors | /floor | /naive."""
    by_key = {(row["scenario"], row["system"]): row for row in rows}
    header = ["scenario", "system", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "extra"]
    header += ["proj/floor", "proj/naive", "proj/gin"]
    lines = [header]
    for scenario in dict.fromkeys(row["scenario"] for row in rows):
        project = by_key.get((scenario, "project"))
        for system in SYSTEMS:
            row = by_key.get((scenario, system))
            if row is None:
                continue
            extra = ""
            if "rows" in row:
                extra = f"{row['rows']:,} rows, {describe_rss(row['peak_rss_mb'])}"
            cells = [
                scenario if system == SYSTEMS[0] or project is None else "",
                system,
                format_number(row["requests_per_s"]),
                format_number(row["p50_ms"]),
                format_number(row["p95_ms"]),
                format_number(row["p99_ms"]),
                str(row["errors"]),
                extra,
                "",
                "",
                "",
            ]
            if system == "project":
                for index, other in ((8, "floor"), (9, "naive"), (10, "gin")):
                    base = by_key.get((scenario, other))
                    value = throughput_ratio(row, base)
                    cells[index] = "-" if value is None else f"{value:.2f}x"
            lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "  ".join(
                cell.ljust(width) if i < 2 or i == 7 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def _reached(metric: str, limit: float, project: dict, by_key: dict) -> tuple[str, str]:
    """(value reached, PASS/FAIL/n/a) of one target on the project's row."""
    if metric == "floor_ratio":
        value = throughput_ratio(project, by_key.get((project["scenario"], "floor")))
        if value is None:
            return "no floor run", "n/a"
        return f"{value:.2f}x", "PASS" if value >= limit else "FAIL"
    if metric == "list_p95_ratio":
        listed = by_key.get(("list", "project"))
        value = ratio(project["p95_ms"], listed and listed["p95_ms"])
        if value is None:
            return "no list run", "n/a"
        return f"{value:.2f}x", "PASS" if value <= limit else "FAIL"
    if metric == "api_p95_ratio":
        api = by_key.get((SITE_SCENARIOS[project["scenario"]], "project"))
        value = ratio(project["p95_ms"], api and api["p95_ms"])
        if value is None:
            return "no API run", "n/a"
        return f"{value:.2f}x", "PASS" if value <= limit else "FAIL"
    value = project.get(metric)
    if value is None:
        return "not measured", "n/a"
    return f"{value:.1f}", "PASS" if value <= limit else "FAIL"


def check_targets(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(description, reached value, PASS/FAIL/n/a) for each target of the issues."""
    by_key = {(row["scenario"], row["system"]): row for row in rows}
    results = []
    for scenario, metric, limit, description in TARGETS:
        project = by_key.get((scenario, "project"))
        if project is None:
            results.append((description, "not run", "n/a"))
        elif project["errors"]:
            results.append((description, f"{project['errors']} errors", "FAIL"))
        else:
            results.append((description, *_reached(metric, limit, project, by_key)))
    errors = sum(row["errors"] for row in rows if row["system"] == "project")
    results.append(
        ("zero errors under load (project)", str(errors), "PASS" if not errors else "FAIL")
    )
    return results


def check_bulk_targets(bulk: dict) -> list[tuple[str, str, str]]:
    checks = []
    if "import" in bulk and "copy_floor" in bulk:
        rate, floor = bulk["import"]["quotes_per_s"], bulk["copy_floor"]["quotes_per_s"]
        value = rate / floor
        checks.append(
            (
                f"import >= {IMPORT_TO_COPY_FLOOR} x COPY floor ({rate:,} / {floor:,} quotes/s)",
                f"{value:.2f}x",
                "PASS" if value >= IMPORT_TO_COPY_FLOOR else "FAIL",
            )
        )
    if "search_index" in bulk:
        build = bulk["search_index"]
        scaled = build["build_seconds"] * 1_000_000 / max(build["quotes"], 1)
        verdict = "PASS" if scaled < INDEX_BUILD_SECONDS else "FAIL"
        what = f"index build < {INDEX_BUILD_SECONDS} s per 1,000,000 quotes"
        checks.append((what, f"{scaled:.0f} s ({build['size_mb']} MB on disk)", verdict))
    if "full_export" in bulk:
        rss = bulk["full_export"]["peak_rss_mb"]
        verdict = "PASS" if rss < FULL_EXPORT_RSS_TARGET else "FAIL"
        what = f"export of every quote ({bulk['full_export']['rows']:,}) peak RSS"
        checks.append((f"{what} < {FULL_EXPORT_RSS_TARGET} MB", f"{rss}", verdict))
    return checks


def draw_chart(rows: list[dict], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scenarios = [s for s in dict.fromkeys(row["scenario"] for row in rows) if s != "export_csv"]
    by_key = {(row["scenario"], row["system"]): row for row in rows}
    colours = {"project": "#1f77b4", "floor": "#2ca02c", "gin": "#ff7f0e", "naive": "#d62728"}
    width = 0.8 / len(SYSTEMS)
    figure, axis = plt.subplots(figsize=(max(8, len(scenarios) * 1.1), 5.5))
    for offset, system in enumerate(SYSTEMS):
        xs, p50, p95, p99 = [], [], [], []
        for index, scenario in enumerate(scenarios):
            row = by_key.get((scenario, system))
            if row is None or not row["requests"]:
                continue
            xs.append(index + (offset - (len(SYSTEMS) - 1) / 2) * width)
            p50.append(max(row["p50_ms"], 0.01))
            p95.append(max(row["p95_ms"], 0.01))
            p99.append(max(row["p99_ms"], 0.01))
        if not xs:
            continue
        axis.bar(xs, p95, width, color=colours[system], alpha=0.35, label=f"{system} p95")
        axis.bar(xs, p50, width, color=colours[system], label=f"{system} p50")
        axis.scatter(xs, p99, color=colours[system], marker="_", s=120, zorder=3)
    axis.set_yscale("log")
    axis.set_ylabel("latency, ms (log scale; bar p50, light bar p95, tick p99)")
    axis.set_xticks(range(len(scenarios)))
    axis.set_xticklabels(scenarios, rotation=30, ha="right")
    axis.set_title(title)
    axis.legend(fontsize="small", ncol=3)
    axis.grid(axis="y", which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
