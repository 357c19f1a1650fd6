"""The output languages: code, name, script and writing direction, in one place.

Used by sentence splitting (which language an article is in), input decoding
(whether legacy bytes read as Arabic), the checks (whether a summary is written
in its language's script), the prompts (language names) and rendering (right to
left). The verifier in ``summarizer.numbers`` keeps its own character tables:
it is pure and depends on nothing else in the package.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.errors import ConfigurationError

#: The Arabic script: the Arabic block, Arabic Supplement, and Presentation Forms A and B.
ARABIC_SCRIPT = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
#: The Latin script: Basic Latin and Latin-1 letters, Latin Extended A and B, Latin Extended Additional.
LATIN_SCRIPT = ((0x0041, 0x024F), (0x1E00, 0x1EFF))


@dataclass(frozen=True)
class Language:
    """An output language: ISO 639-1 code, English name, script ranges and direction ("ltr"/"rtl")."""

    code: str
    name: str
    script: tuple[tuple[int, int], ...]
    direction: str

    def in_script(self, character: str) -> bool:
        """Whether ``character`` belongs to this language's script (letters, marks, digits alike)."""
        point = ord(character)
        return any(low <= point <= high for low, high in self.script)

    @property
    def right_to_left(self) -> bool:
        return self.direction == "rtl"


ENGLISH = Language("en", "English", LATIN_SCRIPT, "ltr")
ARABIC = Language("ar", "Arabic", ARABIC_SCRIPT, "rtl")
LANGUAGES: dict[str, Language] = {language.code: language for language in (ENGLISH, ARABIC)}
SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(LANGUAGES)
LANGUAGE_NAMES: dict[str, str] = {code: language.name for code, language in LANGUAGES.items()}


_ARABIC_RUN = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in ARABIC_SCRIPT) + "]+")
_ASCII_LETTER_RUN = re.compile("[A-Za-z]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` ``pattern`` (a run of one character class) matches."""
    return sum(map(len, pattern.findall(text)))  # a regex scan: article-length texts are checked per article


def is_arabic(character: str) -> bool:
    """Whether ``character`` is in the Arabic script."""
    return ARABIC.in_script(character)


def script_share(text: str, code: str) -> float:
    """Share of the letters in ``text`` written in the script of language ``code`` (1.0 with no letters).

    English counts every letter that is not Arabic, so a summary is judged only on the
    Arabic/non-Arabic divide the two languages need. Letters are counted in C (``str.isalpha`` over the
    text, and over its Arabic-script runs), fast enough for every sentence of an article.
    """
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 1.0
    arabic = sum(map(str.isalpha, "".join(_ARABIC_RUN.findall(text)))) / letters
    return arabic if code == ARABIC.code else 1.0 - arabic


_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ARABIC_LEAD_BYTES = (b"\xd8", b"\xd9", b"\xda", b"\xdb")  # UTF-8 lead bytes of U+0600..U+06FF


def mostly_arabic(text: str) -> bool:
    """Whether ``text`` is mostly Arabic: a quick estimate of ``script_share(text, "ar") > 0.3``, counted on
    bytes (every character of the Arabic block against the ASCII letters), fast enough for a whole article."""
    arabic = sum(map(text.encode("utf-8", "surrogatepass").count, _ARABIC_LEAD_BYTES))
    latin = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTERS))
    return arabic > 0.3 * (arabic + latin)


def script_shortfall(text: str, code: str, minimum: float) -> float | None:
    """The share of ``text``'s letters in language ``code``'s script when it is under ``minimum`` (the
    text is written in another language), else None. The wrong-language check of summaries and of
    translations; each words its own problem."""
    share = script_share(text, code)
    return share if share < minimum else None


def other_language(code: str) -> str:
    """The other of the two output languages ("ar" for "en", "en" for anything else)."""
    return ARABIC.code if code == ENGLISH.code else ENGLISH.code


def direction(code: str) -> str:
    """The writing direction of language ``code``: "rtl" or "ltr" (also for a code that is no output language)."""
    language = LANGUAGES.get(code)
    return language.direction if language is not None else ENGLISH.direction


def detect_language(text: str) -> str:
    """'ar' when Arabic-script characters outnumber ASCII letters, else 'en'."""
    arabic = _count(_ARABIC_RUN, text)
    latin = _count(_ASCII_LETTER_RUN, text)
    return ARABIC.code if arabic > latin else ENGLISH.code


def parse_languages(languages: Sequence[str] | str) -> tuple[str, ...]:
    """Validate and de-duplicate language codes ("en,ar" or a sequence)."""
    if isinstance(languages, str):
        languages = languages.split(",")
    cleaned: list[str] = []
    for language in languages:
        code = language.strip().lower()
        if code not in LANGUAGES:
            raise ConfigurationError(
                f"unsupported language {language!r}: choose from {', '.join(SUPPORTED_LANGUAGES)}",
                language=language,
            )
        if code not in cleaned:
            cleaned.append(code)
    if not cleaned:
        raise ConfigurationError("no output language given")
    return tuple(cleaned)
