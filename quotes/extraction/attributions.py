"""Where a quotation's speaker is named: the attribution before it, after it, or around it.

Each finder reads the text between a quotation and its neighbours and returns an
`Attribution`, the source and the cue as spans, or None.
"""

from __future__ import annotations

import re

from . import cues
from .candidate import Span
from .content import ADVERBIAL_RE, trim_content
from .phrases import antecedent_np, np_ok, source_after, source_before, subject
from .text import QUOTE_CHARS, Quote, wordset
from .words import TOKEN_RE, ed_adjective, is_capitalized, tokens

#: Whom or what a quotation was said to or about, between the cue and the quotation: ' to her
#: 2,000 followers', ' of Mr. Chen' (the topic of 'said of', never the speaker).
_RECIPIENT_OR_TOPIC_RE = re.compile(
    r"\s+(?:to|of|about)\s+(?P<first>[\w’']+\.?)(?:\s+[\w’'.,]+){0,3}?(?=\s*(?:,\s|:|$))"
)

#: Labels before a colon that name no speaker ('Note:', 'Photo:', 'Q:').
NOT_SPEAKER_LABELS = wordset(
    """note update updated correction disclosure related photo photos video watch read listen
    editor’s editor's source sources graphic chart map caption clarification advertisement
    washington transcript contributing exclusive breaking boom wow name latest the q a
    revealed look byline paid stat"""
)

#: A name and nothing else before a colon: 'Bush:', 'Sen. Ana Ruiz:'.
_LABEL_COLON_RE = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}):")
_NAME_BEFORE_COLON_RE = re.compile(r"((?:[A-Z][\w.’'-]*\s+){1,4}[A-Z][\w’'-]+)\s*:$")

#: The subject of an absolute clause ending right before its participle cue: ', with the
#: mayor reportedly '.
_WITH_BEFORE_PARTICIPLE_RE = re.compile(r"\bwith\s+(?P<src>[^,;:“\"]{1,80})$")
#: A relative clause answering the one before it: ', to which ', ', after which '.
PREPOSITION_WHICH = r"(?:to|at|upon|after)\s+which"
_PREPOSITION_WHICH_RE = re.compile(rf",\s+{PREPOSITION_WHICH}\s+")
#: Cues that are also nouns or naming verbs: a quotation right after one is a title.
NAMING_CUES = frozenset({"called", "calls", "show", "shows"})

#: A source's relative clause not closed yet: a cue inside it is not the attribution's.
_OPEN_RELATIVE_RE = re.compile(r"[^,]+,\s+(?:who|whose|whom)\b[^,]*$")
#: Coordinated adjectives before a source noun ('the bespectacled, 71-year-old diplomat').
_ADJECTIVE_LIST_RE = re.compile(r"(?:the|a|an)\s+[a-z][\w-]*(?:,\s*[a-z][\w-]*)*,\s*")

