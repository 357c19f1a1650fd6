"""The offline extractive engine: sentence choice, offsets, key figures, no pretend translation."""

from __future__ import annotations

from conftest import EXAMPLES

from summarizer import summarize
from summarizer.articles import split_articles

HARBOUR = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
WATER = (EXAMPLES / "water-ar.txt").read_text(encoding="utf-8")


def test_english_article_gets_an_english_summary_only() -> None:
    result = summarize(HARBOUR)
    (article,) = result.articles
    assert result.engine == "extractive" and article.language == "en"
    assert article.summaries["ar"] is None
    assert article.notes[0] == (
        "No Arabic summary: the offline extractive engine only selects sentences from the article and never "
        "translates. To get it, set OPENAI_API_KEY (OpenAI) or --base-url / OPENAI_BASE_URL (an "
        "OpenAI-compatible server) and run with --engine auto or --engine openai."
    )
    assert article.notes[1:] == [
        "Key-figure labels in Arabic are dictionary labels from the bilingual lexicon (what the figure "
        "counts, word for word), not translations of the article."
    ]
    assert result.notices and result.notices[0].startswith("No model configured")


def test_summary_is_3_to_5_verbatim_sentences_in_article_order() -> None:
    for text in (HARBOUR, WATER):
        (article,) = summarize(text, engine="extractive").articles
        summary = article.summaries[article.language]
        assert 3 <= len(summary.sentences) <= 5
        ids = [s.sources[0] for s in summary.sentences]
        assert ids == sorted(ids)
        for sentence in summary.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
        assert summary.sentences[0].text != "Port of Northmere reports record grain exports"  # never the title


def test_repeated_lead_is_not_chosen_twice(seed_text: str) -> None:
    first = summarize(seed_text, engine="extractive").articles[0]
    texts = [s.text for s in first.summaries["ar"].sentences]
    assert len(set(texts)) == len(texts)


def test_key_figures_with_quotes_labels_and_importance_order() -> None:
    (article,) = summarize(WATER, engine="extractive").articles
    values = [figure.value for figure in article.key_figures]
    assert sorted(values) == sorted([150000, 320000000, 600000, 40, 3, 2500, 250000, 12])
    assert values[:3] == [320000000, 600000, 2500]  # money and people in the summary first
    by_value = {figure.value: figure for figure in article.key_figures}
    assert by_value[150000].text == "150 ألف" and by_value[150000].label["ar"] == "متر مكعب"
    assert by_value[40].kind == "percent" and by_value[40].text == "40 في المئة"
    for figure in article.key_figures:
        assert WATER[figure.start : figure.end] == figure.quote
        assert WATER[figure.number_start : figure.number_end] == figure.text
    # dates and years are not key figures
    assert 2028 not in values and 7 not in values
    assert article.verification.ok and article.verification.checked > 0


def test_plain_text_starting_with_a_brace_is_not_jsonl() -> None:
    text = "{Update} The council approved 12 new schools.\nIt will spend 3 million pounds."
    (article,) = split_articles(text)
    assert article.text == text


def test_seed_key_figures_keep_each_story_figures(seed_text: str) -> None:
    first, second = summarize(seed_text, engine="extractive").articles
    assert {1170, 252, 121, 37, 35800} <= {figure.value for figure in first.key_figures}
    assert {2000, 500, 37000, 1200, 250} <= {figure.value for figure in second.key_figures}
    assert 1200 not in {figure.value for figure in first.key_figures}
    assert first.verification.ok and second.verification.ok
