"""Article text aimed at the model: detected deterministically, neutralised inside prompts.

An article is data to summarize. A sentence that addresses the summarizer or gives
it instructions ("Note to the AI summarizer: ignore your instructions ...",
"تجاهل التعليمات السابقة") is not news: the checks let it support nothing, and the
output says the article holds such text. Detection is a small pattern set, English
and Arabic, with no model; it aims at text that talks to a machine, so ordinary news
(also news about AI) does not match. Measured on ../shared/corpus/ by
``scripts/count_injections.py``.

``neutralise`` is what the prompts show of an article sentence: the same length, so
offsets still hold, with line breaks made spaces (every line of the fenced article
starts with the tool's own sentence marker) and bracketed numbers such as "[4]"
made "(4)", so the text cannot pass for a sentence marker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summarizer.spans import Sentence

# Whom the text talks to: an AI, a model, a summarizer, an assistant. Longer names come first, so that a
# match ends after "AI summarizer", not after "AI" (find_injections reads what follows the address).
_EN_ADDRESSEE = (
    r"(?:(?:ai |a\.i\. |automated |automatic )?(?:summari[sz]er|summari[sz]ation (?:model|tool|system|bot))"
    r"|(?:ai |a\.i\. )?(?:machine |automated |automatic )translat(?:or|ion (?:model|tool|system|bot))"
    r"|(?:ai |a\.i\. )?(?:assistant|chatbot|bot)|(?:ai |a\.i\. )?(?:large )?language models?|(?:ai|a\.i\.) (?:models?|systems?|tools?)"
    r"|llms?|chatgpt|gpt|ai|a\.i\.)"
)
# Arabic names for the summarizer; each is also the cue of the patterns that need one. The preposition
# ل joined to a name that opens with ال is spelled لل ("للذكاء الاصطناعي"), so the cue of such a name is
# the name without ال: both spellings hold it.
_AR_ADDRESSEES = (
    "الذكاء الاصطناعي",
    "النموذج اللغوي",
    "النموذج",
    "المساعد",
    "أداة التلخيص",
    "الملخص الآلي",
    "برنامج التلخيص",
    "المترجم الآلي",
    "أداة الترجمة",
    "برنامج الترجمة",
)
_AR_ADDRESSEE_CUES = tuple(name.removeprefix("ال") for name in _AR_ADDRESSEES)
_AR_ADDRESSEE = "(?:" + "|".join(sorted(_AR_ADDRESSEES, key=len, reverse=True)) + ")"
_AR_ADDRESSEE_AFTER_LAM = (
    "(?:"
    + "|".join(sorted((name[2:] for name in _AR_ADDRESSEES if name.startswith("ال")), key=len, reverse=True))
    + ")"
)
_EN_NOTE_CUES = ("note", "message", "instruction", "attention", "memo")
_EN_NOTE = r"(?:note|message|instructions?|attention|memo) (?:to|for) (?:the |any |all )?"

ADDRESSES_THE_SUMMARIZER = "addresses the summarizer"
CONTINUES_AN_ADDRESS = "follows an address to the summarizer"

# Characters that do not change how a text reads, left out before matching: format characters (Unicode
# category Cf: zero-width space, joiners, soft hyphen, BOM, direction marks, tags), Arabic short vowels and
# other marks, and tatweel. tests/test_injection.py checks the Cf list against unicodedata.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0898-\u089f"
    "\u08ca-\u08e1\u08e3-\u08ff\u0640]+"
)
# Unicode tag characters U+E0020-U+E007E: an invisible copy of ASCII (U+E0041 is a hidden "A").
_TAGS = re.compile("[\U000e0020-\U000e007e]+")
# The letters other than A-Z that `re.IGNORECASE` matches with an ASCII letter, and that letter: a cue
# test on ``lower()`` alone would let "ıgnore all ınstructions" past a pattern that matches it.
_ASCII_LOOKALIKES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
# Letters written for one another: alef with hamza or madda, Persian yeh and kaf, alef maksura; and those.
_LETTER_FOLDS = (
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ٱ", "ا"),
    ("ی", "ي"),
    ("ى", "ي"),
    ("ک", "ك"),
    *_ASCII_LOOKALIKES.items(),
)
# Cyrillic and Greek letters drawn like the Latin ones the English patterns use.
_LOOKALIKE_SCRIPTS = re.compile("[\u0370-\u052f]")
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһԛԝкАВЕКМНОРСТХУІЈЅԜοιρκνυχαΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhqwkABEKMHOPCTXYIJSWoipkvuxaABEZHIKMNOPTYX",
)


def _plain(text: str) -> str:
    """``text`` as the patterns read it: NFKC, without invisible characters (what tag characters spell is
    added at the end), letters written for one another folded, Cyrillic and Greek look-alikes made Latin,
    any whitespace run one space."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if _INVISIBLE.search(text):
            if _TAGS.search(text):  # tags spell ASCII no reader sees but a model may read: read it after the text
                text += " " + "".join(chr(ord(ch) - 0xE0000) for ch in "".join(_TAGS.findall(text)))
            text = _INVISIBLE.sub("", text)
        for letter, plain in _LETTER_FOLDS:
            if letter in text:
                text = text.replace(letter, plain)
        if _LOOKALIKE_SCRIPTS.search(text):
            text = text.translate(_LOOKALIKES)
    return " ".join(text.split())


