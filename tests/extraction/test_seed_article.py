"""The seed article (NYT, 2023-12-20, cease-fire talks) end to end."""

from __future__ import annotations

import datetime as dt

from quotes.extraction import extract


def direct_quotes(seed_article, gazetteer):
    article_date, body = seed_article
    found = [c for c in extract(body, article_date, gazetteer) if c.kind == "direct"]
    for c in found:
        assert body[c.start : c.end] == c.text
        assert body[c.source_start : c.source_end] == c.source_text
    return found


def test_six_direct_quotes_with_their_speakers(seed_article, gazetteer):
    found = direct_quotes(seed_article, gazetteer)
    assert [(c.text.split()[0], c.person_key) for c in found] == [
        ("No", "basem-naim"),
        ("Allow", "basem-naim"),
        ("so", "zaher-jabareen"),
        ("Anyone", "benjamin-netanyahu"),
        ("Israel", "isaac-herzog"),
        ("There’s", "joe-biden"),
    ]


def test_naim_quote_is_a_text_message(seed_article, gazetteer):
    naim = direct_quotes(seed_article, gazetteer)[0]
    assert naim.source_text == "the official, Basem Naim"
    assert naim.channel == "text_message"


def test_naim_continuation_paragraph_shares_the_attribution(seed_article, gazetteer):
    first, second = direct_quotes(seed_article, gazetteer)[:2]
    assert second.text.startswith("Allow all the needed aid to enter.")
    assert (second.source_start, second.cue_start) == (first.source_start, first.cue_start)


def test_netanyahu_statement_on_the_article_date(seed_article, gazetteer):
    netanyahu = direct_quotes(seed_article, gazetteer)[3]
    assert netanyahu.channel == "statement"
    assert netanyahu.said_on == dt.date(2023, 12, 20)


def test_biden_said_on_tuesday_is_december_19(seed_article, gazetteer):
    biden = direct_quotes(seed_article, gazetteer)[5]
    assert biden.source_text == "he"
    assert biden.said_on == dt.date(2023, 12, 19)


def test_anonymous_hamas_official_paraphrase(seed_article, gazetteer):
    article_date, body = seed_article
    (c,) = [
        c
        for c in extract(body, article_date, gazetteer)
        if c.source_text == "A senior Hamas official"
    ]
    assert c.kind == "paraphrase"
    assert (c.organization_key, c.is_anonymous) == ("hamas", True)


def test_according_to_gaza_health_authorities(seed_article, gazetteer):
    article_date, body = seed_article
    claims = [c for c in extract(body, article_date, gazetteer) if c.kind == "claim"]
    health = [c for c in claims if c.source_text == "Gaza health authorities"]
    assert len(health) == 1
    assert health[0].organization_key == "gaza-health-ministry"
    assert not health[0].is_anonymous


def test_confidences_are_probabilities(seed_article, gazetteer):
    article_date, body = seed_article
    assert all(0.0 <= c.confidence <= 1.0 for c in extract(body, article_date, gazetteer))
