import pytest

from quotes import verbatim
from quotes.verbatim import VerbatimError, find_spans, locate

BODY = "“No negotiations under fire,” the official said.\n\n“Allow  all the needed aid.”"


def test_exact_text_is_found_with_its_offsets():
    start, end = locate(BODY, "No negotiations under fire,")
    assert BODY[start:end] == "No negotiations under fire,"


def test_straight_quotes_match_curly_quotes():
    start, end = locate(BODY, '"No negotiations under fire," the official said.')
    assert BODY[start:end].startswith("“No negotiations")


def test_whitespace_differences_are_allowed():
    start, end = locate(BODY, "Allow all the\nneeded aid.")
    assert BODY[start:end] == "Allow  all the needed aid."


def test_other_differences_are_rejected_with_what_differs():
    with pytest.raises(VerbatimError, match=r'matches "No negotiations under " but then differs'):
        locate(BODY, "No negotiations under any fire")


def test_text_absent_from_the_body_is_rejected():
    with pytest.raises(VerbatimError, match="does not occur"):
        locate(BODY, "Ceasefire now")


def test_repeated_text_is_found_at_each_occurrence():
    assert find_spans("said, and said again", "said") == [(0, 4), (10, 14)]


def test_offsets_choose_among_repeated_occurrences():
    assert locate("said, and said again", "said", start=9) == (10, 14)


def test_first_occurrence_wins_without_offsets():
    assert locate("said, and said again", "said") == (0, 4)


def test_an_articles_body_is_normalised_once_for_all_its_quotes():
    body = "“We will not stop,” she said. “Nor will we,” he said."
    verbatim.normalise.cache_clear()
    verbatim.locate(body, '"We will not stop,"')
    verbatim.locate(body, '"Nor will we,"')
    assert verbatim.normalise.cache_info().misses == 1
