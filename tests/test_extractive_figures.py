"""Extractive key figures: one row per fact, text that keeps its context, labels that say what is counted."""

from __future__ import annotations

import collections

import pytest
from conftest import corpus_rows

from summarizer import summarize
from summarizer.articles import Article
from summarizer.engines.extractive import summarize_article


def _figures(text: str) -> list:
    (article,) = summarize(text, engine="extractive").articles
    assert article.verification.ok, article.verification
    return article.key_figures


def test_distinct_facts_with_the_same_value_are_distinct_rows() -> None:
    text = (
        "أعلنت وزارة الصحة إصابة 24 طفلا في القصف الذي استهدف المدرسة صباح اليوم.\n"
        "وقالت الوزارة إن المعلم القتيل يبلغ من العمر 24 عاما وكان يعمل في المدرسة منذ سنوات.\n"
        "وأضافت أن فرق الإسعاف نقلت المصابين إلى ثلاثة مستشفيات في المدينة."
    )
    rows = [(f.value, f.label, f.sentence) for f in _figures(text) if f.value == 24]
    assert rows == [(24, {"ar": "طفلا", "en": "children"}, 1), (24, {"ar": "العمر", "en": "age"}, 2)]


def test_the_same_fact_repeated_is_one_row() -> None:
    lead = "The fire destroyed 120 homes in the valley on Monday, officials said."
    text = f"{lead}\n{lead}\nCrews worked through the night to stop it reaching the town."
    assert [f.value for f in _figures(text)] == [120]


def test_a_name_the_article_repeats_is_not_a_figure() -> None:
    text = (
        "Russia lost contact with the Progress 59 cargo ship during a supply mission on Tuesday.\n"
        "The ship carries 3 tons of food and fuel for the six crew members, NASA said.\n"
        "Controllers will try again to reach Progress 59 as it passes over Russia."
    )
    assert sorted(f.value for f in _figures(text)) == [3, 6]


def test_figure_text_keeps_currency_scale_percent_and_range() -> None:
    english = (
        "The club posted revenue of £515m last season, its highest ever.\n"
        "Support for the plan rose from 16 to 31 per cent among voters in the region.\n"
        "The crossing took 11½ hours in heavy seas, the crew said."
    )
    texts = {f.text: f for f in _figures(english)}
    assert {"£515m", "16 to 31 per cent", "11½"} <= set(texts)
    assert texts["£515m"].value == 515_000_000 and texts["£515m"].label == {
        "en": "pounds sterling",
        "ar": "جنيه إسترليني",
    }
    assert texts["11½"].value == 11.5 and texts["11½"].label["en"] == "hours"
    arabic = "وقالت الدراسة إن ما بين 50 و75 في المئة من السكان يعانون من نقص المياه في الصيف."
    assert [f.text for f in _figures(arabic)] == ["بين 50 و75 في المئة"]


def test_labels_in_both_languages_name_the_counted_thing() -> None:
    english = (
        "Police said 1,200 people were detained after the protest in the capital.\n"
        "The ship carried 500 tonnes of cotton when it sank off the coast."
    )
    labels = {f.value: f.label for f in _figures(english)}
    assert labels[1200] == {"en": "people", "ar": "أشخاص"}  # the Arabic one from the lexicon
    assert labels[500] == {"en": "tonnes", "ar": "طن"}
    arabic = (
        "أسفر الهجوم عن مقتل 1200 شخص واحتجاز 250 آخرين في المدينة.\n"
        "وأصيب 24 طفلا في القصف الذي استهدف المدرسة.\n"
        "وارتفع عدد القتلى إلى أكثر من 37 ألفا من الفلسطينيين بحسب مسؤولي الصحة."
    )
    (article,) = summarize(arabic, engine="extractive").articles
    labels = {f.value: f.label for f in article.key_figures}
    assert labels[1200] == {"ar": "شخص", "en": "people"}
    assert labels[24] == {"ar": "طفلا", "en": "children"}
    assert labels[37000]["ar"] == "الفلسطينيين"  # the lexicon does not know it: the article's word only
    assert any("dictionary labels" in note for note in article.notes)


@pytest.mark.parametrize(
    ("sentence", "value", "label"),
    [
        # an adverb or a preposition ends a label
        ("The striker was given a three-match ban against the club on Friday.", 3, "match ban"),
        ("Officials said two cemeteries still needed repair after the storm.", 2, "cemeteries"),
        # so do markup and a lone mark
        ("Officials counted 5 objections <iframe src=x></iframe> in total on Monday.", 5, "objections"),
        ("The board approved 12 new schools | and 40 buses for the district.", 12, "new schools"),
    ],
)
def test_a_label_stops_at_a_function_word_markup_or_a_lone_mark(sentence: str, value: int, label: str) -> None:
    labels = {f.value: f.label["en"] for f in _figures(sentence + "\nThe council met again on Tuesday.")}
    assert labels[value] == label


def test_summary_starts_from_the_lede_and_skips_furniture() -> None:
    text = (
        "Scroll down for video\n"
        "A storm cut power to 40,000 homes across the county on Sunday night.\n"
        "Engineers expect to restore most supplies by Tuesday, the company said.\n"
        "Schools in three towns will stay closed on Monday as a precaution.\n"
        "The storm is the third to hit the region this winter."
    )
    (article,) = summarize(text, engine="extractive").articles
    first = article.summaries["en"].sentences[0]
    assert first.text.startswith("A storm cut power to 40,000 homes")


def test_corpus_articles_verify_and_have_no_duplicate_rows() -> None:
    flagged, duplicates = [], 0
    for name in ("arabic.jsonl", "english.jsonl"):
        for index, row in enumerate(corpus_rows(name)):
            if index % 3:
                continue  # a third of the corpus keeps the suite fast; the README command checks all
            result = summarize_article(Article(text=row["text"], id=row["id"]), ["en", "ar"])
            if not result.verification.ok:
                flagged.append(row["id"])
            rows = collections.Counter((f.value, f.quote) for f in result.key_figures)
            duplicates += sum(count - 1 for count in rows.values())
    assert flagged == [] and duplicates == 0