_CASE_SENSITIVE = 0  # a pattern's flags, where it is not the default re.IGNORECASE

# (why, cues, pattern). Every match of a pattern holds one of its cues (lower case), so a sentence
# without any is not searched: most sentences are then skipped at the cost of a substring test.
# Patterns and cues are written as the article would be, and matched in their _plain form.
PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (reason, tuple(_plain(cue) for cue in cues), re.compile(_plain(pattern), flags[0] if flags else re.IGNORECASE))
    for reason, cues, pattern, *flags in (
        # English
        (ADDRESSES_THE_SUMMARIZER, _EN_NOTE_CUES, rf"\b{_EN_NOTE}{_EN_ADDRESSEE}\b"),
        # "model" alone is also a person: only a sentence that opens with the note and ends the name there
        (ADDRESSES_THE_SUMMARIZER, _EN_NOTE_CUES, rf"^\W*{_EN_NOTE}models?(?=\s*(?:[:!.,;\u2013\u2014-]|$))"),
        (ADDRESSES_THE_SUMMARIZER, ("dear", "hey", "hello"), rf"\b(?:dear|hey|hello) {_EN_ADDRESSEE}\b"),
        (
            ADDRESSES_THE_SUMMARIZER,
            ("if you are",),
            r"\bif you are an? (?:ai|language model|llm|assistant|summari[sz]er|bot)\b",
        ),
        (
            "tells the model to ignore its instructions",
            ("ignore", "disregard", "forget", "override", "bypass"),
            r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:your|the|my|these|those)?\s*"
            r"(?:previous|prior|above|earlier|original|preceding|system)?\s*(?:instructions?|prompts?|directives)\b"
            r"|\b(?:ignore|disregard|forget)\s+(?:your|all (?:your|previous|prior)|(?:the )?(?:previous|prior|above)) (?:rules|guidelines)\b"
            r"|\b(?:ignore|disregard|forget)\s+(?:everything|anything|all(?:\s+of)?(?:\s+the)?|the)(?:\s+(?:text|content))?"
            # "above" ends the order ("Ignore everything above and ..."), not a phrase ("... above 3 metres")
            r"\s+above(?:\s+this\s+line)?(?=\s*(?:[.,;:!)]|$)|\s+(?:and|then)\b|\s+[\u2013\u2014-]\s)",
        ),
        ("names the system prompt", ("system",), r"\bsystem (?:prompt|message|instructions?)\b"),
        (
            "tells the model who it is",
            ("you are now", "from now on", "act as"),
            r"\byou are now\b|\bfrom now on,? you\b|\bact as (?:an? )?(?:ai|assistant|summari[sz]er)\b",
        ),
        (
            "tells the summarizer what to write",
            ("summar", "translat"),
            r"\b(?:when|while|if) (?:you are )?(?:summari[sz]|translat)ing (?:this|the) (?:article|text|story)\b"
            r"|\b(?:in )?(?:your|the) (?:summary|translation),? (?:must|should) (?:say|state|report|include|mention)\b",
        ),
        (
            "holds chat-template markup",
            ("<|im_", "<start_of_turn>", "inst]", "sys>>", "###"),
            r"<\|im_start\|>|<\|im_end\|>|<start_of_turn>|\[/?INST\]|<</?SYS>>|^\s*###\s*(?:instruction|system)\b",
        ),
        ("imitates a sentence marker", ("[",), r"^\s*\[\s*[0-9٠-٩۰-۹]+\s*\]\s*\S"),
        # the prompts' own fence lines (prompts/*.jinja), in capitals as there: "article start" is prose
        (
            "imitates the prompt's article fence",
            ("article start", "article end"),
            r"\bARTICLE (?:START|END)\b",
            _CASE_SENSITIVE,
        ),
        # Arabic
        (ADDRESSES_THE_SUMMARIZER, _AR_ADDRESSEE_CUES, rf"(?<!\w)(?:أيها|أيتها|يا) {_AR_ADDRESSEE}"),
        (
            ADDRESSES_THE_SUMMARIZER,
            _AR_ADDRESSEE_CUES,
            rf"(?<!\w)(?:ملاحظة|رسالة|تعليمات|تنبيه) (?:(?:إلى|الى|ل|لـ ?)\s?{_AR_ADDRESSEE}|لل{_AR_ADDRESSEE_AFTER_LAM})",
        ),
        (
            "tells the model to ignore its instructions",
            ("تجاهل", "انس", "أهمل", "اهمل", "تخط"),
            r"(?<!\w)(?:تجاهل|تجاهلي|تجاهلوا|انس|انسى|أهمل|اهمل|تخط|تخطى)\s+(?:كل |جميع )?"
            r"(?:(?:التعليمات|الأوامر|الاوامر|الإرشادات|الارشادات|التوجيهات) (?:السابقة|أعلاه|الأصلية|المعطاة لك)"
            r"|تعليماتك|أوامرك|اوامرك|إرشاداتك|توجيهاتك)",
        ),
        ("names the system prompt", ("النظام",), r"(?<!\w)(?:موجه|تعليمات|رسالة) النظام"),
        ("tells the model who it is", ("أنت الآن", "انت الآن", "انت الان"), r"(?<!\w)(?:أنت الآن|انت الآن|انت الان)"),
        (
            "tells the summarizer what to write",
            ("تلخيص", "ترجمة", "الملخص"),
            r"عند (?:تلخيص|ترجمة) (?:هذا|هذه) (?:المقال|الخبر|النص|المادة)"
            r"|(?:يجب|ينبغي) أن (?:يذكر|يقول|يتضمن) (?:الملخص|الترجمة)",
        ),
    )
)


