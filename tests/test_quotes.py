"""Quotes checked verbatim (summarizer.numbers.quotes): reading quotes, and altered, partial and translated quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.numbers.quotes import QuoteIndex, check_quotes, extract_quotes

EN = (
    'The mayor said: "We will rebuild the city, street by street." '
    "He added that it was 'another matter' whether the O'Brien plan, which he didn't back, would pass. "
    "“Nobody will be left behind,” he told reporters on Monday."
)
AR = (
    "وقال الوزير في مؤتمر صحفي: «سنعيد بناء المدينة بالكامل خلال عامين». "
    'وأضاف أن الأمر "لا يحتمل التأجيل"، مؤكدا أن الحكومة لن تتخلى عن السكان. '
    "وقالت المتحدثة باسم الوزارة: “إنَّ المساعداتِ ستصلُ إلى جميعِ المناطق”."
)


def states(source: str, output: str) -> list[tuple[str, str]]:
    return [(check.quote.text, check.state) for check in check_quotes(source, output)]


def only(source: str, output: str):
    checks = list(check_quotes(source, output))
    assert len(checks) == 1, checks
    return checks[0]


# --- reading quotes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('He said "we will rebuild" today.', ["we will rebuild"]),
        ("He said “we will rebuild” today.", ["we will rebuild"]),
        ("He said «we will rebuild» today.", ["we will rebuild"]),
        ("He said „we will rebuild“ today.", ["we will rebuild"]),
        ("He said ‘we will rebuild’ today.", ["we will rebuild"]),
        ("He said 'we will rebuild' today.", ["we will rebuild"]),
        ("He said ``we will rebuild,'' today.", ["we will rebuild"]),
        ("He said ‹we will rebuild› today.", ["we will rebuild"]),
        # punctuation at a quote's edges is not part of it
        ('"We will rebuild," he said.', ["We will rebuild"]),
        # a quote inside a quote is part of the outer one
        ("He said: “They shouted ‘go home’ at us.”", ["They shouted ‘go home’ at us"]),
        # two quotes in one sentence
        ('He said "yes" and she said "no".', ["yes", "no"]),
    ],
)
def test_quote_marks(text: str, quotes: list[str]) -> None:
    assert [q.text for q in extract_quotes(text)] == quotes


@pytest.mark.parametrize(
    "text",
    [
        "He didn't say it, and O'Brien won't either.",
        "The workers' union met in the '90s; it's rock 'n roll.",
        "The Qur'an and the Shi'ite clerics.",
        "قال الشيخ إن القرآن ومصطلح شي'عة لا علاقة لهما.",
        "Its 5'11\" centre plays on.",
    ],
)
def test_apostrophes_open_no_quote(text: str) -> None:
    assert extract_quotes(text) == []


def test_apostrophes_inside_a_quote_do_not_close_it() -> None:
    assert [q.text for q in extract_quotes("He said: 'We don't know O'Brien's plan' yesterday.")] == [
        "We don't know O'Brien's plan"
    ]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("He said “we will rebuild the city. Then he left for Paris.", "we will rebuild the city"),
        ('He said "we will rebuild the city. Then he left for Paris.', "we will rebuild the city"),
        ("قال: «سنعيد بناء المدينة. ثم غادر إلى باريس.", "سنعيد بناء المدينة"),
        ("He said “we will rebuild the city\nThen he left.", "we will rebuild the city"),
    ],
)
def test_open_quote_runs_to_the_end_of_its_sentence(text: str, quote: str) -> None:
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == [quote]
    assert quotes[0].close_mark == ""
    assert text[quotes[0].start : quotes[0].end] == quote


def test_an_open_quote_before_a_closed_one() -> None:
    text = "He said “we will rebuild. Later she said “no” to it."
    assert [q.text for q in extract_quotes(text)] == ["we will rebuild", "no"]


@given(st.text(alphabet=st.sampled_from(list("ab '\"“”‘’«».\n`ي")), max_size=40))
def test_quotes_are_spans_of_the_text(text: str) -> None:
    for quote in extract_quotes(text):
        assert text[quote.start : quote.end] == quote.text
        assert quote.text.strip()


# --- verbatim, partial, elided, re-marked: not flagged -----------------------------------------------------------


@pytest.mark.parametrize(
    "output",
    [
        'The mayor said: "We will rebuild the city, street by street."',  # exact
        "The mayor said: “We will rebuild the city, street by street.”",  # other marks
        "The mayor said: «We will rebuild the city, street by street».",
        "The mayor said: 'We will rebuild the city, street by street.'",
        "The mayor said: ``We will rebuild the city, street by street.''",
        'The mayor said he would "rebuild the city".',  # a part
        'The mayor said: "We will rebuild the city … street by street."',  # an omission
        'The mayor said: "We will rebuild ... street by street."',
        'The mayor said: "We will rebuild [the capital], street by street."',
        'The mayor said: "we will REBUILD the city street by street"',  # case, punctuation
        "He said: “Nobody will be left behind.”",
        "He said it was ‘another matter’.",
        "He called it “another matter”, and said 'nobody will be left behind'",
        "He said: “Nobody will be left behind",  # left open
    ],
)
def test_english_quotes_not_flagged(output: str) -> None:
    assert all(state == "verified" for _, state in states(EN, output)), states(EN, output)


@pytest.mark.parametrize(
    "output",
    [
        "قال الوزير: «سنعيد بناء المدينة بالكامل خلال عامين».",
        'قال الوزير: "سنعيد بناء المدينة بالكامل خلال عامين".',
        "قال الوزير: “سنعيد بناء المدينة بالكامل خلال عامين”.",
        "قال الوزير: «سَنُعيدُ بِناءَ المدينةِ بالكاملِ خلال عامين».",  # harakat
        "قال الوزير: «سنعيد بنــاء المدينة بالكامل خلال عامين».",  # tatweel
        "قال الوزير: «سنعيد بناء المدينه بالكامل خلال عامين».",  # taa marbuta
        "قال الوزير إنهم «سيعيدون» … لا، بل قال: «سنعيد بناء المدينة».",  # a part
        "قال: «سنعيد بناء المدينة ... خلال عامين»",  # an omission
        "قال: «سنعيد بناء المدينة … خلال عامين»",
        "أكد أن الأمر «لا يحتمل التأجيل».",
        "قالت: «ان المساعدات ستصل الى جميع المناطق».",  # hamza and alef forms, harakat in the article
        "قالت: «إن المساعدات ستصل»",
        "قال: «بناء المدينة بالكامل»",
    ],
)
def test_arabic_quotes_not_flagged(output: str) -> None:
    results = [r for r in states(AR, output) if r[0] != "سيعيدون"]
    assert results and all(state == "verified" for _, state in results), results


def test_a_quote_after_a_glued_conjunction() -> None:
    check = only("وقال: وسنعيد بناء المدينة.", "«سنعيد بناء المدينة»")
    assert check.state == "verified"
    assert check.source_start == "وقال: وسنعيد بناء المدينة.".index("سنعيد")


def test_verified_quote_carries_its_source_span() -> None:
    check = only(EN, 'He said "rebuild the city, street by street".')
    assert EN[check.source_start : check.source_end] == "rebuild the city, street by street"
    check = only(AR, "«سنعيد بناء المدينة … عامين»")
    assert AR[check.source_start : check.source_end] == "سنعيد بناء المدينة بالكامل خلال عامين"
    check = only(AR, "قالت: «إن المساعدات ستصل»")
    assert AR[check.source_start : check.source_end] == "إنَّ المساعداتِ ستصلُ"


# --- altered quotes: caught, with the closest passage -------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "passage", "change"),
    [
        ('He said: "We will never rebuild the city."', "We will rebuild the city", "“never” added"),
        ('He said: "We will not rebuild the city."', "We will rebuild the city", "“not” added"),
        ('He said: "We will rebuild the town, street by street."', "We will rebuild the city", "“town” for “city”"),
        ('He said: "We rebuild the city, street by street."', "We will rebuild the city", "“will” left out"),
        ("He said: “Nobody will be left out.”", "Nobody will be left behind", "“out” for “behind”"),
        ("He said: “Everybody will be left behind.”", "Nobody will be left behind", "“Everybody” for “Nobody”"),
        ('He said: "We will rebuild the entire city."', "We will rebuild the city", "“entire” added"),
    ],
)
def test_english_altered_quotes(output: str, passage: str, change: str) -> None:
    check = only(EN, output)
    assert check.state == "unsupported"
    assert check.reason.startswith("altered quote: the article has “")
    assert passage in check.closest
    assert change in check.reason


@pytest.mark.parametrize(
    ("output", "change"),
    [
        ("قال: «سنعيد بناء القرية بالكامل خلال عامين»", "“القرية” for “المدينة”"),  # changed
        ("قال: «سنعيد بناء المدينة بالكامل خلال ثلاثة عامين»", "“ثلاثة” added"),  # added
        ("قال: «سنعيد بناء المدينة خلال عامين»", "“بالكامل” left out"),  # dropped
        ("قال: «لن نعيد بناء المدينة بالكامل خلال عامين»", "“لن نعيد” for"),  # negated
        ("أكد أن الأمر «يحتمل التأجيل»", "leaves out the negation"),  # a part that leaves out the لا before it
        ("أكد أن الأمر «لا يحتمل التأخير»", "“التأخير” for “التأجيل”"),
        ("قالت: «إن المساعدات لن تصل إلى جميع المناطق»", "“لن تصل” for “ستصلُ”"),
    ],
)
def test_arabic_altered_quotes(output: str, change: str) -> None:
    check = only(AR, output)
    assert check.state == "unsupported", check
    assert check.reason.startswith("altered quote: ")
    assert change in check.reason


def test_a_part_that_leaves_out_a_negation() -> None:
    source = "The minister said the plan was not going to work."
    check = only(source, 'The minister said the plan was "going to work".')
    assert check.state == "unsupported"
    assert "leaves out the negation" in check.reason and "not going to work" in check.reason
    assert only(source, 'The minister said the plan was not "going to work".').state == "verified"
    assert only(AR, "أكد أن الأمر لا «يحتمل التأجيل»").state == "verified"


def test_quote_not_in_the_article_at_all() -> None:
    check = only(EN, 'She said: "Prices of bread and petrol went up sharply in March."')
    assert check.state == "unsupported"
    assert "is not in the article" in check.reason or "the article has" in check.reason


def test_elided_pieces_out_of_order_are_altered() -> None:
    check = only(EN, '"street by street … We will rebuild the city"')
    assert check.state == "unsupported"
    assert "not in this order" in check.reason


def test_a_missing_elided_piece_is_named() -> None:
    check = only(EN, '"We will rebuild the city … house by house"')
    assert check.state == "unsupported"
    assert "house" in check.reason


def test_a_part_of_a_word_is_not_a_part_of_the_quote() -> None:
    assert only(EN, '"rebuild the cit"').state == "unsupported"
    assert only(EN, '"e will rebuild"').state == "unsupported"


# --- translated quotes -----------------------------------------------------------------------------------------


def test_an_english_quote_of_an_arabic_article_is_translated() -> None:
    check = only(AR, 'The minister said: "We will rebuild the whole city within two years."')
    assert check.state == "translated" and check.translated
    assert "translated quote" in check.reason


def test_an_arabic_quote_of_an_english_article_is_translated() -> None:
    check = only(EN, "قال رئيس البلدية: «سنعيد بناء المدينة شارعا شارعا»")
    assert check.state == "translated"


def test_a_quote_in_the_other_language_that_the_article_holds_is_verified() -> None:
    source = "وكتب على حسابه بالإنجليزية: “Make America Great Again” قبل أن يحذف التغريدة."
    assert only(source, 'كتب "Make America Great Again"').state == "verified"


def test_the_index_is_reused() -> None:
    index = QuoteIndex(EN)
    assert [c.state for c in check_quotes(index, '"We will rebuild the city"')] == ["verified"]
    assert [c.state for c in check_quotes(index, '"We will raze the city"')] == ["unsupported"]


def test_locate_within_a_range() -> None:
    index = QuoteIndex(EN)
    quote = extract_quotes('"another matter"')[0]
    second = EN.index("He added")
    assert index.locate(quote.pieces, second, second + 60) is not None
    assert index.locate(quote.pieces, 0, second) is None


def test_to_dict() -> None:
    check = only(EN, 'He said: "We will never rebuild the city."')
    data = check.to_dict()
    assert data["kind"] == "quote" and data["state"] == "unsupported" and "closest" in data


@pytest.mark.parametrize(
    ("source", "output"),
    [
        ("وقال: «وبعد ستة أشهر، تلقيت رسالة»", "قال: «وبعد 6 أشهر، تلقيت رسالة»"),
        ("وقال: «وبعد ستة أشهر، تلقيت رسالة»", "قال: «وبعد ٦ أشهر، تلقيت رسالة»"),
        ("وقال إنها «طيلة أربعة آلاف عام»", "قال إنها «طيلة 4,000 عام»"),
        ("وقال: «إنهم يخططون لخمسين عاما مقبلة»", "قال: «إنهم يخططون ل 50 عاما مقبلة»"),
        ('He said: "We counted 35,800 people."', 'He said: "We counted 35800 people."'),
        ('He said: "We counted 35,800 people."', 'He said: "We counted thirty-five thousand eight hundred people."'),
    ],
)
def test_numbers_in_a_quote_are_compared_by_value(source: str, output: str) -> None:
    assert only(source, output).state == "verified"


def test_a_number_changed_in_a_quote_is_an_altered_quote() -> None:
    check = only('He said: "We counted 35,800 people."', 'He said: "We counted 36,000 people."')
    assert check.state == "unsupported" and "“36,000” for “35,800”" in check.reason


@pytest.mark.parametrize(
    ("source", "output"),
    [
        # a quote that starts or ends inside a number the article writes with a separator
        ("He said the deal was worth 3.5 billion dollars.", 'He said "the deal was worth 3" billion.'),
        ("He said 1.5 million people fled the city.", 'He said "5 million people fled the city".'),
        ("Officials said 12,000 homes were destroyed.", 'Officials said "000 homes were destroyed".'),
        ("Officials said 12,000 homes were destroyed.", 'Officials said "said 12" homes.'),
        ("قال الوزير إن 2٫5 مليون شخص نزحوا", "قال الوزير «5 مليون شخص نزحوا»"),
        # a character the folding drops (a word joiner) joins the letters on its two sides
        ("He said the foo\u2060bar was fine.", 'He said "bar was fine".'),
    ],
)
def test_the_verifier_judges_a_copied_part_of_a_word_as_the_full_check_does(source: str, output: str) -> None:
    from summarizer.numbers import verify

    (finding,) = [f for f in verify(source, output).findings if f.mention.kind == "quote"]
    assert only(source, output).state == "unsupported"
    assert finding.source is None and finding.reason and finding.reason.startswith("altered quote")
