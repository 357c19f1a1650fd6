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

from summarizer.numbers.loading import built_once
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
# Letters with accents (Latin, Greek, Cyrillic) and combining marks: their accents are left out ("Ígnore").
_ACCENTED = re.compile("[\u00c0-\u024f\u0300-\u036f\u0370-\u04ff\u1e00-\u1fff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]")
_COMBINING = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
# Letters outside ASCII and Arabic: they may be drawn like Latin letters (Cyrillic а, Cherokee Ꭵ, ɡ, ꜱ).
_MAYBE_LOOKALIKE = re.compile("[^\x00-\x7f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\\s]")
# A word broken by a hyphen at a line end ("previ-\nous"): read whole.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011][ \t]*[\n\r\v\f\x85\u2028\u2029]\s*(?=[^\W\d_])")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@built_once
def _lookalikes() -> tuple[frozenset[str], dict[int, str]]:
    """Every character the Unicode confusables table (UTS #39, through the confusable-homoglyphs package)
    draws like a Latin letter, mapped to that letter; Arabic-script characters and digits are left alone.

    The table's prototype of a capital I is "l": a confusable named CAPITAL or a numeral is read "I".
    Loaded on first use: only text with letters outside ASCII and Arabic needs it.
    """
    from confusable_homoglyphs.utils import load

    table: dict[str, str] = {}
    for prototype, confusables in load("confusables.json").items():
        letter = prototype[:1]
        if not (letter.isascii() and letter.isalpha() and all(unicodedata.combining(c) for c in prototype[1:])):
            continue
        for entry in confusables:
            ch = entry["c"]
            if len(ch) != 1 or ch.isascii() or _ARABIC_SCRIPT.match(ch) or unicodedata.category(ch) == "Nd":
                continue
            name = unicodedata.name(ch, "")
            table[ch] = "I" if letter == "l" and ("CAPITAL" in name or "NUMERAL" in name) else letter
    # the characters, to test a text before translating it (str.translate is slow on the characters it misses)
    return frozenset(table), {ord(ch): letter for ch, letter in table.items()}


def _plain(text: str) -> str:
    """``text`` as the patterns read it: NFKC without accents and other marks, without invisible
    characters (what tag characters spell is added at the end), letters written for one another folded,
    look-alikes of Latin letters made Latin (the Unicode confusables table), words broken by a hyphen at
    a line end joined, any whitespace run one space."""
    if "-" in text and _BROKEN_WORD.search(text):
        text = _BROKEN_WORD.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if _ACCENTED.search(text):  # accents off, the rest recomposed as it was
            text = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text)))
        if _INVISIBLE.search(text):
            if _TAGS.search(text):  # tags spell ASCII no reader sees but a model may read: read it after the text
                text += " " + "".join(chr(ord(ch) - 0xE0000) for ch in "".join(_TAGS.findall(text)))
            text = _INVISIBLE.sub("", text)
        for letter, plain in _LETTER_FOLDS:
            if letter in text:
                text = text.replace(letter, plain)
        if _MAYBE_LOOKALIKE.search(text):
            lookalikes, table = _lookalikes()
            if not lookalikes.isdisjoint(text):
                text = text.translate(table)
    return " ".join(text.split())


