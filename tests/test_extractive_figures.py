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
    # a range gives one row per figure: the first shown with its partner, which carries its unit
    assert [(f.text, f.value) for f in _figures(arabic)] == [("بين 50 و75 في المئة", 50), ("75 في المئة", 75)]
    assert texts["31 per cent"].value == 31 and texts["16 to 31 per cent"].value == 16


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


def _rows(text: str) -> list[tuple[str, int | float | str | None, dict[str, str | None]]]:
    return [(f.text, f.value, f.label) for f in _figures(text)]


# Sentences from corpus articles (../shared/corpus) whose key-figure rows an editor could not use before.
def test_a_compound_unit_is_read_whole() -> None:
    text = "وبلغت الموارد الطاقية الأولية مستوى 1763 كيلو طن مكافئ نفط ، أي بما يمثل نسبة نمو ب2 بالمائة بالمقارنة مع سنة 2016."
    rows = _rows(text)
    assert rows[0] == ("1763", 1763, {"en": "kilotonnes of oil equivalent", "ar": "كيلو طن مكافئ نفط"})
    assert all(label != "نمو ب" for _, _, labels in rows for label in labels.values())  # no stray preposition


@pytest.mark.parametrize(
    "text",
    [
        "وعاد محرز في الدقيقة 62 من المباراة هدافا عندما استقبل تمريرة من زميله، كليشي إيهاناتشو، ودفعها بهدوء.",
        "Bayer Leverkusen crushed relegation-threatened visitors Hanover 96 4-0 to jump into third spot on goal difference.",
        "The leaders are in action against Schalke 04 on Sunday in the capital, the club said.",
        "Mr Pickles told BBC Radio 4 that the plan would cost the council nothing at all.",
    ],
)
def test_a_minute_a_name_or_a_code_is_no_figure(text: str) -> None:
    assert [row for row in _rows(text) if row[1] in (62, 96, 4, 0)] == []


def test_a_change_and_a_level_are_two_figures_and_a_list_gives_one_row_each() -> None:
    english = "The latest news wiped more than £700million off the value of RBS as shares fell more than 3 per cent to 338.5p."
    rows = {text: (value, label) for text, value, label in _rows(english)}
    assert rows["3 per cent"] == (3, {"en": "shares", "ar": None})
    assert rows["338.5"] == (338.5, {"en": "pence", "ar": None})
    arabic = (
        "وظلت الموارد الطاقية الأولية ترتكز بالأساس على إنتاج البترول والغاز اللذان ساهما على التوالي بمستويات تبلغ"
        " 40 و35 بالمائة من إجمالي الموارد الطاقية الأولية."
    )
    assert sorted(value for _, value, _ in _rows(arabic)) == [35, 40]


def test_labels_are_never_fragments_and_a_fact_is_one_row() -> None:
    text = (
        "Guilty: Glenn Mason, 56, has said he will pay back the whole £185,000 out of his RBS pension pot.\n"
        "Glenn Mason, 56, plundered the accounts of nine pensioners including an 83 year-old woman and a 92 year-old"
        " man living near his branch in Biggin Hill, Kent, the Old Bailey heard."
    )
    rows = _rows(text)
    assert ("nine", 9, {"en": "pensioners", "ar": None}) in rows
    keys = [(value, label["en"], label["ar"]) for _, value, label in rows]
    assert len(keys) == len(set(keys))
    assert all(any(label.values()) for _, _, label in rows)  # nothing said of what it counts: left out


def test_more_of_the_same_takes_the_counted_thing_of_the_sentence() -> None:
    rows = _rows("It employs 1,200 people and plans to hire 250 more by 2026, officials said.")
    assert [(value, label["en"]) for _, value, label in rows] == [(1200, "people"), (250, "people")]


def test_the_seeds_largest_figure_says_what_it_counts(seed_text: str) -> None:
    figures = [f for article in summarize(seed_text, engine="extractive").articles for f in article.key_figures]
    dead = next(f for f in figures if f.text == "37 ألفا")
    assert dead.label["ar"] == "القتلى الفلسطينيين"