#: ', who ' right before a cue (and its modifiers).
_WHO_BEFORE_CUE_RE = re.compile(rf",\s+who\s+(?:{cues.CUE_MODIFIER_PATTERN}\s+)*$")
#: 'Said Ana Ruiz, “': a fronted cue before its source (and the source's apposition).
_FRONTED_CUE_RE = re.compile(r"(?:Said|Says|Added|Adds|Wrote|Writes|Asked|Asks)(?=\s+[A-Z])")
#: 'told “', 'told ABC’s “', 'on MSNBC's “' before a programme's name.
_PROGRAMME_BEFORE_RE = re.compile(
    r"(?:\btold(?:\s+[A-Z][\w.&-]*){0,3}|\s(?:on|told)\s+[A-Z][\w.&-]*[’']s"
    r"|\b(?:program|programme|show|series|documentary|film|movie|book|newsletter))\s+$"
)
#: '..., the mayor said, ' closing the clause before a participle cue.
_ATTRIBUTION_BEFORE_PARTICIPLE_RE = re.compile(r"(?<=,)[^,“”\"]{1,60},\s*$")
#: A phrase that completes a quotation opening the sentence ('“We fought hard” for them.', '“We
#: can win Ohio,” which votes in March.').
_COMPLETING_TAIL_RE = re.compile(
    r"\s+(?:in|and|or|but|which|of|for|to|on|from|at|with|by|about|over|as|because|if|when|than)\s"
)
#: What may follow an attribution's verb: the clause's end, or when, where, how or to whom
#: it was said ('” Toomey fumed on Tuesday.', '” she recalled softly.').
_AFTER_VERB = (
    r"(?=\s*(?:[,.;:!?—–]|$)|\s+(?:[a-z]+ly|on|in|at|during|after|before|as|while|when|with|"
    r"from|about|back|again|last|this|earlier|later|then|once)\b)"
)
#: A subject and a verb in the past or -s form after a quotation: '” Hannity pressed.'
_SUBJECT_VERB_RE = re.compile(
    r"(?:[A-Za-z][\w.’'-]*,?\s+){1,12}?(?P<cue>[a-z]+(?:ed|s))" + _AFTER_VERB
)
#: A plural subject and a verb in the present: '” they conclude.', '” the Saudis state.'
_PLURAL_SUBJECT_VERB_RE = re.compile(
    r"(?:they|(?:[A-Za-z][\w.’'-]*\s+){0,4}[A-Za-z][\w’'-]*[a-z]s|the two)\s+"
    r"(?P<cue>[a-z]{4,}(?<!ed)(?<!s))" + _AFTER_VERB
)
#: The same verb before its subject: '” mused Ana Ruiz.', '” agrees Ana Ruiz.'
_INVERTED_VERB_RE = re.compile(r"(?P<cue>[a-z]+(?:ed|s))\s+(?=[A-Z])")
#: Words ending like a verb's past or -s form that are not verbs of saying.
_NOT_SPOKEN = wordset("is was has does his its this us thus plus yes always perhaps news")


def _spoken(word: str) -> bool:
    """Could `word` be the verb of an attribution ('pressed', 'fumes')?"""
    return (
        word not in _NOT_SPOKEN
        and not word.endswith(("ss", "us", "ous", "ics"))
        and not ed_adjective(word)
        and word not in cues.PRONOUNS
    )


#: A colon presenting a source's words: 'More from Jones:', 'From the report:', 'Here’s
#: Clinton in December 1992:', '... all along -More from Jones:' (a dash set on the phrase).
_PRESENTED_SOURCE_RE = re.compile(
    r"(?:^\s*|(?<=[-—–.]\s)|(?<=\s[-—–]))(?:(?:More\s+)?[Ff]rom|Here(?:’s|'s|\s+is))\s+"
    r"(?P<src>[^:,;“”\"]{1,60}?)(?:\s+(?:in|on|at|during)\s+[^:,;“”\"]{1,40})?:\s*$"
)
#: 'in the words of X, “' / 'in X’s words, “'.
_IN_THE_WORDS_OF_RE = re.compile(
    r"\b[Ii]n\s+(?:(?P<cue_of>the\s+words\s+of)\s+(?P<src_of>[^,;:“”\"]{1,60}?)"
    r"|(?P<src_whose>[^,;:“”\"]{1,60}?)(?:’s|'s|’|')\s+(?P<cue_whose>words)),\s*$"
)
#: A signature line under a quotation: '- Bernie Sanders.', '— Ana Ruiz'.
_DASH_SIGNATURE_RE = re.compile(
    r"(?P<dash>--|[-—–])\s*(?P<name>(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]*)\.?"
)
#: A name after a dash, right before a colon: '... overhype - Ana Ruiz:'.
_DASH_NAME_COLON_RE = re.compile(rf"\s{_DASH_SIGNATURE_RE.pattern}\s*:$")
#: A whole signature line, where a description may follow the name ('- Ana Ruiz, Springfield.',
#: '-President Obama, tweeting after the speech.').
SIGNATURE_LINE_RE = re.compile(rf"{_DASH_SIGNATURE_RE.pattern}(?:,(?:\s+[^\s“”\"]+){{1,10}})?")

