"""Indirect speech and attributed claims."""

from __future__ import annotations

from quotes.extraction import extract
from quotes.extraction.cues import CUE_VERBS


def test_cue_verbs_are_documented_in_one_constant():
    for verb in (
        "said",
        "vowed",
        "warned",
        "insisted",
        "denied",
        "acknowledged",
        "added",
        "argued",
        "claimed",
        "noted",
        "stated",
        "announced",
        "wrote",
        "tweeted",
    ):
        assert verb in CUE_VERBS


def test_speaker_said_that_content():
    text = "The mayor said that the bridge would reopen in March."
    (c,) = extract(text)
    assert c.kind == "paraphrase"
    assert (c.text, c.source_text, c.cue) == (
        "the bridge would reopen in March",
        "The mayor",
        "said",
    )


def test_speaker_said_without_that():
    (c,) = extract("A senior Hamas official said Israel would need to abide by a cease-fire.")
    assert c.text == "Israel would need to abide by a cease-fire"
    assert c.source_text == "A senior Hamas official"


def test_content_then_speaker_said():
    (c,) = extract("The remaining civilians could be released in a truce, the official said.")
    assert (c.kind, c.text, c.source_text) == (
        "paraphrase",
        "The remaining civilians could be released in a truce",
        "the official",
    )


def test_content_then_inverted_said_speaker():
    (c,) = extract("Israel initiated the current round of talks, said a second Hamas official.")
    assert c.text == "Israel initiated the current round of talks"
    assert c.source_text == "a second Hamas official"


def test_according_to_at_the_end_is_a_claim():
    (c,) = extract("The war has killed about 20,000 people, according to Gaza health authorities.")
    assert (c.kind, c.cue) == ("claim", "according to")
    assert c.text == "The war has killed about 20,000 people"
    assert c.source_text == "Gaza health authorities"


def test_according_to_at_the_start_is_a_claim():
    (c,) = extract("According to the police, three people were arrested overnight.")
    assert (c.kind, c.text, c.source_text) == (
        "claim",
        "three people were arrested overnight",
        "the police",
    )


def test_told_reporters_skips_the_audience():
    (c,) = extract("The senator told reporters that the vote would be delayed until Friday.")
    assert (c.cue, c.text, c.source_text) == (
        "told",
        "the vote would be delayed until Friday",
        "The senator",
    )


def test_vowed_takes_an_infinitive_content():
    (c,) = extract("Netanyahu vowed to keep fighting until Hamas is destroyed.")
    assert (c.cue, c.text, c.source_text) == (
        "vowed",
        "to keep fighting until Hamas is destroyed",
        "Netanyahu",
    )


def test_modifier_between_speaker_and_cue():
    (c,) = extract("Israeli officials have repeatedly warned that the fighting could last months.")
    assert (c.cue, c.source_text) == ("warned", "Israeli officials")


def test_sentence_without_cue_gives_nothing():
    assert extract("Convoys of trucks bearing aid trickle into Gaza on a daily basis.") == []


def test_clause_before_cue_is_not_taken_as_a_source():
    found = extract("Netanyahu met with the families of hostages and pledged to bring them home.")
    assert all(c.source_text != "Netanyahu met with the families of hostages and" for c in found)
