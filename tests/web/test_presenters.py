"""The HTML pieces the site builds in Python: links, options, messages, escaped throughout."""

import pytest
from django.urls import reverse, set_script_prefix

from web import presenters


@pytest.mark.parametrize(
    ("name", "argument"),
    [("web:quote", 5), ("web:article", 120), ("web:person", "x-ray"), ("web:organization", "un")],
)
def test_links_are_those_django_reverses(name, argument):
    assert presenters.url(name, argument) == reverse(name, args=[argument])


def test_links_follow_the_script_prefix():
    set_script_prefix("/whosaid/")
    try:
        assert presenters.url("web:quote", 7) == "/whosaid/quotes/7/"
    finally:
        set_script_prefix("/")


def test_options_are_escaped_and_the_chosen_one_selected():
    html = presenters.options([("a", "A & B"), ('"b"', "<B>")], '"b"')
    assert html == (
        '<option value="a">A &amp; B</option>'
        '<option value="&quot;b&quot;" selected>&lt;B&gt;</option>'
    )


def test_field_errors_are_escaped_and_named_for_their_field():
    assert presenters.field_errors(["Use <b>dates</b>."], "said_after") == (
        '<ul class="field-errors" id="said_after-errors">'
        "<li>Use &lt;b&gt;dates&lt;/b&gt;.</li></ul>"
    )
    assert presenters.field_errors([], "q") == ""