#: A participle cue opening a sentence right before a quotation ('Citing “').
_OPENING_PARTICIPLE_RE = re.compile(rf"(?i:{cues.PARTICIPLE_RE.pattern})\s+")


#: Most words an inverted attribution's source may run to before its cue; a name with a long
#: apposition ('” Trump, the frontrunner ... primaries, said') may run further.
_MAX_SOURCE_WORDS = 16
_MAX_APPOSITION_SOURCE_WORDS = 40
#: A colon's attribution names at most this many words from its verb ('X fired back:'); more
#: and the cue is the verb alone.
_MAX_COLON_CUE_WORDS = 5

#: 'X agreed.' names a speaker for the quotation after it when its cue ends at most this many
#: characters before the sentence does.
_MAX_AGREEMENT_TAIL = 30

#: (source, cue)
Attribution = tuple[Span, Span]


def _colon_cue(colon: int) -> Span:
    return Span(colon, colon + 1)


def trailing_participle(text: str, lo: int, hi: int) -> Span | None:
    """The participle cue ending text[lo:hi] ('she said, adding, '), if any."""
    words = text[lo:hi].rstrip(" ,:")
    last = max(cues.PARTICIPLE_RE.finditer(words), key=lambda m: m.start(), default=None)
    if last is None or words[last.end() :].strip():
        return None
    return Span(lo + last.start(), lo + last.end())


def attribution_before(text: str, lo: int, hi: int) -> Attribution | None:
    """'X said, “' / 'X said: “' / 'X told reporters “': (source, cue) in text[lo:hi]."""
    words = text[lo:hi]
    for m in reversed(list(cues.CUE_RE.finditer(words))):
        after = words[m.end() :]
        cue_word = m.group("cue").lower()
        if cue_word in NAMING_CUES and not after.strip():
            continue  # 'the reality show “The Apprentice”' names the quotation
        if _after_cue(after, cue_word).strip(" ,:"):
            continue
        source = source_before(text, lo, lo + m.start())
        who = _WHO_BEFORE_CUE_RE.search(words, 0, m.start())
        if who is not None:
            # 'Mike Lee, who declared in the spin room, “': the relative clause's antecedent
            source = antecedent_np(text, lo, lo + who.start())
        if source is None and re.search(r"\s(?:and|then)\s+$", words[: m.start()]):
            # 'Ms. Sherry smiled and said, “': the subject of the coordinated verbs
            clause_subject = subject(text, lo, lo + m.start())
            source = clause_subject.source if clause_subject is not None else None
        if source is None:
            continue  # inverted: 'said Herzog: “'
        return Span(*source), Span(lo + m.start(), lo + m.end())
    return None


def _after_cue(after: str, cue_word: str) -> str:
    """What is left between a cue and a quotation once its object, recipient or topic and one
    adverbial are set aside (nothing, when the cue attributes the quotation)."""
    rest = after
    if cue_word in cues.OBJECT_CUES:
        # the object ('told reporters', 'told Fox News'), not a clause ('told CNN that
        # Trump is “...”')
        rest = re.sub(r"^(?:\s+(?!that\b)[\w’'.]+){0,4}?(?=\s*[,:]|\s*$)", "", rest)
    recipient = _RECIPIENT_OR_TOPIC_RE.match(rest)
    if recipient is not None and (
        recipient.group("first").lower() in cues.DETERMINERS
        or recipient.group("first")[0].isupper()
    ):
        rest = rest[recipient.end() :]  # 'said to reporters, “', 'wrote of Ana Ruiz: “'
    return ADVERBIAL_RE.sub("", rest, count=1) if rest.strip(" ,:") else rest


