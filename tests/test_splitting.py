"""Feed files -> articles: the seed, JSONL, explicit separators, and no split of single corpus articles."""

from __future__ import annotations

import json

import pytest
from conftest import corpus_rows

from summarizer.articles import split_articles, split_sentences
from summarizer.errors import InputError


def test_seed_gives_exactly_two_articles(seed_text: str) -> None:
    first, second = split_articles(seed_text)
    headline = "لم تُثمر مفاوضات جرت، في مطلع مايو، بين إسرائيل وحركة حماس، عن أي اتفاق تهدئة."
    assert first.title == headline
    assert first.text.count(headline) == 1  # the doubled headline is collapsed
    assert first.text.endswith("وفق وزارة الصحة التابعة لحماس.")
    assert second.text.startswith("كيربي رفض مناقشة")  # the photo caption starts the second story
    assert second.text.rstrip().endswith("النازحين بسبب الحرب.")
    assert second.title == "كيربي أكد إن من الصعب التكهن بدوافع نتانياهو لنشر شريط الفيديو"
    for article in (first, second):
        assert seed_text[article.offset : article.offset + len(article.text)] == article.text
    assert "1170" in first.text and "1170" not in second.text
    assert "1200" in second.text and "1200" not in first.text


@pytest.mark.parametrize("name", ["arabic.jsonl", "english.jsonl"])
def test_no_corpus_article_is_split(name: str) -> None:
    split = [row["id"] for row in corpus_rows(name) if len(split_articles(row["text"])) != 1]
    assert split == []


def test_jsonl_input_keeps_ids_and_titles() -> None:
    lines = [
        json.dumps({"id": "a-1", "title": "One", "text": "First story. It has 3 facts."}),
        "",
        json.dumps({"text": "Second story with 12 numbers."}),
    ]
    articles = split_articles("\n".join(lines))
    assert [(a.id, a.title, a.text) for a in articles] == [
        ("a-1", "One", "First story. It has 3 facts."),
        ("2", None, "Second story with 12 numbers."),
    ]


def test_jsonl_errors_name_the_line() -> None:
    with pytest.raises(InputError, match='line 2 of the JSONL input has no "text" string'):
        split_articles('{"text": "ok"}\n{"body": "no text"}')
    with pytest.raises(InputError, match="line 2 of the JSONL input is not valid JSON"):
        split_articles('{"text": "ok"}\n{"text": ')


def test_explicit_separator_line() -> None:
    document = "Story one has 5 people.\n=====\nStory two has 7 people.\n"
    assert [a.text for a in split_articles(document)] == ["Story one has 5 people.", "Story two has 7 people."]


def test_hyphen_rules_are_not_separators() -> None:
    document = "Body of the story, with 50 staff.\n---------------\nGet our app for alerts."
    assert len(split_articles(document)) == 1


def test_sentences_have_exact_offsets() -> None:
    text = "Mr. Smith paid $3.5 million. Prices rose 12%! وقال الوزير: هل انتهى؟ نعم.\nNew line here"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Mr. Smith paid $3.5 million.",
        "Prices rose 12%!",
        "وقال الوزير: هل انتهى؟",
        "نعم.",
        "New line here",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.id for s in sentences] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # no space after the full stop (XSum), a closing quote, and an opening quote glued on
            'They were ahead.But Wrexham levelled."It was hard," he said.He was "honoured."Unite agreed.',
            [
                "They were ahead.",
                "But Wrexham levelled.",
                '"It was hard," he said.',
                'He was "honoured."',
                "Unite agreed.",
            ],
        ),
        (  # abbreviations, initials, decimals, a web address
            "The U.S. envoy met Mr. J. K. Brown and Dr. Lee on Jan. 5. Output rose 3.5% at BBC.co.uk. Next.",
            ["The U.S. envoy met Mr. J. K. Brown and Dr. Lee on Jan. 5.", "Output rose 3.5% at BBC.co.uk.", "Next."],
        ),
        (  # a.m./p.m. end a sentence only before a capital; "!" inside a quote before lower case does not
            'It opened at 3 p.m. The crowd left at 4 p.m. on Friday. He said "Stop!" and ran. (It was late.) End.',
            [
                "It opened at 3 p.m.",
                "The crowd left at 4 p.m. on Friday.",
                'He said "Stop!" and ran.',
                "(It was late.)",
                "End.",
            ],
        ),
        (  # corpus text: a number or a unit glued to the next sentence's capital ends it; decimals do not
            "Rev Stuart Campbell launched the blog in 2011.On Friday he tweeted. Tax rose to 338.5p. The Tories"
            " disagreed. It cost £1,027,339.The figures show 3.5% in the 1980s. He said Budd ran 4:17.57.The end.",
            [
                "Rev Stuart Campbell launched the blog in 2011.",
                "On Friday he tweeted.",
                "Tax rose to 338.5p.",
                "The Tories disagreed.",
                "It cost £1,027,339.",
                "The figures show 3.5% in the 1980s.",
                "He said Budd ran 4:17.57.",
                "The end.",
            ],
        ),
        (  # Arabic: ، and ؛ do not end a sentence; ؟ and "." do, with or without a space; د. is a title
            "قال د. محمد إن النسبة بلغت 3.5 في المئة.وأضاف أن الحكومة، التي تواجه أزمة؛ ستتحرك؟ونفى ذلك. انتهى",
            [
                "قال د. محمد إن النسبة بلغت 3.5 في المئة.",
                "وأضاف أن الحكومة، التي تواجه أزمة؛ ستتحرك؟",
                "ونفى ذلك.",
                "انتهى",
            ],
        ),
    ],
)
def test_sentence_splitting_cases(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


ENGLISH_STORY = (
    "The council approved 12 new schools on Monday. The plan will cost 3 million pounds, officials said. "
    "Parents welcomed the decision, which follows a long campaign by local groups and teachers."
)
ARABIC_STORY = (
    "قالت وزارة الصحة إن 24 طفلا أصيبوا في القصف الذي استهدف المدينة صباح اليوم. وأضافت الوزارة أن فرق "
    "الإسعاف نقلت المصابين إلى المستشفيات القريبة، وأن حالة بعضهم خطيرة بحسب الأطباء."
)


@pytest.mark.parametrize("joiner", ["\n", " ", "\n\n"])
def test_a_script_change_between_stories_splits_them(joiner: str) -> None:
    for first, second in ((ENGLISH_STORY, ARABIC_STORY), (ARABIC_STORY, ENGLISH_STORY)):
        document = first + joiner + second
        articles = split_articles(document)
        assert [a.text for a in articles] == [first, second]
        assert document[articles[1].offset :] == second


def test_arabic_words_quoted_in_an_english_story_do_not_split_it() -> None:
    document = ENGLISH_STORY.replace("Parents", 'A banner read "مرحبا بكم في مدرستنا الجديدة" and parents')
    assert len(split_articles(document)) == 1
