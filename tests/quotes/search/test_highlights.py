"""Highlights built in Python with the index's analysis, whichever engine found the quote."""

import pytest

from quotes.search.highlights import highlight, mark_page, searched_forms


def marked(quote_text: str, q: str) -> str:
    return highlight(quote_text, searched_forms(q))


def test_a_stemmed_word_marks_every_form_of_it():
    assert marked("Hostages and a hostage,", "hostage") == (
        "<mark>Hostages</mark> and a <mark>hostage</mark>,"
    )


def test_an_accented_word_is_marked_as_written():
    assert marked("The café closed,", "cafe") == "The <mark>café</mark> closed,"


def test_markup_in_the_quote_is_escaped_around_and_inside_the_marks():
    assert marked("<b>aid</b> & more", "aid") == "&lt;b&gt;<mark>aid</mark>&lt;/b&gt; &amp; more"


@pytest.mark.parametrize("q", ["ceasefire", "cease-fire", "Cease\u2011Fires"])
def test_a_joined_spelling_marks_both_parts_of_a_hyphenated_word(q):
    assert marked("A cease-fire held,", q) == "A <mark>cease</mark>-<mark>fire</mark> held,"


def test_a_part_of_a_hyphenated_word_marks_that_part_only():
    assert marked("A cease-fire held,", "fire") == "A cease-<mark>fire</mark> held,"


def test_every_word_of_a_phrase_and_of_either_side_of_or_is_marked():
    assert marked("Aid must flow, talks resume,", '"aid must" OR talks') == (
        "<mark>Aid</mark> <mark>must</mark> flow, <mark>talks</mark> resume,"
    )


def test_an_excluded_word_and_a_stop_word_are_not_marked():
    assert (
        marked("The aid and the talks,", "the aid -talks") == "The <mark>aid</mark> and the talks,"
    )


def test_a_quote_with_no_matched_word_is_escaped_unmarked():
    assert marked("Fish & chips,", "aid") == "Fish &amp; chips,"


def test_a_page_of_representations_and_of_quotes_alike_gets_its_highlights():
    class Quote:
        text = "Aid must flow,"

    rows, quote = [{"text": "More aid,"}], Quote()
    mark_page(rows, "aid")
    mark_page([quote], "aid")
    assert rows[0]["highlight"] == "More <mark>aid</mark>,"
    assert quote.highlight == "<mark>Aid</mark> must flow,"