def subject_before(text: str, lo: int, hi: int, colon: bool = False) -> Attribution | None:
    """'X criticized Y, saying, “' (participle cue) or, with `colon`, any 'X verb ...: “':
    the source is the subject of the clause."""
    words = text[lo:hi].rstrip()
    participle = None
    for m in cues.QUOTATION_PARTICIPLE_RE.finditer(words):
        participle = m
    if participle is not None and not words[participle.end() :].strip(" ,:"):
        cue = Span(lo + participle.start(), lo + participle.end())
        source = _participle_source(text, lo, cue)
        return (Span(*source), cue) if source is not None else None
    if not colon or not words.endswith(":"):
        return None
    return _colon_attribution(text, lo, hi)


def _participle_source(text: str, lo: int, cue: Span) -> tuple[int, int] | None:
    """Whose participle cue this is: the speaker of an attribution closing the clause before
    it ('..., the mayor said, adding, “'), the subject of an absolute clause ('..., with the
    mayor reportedly shouting: “'), or the clause's subject."""
    found = attribution_before_participle(text, lo, cue.start)
    if found is not None:
        source, _cue = found
        return source
    absolute = _WITH_BEFORE_PARTICIPLE_RE.search(text, lo, cue.start)
    if absolute is not None:
        source = source_before(text, absolute.start("src"), cue.start)
        if source is not None:
            return source
    clause_subject = subject(text, lo, cue.start)
    return clause_subject.source if clause_subject is not None else None


def _colon_attribution(text: str, lo: int, hi: int) -> Attribution | None:
    """'X verb ...: “': the speaker is a name after a dash ('... - Ana Ruiz: “'), a speaker's
    label, a name right before the colon, or the clause's subject, its verb (and what follows,
    if short) the cue."""
    words = text[lo:hi].rstrip()
    colon_at = lo + len(words) - 1
    byline = _DASH_NAME_COLON_RE.search(words)
    if byline is not None:
        # 'Polls missed the late shift - Ana Ruiz: “': a headline credited to the name after
        # the dash, which is no subject of the headline's clause
        return Span(lo + byline.start("name"), lo + byline.end("name")), _colon_cue(colon_at)
    label = _LABEL_COLON_RE.fullmatch(words.lstrip())
    if label is not None and label.group(1).split()[0].lower() not in NOT_SPEAKER_LABELS:
        # '... tear down this wall!” Bush: “': a speaker's label in a run of quotations
        return Span(colon_at - len(label.group(1)), colon_at), _colon_cue(colon_at)
    replies = list(_PREPOSITION_WHICH_RE.finditer(text, lo, colon_at))
    if replies:
        # 'She said the plan was sound, to which Ruiz retorted: “': the relative clause's
        # subject answers, not the sentence's
        lo = replies[-1].end()
        words = text[lo:hi].rstrip()
        colon_at = lo + len(words) - 1
    clause_subject = subject(text, lo, colon_at)
    name = _NAME_BEFORE_COLON_RE.search(words)
    if name is not None and (
        clause_subject is None
        or (
            lo + name.start(1) > clause_subject.verb
            and tokens(text[clause_subject.verb :])[0].lower() not in cues.CUE_VERBS
        )
    ):
        # '... doesn't surprise Republican pollster Daron Shaw: “': the name before the colon
        return Span(lo + name.start(1), lo + name.end(1)), _colon_cue(colon_at)
    if clause_subject is None:
        return None
    verb = TOKEN_RE.match(text, clause_subject.verb)
    if verb is None:
        return None
    cue_end = colon_at
    if len(tokens(text[verb.start() : cue_end])) > _MAX_COLON_CUE_WORDS:
        cue_end = verb.end()
    return clause_subject.source, Span(verb.start(), cue_end)


