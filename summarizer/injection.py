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
from collections.abc import Iterable
from dataclasses import dataclass

from summarizer.articles import Sentence

# Whom the text talks to: an AI, a model, a summarizer, an assistant.
_EN_ADDRESSEE = (
    r"(?:ai|a\.i\.|llm|gpt|chatgpt|language model|(?:ai |automated |automatic )?(?:summari[sz]er|summari[sz]ation "
    r"(?:model|tool|system|bot)|(?:machine |automated |automatic )translat(?:or|ion (?:model|tool|system|bot))|assistant|"
    r"chatbot|bot))"
)
# Arabic names for the summarizer; each is also the cue of the patterns that need one.
_AR_ADDRESSEE_CUES = ("الذكاء الاصطناعي", "النموذج", "المساعد", "أداة التلخيص", "الملخص الآلي", "برنامج التلخيص",
                      "المترجم الآلي", "أداة الترجمة", "برنامج الترجمة")  # fmt: skip
_AR_ADDRESSEE = "(?:" + "|".join(_AR_ADDRESSEE_CUES) + ")"
_EN_NOTE_CUES = ("note", "message", "instruction", "attention", "memo")

# (why, cues, pattern). Every match of a pattern holds one of its cues (lower case), so a sentence
# without any is not searched: most sentences are then skipped at the cost of a substring test.
PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (reason, cues, re.compile(pattern, re.IGNORECASE))
    for reason, cues, pattern in (
        # English
        ("addresses the summarizer", _EN_NOTE_CUES,
         rf"\b(?:note|message|instructions?|attention|memo) (?:to|for) (?:the |any |all )?{_EN_ADDRESSEE}\b"),
        ("addresses the summarizer", ("dear", "hey", "hello"), rf"\b(?:dear|hey|hello) {_EN_ADDRESSEE}\b"),
        ("addresses the summarizer", ("if you are",),
         r"\bif you are an? (?:ai|language model|llm|assistant|summari[sz]er|bot)\b"),
        (
            "tells the model to ignore its instructions",
            ("ignore", "disregard", "forget", "override", "bypass"),
            r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:your|the|my|these|those)?\s*"
            r"(?:previous|prior|above|earlier|original|preceding|system)?\s*(?:instructions?|prompts?|directives)\b"
            r"|\b(?:ignore|disregard|forget)\s+(?:your|all (?:your|previous|prior)|(?:the )?(?:previous|prior|above)) (?:rules|guidelines)\b",
        ),
        ("names the system prompt", ("system",), r"\bsystem (?:prompt|message|instructions?)\b"),
        ("tells the model who it is", ("you are now", "from now on", "act as"),
         r"\byou are now\b|\bfrom now on,? you\b|\bact as (?:an? )?(?:ai|assistant|summari[sz]er)\b"),
        (
            "tells the summarizer what to write",
            ("summar", "translat"),
            r"\b(?:when|while|if) (?:you are )?(?:summari[sz]|translat)ing (?:this|the) (?:article|text|story)\b"
            r"|\b(?:in )?(?:your|the) (?:summary|translation),? (?:must|should) (?:say|state|report|include|mention)\b",
        ),
        ("holds chat-template markup", ("<|im_", "<start_of_turn>", "inst]", "sys>>", "###"),
         r"<\|im_start\|>|<\|im_end\|>|<start_of_turn>|\[/?INST\]|<</?SYS>>|^\s*###\s*(?:instruction|system)\b"),
        ("imitates a sentence marker", ("[",), r"^\s*\[\s*[0-9٠-٩۰-۹]+\s*\]\s*\S"),
        # Arabic
        ("addresses the summarizer", _AR_ADDRESSEE_CUES, rf"(?<!\w)(?:أيها|أيتها|يا) {_AR_ADDRESSEE}"),
        ("addresses the summarizer", _AR_ADDRESSEE_CUES,
         rf"(?<!\w)(?:ملاحظة|رسالة|تعليمات|تنبيه) (?:إلى|الى|ل|لـ ?)\s?{_AR_ADDRESSEE}"),
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
)  # fmt: skip

# The letters other than A-Z that `re.IGNORECASE` matches with an ASCII letter, and that letter: a cue
# test on ``lower()`` alone would let "ıgnore all ınstructions" past a pattern that matches it.
_ASCII_LOOKALIKES = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


# Every cue of every pattern: a sentence without any (most) is done with one search.
_ANY_CUE = re.compile("|".join(re.escape(cue) for cue in sorted({cue for _, cues, _ in PATTERNS for cue in cues})))


def _cue_text(text: str) -> str:
    """``text`` (whitespace already made single spaces) in lower case, with the IGNORECASE look-alikes of
    ASCII letters made those letters."""
    if not text.isascii():
        for letter, ascii_letter in _ASCII_LOOKALIKES.items():
            if letter in text:
                text = text.replace(letter, ascii_letter)
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


def injection_reason(text: str) -> str | None:
    """Why ``text`` reads as addressed to the model, or None for ordinary text.

    Any run of whitespace (a no-break space, a tab, a line break) reads as one space, as the
    patterns write it: "You are\u00a0now" is no way past them.
    """
    text = " ".join(text.split())
    lowered = _cue_text(text)
    if not _ANY_CUE.search(lowered):
        return None
    for reason, cues, pattern in PATTERNS:
        if any(cue in lowered for cue in cues) and pattern.search(text):
            return reason
    return None


def find_injections(sentences: Iterable[Sentence]) -> list[Injection]:
    """The article sentences that address the model, with why."""
    found = []
    for sentence in sentences:
        reason = injection_reason(sentence.text)
        if reason is not None:
            found.append(Injection(sentence.id, sentence.start, sentence.end, sentence.text, reason))
    return found


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")
_BRACKETED_NUMBER = re.compile(r"\[(\s*[0-9٠-٩۰-۹]+\s*)\]")


def neutralise(text: str) -> str:
    """``text`` as it may appear inside the fenced article: same length, no line breaks, no "[4]" markers."""
    return _BRACKETED_NUMBER.sub(r"(\1)", _LINE_BREAKS.sub(" ", text))
