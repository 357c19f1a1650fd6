"""The interface's own words (the chrome of the review pages and of the Markdown), in English and Arabic.

One table, :data:`STRINGS`, holds every string the renderers write around the article's content: headings,
labels, the verifier's states, the legend, the meta lines. :data:`COUNTS` holds the phrases that say a count ("3
articles", "2 calls") in each CLDR plural category of the language (Arabic has six: zero, one, two, few,
many, other; babel's ``Locale.plural_form`` says which one a number takes). A test keeps both languages
complete: every key in each, with the same ``{placeholders}``, and every plural category of each language.

Content is not chrome: the article, the summaries, the key-figure labels and quotes, and the verifier's
reasons and the tool's notes stay as written. The verifier's summary line is built here from its counts
(:meth:`Interface.summary_line`), so it too reads in the interface language; its English is the line
``VerificationReport.summary_line`` writes for the JSON output.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from summarizer.errors import ConfigurationError
from summarizer.languages import direction

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # both pages and the Markdown
        "article": "Article {id}",
        "input": "Input",
        "articles": "Articles",
        "language_label": "language",
        "engine": "engine",
        "engine_heading": "Engine",
        "model": "model",
        "prompt": "prompt",
        "file": "file",
        "comma": ", ",
        "verified": "verified",
        "review": "needs review",
        "unsupported": "unsupported",
        "problems": "problems",
        "checked": "checked",
        "summary_of": "{language} summary",
        "not_produced": "Not produced (see the notes).",
        "key_figures": "Key figures",
        "col_number": "number",
        "col_value": "value",
        "col_counts": "counts ({language})",
        "col_quote": "quote",
        "col_source_quote": "source quote",
        "none_found": "None found.",
        "verification": "Verification",
        "not_verified": "Not verified:",
        "problems_heading": "Problems",
        "problems_intro": "Unsupported numbers, dates, quotes and names, and other problems:",
        "review_heading": "Needs review",
        "review_intro": (
            "Needs review: in the article, but not where the output says (check the citations), "
            "or not found across scripts (check the spelling):"
        ),
        "notes": "Notes",
        "failed": "Failed:",
        "tokens": "{input} input + {output} output tokens",
        "tokens_md": "{calls}, {input} input and {output} output tokens.",
        "cost": "cost about {amount} {currency} (prices of {date})",
        # the summary review page
        "page_title": "Summary review",
        # the shipped page says what was verified (Interface.all_verified); a template of before says this
        "every_number_verified": "every check passed",
        "every_kind_verified": "every {kinds} verified",
        "problems_remain": "problems remain (marked below)",
        "numbers_legend": "Numbers, dates, quotes and names:",
        "verified_hint": "(links to its source)",
        "review_hint": "(in the article, not in the cited sentences; or not found across scripts)",
        "unsupported_hint": "(not in the source, or different there)",
        "hover_hint": "Hover or focus a number, date or name, or the mark after a quote, to light up its source.",
        "source_text": "Source text",
        "outputs": "Summaries and key figures",
        "show_in_source": "{state}: show in the source",
        "not_in_source": "{state}: not found in the source",
        "source_sentence": "source sentence {number}",
        "source_sentence_sr": "source sentence ",
        "not_verbatim": "not found verbatim in the source",
        # the summary line, from the verifier's counts
        "quote_translated_title": "translated quote: its words are not compared, only its numbers, dates and names",
        "quote_translated_sr": "translated quote, words not compared",
        "quote_show_source": "quote {state}: show the source sentence",
        "quote_not_in_source": "quote {state}: not in the source as written",
        "quote_state": "quote {state}",
        "line_date": "{supported} of {checked} dates",
        "line_quote": "{supported} of {checked} quotes",
        "line_name": "{supported} of {checked} names in the article",
        "line_nothing": "no numbers, dates, quotes or names to verify",
        "line_not_checked": "not checked: {count}",
        "line_verified": "{supported} of {checked} numbers verified against the cited sentences",
        "line_review": "{count} need review",
        "line_unsupported": "{count} unsupported",
        "line_wording": "wording not checked",
        "line_separator": "; ",
        # the translation page and its Markdown
        "translation_title": "Translation review",
        "into": "Into {language}",
        "from_into": "{source} into {target}",
        "checked_both_ways": "every number, date and name checked both ways",
        "checked_both_ways_wording": "every number, date and name checked both ways; wording not checked",
        "translation_legend": "Numbers and dates:",
        "col_source": "Source ({language})",
        "col_translation": "Translation ({language})",
        "no_translation": "No translation.",
        "mark_verified": "verified: in both the source paragraph and its translation",
        "mark_added": "added: in the translation, not in the source paragraph",
        "mark_dropped": "dropped: in the source paragraph, not in the translation",
        "icon_added": "⚠ added",
        "icon_dropped": "⚠ dropped",
        "added": "added {number}",
        "dropped": "dropped {number}",
        "aimed_at_model": "text aimed at the model ({reason}): translated as text, not followed",
    },
    "ar": {
        "article": "المقالة {id}",
        "input": "المُدخَل",
        "articles": "المقالات",
        "language_label": "اللغة",
        "engine": "المحرّك",
        "engine_heading": "المحرّك",
        "model": "النموذج",
        "prompt": "قالب التعليمات",
        "file": "الملف",
        "comma": "، ",
        "verified": "تم التحقق",
        "review": "بحاجة إلى مراجعة",
        "unsupported": "غير مدعوم",
        "problems": "مشكلات",
        "checked": "تم الفحص",
        "summary_of": "الملخص ب{language}",
        "not_produced": "لم يُكتب (انظر الملاحظات).",
        "key_figures": "الأرقام الرئيسية",
        "col_number": "الرقم",
        "col_value": "القيمة",
        "col_counts": "المعدود ({language})",
        "col_quote": "الاقتباس",
        "col_source_quote": "الاقتباس من المصدر",
        "none_found": "لا توجد.",
        "verification": "التحقق",
        "not_verified": "لم يكتمل التحقق:",
        "problems_heading": "المشكلات",
        "problems_intro": "أرقام وتواريخ واقتباسات وأسماء غير مدعومة، ومشكلات أخرى:",
        "review_heading": "بحاجة إلى مراجعة",
        "review_intro": (
            "بحاجة إلى مراجعة: وردت في المقالة، لكن ليس حيث يشير الناتج (راجِع الإحالات)، "
            "أو لم يُعثر عليها بالكتابة الأخرى (راجِع رسمها):"
        ),
        "notes": "ملاحظات",
        "failed": "تعذّر الإنجاز:",
        "tokens": "{input} رمزًا للإدخال + {output} رمزًا للإخراج",
        "tokens_md": "{calls}، {input} رمزًا للإدخال و{output} رمزًا للإخراج.",
        "cost": "التكلفة نحو {amount} {currency} (أسعار {date})",
        "page_title": "مراجعة الملخص",
        "every_number_verified": "نجحت كل الفحوص",
        "every_kind_verified": "تم التحقق من كل {kinds}",
        "problems_remain": "بقيت مشكلات (مُعلَّمة أدناه)",
        "numbers_legend": "الأرقام والتواريخ والاقتباسات والأسماء:",
        "verified_hint": "(يحيل إلى موضعه في المصدر)",
        "review_hint": "(في المقالة، لا في الجمل المُستشهَد بها؛ أو لم يُعثر عليه بالكتابة الأخرى)",
        "unsupported_hint": "(ليس في المصدر، أو يختلف عمّا فيه)",
        "hover_hint": (
            "مرِّر المؤشر فوق رقم أو تاريخ أو اسم، أو فوق العلامة التي تلي الاقتباس، أو انتقل إليه، "
            "لإبراز موضعه في المصدر."
        ),
        "source_text": "النص الأصلي",
        "outputs": "الملخصات والأرقام الرئيسية",
        "show_in_source": "{state}: اعرضه في المصدر",
        "not_in_source": "{state}: غير موجود في المصدر",
        "source_sentence": "الجملة {number} من المصدر",
        "source_sentence_sr": "الجملة من المصدر ",
        "not_verbatim": "لم يرد بنصه في المصدر",
        "quote_translated_title": "اقتباس مترجم: لا تُقارن كلماته، بل أرقامه وتواريخه وأسماؤه فقط",
        "quote_translated_sr": "اقتباس مترجم، كلماته لم تُقارن",
        "quote_show_source": "اقتباس {state}: اعرض الجملة في المصدر",
        "quote_not_in_source": "اقتباس {state}: غير موجود في المصدر كما كُتب",
        "quote_state": "اقتباس {state}",
        "line_date": "تواريخ تم التحقق منها: {supported} من {checked}",
        "line_quote": "اقتباسات تم التحقق منها: {supported} من {checked}",
        "line_name": "أسماء تم التحقق منها في المقالة: {supported} من {checked}",
        "line_nothing": "لا أرقام ولا تواريخ ولا اقتباسات ولا أسماء للتحقق منها",
        "line_not_checked": "لم يُتحقق منها: {count}",
        "line_verified": "أرقام تم التحقق منها في الجمل المُستشهَد بها: {supported} من {checked}",
        "line_review": "بحاجة إلى مراجعة: {count}",
        "line_unsupported": "غير مدعومة: {count}",
        "line_wording": "الصياغة لم تُفحص",
        "line_separator": "؛ ",
        "translation_title": "مراجعة الترجمة",
        "into": "الترجمة إلى {language}",
        "from_into": "من {source} إلى {target}",
        "checked_both_ways": "فُحص كل رقم وتاريخ واسم في الاتجاهين",
        "checked_both_ways_wording": "فُحص كل رقم وتاريخ واسم في الاتجاهين؛ الصياغة لم تُفحص",
        "translation_legend": "الأرقام والتواريخ:",
        "col_source": "المصدر ({language})",
        "col_translation": "الترجمة ({language})",
        "no_translation": "لا ترجمة.",
        "mark_verified": "تم التحقق: في فقرة المصدر وفي ترجمتها",
        "mark_added": "مُضاف: في الترجمة، لا في فقرة المصدر",
        "mark_dropped": "محذوف: في فقرة المصدر، لا في الترجمة",
        "icon_added": "⚠ مُضاف",
        "icon_dropped": "⚠ محذوف",
        "added": "أُضيف {number}",
        "dropped": "حُذف {number}",
        "aimed_at_model": "نص موجَّه إلى النموذج ({reason}): تُرجم نصًّا ولم يُنفَّذ",
    },
}

#: Phrases of a count ({n}) in each CLDR plural category of the language.
COUNTS: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "articles": {"one": "{n} article", "other": "{n} articles"},
        "calls": {"one": "{n} call", "other": "{n} calls"},
        "repair_rounds": {"one": "{n} repair round", "other": "{n} repair rounds"},
        "flagged": {"one": "{n} problem flagged", "other": "{n} problems flagged"},
        "other_problems": {"one": "{n} other problem", "other": "{n} other problems"},
    },
    "ar": {
        "articles": {
            "zero": "لا مقالات",
            "one": "مقالة واحدة",
            "two": "مقالتان",
            "few": "{n} مقالات",
            "many": "{n} مقالة",
            "other": "{n} مقالة",
        },
        "calls": {
            "zero": "لا استدعاءات للنموذج",
            "one": "استدعاء واحد للنموذج",
            "two": "استدعاءان للنموذج",
            "few": "{n} استدعاءات للنموذج",
            "many": "{n} استدعاءً للنموذج",
            "other": "{n} استدعاء للنموذج",
        },
        "repair_rounds": {
            "zero": "لا جولات إصلاح",
            "one": "جولة إصلاح واحدة",
            "two": "جولتا إصلاح",
            "few": "{n} جولات إصلاح",
            "many": "{n} جولة إصلاح",
            "other": "{n} جولة إصلاح",
        },
        "flagged": {
            "zero": "لا مشكلات مُعلَّمة",
            "one": "مشكلة واحدة مُعلَّمة",
            "two": "مشكلتان مُعلَّمتان",
            "few": "{n} مشكلات مُعلَّمة",
            "many": "{n} مشكلة مُعلَّمة",
            "other": "{n} مشكلة مُعلَّمة",
        },
        "other_problems": {
            "zero": "لا مشكلات أخرى",
            "one": "مشكلة أخرى واحدة",
            "two": "مشكلتان أخريان",
            "few": "{n} مشكلات أخرى",
            "many": "{n} مشكلة أخرى",
            "other": "{n} مشكلة أخرى",
        },
    },
}

#: Each kind of checked mention as the interface names them together ("الأرقام والتواريخ"), for the
#: interfaces whose words are not English's (English takes ``summarizer.numbers.mentions.PLURALS``); a test
#: keeps every registered kind here.
KIND_NAMES: dict[str, dict[str, str]] = {
    "ar": {"number": "الأرقام", "date": "التواريخ", "quote": "الاقتباسات", "name": "الأسماء"},
}

#: The output languages' names in each interface language.
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "English", "ar": "Arabic"},
    "ar": {"en": "الإنجليزية", "ar": "العربية"},
}

#: The output languages as a key-figure column names them ("counts (en)"), in each interface language.
COLUMN_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {"en": "en", "ar": "ar"},
    "ar": {"en": "بالإنجليزية", "ar": "بالعربية"},
}

#: The interface languages (those of the output languages: a test keeps the tables complete for each).
INTERFACES: tuple[str, ...] = tuple(STRINGS)


@functools.cache
def plural_category(language: str, count: int) -> str:
    """The CLDR plural category of ``count`` in ``language`` ("zero", "one", "two", "few", "many", "other")."""
    from babel import Locale  # imported when a count is first worded

    return str(Locale(language).plural_form(count))


@dataclass(frozen=True)
class Interface:
    """The chrome of one interface language: ``ui["key"]`` (``ui.key`` in a template) is a string of
    :data:`STRINGS`, :meth:`format` fills one in, :meth:`count` words a count, :meth:`name` a language."""

    language: str

    @property
    def direction(self) -> str:
        """The interface's writing direction, "rtl" or "ltr" (the page's ``dir``)."""
        return direction(self.language)

    @property
    def strings(self) -> Mapping[str, str]:
        return STRINGS[self.language]

    @property
    def language_names(self) -> Mapping[str, str]:
        return LANGUAGE_NAMES[self.language]

    def __getitem__(self, key: str) -> str:
        return STRINGS[self.language][key]

    def format(self, key: str, **values: Any) -> str:
        """The string ``key`` with its ``{placeholders}`` filled in from ``values``."""
        return STRINGS[self.language][key].format(**values)

    def count(self, key: str, n: int) -> str:
        """``n`` things of kind ``key`` ("articles", "calls", ...) in this language's plural form."""
        forms = COUNTS[self.language][key]
        return forms[plural_category(self.language, n)].format(n=n)

    def name(self, code: str) -> str:
        """The name of output language ``code`` in this interface language (the code itself when unknown)."""
        return LANGUAGE_NAMES[self.language].get(code, code)

    def counts_column(self, code: str) -> str:
        """The heading of the key-figure column of labels in output language ``code`` ("counts (en)")."""
        return self.format("col_counts", language=COLUMN_LANGUAGE_NAMES[self.language].get(code, code))

    def kinds(self, kinds: Sequence[str]) -> str:
        """Kinds of checked mention ("number", "date", ...) named together, as after "every": "number, date and
        name" in English (``PLURALS``' singulars, ``joined``), "الأرقام والتواريخ والأسماء" in Arabic."""
        from summarizer.numbers.mentions import PLURALS, joined

        if self.language == "en":
            return joined([PLURALS.get(kind, (kind, kind + "s"))[0] for kind in kinds])
        names = KIND_NAMES[self.language]
        return " و".join(names.get(kind, kind) for kind in kinds)

    def all_verified(self, kinds: Sequence[str]) -> str:
        """What the page's ✓ says when every check passed: each kind the outputs name, verified ("every number,
        date and name verified"); with none of any kind, that there was nothing to verify."""
        if not kinds:
            return self["line_nothing"]
        return self.format("every_kind_verified", kinds=self.kinds(kinds))

    def summary_line(self, report: Any) -> str:
        """What the verifier checked and what it did not, in one line (``report``: a VerificationReport).

        In English it is ``report.summary_line()``; a test keeps the two equal.
        """
        from summarizer.results import NumberState

        if self.language == "en":  # the verifier's own line: it names every checked kind (dates, quotes)
            return str(report.summary_line())
        unsupported = sum(1 for number in report.numbers if number.state is NumberState.UNSUPPORTED)
        parts = []
        for kind, (verified, checked) in report.counts().items():
            key = "line_verified" if kind == "number" else f"line_{kind}"
            if checked and key in STRINGS[self.language]:  # a kind the output does not name is left out
                parts.append(self.format(key, supported=verified, checked=checked))
        if not parts:
            parts.append(self["line_nothing"])
        if report.needs_review:
            parts.append(self.format("line_review", count=report.needs_review))
        if unsupported:
            parts.append(self.format("line_unsupported", count=unsupported))
        if report.grounding:
            parts.append(self.count("other_problems", len(report.grounding)))
        if report.not_checked:
            parts.append(self.format("line_not_checked", count=len(report.not_checked)))
        parts.append(self["line_wording"])
        return self["line_separator"].join(parts)


def interface(language: str = "en") -> Interface:
    """The interface of ``language`` (one of :data:`INTERFACES`); ValueError for another."""
    if language not in STRINGS:
        raise ValueError(f"no interface in {language!r}: choose from {', '.join(INTERFACES)}")
    return Interface(language)


def chosen_interface(language: str) -> Interface:
    """The interface a run asked for; a language without one is a ConfigurationError (exit 2)."""
    try:
        return interface(language)
    except ValueError as error:
        raise ConfigurationError(str(error)) from error


def several_inputs(articles: Sequence[Any]) -> bool:
    """Whether the articles (summaries or translations) came from more than one input file: headings then name it."""
    return len({article.input for article in articles if article.input is not None}) > 1