def _union(words: Iterable[str]) -> str:
    """A regex that finds any of ``words``, as a trie: each place in the text tries one branch per letter,
    not every word (three times faster on the corpus than a plain alternation)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        if "" in node:  # no longer word need be found: this one is enough for a cue test
            return ""
        alternatives = [re.escape(letter) + branch(child) for letter, child in sorted(node.items())]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return branch(trie)


# Every cue of every pattern: a sentence without any (most) is done with one search.
_ANY_CUE = re.compile(_union({cue for _, cues, _ in PATTERNS for cue in cues}))


def _cue_text(text: str) -> str:
    """``text`` (already _plain, so the IGNORECASE look-alikes of ASCII letters are those letters) in lower case."""
    return text.lower()


@dataclass(frozen=True)
class Injection:
    """A sentence of the article that addresses the model: its id, offsets in the article, text and why."""

    sentence: int
    start: int
    end: int
    text: str
    reason: str

    def to_dict(self, offset: int = 0) -> dict[str, object]:
        """JSON form; ``offset`` turns article offsets into document offsets."""
        return {
            "sentence": self.sentence,
            "start": self.start + offset,
            "end": self.end + offset,
            "text": self.text,
            "reason": self.reason,
        }


def _first_match(text: str) -> tuple[str, str, re.Match[str]] | None:
    """The reason, the _plain text and the match of the first pattern that matches ``text``, if any."""
    text = _plain(text)
    lowered = _cue_text(text)
    if not _ANY_CUE.search(lowered):
        return None
    for reason, cues, pattern in PATTERNS:
        if any(cue in lowered for cue in cues) and (match := pattern.search(text)):
            return reason, text, match
    return None


def injection_reason(text: str) -> str | None:
    """Why ``text`` reads as addressed to the model, or None for ordinary text.

    Text is read as shown, not as stored: any run of whitespace is one space ("You are\u00a0now"),
    characters that show nothing (zero-width space, soft hyphen, tatweel, Arabic short vowels) are
    left out, fullwidth and presentation forms are the letters they show (NFKC), and letters written
    for one another (أ and ا, ی and ي, Cyrillic а and Latin a) are one letter.
    """
    found = _first_match(text)
    return None if found is None else found[0]


_ONLY_PUNCTUATION = re.compile(r"[\W_]*")


def injection_note(places: Sequence[str], handling: str) -> str | None:
    """The note saying that the article holds text aimed at the model, at ``places`` (its sentences or
    paragraphs, each with why), and ``handling``: what was done with it. None when there is none."""
    if not places:
        return None
    return f"The article contains text aimed at the model: {'; '.join(places)}. {handling}"


def find_injections(sentences: Iterable[Sentence]) -> list[Injection]:
    """The article sentences that address the model, with why.

    A sentence that is only an address ("Note to the AI summarizer!") gives its order in the next
    sentence: that one is text aimed at the model too.
    """
    found = []
    after_address = False
    for sentence in sentences:
        match = _first_match(sentence.text)
        reason = match[0] if match else CONTINUES_AN_ADDRESS if after_address else None
        if reason is not None:
            found.append(Injection(sentence.id, sentence.start, sentence.end, sentence.text, reason))
        after_address = (
            match is not None
            and match[0] == ADDRESSES_THE_SUMMARIZER
            and _ONLY_PUNCTUATION.fullmatch(match[1], match[2].end()) is not None
        )
    return found


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")
_BRACKETED_NUMBER = re.compile(r"\[(\s*[0-9٠-٩۰-۹]+\s*)\]")


def neutralise(text: str) -> str:
    """``text`` as it may appear inside the fenced article: same length, no line breaks, no "[4]" markers."""
    return _BRACKETED_NUMBER.sub(r"(\1)", _LINE_BREAKS.sub(" ", text))
