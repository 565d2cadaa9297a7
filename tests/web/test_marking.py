"""An article body's paragraphs cut into runs, each marked with the quote covering it."""

from web.marking import Run, marked_paragraphs


def test_paragraphs_are_the_non_blank_lines():
    assert marked_paragraphs("One.\n\nTwo.\n", []) == [[Run("One.")], [Run("Two.")]]


def test_a_quote_is_a_marked_run_that_starts_where_it_starts():
    body = "He said “stop now” and left."
    assert marked_paragraphs(body, [(9, 17, 7)]) == [
        [Run("He said “"), Run("stop now", 7, [7]), Run("” and left.")]
    ]


def test_a_quote_inside_another_keeps_its_own_run():
    body = "abcdefghij"
    runs = marked_paragraphs(body, [(0, 10, 1), (3, 6, 2)])[0]
    assert runs == [Run("abc", 1, [1]), Run("def", 2, [2]), Run("ghij", 1)]


def test_a_quote_across_paragraphs_is_marked_in_each():
    body = "first line\nsecond line"
    paragraphs = marked_paragraphs(body, [(6, 17, 3)])
    assert paragraphs == [
        [Run("first "), Run("line", 3, [3])],
        [Run("second", 3), Run(" line")],
    ]


def test_an_empty_body_has_no_paragraphs():
    assert marked_paragraphs("", [(0, 3, 1)]) == []
