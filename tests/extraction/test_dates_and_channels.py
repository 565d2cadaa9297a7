"""When and how something was said: relative dates and the channel."""

from __future__ import annotations

import datetime as dt

import pytest

from quotes.extraction import extract
from quotes.extraction.dates import find_date, resolve_weekday

WED = dt.date(2023, 12, 20)  # a Wednesday


def said_on(sentence: str, article_date: dt.date | None = WED) -> dt.date | None:
    (c,) = extract(sentence, article_date=article_date)
    return c.said_on


def test_on_weekday_is_the_most_recent_such_day():
    assert said_on("“We are ready,” the minister said on Tuesday.") == dt.date(2023, 12, 19)


def test_bare_weekday_after_cue():
    assert said_on("“We are ready,” the minister said Monday.") == dt.date(2023, 12, 18)


def test_same_weekday_as_the_article_is_the_article_date():
    assert said_on("“We are ready,” the minister said in a statement Wednesday.") == WED


def test_last_weekday_is_strictly_before_the_article_date():
    assert resolve_weekday("wednesday", WED, strictly_before=True) == dt.date(2023, 12, 13)


def test_yesterday():
    assert said_on("“We are ready,” the minister said yesterday.") == dt.date(2023, 12, 19)


def test_last_week_is_too_vague_and_stays_none():
    assert said_on("“We are ready,” the minister said last week.") is None


def test_month_and_day():
    assert said_on("“We are ready,” the minister said on Dec. 19.") == dt.date(2023, 12, 19)


def test_month_and_day_after_the_article_date_is_last_year():
    assert find_date("on Dec. 28", WED) == (dt.date(2022, 12, 28), True)


def test_no_article_date_leaves_weekday_unresolved():
    assert said_on("“We are ready,” the minister said on Tuesday.", article_date=None) is None


def test_dates_inside_the_quote_are_ignored():
    assert said_on("“We met on Monday,” the minister said.") is None


def test_date_from_earlier_sentence_of_the_paragraph():
    text = "However, on Tuesday, the president spoke in Milwaukee. He said, “We are pushing.”"
    (c,) = extract(text, article_date=WED)
    assert c.said_on == dt.date(2023, 12, 19)


@pytest.mark.parametrize(
    ("phrase", "channel"),
    [
        ("said in a text exchange", "text_message"),
        ("said in a statement", "statement"),
        ("said in an interview", "interview"),
        ("said at a news conference", "press_conference"),
        ("said in a speech", "speech"),
        ("said on X", "social_media"),
        ("wrote in a post", "social_media"),
        ("said", ""),
    ],
)
def test_channel_from_the_attribution(phrase, channel):
    (c,) = extract(f"“We are ready,” the minister {phrase}.")
    assert c.channel == channel


def test_a_lead_between_the_cue_and_a_quotation_gives_the_channel():
    (c,) = extract("Ana Ruiz said on Tuesday in a text exchange, “We will appeal.”", WED)
    assert (c.text, c.channel) == ("We will appeal.", "text_message")


def test_a_lead_between_the_cue_and_a_quotation_gives_the_date():
    (c,) = extract("Ruiz wrote in a statement on Monday, after the vote, “We will appeal.”", WED)
    assert (c.said_on, c.channel) == (dt.date(2023, 12, 18), "statement")
