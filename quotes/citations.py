"""Citations of a quote, worded by its kind, in plain text and two reference styles.

A direct quote is "said", a paraphrase "paraphrased", an attributed claim is "according to"
its source. The source is the named speaker; otherwise the attribution as the article words it
("the United Nations and aid groups", "an Israeli official"), unless the article only refers
back to a source named earlier ("he", "the official"): then the organization speaking, or an
unnamed source of its organization. A role reads "role, organization" without parentheses, as
organization names carry their own ("Ministry of Defense (Israel)").

A citation reads a ``Citable``: built from a quote of ``Quote.objects.with_relations()`` (the
reference styles also read the article's title, URL and authors), or from the API's
representation of a quote, so the lean read path words it the same.
"""

import datetime
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Citable:
    """What a citation names, read from a quote (``of_quote``) or from the API's
    representation of one (``of_representation``), so both give the same words."""

    kind: str
    speaker: str
    unattributed: bool
    attribution: str
    speaking_organization: str
    source_organization: str
    role: str  # "Prime Minister, Prime Minister's Office (Israel)", or ""
    publisher: str
    published: datetime.date
    said: datetime.date | None
    # Only the reference styles read these.
    title: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()

    @classmethod
    def of_quote(cls, quote, *, with_article: bool = False) -> "Citable":
        """From a quote of ``Quote.objects.with_relations()``; ``with_article`` also reads the
        article's title, URL and authors (which a quote list leaves unread)."""
        article = quote.article
        role_ref = quote.role_ref
        return cls(
            kind=quote.kind,
            speaker=quote.speaker.name if quote.speaker_id else "",
            unattributed=quote.is_unattributed,
            attribution=quote.attribution,
            speaking_organization=(quote.speaking_organization_ref or {}).get("name", ""),
            source_organization=(quote.source_organization_ref or {}).get("name", ""),
            role=f"{role_ref['role']}, {role_ref['organization']['name']}" if role_ref else "",
            publisher=article.publisher.name,
            published=article.published_on,
            said=quote.said_on,
            **(
                {"title": article.title, "url": article.url, "authors": tuple(article.authors)}
                if with_article
                else {}
            ),
        )

    @classmethod
    def of_representation(cls, data: dict) -> "Citable":
        """From a quote as the API represents it (``quotes.representations``)."""
        role = data["role"]
        article = data["article"]
        return cls(
            kind=data["kind"],
            speaker=(data["speaker"] or {}).get("name", ""),
            unattributed=data["unattributed"],
            attribution=data["attribution"],
            speaking_organization=(data["speaking_organization"] or {}).get("name", ""),
            source_organization=(data["source_organization"] or {}).get("name", ""),
            role=f"{role['title']}, {role['organization']['name']}" if role else "",
            publisher=article["publisher"]["name"],
            published=datetime.date.fromisoformat(article["published_on"]),
            said=datetime.date.fromisoformat(data["said_on"]) if data["said_on"] else None,
            title=article["title"],
            url=article["url"],
        )

    @property
    def source(self) -> str:
        """Who said it, as a citation names them (lower case where the article's words are)."""
        if self.speaker:
            return self.speaker
        if self.unattributed:
            return "an unattributed source"
        attribution = _RELATIVE_CLAUSE.sub("", self.attribution.strip())
        if attribution and not _refers_back(attribution):
            return attribution
        if self.speaking_organization:
            return self.speaking_organization
        if self.source_organization:
            return f"an unnamed source from {self.source_organization}"
        return "an unnamed source"


def source(quote) -> str:
    """Who said a quote of ``with_relations()``, as a citation names them."""
    return Citable.of_quote(quote).source


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _who(cited: Citable) -> str:
    return ", ".join(part for part in (_capitalized(cited.source), cited.role) if part)


def _claim(cited: Citable, who: str) -> str:
    """How a claim opens: 'According to X', or 'Unattributed claim' when the article names no
    source."""
    return "Unattributed claim" if cited.unattributed else f"According to {who}"


def _said_on(cited: Citable) -> str:
    """' (said December 19, 2023)' when it was said on another day than published."""
    said, published = cited.said, cited.published
    return f" (said {_day(said)})" if said and said != published else ""


def plain(cited: Citable) -> str:
    """E.g. 'Basem Naim, Member of the Political Bureau, Hamas, said, as quoted in The New York
    Times, December 20, 2023'; 'According to Israeli authorities, as reported in ...'."""
    where = f"{cited.publisher}, {_day(cited.published)}{_said_on(cited)}"
    if cited.kind == QuoteKind.CLAIM:
        who = ", ".join(part for part in (cited.source, cited.role) if part)
        return f"{_claim(cited, who)}, as reported in {where}"
    if cited.kind == QuoteKind.PARAPHRASE:
        return f"{_who(cited)}, as paraphrased in {where}"
    return f"{_who(cited)}, said, as quoted in {where}"


def _chicago_authors(authors: tuple[str, ...]) -> str:
    if not authors:
        return ""
    if len(authors) == 1:
        return f"{authors[0]}, "
    return f"{', '.join(authors[:-1])} and {authors[-1]}, "


def chicago(cited: Citable) -> str:
    """A Chicago-style note citing the article as the secondary source: 'Basem Naim, quoted in
    “Title,” The New York Times, December 20, 2023, URL.'"""
    verb = {
        QuoteKind.DIRECT: "quoted in",
        QuoteKind.PARAPHRASE: "paraphrased in",
        QuoteKind.CLAIM: "reported in",
    }[cited.kind]
    who = _capitalized(cited.source)
    if cited.kind == QuoteKind.CLAIM:
        who = _claim(cited, cited.source)
    url = f", {cited.url}" if cited.url else ""
    title = cited.title.rstrip(".")
    return (
        f"{who}, {verb} {_chicago_authors(cited.authors)}“{title},” "
        f"{cited.publisher}, {_day(cited.published)}{url}."
    )


def _apa_author(name: str) -> str:
    """'Patrick Kingsley' -> 'Kingsley, P.'"""
    *given, family = name.split()
    initials = " ".join(f"{part[0]}." for part in given)
    return f"{family}, {initials}" if initials else family


def apa(cited: Citable) -> str:
    """An APA-style citation: who, as cited in the article's reference entry."""
    published = cited.published
    date = f"({published.year}, {published:%B} {published.day})"
    authors = [_apa_author(name) for name in cited.authors]
    title = cited.title.rstrip(".")
    if authors:
        names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + f", & {authors[-1]}"
        reference = f"{names} {date}. {title}. {cited.publisher}."
    else:
        reference = f"{title}. {date}. {cited.publisher}."
    if cited.url:
        reference += f" {cited.url}"
    if cited.kind == QuoteKind.CLAIM:
        return f"{_claim(cited, cited.source)}, as cited in {reference}"
    how = "as quoted in" if cited.kind == QuoteKind.DIRECT else "as paraphrased in"
    return f"{_capitalized(cited.source)}, {how} {reference}"


_BY_STYLE = {PLAIN: plain, CHICAGO: chicago, APA: apa}


def citation(quote, style: str = PLAIN) -> str:
    """The citation of a quote of ``Quote.objects.with_relations()`` in ``style``."""
    return _BY_STYLE[style](Citable.of_quote(quote, with_article=style != PLAIN))


def citations(quote) -> dict[str, str]:
    """``{style: citation}`` for every style, in the order of ``STYLES``."""
    cited = Citable.of_quote(quote, with_article=True)
    return {style: _BY_STYLE[style](cited) for style in STYLES}