def fronted_attribution(text: str, lo: int, hi: int) -> Attribution | None:
    """'Said Ana Ruiz, a nurse from Ohio, “': the cue opens the sentence and its source
    follows it."""
    m = _FRONTED_CUE_RE.match(text, lo, hi)
    if m is None:
        return None
    colon = text.find(":", m.end(), hi)
    source = source_after(text, m.end(), colon if colon > 0 else hi)
    return (Span(*source), Span(*m.span())) if source is not None else None


def opening_participle(text: str, sentence: Span, q: Quote, quote_end: int) -> Attribution | None:
    """'Citing “family obligations,” the senator’s aide told reporters ...': a sentence that
    opens with a participle cue and its quotation attributes the quotation to the subject
    of the main clause after the comma, as (source, cue)."""
    cue = _OPENING_PARTICIPLE_RE.fullmatch(text, sentence.start, q.open)
    if cue is None or q.close is None:
        return None
    comma_after = text.startswith(",", quote_end)
    if not (text[q.start : q.end].endswith(",") or comma_after):
        return None
    clause_subject = subject(text, quote_end + comma_after, sentence.end)
    if clause_subject is None:
        return None
    return clause_subject.source, Span(*cue.span("cue"))


def presented_source(text: str, lo: int, hi: int) -> Attribution | None:
    """'More from the report: “' / 'Here’s Clinton in 1992: “': the colon presents a
    quotation of the source it names."""
    m = _PRESENTED_SOURCE_RE.search(text[lo:hi])
    if m is None or not np_ok(m.group("src")):
        return None
    colon = text.rindex(":", lo, hi)
    return Span(lo + m.start("src"), lo + m.end("src")), _colon_cue(colon)


def in_the_words_of(text: str, lo: int, hi: int) -> Attribution | None:
    """'..., in the words of a senior adviser, “' / 'in Forbes’ words, “': the quotation
    is the source's words."""
    m = _IN_THE_WORDS_OF_RE.search(text[lo:hi])
    if m is None:
        return None
    which = "of" if m.group("src_of") else "whose"
    if not np_ok(m.group(f"src_{which}")):
        return None
    source, cue = m.span(f"src_{which}"), m.span(f"cue_{which}")
    return Span(lo + source[0], lo + source[1]), Span(lo + cue[0], lo + cue[1])


def programme_title(text: str, q: Quote) -> bool:
    """'she told ABC’s “Good Morning America” on Monday': a short title-case quotation
    after 'told', a possessive or a noun such as 'program' ('the radio program “Inside
    Sports”') names a programme; nobody said it."""
    words = tokens(text[q.start : q.end].rstrip(".,"))
    return (
        0 < len(words) <= 6
        and all(is_capitalized(w) for w in words if len(w) > 3)
        and _PROGRAMME_BEFORE_RE.search(text, max(0, q.open - 60), q.open) is not None
    )


def attribution_before_participle(text: str, lo: int, hi: int) -> Attribution | None:
    """'..., the mayor said, adding, “': the attribution closing the clause before a
    participle cue at `hi`, whose speaker (not the clause's subject) the participle has."""
    said = _ATTRIBUTION_BEFORE_PARTICIPLE_RE.search(text, lo, hi)
    return attribution_before(text, said.start(), said.end() - 1) if said else None