# Orders a summarizer could be given, in the imperative, and what they tell it to drop.
_EN_DROP = (
    r"(?:ignore|disregard|forget|override|overrule|bypass|discard|abandon|set aside|pay no (?:attention|heed|mind) to"
    r"|do not (?:follow|obey)|don'?t (?:follow|obey|listen to)|stop following)"
)
_EN_RULES = (
    r"(?:instructions?|prompts?|directives?|rules|guidelines|guidance|programming|orders|commands|training"
    r"|constraints|directions|task|system prompt)"
)
_EN_EARLIER = r"(?:previous|prior|earlier|above|original|initial|preceding|system|default|standing|old)"
_EN_TELL = r"(?:write|report|state|say|claim|mention|output|print|include|insist|add|note)"
_AR_DROP = (
    r"(?:[وف]?(?:تجاهل|تجاهلي|تجاهلوا|أهمل|أهملي|أهملوا|انس|انسى|انسي|انسوا|اترك|اتركي|اتركوا|تخط|تخطى"
    r"|تجاوز)|لا (?:تلتزم|تلتزمي|تلتزموا|تتبع|تتبعي|تتقيد|تعمل|تأخذ))"
)
_AR_RULES = r"(?:تعليمات|أوامر|إرشادات|توجيهات|قواعد|برمجة|مهمة)"
_AR_RULES_YOURS = r"(?:تعليمات|أوامر|إرشادات|توجيهات|قواعد|برمجت|مهمت)(?:ك|كم|كي)"
_AR_EARLIER = (
    r"(?:السابقة|أعلاه|الأصلية|الأولى|القديمة|المعطاة لك|التي تلقيتها|التي أعطيت لك|التي أعطيت إليك|الخاصة بك"
    r"|الموجهة إليك|الموجهة لك)"
)
# Arabic names for the summarizer written without ال, after يا or "to any"
_AR_BARE_ADDRESSEES = (
    "ذكاء اصطناعي",
    "نموذج لغوي",
    "نموذج",
    "مساعد",
    "مساعد ذكي",
    "ملخص آلي",
    "مترجم آلي",
    "أداة تلخيص",
    "برنامج تلخيص",
    "روبوت",
    "بوت",
)
_AR_ANY_ADDRESSEE = "(?:" + "|".join(sorted((*_AR_ADDRESSEES, *_AR_BARE_ADDRESSEES), key=len, reverse=True)) + ")"
_EN_READING = r"(?:reading|processing|summari[sz]ing|translating|parsing|scanning|ingesting|analy[sz]ing)"
# A machine named alone at the start of a sentence, as one speaks to it ("Summarizer: ...", "AI assistant, ...")
_EN_VOCATIVE_NAME = (
    r"(?:(?:ai |a\.i\. )?(?:summari[sz]er|translator|assistant|chatbot)|(?:large )?language models?|llms?|chatgpt"
    r"|ai (?:model|system|tool)s?)"
)

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
            ("if you",),
            r"\bif you(?: are|'re| re) an? (?:ai|language model|llm|assistant|summari[sz]er|bot|machine)\b",
        ),
        # "to any AI reading this", "any language model processing this page"
        (
            ADDRESSES_THE_SUMMARIZER,
            (
                "reading th",
                "processing th",
                "summarizing th",
                "summarising th",
                "translating th",
                "parsing th",
                "scanning th",
                "ingesting th",
                "analyzing th",
                "analysing th",
            ),
            rf"\b{_EN_ADDRESSEE}s? (?:that is |who is |which is |now )?{_EN_READING} (?:this|these)\b",
        ),
        # a vocative: "Summarizer: ...", "AI assistant, write ...", "Attention, chatbot! ..."
        (
            ADDRESSES_THE_SUMMARIZER,
            (
                "summar",
                "translator",
                "assistant",
                "chatbot",
                "language model",
                "llm",
                "chatgpt",
                "ai model",
                "ai system",
                "ai tool",
            ),
            rf"^\W*(?:(?:hey|dear|attention|ok|okay|listen|hello|hi|now)\W+)?(?:the |any |all )?{_EN_VOCATIVE_NAME}\s*[,:!]",
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
        (
            "tells the model to ignore its instructions",
            (
                "ignore",
                "disregard",
                "forget",
                "override",
                "overrule",
                "bypass",
                "discard",
                "abandon",
                "set aside",
                "pay no",
                "not follow",
                "n't follow",
                "dont follow",
                "not obey",
                "n't obey",
                "dont obey",
                "listen to",
                "stop following",
            ),
            rf"\b{_EN_DROP}\s+(?:(?:all|any|every|each)\s+(?:of\s+)?)?(?:your|(?:the|these|those)\s+{_EN_EARLIER}"
            rf"|{_EN_EARLIER})\s+(?:[a-z]+\s+){{0,2}}?{_EN_RULES}\b"
            rf"|\b{_EN_DROP}\s+(?:all\s+)?(?:the\s+)?{_EN_RULES}\s+(?:you (?:were|have been|'ve been|got)|given to you"
            r"|that (?:you were|were) given)\b"
            rf"|\b{_EN_DROP}\s+(?:everything|anything|all|whatever|what)\s+(?:(?:you|you've|you have)\s+"
            r"(?:were |was |have been |'ve been |been |had been )?(?:told|given|instructed|taught|asked)"
            r"|(?:(?:stated|written|said) )?(?:before|previously|so far|earlier)\b)",
        ),
        (
            "tells the summarizer what to write",
            ("summary", "translation", "output", "response", "answer"),
            rf"\b(?:in|for) (?:your|the) (?:summary|translation|output|response|answer),? (?:please )?{_EN_TELL}\b"
            rf"|^\W*(?:please )?{_EN_TELL}\b[^.!?]{{0,60}}\bin (?:your|the) (?:summary|translation|output|response)\b",
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
            tuple(f"يا {name}" for name in (*_AR_ADDRESSEES, *_AR_BARE_ADDRESSEES)),
            rf"(?<!\w)يا {_AR_ANY_ADDRESSEE}(?!\w)",
        ),
        # "to any AI reading this": a name and a verb of reading
        (
            ADDRESSES_THE_SUMMARIZER,
            ("يقرأ", "يقرا", "يلخص", "يترجم", "يعالج", "يحلل"),
            rf"(?<!\w)(?:إلى|الى|ل)\s?(?:أي|كل|جميع) {_AR_ANY_ADDRESSEE}(?:\s+\S+)?\s+(?:يقرأ|يلخص|يترجم|يعالج|يحلل)",
        ),
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
        (
            "tells the model to ignore its instructions",
            (
                "تجاهل",
                "أهمل",
                "اهمل",
                "انس",
                "اترك",
                "تخط",
                "تجاوز",
                "لا تلتزم",
                "لا تتبع",
                "لا تتقيد",
                "لا تعمل",
                "لا تأخذ",
                "لا تاخذ",
            ),
            rf"(?<!\w){_AR_DROP}\s+(?:(?:كل|جميع|كافة|أي)\s+)?(?:[بل])?{_AR_RULES_YOURS}(?!\w)"
            rf"|(?<!\w){_AR_DROP}\s+(?:(?:كل|جميع|كافة|أي)\s+)?(?:[بل])?ال{_AR_RULES}\s+{_AR_EARLIER}"
            rf"|(?<!\w){_AR_DROP}\s+(?:ب)?(?:كل|جميع|كافة|أي) (?:ال)?{_AR_RULES}"
            rf"|(?<!\w){_AR_DROP}\s+(?:كل )?ما (?:قيل لك|طلب منك|سبق|ورد أعلاه|تعلمته|أعطي لك)",
        ),
        (
            "tells the summarizer what to write",
            tuple(
                f"{verb} {then}"
                for verb in ("اكتب", "اكتبي", "اكتبوا", "اذكر", "اذكري", "قل", "قولي", "قولوا")
                for then in ("أن", "إن", "في")
            ),
            r"(?:^|[.!؟:،]\s*)[وف]?(?:اكتب|اكتبي|اكتبوا|اذكر|اذكري|أذكر|قل|قولي|قولوا)\s+(?:في (?:الملخص|الترجمة|ملخصك|ترجمتك)\s+)?"
            r"(?:أن|ان|إن)(?!\w)",
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
    return _match_plain(_plain(text))


def _match_plain(text: str, lowered: str | None = None) -> tuple[str, str, re.Match[str]] | None:
    """:func:`_first_match` of text already _plain (``lowered``: its cue text, already found to hold a cue)."""
    if lowered is None:
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
CONTINUES_AN_ORDER = "holds the rest of an order split across sentences or paragraphs"
GOVERNED_BY_AN_ORDER = "is what an order to the model points at"
# An order that points at what follows: the next sentence, the list, table or figures below.
_ONE_AFTER = re.compile(
    _plain(
        r"\b(?:the )?(?:next|following|subsequent) (?:sentence|line|statement|claim|fact)\b"
        r"|(?:الجملة|العبارة|السطر|المعلومة) (?:التالية|التالي|الآتية|الاتية|الآتي|القادمة)"
    ),
    re.IGNORECASE,
)
_BLOCK_AFTER = re.compile(
    _plain(
        r"\b(?:next|following|subsequent) (?:paragraphs?|lines|list|table|figures?|numbers?|items?|points?|text"
        r"|statements|data|facts|sentences)\b|\b(?:list|table|figures?|numbers?|text|data|facts) (?:below|that follows?)\b"
        r"|\bas follows\b|:\s*$"
        r"|(?:الفقرة|الفقرات|الجدول|القائمة|الأرقام|الارقام|البيانات|المعلومات|النص|الجمل) (?:التالية|التالي|الآتية|الآتي|أدناه)"
        r"|(?:ما يلي|كما يلي|أدناه)"
    ),
    re.IGNORECASE,
)


# A sentence that opens with an order to write something: after an order that ends its sentence ("Ignore
# your guidelines."), it carries that order on.
_TELL_OPENING = re.compile(
    _plain(
        r"^\W*(?:(?:and|now|please|instead|then|so|just)\W+)*(?:write|report|state|say|claim|mention|output|print"
        r"|include|insist|treat|add)\b|^\W*[وف]?(?:اكتب|اكتبي|اكتبوا|اذكر|اذكري|قل|قولي|قولوا|اعتبر|اعتبري|ضع|أضف)(?!\w)"
    ),
    re.IGNORECASE,
)


def _joined(first: str, second: str) -> str:
    """Two sentences (_plain) read as one: a word broken by a hyphen at the end of the first is joined whole."""
    if first[-1:] in "-\u2010\u2011" and first[-2:-1].isalpha() and second[:1].isalpha():
        return first[:-1] + second
    return f"{first} {second}"


def _in_table_row(text: str, sentence: Sentence) -> bool:
    """Whether ``sentence`` is in a table row as trafilatura writes one ("| cell | cell |")."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    return text[line_start : sentence.start + 1].lstrip().startswith("|")


def _governed(found: tuple[str, str, re.Match[str]], sentences: Sequence[Sentence], k: int, text: str | None) -> int:
    """How many sentences after ``sentences[k]`` the order found there governs.

    An address or order that ends the sentence ("Note to the AI summarizer!", "Ignore your guidelines.")
    gives its order in the next one; "the next sentence" points at one; "the list below", "the following
    table", or an order ending in a colon point at the rest of this paragraph and all of the next
    (a list or a table is one), which ``text`` (the article text) shows where it is given. An order in a
    table row governs the rest of the row (the next cell is what it labels).
    """
    reason, plain, match = found
    ends = _ONLY_PUNCTUATION.fullmatch(plain, match.end()) is not None
    if k + 1 < len(sentences) and (
        (ends and reason == ADDRESSES_THE_SUMMARIZER)
        or _ONE_AFTER.search(plain)
        or (ends and _TELL_OPENING.match(_plain(sentences[k + 1].text)))
    ):
        count = 1
    else:
        count = 0
    if text is not None and _in_table_row(text, sentences[k]):  # the rest of the row: the cells it labels
        end = k + 1
        while end < len(sentences) and "\n" not in text[sentences[end - 1].end : sentences[end].start]:
            end += 1
        count = max(count, end - k - 1)
    if _BLOCK_AFTER.search(plain):
        if text is None:
            return max(count, 1)
        breaks = 0
        end = k + 1
        while end < len(sentences):
            gap = text[sentences[end - 1].end : sentences[end].start]
            breaks += gap.count("\n\n") > 0 or gap.count("\n") > 1
            if breaks > 1:
                break
            end += 1
        count = max(count, end - k - 1)
    return count


def injection_note(places: Sequence[str], handling: str) -> str | None:
    """The note saying that the article holds text aimed at the model, at ``places`` (its sentences or
    paragraphs, each with why), and ``handling``: what was done with it. None when there is none."""
    if not places:
        return None
    return f"The article contains text aimed at the model: {'; '.join(places)}. {handling}"


def find_injections(sentences: Sequence[Sentence], text: str | None = None) -> list[Injection]:
    """The article sentences that address the model, with why.

    Each sentence is read alone, then with the next one (an order split across sentences, paragraphs
    or a hyphen at a line end). What an order governs is text aimed at the model too: the next
    sentence after an address or order that ends its sentence ("Note to the AI summarizer!") or
    points at it, the block after one that points at a list, a table or the text below. ``text`` is
    the article text the sentences' offsets refer to (it shows where paragraphs end).
    """
    reasons: dict[int, str] = {}
    plains = [_plain(sentence.text) for sentence in sentences]
    for k in range(len(sentences)):
        lowered = _cue_text(plains[k])
        cued = _ANY_CUE.search(lowered) is not None
        found = _match_plain(plains[k], lowered) if cued else None
        if found is None and k + 1 < len(sentences) and (cued or plains[k][-1:] in "-\u2010\u2011"):
            pair = _match_plain(_joined(plains[k], plains[k + 1]))
            if pair is not None and _match_plain(plains[k + 1]) is None:
                reasons.setdefault(k, pair[0])
                reasons.setdefault(k + 1, CONTINUES_AN_ORDER)
                found = pair
                k += 1
        elif found is not None:
            reasons.setdefault(k, found[0])
        if found is None:
            continue
        governed = _governed(found, sentences, k, text)
        for after in range(k + 1, min(k + 1 + governed, len(sentences))):
            reasons.setdefault(
                after,
                CONTINUES_AN_ADDRESS
                if found[0] == ADDRESSES_THE_SUMMARIZER
                and governed == 1
                and after == k + 1
                and _ONLY_PUNCTUATION.fullmatch(found[1], found[2].end()) is not None
                else GOVERNED_BY_AN_ORDER,
            )
    return [
        Injection(sentences[k].id, sentences[k].start, sentences[k].end, sentences[k].text, reason)
        for k, reason in sorted(reasons.items())
    ]


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")
_BRACKETED_NUMBER = re.compile(r"\[(\s*[0-9٠-٩۰-۹]+\s*)\]")


def neutralise(text: str) -> str:
    """``text`` as it may appear inside the fenced article: same length, no line breaks, no "[4]" markers."""
    return _BRACKETED_NUMBER.sub(r"(\1)", _LINE_BREAKS.sub(" ", text))
