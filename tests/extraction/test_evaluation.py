"""Scoring against a brat folder: span parsing, matching and P/R/F1 arithmetic."""

from __future__ import annotations

import pytest

from quotes.extraction import Candidate
from quotes.extraction.evaluation import (
    annotator_agreement,
    evaluate_folder,
    format_report,
    group_candidates,
    parse_brat,
)

TEXT = (
    "Headline of the story\n"
    "“We will win,” Smith said.\n"
    "Taxes will rise, the mayor said.\n"
    "Roads are closed, Jones said.\n"
)


def span(sub: str, after: str = "") -> tuple[int, int]:
    start = TEXT.index(sub, TEXT.index(after) if after else 0)
    return start, start + len(sub)


def t_line(n: int, label: str, sub: str, after: str = "") -> str:
    s, e = span(sub, after)
    return f"T{n}\t{label} {s} {e}\t{sub}"


ANN = "\n".join(
    [
        t_line(1, "Content", "“We will win,”"),
        t_line(2, "Source", "Smith"),
        t_line(3, "Cue", "said"),
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        t_line(4, "Content", "Taxes will rise"),
        t_line(5, "Source", "the mayor"),
        t_line(6, "Cue", "said", after="the mayor"),
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
        t_line(7, "Content", "Roads are closed"),
        t_line(8, "Source", "Jones"),
        t_line(9, "Cue", "said", after="Jones"),
        "E3\tAttribution:T9 Content:T7 Cue:T9 Source:T8",
        "T10\tContent 0 8\tHeadline",
        "T11\tCue 0 8\tHeadline",
        "E4\tAttribution-no-source:T11 Content:T10 Cue:T11",
    ]
)


def cand(content: str, source: str, kind: str) -> Candidate:
    s, e = span(content)
    ss, se = span(source)
    return Candidate(content, s, e, kind, source, ss, se, "said", se + 1, se + 5)


def fake_extractor(text, article_date=None):
    assert text == TEXT
    return [
        cand("We will win,", "Smith", "direct"),  # matches, right source
        cand("Taxes will rise", "Roads", "paraphrase"),  # matches, wrong source
        cand("Headline of the story", "Jones", "paraphrase"),  # false positive
    ]


@pytest.fixture
def brat_folder(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_aaaa.ann").write_text(ANN, encoding="utf-8")
    # A second annotator of the same article: ignored (the first file name wins).
    (tmp_path / "attributions" / "doc_bbbb.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_parse_brat_keeps_attributions_with_source_and_discontinuous_spans():
    ann = (
        "T1\tContent 0 5;10 20\tx\nT2\tSource 30 35\ty\nT3\tCue 36 40\tz\n"
        "E1\tContent:T1 Source:T2 Cue:T3"
    )
    (gold,) = parse_brat(ann)
    assert gold.content == ((0, 5), (10, 20))
    assert gold.source == ((30, 35),)


def test_parse_brat_skips_attributions_without_source():
    assert len(parse_brat(ANN)) == 3


def test_precision_recall_f1_per_class(brat_folder):
    report = evaluate_folder(brat_folder, extractor=fake_extractor)
    assert report.documents == 1
    d, o = report.direct, report.other
    assert (d.gold, d.predicted, d.matched) == (1, 1, 1)
    assert (d.precision, d.recall, d.f1) == (1.0, 1.0, 1.0)
    assert (o.gold, o.predicted, o.matched) == (2, 2, 1)
    assert (o.precision, o.recall, o.f1) == (0.5, 0.5, 0.5)


def test_source_accuracy_counts_matched_pairs_only(brat_folder):
    report = evaluate_folder(brat_folder, extractor=fake_extractor)
    assert report.direct.source_accuracy == 1.0
    assert report.other.source_accuracy == 0.0


def test_overall_score_sums_both_classes(brat_folder):
    overall = evaluate_folder(brat_folder, extractor=fake_extractor).overall
    assert (overall.gold, overall.predicted, overall.matched) == (3, 3, 2)


def test_short_overlap_does_not_match(brat_folder):
    def partial(text, article_date=None):
        return [cand("We will", "Smith", "direct")]  # 7 of 12 characters: below 80%

    assert evaluate_folder(brat_folder, extractor=partial).direct.matched == 0


def test_report_formats_as_a_table(brat_folder):
    table = format_report(evaluate_folder(brat_folder, extractor=fake_extractor), "tiny")
    lines = table.splitlines()
    assert lines[0] == "tiny"
    assert any(line.startswith("direct ") and "1.000" in line for line in lines)
    assert any(line.startswith("other ") and "0.500" in line for line in lines)


def test_double_apostrophe_content_counts_as_direct():
    from quotes.extraction.evaluation import is_direct

    text = "''We will win,'' Smith said."
    assert is_direct(text, ((0, 15),))
    assert not is_direct("We will win, Smith said.", ((0, 11),))


def test_candidates_of_one_source_and_cue_are_one_attribution_classed_by_the_first():
    # 'Taxes will rise, the mayor said. "Roads are closed."': reported speech, then a quotation
    paraphrase = cand("Taxes will rise", "the mayor", "paraphrase")
    quotation = cand("Roads are closed", "the mayor", "direct")
    (attribution,) = group_candidates(TEXT, [quotation, paraphrase])
    assert attribution.content == (span("Taxes will rise"), span("Roads are closed"))
    assert not attribution.direct


# The second annotator of the same article: Smith's quote as the first one marked it, the
# mayor's claim with another source, Jones's claim not marked at all.
SECOND_ANN = "\n".join(
    [
        t_line(1, "Content", "“We will win,”"),
        t_line(2, "Source", "Smith"),
        t_line(3, "Cue", "said"),
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
        t_line(4, "Content", "Taxes will rise"),
        t_line(5, "Source", "Roads"),
        t_line(6, "Cue", "said", after="the mayor"),
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
    ]
)


def test_annotator_agreement_scores_the_second_annotator_against_the_first(brat_folder):
    (brat_folder / "attributions" / "doc_bbbb.ann").write_text(SECOND_ANN, encoding="utf-8")
    report = annotator_agreement(brat_folder)
    assert report.documents == 1
    d, o = report.direct, report.other
    assert (d.gold, d.predicted, d.matched, d.source_correct) == (1, 1, 1, 1)
    assert (o.gold, o.predicted, o.matched, o.source_correct) == (2, 1, 1, 0)


def test_annotator_agreement_leaves_out_articles_with_one_annotator(brat_folder):
    (brat_folder / "attributions" / "doc_bbbb.ann").unlink()
    assert annotator_agreement(brat_folder).documents == 0
