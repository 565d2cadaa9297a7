"""Direct quotes: content inside quotation marks, with the speaker and cue around them."""

from __future__ import annotations

from quotes.extraction import EXTRACTOR_VERSION, Candidate, extract


def only(text: str, **kwargs) -> Candidate:
    found = extract(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_version_is_a_rules_string():
    assert EXTRACTOR_VERSION.startswith("rules-")


def test_empty_text_gives_no_candidates():
    assert extract("") == []


def test_quote_then_speaker_then_cue_with_apposition():
    text = "“No negotiations under fire,” the official, Basem Naim, said in a text exchange."
    c = only(text)
    assert c.kind == "direct"
    assert c.text == "No negotiations under fire,"
    assert text[c.start : c.end] == c.text
    assert c.source_text == "the official, Basem Naim"
    assert text[c.source_start : c.source_end] == c.source_text
    assert (c.cue, text[c.cue_start : c.cue_end]) == ("said", "said")


def test_straight_quotation_marks():
    c = only('"We will not back down," Mayor Ana Ruiz said.')
    assert (c.kind, c.text, c.source_text) == ("direct", "We will not back down,", "Mayor Ana Ruiz")


def test_inverted_cue_after_quote():
    c = only("“The talks are over,” said Herzog, according to a statement by his office.")
    assert (c.text, c.source_text, c.cue) == ("The talks are over,", "Herzog", "said")


def test_speaker_and_cue_before_quote():
    c = only("The senator said, “This bill will not pass.”")
    assert (c.kind, c.text, c.source_text) == ("direct", "This bill will not pass.", "The senator")


def test_speaker_with_apposition_before_quote_without_comma():
    text = "Zaher Jabareen, another member of Hamas’ leadership, said “so far, nothing.”"
    c = only(text)
    assert c.text == "so far, nothing."
    assert c.source_text == "Zaher Jabareen, another member of Hamas’ leadership"


def test_colon_introduces_quote():
    c = only("The governor added: “We are ready for the storm.”")
    assert (c.text, c.source_text, c.cue) == (
        "We are ready for the storm.",
        "The governor",
        "added",
    )


def test_quote_split_by_attribution_keeps_one_speaker():
    text = "“We tried,” Ms. Lopez said. “Nobody listened.”"
    found = extract(text)
    assert [c.text for c in found] == ["We tried,", "Nobody listened."]
    assert {c.source_text for c in found} == {"Ms. Lopez"}
    assert len({c.cue_start for c in found}) == 1


def test_continuation_paragraph_belongs_to_previous_speaker():
    text = "“First point,” the minister said.\n\n“And a second point, made in a new paragraph.”"
    first, second = extract(text)
    assert second.kind == "direct"
    assert second.text == "And a second point, made in a new paragraph."
    assert (second.source_start, second.cue_start) == (first.source_start, first.cue_start)


def test_multi_paragraph_quote_that_opens_without_closing():
    text = (
        "“The first paragraph runs on,” she said. “It does not close here.\n\n"
        "“The second paragraph closes the quotation.”"
    )
    found = extract(text)
    assert [c.text for c in found] == [
        "The first paragraph runs on,",
        "It does not close here.",
        "The second paragraph closes the quotation.",
    ]
    assert {c.source_text for c in found} == {"she"}


def test_paragraph_ending_in_cue_and_colon_introduces_next_paragraph():
    text = "In a speech, the president declared:\n\n“This is a turning point for the country.”"
    c = only(text)
    assert (c.text, c.source_text, c.cue) == (
        "This is a turning point for the country.",
        "the president",
        "declared",
    )


def test_scare_quotes_inside_a_sentence_are_not_direct_quotes():
    found = extract("The plan was branded “dead on arrival” by critics in the capital.")
    assert all(c.kind != "direct" for c in found)


def test_direct_quote_with_unknown_speaker_is_not_emitted():
    assert extract("“It is over.”") == []
