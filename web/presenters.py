"""Who a quote is by and when and where it appeared, as HTML for the site's lists and pages.

Built here with ``format_html`` rather than in templates: a page lists up to a hundred quotes,
and resolving each row's few dozen template variables took longer than the database took to
find them.
"""

import html
from dataclasses import dataclass
from functools import cache

from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@cache
def _around_argument(name: str, placeholder, prefix: str) -> tuple[str, str]:
    url = reverse(name, args=[placeholder])
    at = url.rindex(str(placeholder))
    return url[:at], url[at + len(str(placeholder)) :]


def url(name: str, argument) -> str:
    """``reverse(name, args=[argument])`` for the site's one-argument routes, reversed once per
    route: a list of a hundred quotes links each to five pages."""
    placeholder = 1 if isinstance(argument, int) else "x"
    before, after = _around_argument(name, placeholder, get_script_prefix())
    return f"{before}{argument}{after}"


def day(date) -> str:
    """'December 20, 2023'."""
    return f"{date:%B} {date.day}, {date.year}" if date else ""


def _time(date) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', date.isoformat(), day(date))


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class QuoteSource:
    name: str  # the speaker, else the attribution as worded, else the organization
    url: str | None  # the person's page
    as_worded: str  # the attribution, when it says more than the speaker's name
    organization: dict | None  # {"name", "url", "relation"}: whom an unnamed source speaks for
    unnamed: bool = False  # an anonymous source of no known organization


def _organization(ref: dict, relation: str) -> dict:
    organization_url = url("web:organization", ref["slug"])
    return {"name": ref["name"], "url": organization_url, "relation": relation}


def source_of(quote) -> QuoteSource:
    attribution = quote.attribution.strip()
    if quote.speaker_id:
        speaker = quote.speaker
        as_worded = attribution if attribution and attribution != speaker.name else ""
        return QuoteSource(speaker.name, url("web:person", speaker.slug), as_worded, None)
    name = _capitalized(attribution)
    if quote.speaking_organization_id:
        ref = quote.speaking_organization_ref
        return QuoteSource(name or ref["name"], None, "", _organization(ref, ""))
    name = name or "Unnamed source"
    if quote.source_organization_id:
        relation = "unnamed source from" if quote.is_anonymous else "source from"
        return QuoteSource(name, None, "", _organization(quote.source_organization_ref, relation))
    return QuoteSource(name, None, "", None, unnamed=quote.is_anonymous)


def byline(quote, *, full: bool = True) -> SafeString:
    """The source (linked), and in a list (``full``) the attribution as worded and the role."""
    source = source_of(quote)
    parts = [
        format_html('<span class="source"><a href="{}">{}</a></span>', source.url, source.name)
        if source.url
        else format_html('<span class="source">{}</span>', source.name)
    ]
    if source.as_worded and full:
        parts.append(format_html(' <span class="as-worded">(“{}”)</span>', source.as_worded))
    if organization := source.organization:
        relation = f"{organization['relation']} " if organization["relation"] else ""
        parts.append(
            format_html(
                ' · <span class="source-org">{}<a href="{}">{}</a></span>',
                relation,
                organization["url"],
                organization["name"],
            )
        )
    if source.unnamed:
        parts.append(mark_safe(' · <span class="unnamed">unnamed source</span>'))
    if quote.role_ref and full:
        parts.append(format_html(" · {}", role(quote)))
    return mark_safe("".join(parts))


def role(quote) -> SafeString:
    """'Prime Minister, <a>Prime Minister's Office (Israel)</a>', or '' without a role."""
    if not quote.role_ref:
        return mark_safe("")
    organization = quote.role_ref["organization"]
    return format_html(
        '<span class="role">{}, <a href="{}">{}</a></span>',
        quote.role_ref["role"],
        url("web:organization", organization["slug"]),
        organization["name"],
    )


def dates_and_place(quote) -> SafeString:
    """Kind, the day said (and published, when another), publisher and article (linked)."""
    article = quote.article
    if quote.said_on:
        when = format_html("Said {}", _time(quote.said_on))
        if quote.said_on != article.published_on:
            when = format_html("{}, published {}", when, _time(article.published_on))
    else:
        when = format_html("Published {}", _time(article.published_on))
    article_url = url("web:article", quote.article_id) + f"#quote-{quote.pk}"
    return format_html(
        '{} · {} · {}: <a href="{}">{}</a>',
        quote.get_kind_display(),
        when,
        article.publisher.name,
        article_url,
        article.title,
    )


def result(quote) -> SafeString:
    """One quote of a list: its words (the matches marked), who said it, when and where."""
    highlight = getattr(quote, "highlight", None)
    words = mark_safe(highlight) if highlight else quote.text  # escaped by quotes.search
    return format_html(
        '<li class="result"><blockquote lang="{}"><p><a class="quote-link" href="{}">{}</a>'
        '</p></blockquote><p class="byline">{}</p><p class="meta">{}</p></li>',
        quote.language,
        url("web:quote", quote.pk),
        words,
        byline(quote),
        dates_and_place(quote),
    )


def results(quotes) -> SafeString:
    return format_html_join("\n", "{}", ((result(quote),) for quote in quotes))


def options(choices, selected) -> SafeString:
    """A select's ``<option>`` elements, the ``selected`` value marked."""
    # The standard library's escape: a select lists every publisher and topic, and Django's
    # lazy-aware one took most of the time of making them.
    return mark_safe(
        "".join(
            f'<option value="{html.escape(str(value))}"'
            f"{' selected' if value == selected else ''}>{html.escape(str(text))}</option>"
            for value, text in choices
        )
    )


def field_errors(errors, field: str) -> SafeString:
    """A field's messages, under it; ``aria-describedby`` names ``<field>-errors``."""
    if not errors:
        return mark_safe("")
    return format_html(
        '<ul class="field-errors" id="{}-errors">{}</ul>',
        field,
        format_html_join("", "<li>{}</li>", ((message,) for message in errors)),
    )
