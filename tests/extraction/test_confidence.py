"""The confidence of a candidate: the orderings the review queue relies on, and its range."""

from __future__ import annotations

import itertools

from quotes.extraction import extract
from quotes.extraction.confidence import (
    EVIDENCE_WEIGHTS,
    attribution_evidence,
    confidence,
    evidence,
)


def only(text: str):
    (candidate,) = extract(text)
    return candidate


def test_a_named_speakers_direct_quote_outranks_a_pronouns_paraphrase_with_a_weak_cue():
    quote = only("“We will rebuild the bridge,” Ana Ruiz said.")
    belief = only("The mayor arrived late. He believes the bridge can wait.")
    assert (quote.kind, belief.kind, belief.source_text) == ("direct", "paraphrase", "He")
    assert quote.confidence >= 0.9
    assert belief.confidence < 0.7
    assert quote.confidence > belief.confidence


def test_a_closed_quotation_outranks_one_that_runs_to_the_end_of_the_paragraph():
    closed = only("Ana Ruiz said, “We will rebuild the bridge and nobody will stop us.”")
    unclosed = only("Ana Ruiz said, “We will rebuild the bridge and nobody will stop us")
    assert closed.kind == unclosed.kind == "direct"
    assert closed.confidence > unclosed.confidence


def test_a_whole_sentence_said_outranks_a_stance_verbs_short_object():
    said = only("Ana Ruiz said that the bridge would reopen in May.")
    called = only("Ana Ruiz called the plan reckless on Tuesday.")
    assert (said.cue, called.cue, called.text) == ("said", "called", "the plan reckless")
    assert said.confidence > called.confidence
    assert called.confidence < 0.6


def test_content_cut_at_a_clause_boundary_is_less_sure_than_a_whole_sentence():
    whole = only("Ana Ruiz said the bridge would reopen in May.")
    cut, _warning = extract(
        "Ana Ruiz said the bridge would reopen in May, but the council warned of costs."
    )
    assert whole.text == cut.text == "the bridge would reopen in May"
    assert whole.confidence > cut.confidence


def test_a_quotation_split_by_its_attribution_outranks_a_lone_one():
    lone = only("“We will rebuild the bridge,” Ana Ruiz said.")
    split, _rest = extract(
        "“We will rebuild the bridge,” Ana Ruiz said, “and nobody will stop us.”"
    )
    assert lone.text == split.text == "We will rebuild the bridge,"
    assert split.confidence > lone.confidence


def test_the_first_of_many_quotations_of_one_attribution_is_less_sure_than_a_lone_one():
    lone = only("“We will rebuild the bridge,” Ana Ruiz said.")
    many = extract(
        "“We will rebuild the bridge,” Ana Ruiz said. “Nobody will stop us.”\n\n"
        "“The river will not win.”"
    )
    assert [c.source_text for c in many] == ["Ana Ruiz"] * 3
    assert many[0].text == lone.text
    assert many[0].confidence < lone.confidence


def test_reported_speech_holding_another_attribution_is_less_sure():
    plain = only(
        "Ana Ruiz says she will vote for Ben Cole, who similarly hates the bridge, but not now."
    )
    holding, inner = extract(
        "Ana Ruiz says she will vote for Ben Cole, who similarly opposes the bridge, but not now."
    )
    assert (inner.source_text, inner.cue, inner.text) == ("Ben Cole", "opposes", "the bridge")
    assert holding.start == plain.start and holding.cue == plain.cue
    assert holding.confidence < plain.confidence


def test_the_evidence_a_candidate_shows_beside_the_others():
    text = (
        "“We will rebuild the bridge,” Ana Ruiz said, “and nobody will stop us.” "
        "Lia Chen says she will vote for Ben Cole, who similarly opposes the bridge, but not now."
    )
    found = extract(text)
    assert [(c.kind, c.cue) for c in found] == [
        ("direct", "said"),
        ("direct", "said"),
        ("paraphrase", "says"),
        ("paraphrase", "opposes"),
    ]
    assert attribution_evidence(found) == [
        {"direct, one of two quotations"},
        {"direct, one of two quotations"},
        {"reported, overlaps other reported speech"},
        {"reported, overlaps other reported speech"},
    ]


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_the_evidence_of_a_direct_quote_and_of_reported_speech():
    text = "“We will rebuild the bridge,” Ana Ruiz said. He believes the bridge can wait."
    quote = evidence(
        text,
        span(text, "We will rebuild the bridge,"),
        "direct",
        span(text, "Ana Ruiz"),
        span(text, "said"),
        pronoun_source=False,
    )
    assert quote == {"direct", "say cue", "direct, source after"}
    belief = evidence(
        text,
        span(text, "the bridge can wait"),
        "paraphrase",
        span(text, "He"),
        span(text, "believes"),
        pronoun_source=True,
    )
    assert belief == {
        "weak cue",
        "reported, right after cue",
        "reported, ends the sentence",
        "reported, unnamed source",
    }


def test_the_confidence_stays_from_005_to_1_and_grows_with_the_rules_constant():
    for n in range(len(EVIDENCE_WEIGHTS) + 1):
        for facts in map(frozenset, itertools.combinations(EVIDENCE_WEIGHTS, n)):
            values = [confidence(rule, facts) for rule in (0.0, 0.3, 0.5, 0.9, 1.0)]
            assert all(0.05 <= value <= 1.0 for value in values)
            assert values == sorted(values)
