"""Citations of a quote, worded by its kind, in plain text and two reference styles.

A direct quote is "said", a paraphrase "paraphrased", an attributed claim is "according to"
its source. The source is the named speaker; otherwise the attribution as the article words it
("the United Nations and aid groups", "an Israeli official"), unless the article only refers
back to a source named earlier ("he", "the official"): then the organization speaking, or an
unnamed source of its organization. A role reads "role, organization" without parentheses, as
organization names carry their own ("Ministry of Defense (Israel)").

The quote comes from ``Quote.objects.with_relations()``; the reference styles also read the
article's title, URL and authors.
"""

import re

from .choices import QuoteKind

PLAIN, CHICAGO, APA = "plain", "chicago", "apa"
STYLES = {PLAIN: "Plain text", CHICAGO: "Chicago", APA: "APA"}

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "us"}
# "a second Hamas official, who requested anonymity to discuss the sensitive talks": the clause
# says why the source is unnamed, not who it is.
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose|whom)\b.*$", re.DOTALL)


def _day(date) -> str:
    return f"{date:%B} {date.day}, {date.year}"


def _refers_back(attribution: str) -> bool:
    """'He', 'the official': words that only make sense after the article named the source."""
    words = attribution.lower().split()
    return (len(words) == 1 and words[0] in _PRONOUNS) or (words[:1] == ["the"] and len(words) <= 2)


def source(quote) -> str:
    """Who said it, as a citation names them (lower case where the article's words are)."""
    if quote.speaker_id:
        return quote.speaker.name
    if quote.is_unattributed:
        return "an unattributed source"
    attribution = _RELATIVE_CLAUSE.sub("", quote.attribution.strip())
    if attribution and not _refers_back(attribution):
        return attribution
    if quote.speaking_organization_id:
        return quote.speaking_organization_ref["name"]
    if quote.source_organization_id:
        return f"an unnamed source from {quote.source_organization_ref['name']}"
    return "an unnamed source"


def role(quote) -> str:
    """'Prime Minister, Prime Minister's Office (Israel)', or '' without a role."""
    if not quote.role_ref:
        return ""
    return f"{quote.role_ref['role']}, {quote.role_ref['organization']['name']}"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _who(quote) -> str:
    return ", ".join(part for part in (_capitalized(source(quote)), role(quote)) if part)


def _claim(quote, who: str) -> str:
    """How a claim opens: 'According to X', or 'Unattributed claim' when the article names no
    source."""
    return "Unattributed claim" if quote.is_unattributed else f"According to {who}"


def _said_on(quote) -> str:
    """' (said December 19, 2023)' when it was said on another day than published."""
    said, published = quote.said_on, quote.article.published_on
    return f" (said {_day(said)})" if said and said != published else ""


def plain(quote) -> str:
    """E.g. 'Basem Naim, Member of the Political Bureau, Hamas, said, as quoted in The New York
    Times, December 20, 2023'; 'According to Israeli authorities, as reported in ...'."""
    article = quote.article
    where = f"{article.publisher.name}, {_day(article.published_on)}{_said_on(quote)}"
    if quote.kind == QuoteKind.CLAIM:
        who = ", ".join(part for part in (source(quote), role(quote)) if part)
        return f"{_claim(quote, who)}, as reported in {where}"
    if quote.kind == QuoteKind.PARAPHRASE:
        return f"{_who(quote)}, as paraphrased in {where}"
    return f"{_who(quote)}, said, as quoted in {where}"


def _chicago_authors(authors: list[str]) -> str:
    if not authors:
        return ""
    if len(authors) == 1:
        return f"{authors[0]}, "
    return f"{', '.join(authors[:-1])} and {authors[-1]}, "


def chicago(quote) -> str:
    """A Chicago-style note citing the article as the secondary source: 'Basem Naim, quoted in
    “Title,” The New York Times, December 20, 2023, URL.'"""
    article = quote.article
    verb = {
        QuoteKind.DIRECT: "quoted in",
        QuoteKind.PARAPHRASE: "paraphrased in",
        QuoteKind.CLAIM: "reported in",
    }[quote.kind]
    who = _capitalized(source(quote))
    if quote.kind == QuoteKind.CLAIM:
        who = _claim(quote, source(quote))
    url = f", {article.url}" if article.url else ""
    title = article.title.rstrip(".")
    return (
        f"{who}, {verb} {_chicago_authors(article.authors)}“{title},” "
        f"{article.publisher.name}, {_day(article.published_on)}{url}."
    )


def _apa_author(name: str) -> str:
    """'Patrick Kingsley' -> 'Kingsley, P.'"""
    *given, family = name.split()
    initials = " ".join(f"{part[0]}." for part in given)
    return f"{family}, {initials}" if initials else family


def apa(quote) -> str:
    """An APA-style citation: who, as cited in the article's reference entry."""
    article = quote.article
    date = f"({article.published_on.year}, {article.published_on:%B} {article.published_on.day})"
    authors = [_apa_author(name) for name in article.authors]
    title = article.title.rstrip(".")
    if authors:
        names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + f", & {authors[-1]}"
        reference = f"{names} {date}. {title}. {article.publisher.name}."
    else:
        reference = f"{title}. {date}. {article.publisher.name}."
    if article.url:
        reference += f" {article.url}"
    if quote.kind == QuoteKind.CLAIM:
        return f"{_claim(quote, source(quote))}, as cited in {reference}"
    how = "as quoted in" if quote.kind == QuoteKind.DIRECT else "as paraphrased in"
    return f"{_capitalized(source(quote))}, {how} {reference}"


_BY_STYLE = {PLAIN: plain, CHICAGO: chicago, APA: apa}


def citation(quote, style: str = PLAIN) -> str:
    return _BY_STYLE[style](quote)


def citations(quote) -> dict[str, str]:
    """``{style: citation}`` for every style, in the order of ``STYLES``."""
    return {style: citation(quote, style) for style in STYLES}
