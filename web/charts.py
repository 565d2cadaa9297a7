"""A person's quotes over time as a bar chart, drawn on the server as SVG geometry for a
template: readable without JavaScript, with a table of the same numbers beside it."""

import datetime
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 180
LEFT, BOTTOM, TOP = 36, 24, 8
# Past this many months the bars count years; a shorter record is drawn over this many months
# (ending with its last), so one busy month does not fill the chart as a single block.
MAX_MONTHS = 48
MIN_MONTHS = 12
MAX_TICKS = 8


@dataclass
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    peak: int
    total: int
    by: str  # "month" or "year"
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: int = HEIGHT - BOTTOM
    top: int = TOP

    @property
    def summary(self) -> str:
        first, last = self.bars[0].label, self.bars[-1].label
        busiest = max(self.bars, key=lambda bar: bar.count)
        quotes = "quote" if self.total == 1 else "quotes"
        span = first if first == last else f"{first} to {last}"
        most = f"most in {busiest.label} ({busiest.count:,})"
        return f"{self.total:,} {quotes} by {self.by}, {span}; {most}."


def _months(first: datetime.date, last: datetime.date):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def quotes_over_time(per_month: list[tuple[datetime.date, int]]) -> Chart | None:
    """Bars for ``[(month, quotes)]`` (oldest first, empty months left out); None if empty."""
    if not per_month:
        return None
    counts = dict(per_month)
    first, last = per_month[0][0], per_month[-1][0]
    earliest = last.year * 12 + last.month - MIN_MONTHS  # months since year 0, zero-based
    first = min(first, datetime.date(earliest // 12, earliest % 12 + 1, 1))
    months = list(_months(first, last))
    if len(months) > MAX_MONTHS:
        by = "year"
        totals: dict[str, int] = {}
        for month in months:
            totals[str(month.year)] = totals.get(str(month.year), 0) + counts.get(month, 0)
        bins = list(totals.items())
    else:
        by = "month"
        bins = [(f"{month:%b %Y}", counts.get(month, 0)) for month in months]
    peak = max(count for _, count in bins)
    plot_width, plot_height = WIDTH - LEFT, HEIGHT - BOTTOM - TOP
    step = plot_width / len(bins)
    gap = min(4.0, step * 0.2)
    bars = []
    for index, (label, count) in enumerate(bins):
        height = plot_height * count / peak
        bars.append(
            Bar(
                label=label,
                count=count,
                x=round(LEFT + index * step + gap / 2, 2),
                y=round(HEIGHT - BOTTOM - height, 2),
                width=round(step - gap, 2),
                height=round(height, 2),
            )
        )
    every = max(1, -(-len(bins) // MAX_TICKS))
    ticks = [
        (round(LEFT + (index + 0.5) * step, 2), label)
        for index, (label, _) in enumerate(bins)
        if index % every == 0
    ]
    return Chart(bars, ticks, peak, sum(count for _, count in bins), by)
