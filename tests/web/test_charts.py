"""Quotes over time as bars: by month, by year past four years, never one block."""

import datetime

from web.charts import HEIGHT, quotes_over_time


def month(year, number):
    return datetime.date(year, number, 1)


def test_no_quotes_draw_no_chart():
    assert quotes_over_time([]) is None


def test_months_without_quotes_are_empty_bars_between_the_others():
    chart = quotes_over_time([(month(2023, 1), 2), (month(2023, 12), 4)])
    assert [bar.label for bar in chart.bars][:2] == ["Jan 2023", "Feb 2023"]
    assert [bar.count for bar in chart.bars] == [2, *[0] * 10, 4]
    assert chart.total == 6
    assert chart.summary == "6 quotes by month, Jan 2023 to Dec 2023; most in Dec 2023 (4)."


def test_a_short_record_is_drawn_over_a_year():
    chart = quotes_over_time([(month(2023, 12), 3)])
    assert len(chart.bars) == 12
    assert chart.bars[0].label == "Jan 2023"
    assert chart.bars[-1].height > 0 and chart.bars[0].height == 0


def test_bars_are_as_tall_as_their_share_of_the_busiest():
    chart = quotes_over_time([(month(2023, 11), 2), (month(2023, 12), 4)])
    high, low = chart.bars[-1], chart.bars[-2]
    assert high.height == 2 * low.height
    assert high.y + high.height == chart.baseline <= HEIGHT


def test_more_than_four_years_are_counted_by_year():
    chart = quotes_over_time([(month(2015, 3), 1), (month(2015, 9), 2), (month(2023, 12), 5)])
    assert chart.by == "year"
    assert [bar.label for bar in chart.bars] == [str(year) for year in range(2015, 2024)]
    assert chart.bars[0].count == 3
    assert len(chart.ticks) <= 8
