"""import_polnear on a tiny hand-made PolNeAR-shaped folder (the corpus never ships)."""

import io
import json

import pytest
from django.core.management import call_command

from actors.models import Person
from quotes import verbatim
from quotes.ingest.polnear import name_mention
from quotes.models import Article, Quote

TEXT_ONE = (
    "Trump rallies in Ohio\n\n"
    "Donald Trump spoke in Ohio on Monday. “We will win big,” Mr. Trump said. "
    "Aides said the rally was the largest yet. He added that the polls were wrong."
)
TEXT_TWO = "Sanders in Iowa\n\nTrump, speaking later, said the senator was finished."


def span(text, needle):
    start = text.index(needle)
    return start, start + len(needle)


def ann(text, attributions):
    lines, number = [], 0
    for source, cue, content in attributions:
        ids = {}
        for label, value in (("Source", source), ("Cue", cue), ("Content", content)):
            if value is None:
                continue
            number += 1
            if isinstance(value, list):  # discontinuous
                pieces = [span(text, piece) for piece in value]
                offsets = ";".join(f"{a} {b}" for a, b in pieces)
                shown = " ".join(value)
            else:
                a, b = span(text, value)
                offsets, shown = f"{a} {b}", value
            lines.append(f"T{number}\t{label} {offsets}\t{shown}")
            ids[label] = f"T{number}"
        roles = " ".join(f"{label}:{target}" for label, target in ids.items())
        lines.append(f"E{number}\tAttribution:T{number} {roles}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "polnear"
    (root / "train" / "text").mkdir(parents=True)
    (root / "train" / "attributions").mkdir()
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\tauthor\ttitle\n"
        "train\tnyt_2016-01-04_trump-rallies\tnyt\t2016-01-04\tJ. Doe\tTrump rallies in Ohio\n"
        "train\tpolitico_2016-01-05_sanders\tpolitico\t2016-01-05\tNone\tSanders in Iowa\n"
    )
    (root / "train" / "text" / "nyt_2016-01-04_trump-rallies.txt").write_text(TEXT_ONE)
    (root / "train" / "text" / "politico_2016-01-05_sanders.txt").write_text(TEXT_TWO)
    attributions = root / "train" / "attributions"
    (attributions / "nyt_2016-01-04_trump-rallies_b2.ann").write_text(
        ann(
            TEXT_ONE,
            [
                ("Mr. Trump", "said", "“We will win big,”"),
                ("Aides", "said", "the rally was the largest yet"),
                ("He", "added", "the polls were wrong"),
                (None, "spoke", "in Ohio"),  # no source: rejected
                ("Donald Trump", "spoke", ["We will", "win big"]),  # in order: kept whole
            ],
        )
    )
    (attributions / "nyt_2016-01-04_trump-rallies_zz.ann").write_text(  # a later annotator
        ann(TEXT_ONE, [("Aides", "said", "the rally")])
    )
    (attributions / "politico_2016-01-05_sanders_a1.ann").write_text(
        ann(TEXT_TWO, [("Trump", "said", "the senator was finished")])
    )
    return root


def load(folder, tmp_path):
    out = io.StringIO()
    call_command(
        "import_polnear",
        str(folder),
        "--no-progress",
        "--rejects",
        str(tmp_path / "rejects.jsonl"),
        stdout=out,
    )
    return out.getvalue()


def test_each_article_once_with_the_first_annotator(db, folder, tmp_path):
    load(folder, tmp_path)
    assert Article.objects.count() == 2
    article = Article.objects.get(title="Trump rallies in Ohio")
    assert article.quotes.count() == 4  # annotator b2's, not zz's
    assert {q.extractor_version for q in article.quotes.all()} == {"polnear-1.0.0:b2"}
    assert article.publisher.slug == "new-york-times"
    assert article.authors == ["J. Doe"]


def test_kinds_offsets_cues_and_attribution_wording(db, folder, tmp_path):
    load(folder, tmp_path)
    direct = Quote.objects.get(text="“We will win big,”")
    assert direct.kind == "direct"
    assert direct.attribution == "Mr. Trump"
    assert direct.cue == "said"
    assert TEXT_ONE[direct.start_offset : direct.end_offset] == direct.text
    assert Quote.objects.get(text="the polls were wrong").kind == "paraphrase"


def test_discontinuous_span_in_order_is_kept_whole(db, folder, tmp_path):
    load(folder, tmp_path)
    assert Quote.objects.filter(text="We will win big", attribution="Donald Trump").exists()


def test_named_sources_become_one_person_with_surname_aliases(db, folder, tmp_path):
    load(folder, tmp_path)
    trump = Person.objects.get()
    assert trump.name == "Donald Trump"
    assert set(trump.aliases.values_list("name", flat=True)) == {"Trump"}
    assert trump.quotes.count() == 3  # "Donald Trump", "Mr. Trump" and "Trump" (article two)
    assert Quote.objects.get(attribution="He").speaker is None


def test_rejects_and_counts_are_reported(db, folder, tmp_path):
    output = load(folder, tmp_path)
    rejects = [json.loads(line) for line in (tmp_path / "rejects.jsonl").open()]
    assert [r["reason"] for r in rejects] == ["No source span."]
    assert "2 articles and 5 quotes imported" in output


def test_every_imported_quote_is_verbatim_and_a_rerun_changes_nothing(db, folder, tmp_path):
    load(folder, tmp_path)
    for quote in Quote.objects.select_related("article"):
        assert verbatim.locate(quote.article.body, quote.text, quote.start_offset) == (
            quote.start_offset,
            quote.end_offset,
        )
    assert "0 articles and 0 quotes imported, 2 articles already present" in load(folder, tmp_path)


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Sen. Bernie Sanders (I-Vt.)", "Bernie Sanders"),
        ("Clinton campaign manager Robby Mook", "Robby Mook"),
        ("Corey Lewandowski, Trump's campaign manager", "Corey Lewandowski"),
        ("Ohio Gov. John Kasich, a Republican", "John Kasich"),
        ("Mr. Trump", "Trump"),
        ("a spokesman for Hillary Clinton", None),
        ("The Clinton campaign", None),
        ("he", None),
    ],
)
def test_proper_names_in_sources(source, name):
    mention = name_mention(source)
    assert (mention.surface if mention else None) == name