def attribution_after(text: str, lo: int, hi: int) -> Attribution | None:
    """'” the official, Basem Naim, said in a text exchange.' or '” said Herzog, ...'."""
    words = text[lo:hi]
    start = lo + re.match(r"\s*", words).end()
    # inverted: said X
    inverted = re.match(rf"(?:{cues.CUE_RE.pattern})", text[start:hi])
    if inverted and inverted.group("cue").lower() in cues.INVERTABLE_CUES:
        cue = Span(start, start + inverted.end())
        source = source_after(text, cue.end, hi)
        if source is not None:
            return Span(*source), cue
    for m in cues.CUE_RE.finditer(words):
        if lo + m.start() < start:
            continue
        cue = Span(lo + m.start(), lo + m.end())
        before_cue = text[start : cue.start]
        limit = (
            _MAX_APPOSITION_SOURCE_WORDS
            if re.match(r"[A-Z][^,]{0,40},.*,\s*$", before_cue)
            else _MAX_SOURCE_WORDS
        )
        if len(tokens(before_cue)) > limit or not before_cue.strip():
            break
        if _OPEN_RELATIVE_RE.match(before_cue):
            continue  # '” Warren, who has not endorsed anyone, told reporters'
        source = source_before(text, start, cue.start)
        if source is not None and _ADJECTIVE_LIST_RE.fullmatch(text, start, source[0]):
            source = (start, source[1])  # '” the bespectacled, 71-year-old diplomat said'
        if source is not None and source[0] == start:
            return Span(*source), cue
        # '” Mr. Daniloff, now 81 and retired in Cambridge, Mass., said': the name first
        comma = before_cue.find(",")
        if comma > 0 and before_cue.rstrip().endswith(",") and np_ok(before_cue[:comma]):
            return Span(*trim_content(text, start, start + comma)), cue
        break
    return any_verb_after(text, start, hi)


def any_verb_after(text: str, lo: int, hi: int) -> Attribution | None:
    """'” Hannity pressed.' / '” mused Ana Ruiz.' / '” they conclude.': a subject and a
    verb in the past or the present that close the clause after a quotation are its
    attribution, whatever the verb (the caller checks the quotation closed with its own
    comma)."""
    m = _SUBJECT_VERB_RE.match(text, lo, hi) or _PLURAL_SUBJECT_VERB_RE.match(text, lo, hi)
    if m is not None and _spoken(m.group("cue")):
        source = source_before(text, lo, m.start("cue"))
        if source is not None and source[0] == lo:
            return Span(*source), Span(*m.span("cue"))
    m = _INVERTED_VERB_RE.match(text, lo, hi)
    if m is not None and _spoken(m.group("cue")):
        source = source_after(text, m.end("cue"), hi)
        if source is not None:
            return Span(*source), Span(*m.span("cue"))
    return None


def closing_attribution(
    text: str, q: Quote, prefix: str, quote_end: int, tail_end: int
) -> Attribution | None:
    """The attribution clause right after a quotation that closed its clause ('“...,” she
    said.'), in text[quote_end:tail_end]; `prefix` is the sentence's text before the
    quotation."""
    if q.close is None or tail_end <= quote_end:
        return None
    after = attribution_after(text, quote_end, tail_end)
    if after is None:
        return None
    inner_end = text[q.start : q.end].rstrip("’'‘ ")
    closed = (
        inner_end[-1:] in ",?!—–-"
        or text[quote_end : quote_end + 1] == ","
        or text[q.close - 1 : q.close] in ",?!—–-"
        # '“... out of business, too" Sweeny said after an event.'
        or (not prefix.strip() and after[1].of(text).lower() in cues.INVERTABLE_CUES)
    )
    return after if closed else None


def completed_quote(text: str, prefix: str, quote_end: int, tail_end: int, end: int) -> bool:
    """Does a sentence (ending at `end`) that opens with a quotation go on with a phrase that
    completes it ('“We fought hard” for these workers.') rather than use it as a noun ('“Dead
    on arrival” is how he put it')?"""
    tail = text[quote_end:end]
    return (
        not prefix.strip()
        and tail_end == end
        and _COMPLETING_TAIL_RE.match(tail) is not None
        and not cues.CUE_RE.search(tail)
        and not any(c in QUOTE_CHARS for c in tail)
        and len(tokens(tail)) <= 15
    )


def bare_attribution(text: str, sentence: Span) -> Attribution | None:
    """'Iowa State University’s Dianne Bystrom agreed.': an attribution with no content of
    its own, for the quotation that follows."""
    start, end = sentence
    while end > start and text[end - 1] in ".: ":
        end -= 1
    found = attribution_before(text, start, end)
    if found is None or found[1].end < end - _MAX_AGREEMENT_TAIL:
        return None
    return found
