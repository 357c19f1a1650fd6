"""Quote cases of scripts/eval_dates_quotes.py: quotes from real corpus sentences, altered and faithfully copied.

For each article (a fixed seed), up to ``per_article`` quotes: the article's own quotes of four words or
more (read with the checker's reader), else a run of six to twelve words of one of its sentences. Each
gives outputs in the article's language:

* faithful (each must verify; else a false alarm): ``exact`` (the quote in other marks), ``partial``
  (a run of at least three of its words, not right after a negation), ``elided`` (a middle part left
  out and written "…"), ``split`` (the quote in two, with "he said" between), ``open`` (the opening mark only, the quote ending its sentence);
* altered (each must be flagged; else a miss): ``changed`` (one word swapped for another word of the
  article), ``added`` (a word of the article put inside), ``dropped`` (an inner word left out),
  ``negated`` (a negation put in, or the quote's own negation taken out), ``inflected`` (one word in
  another form: a plural "s", the article "ال", put on or taken off). An alteration the article also
  holds word for word, or one next to an omission the quote already has ("…", "[...]"), is excluded
  and counted.

And across the languages: a quote of an English article set in an Arabic output for an Arabic article
(and the reverse) is a translated quote: ``translated`` counts the ones not marked so (false alarms).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from summarizer.numbers.quotes import (
    NEGATIONS as FOLDED_NEGATIONS,
)
from summarizer.numbers.quotes import (
    QuoteIndex,
    extract_quotes,
    fold_words,
    quote_language,
    quote_words,
)

SAID = {"en": "The spokesman said: ", "ar": "وقال المتحدث: "}
AFTER = {"en": " He did not elaborate.", "ar": " ولم يوضح المزيد."}
MARKS = {
    "en": [("“", "”"), ('"', '"'), ("‘", "’"), ("``", "''"), ("«", "»")],
    "ar": [("«", "»"), ('"', '"'), ("“", "”")],
}
AUXILIARIES = {
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "must",
    "may",
    "might",
}
NEGATIONS = {"en": {"not", "never", "no"}, "ar": {"لا", "لن", "لم", "ليس", "ما"}}
_GAPPED = re.compile(r"…|\.\.|\[")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n")


@dataclass(frozen=True)
class Case:
    """One output to check: its case name, the text, whether it must be flagged, and the kind of mention judged."""

    name: str
    output: str
    altered: bool
    kind: str = "quote"


def _words(text: str) -> list[str]:
    return text.split()


def _pick_quotes(text: str, lang: str, rng: random.Random, per_article: int) -> list[str]:
    """Quotes of the article (its own, else runs of words of its sentences)."""
    index = QuoteIndex(text)
    own = [
        q.text
        for q in extract_quotes(text)
        if len(q.text.split()) >= 4
        and "\n" not in q.text
        and index.word_before(q.start) not in FOLDED_NEGATIONS
        and quote_language(q.text) == lang
    ]  # a quote right after a negation ('did not "feel cheated"') keeps it outside its marks: not copied here
    rng.shuffle(own)
    picked = own[:per_article]
    sentences = [s for s in _SENTENCE_END.split(text) if len(s.split()) >= 8]
    while len(picked) < per_article and sentences:
        words = _words(sentences.pop(rng.randrange(len(sentences))).strip())
        n = rng.randint(6, min(12, len(words)))
        start = rng.randrange(len(words) - n + 1)
        if start and fold_words(words[start - 1])[-1:] and fold_words(words[start - 1])[-1] in FOLDED_NEGATIONS:
            continue  # nobody quotes the words after a negation as what was said
        run = " ".join(words[start : start + n]).strip(" ,،;:\"'“”«»()")
        if len(run.split()) >= 4 and not any(ch in run for ch in "\"“”«»‘’'`") and quote_language(run) == lang:
            picked.append(run)
    return picked


def _dress(lang: str, quote: str, rng: random.Random, closed: bool = True) -> str:
    """The quote in an output sentence, in marks it does not itself hold (nobody nests a quote in its own marks)."""
    marks = [(o, c) for o, c in MARKS[lang] if o not in quote and c not in quote] or MARKS[lang]
    opening, closing = rng.choice(marks)
    if not closed:
        return f"{SAID[lang]}{opening}{quote.rstrip('.')}.{AFTER[lang]}"
    return f"{SAID[lang]}{opening}{quote}{closing}.{AFTER[lang]}"


def _negate(words: list[str], lang: str, rng: random.Random) -> list[str] | None:
    own = [k for k, w in enumerate(words) if w.lower().strip(",.") in NEGATIONS[lang]]
    if own:
        k = rng.choice(own)
        return words[:k] + words[k + 1 :] if 0 < k < len(words) - 1 else None
    if lang == "en":
        aux = [k for k, w in enumerate(words[:-1]) if w.lower() in AUXILIARIES]
        if aux:
            k = rng.choice(aux)
            return [*words[: k + 1], "not", *words[k + 1 :]]
        k = rng.randrange(1, len(words))
        return [*words[:k], "never", *words[k:]]
    verbs = [k for k, w in enumerate(words) if k and w[:1] in "يتنأ"]
    k = rng.choice(verbs) if verbs else rng.randrange(1, len(words))
    return [*words[:k], rng.choice(["لا", "لن", "لم"]), *words[k:]]


def _inflect(words: list[str], k: int, lang: str) -> list[str] | None:
    """The quote with word ``k`` in another form: a plural "s" or the article "ال" put on or taken off."""
    word = words[k]
    if not word.isalpha() or len(word) < 4:
        return None
    if lang == "en":
        other = word[:-1] if word.endswith("s") else word + "s"
    else:
        other = word[2:] if word.startswith("ال") else "ال" + word
    return [*words[:k], other, *words[k + 1 :]]


def quote_cases(
    text: str, lang: str, rng: random.Random, per_article: int, index: QuoteIndex
) -> Iterator[Case | tuple[str, None]]:
    """The cases of one article; ``(name, None)`` stands for an alteration excluded (the article holds it)."""
    vocabulary = [w for w in _words(text) if w.isalpha() and len(w) > 3]
    for quote in _pick_quotes(text, lang, rng, per_article):
        words = _words(quote)
        yield Case(f"f:exact_{lang}", _dress(lang, quote, rng), False)
        n = rng.randint(3, len(words) - 1) if len(words) > 3 else len(words)
        start = rng.randrange(len(words) - n + 1)
        part = words[start : start + n]
        span = index.locate([fold_words(" ".join(part))])
        if span is None or index.word_before(span[0]) not in FOLDED_NEGATIONS:
            yield Case(f"f:partial_{lang}", _dress(lang, " ".join(part), rng), False)
        if len(words) >= 6:
            cut = rng.randrange(2, len(words) - 3)
            elided = [*words[:cut], "…" if rng.random() < 0.5 else "...", *words[cut + rng.randint(1, 2) :]]
            yield Case(f"f:elided_{lang}", _dress(lang, " ".join(elided), rng), False)
        yield Case(f"f:open_{lang}", _dress(lang, quote, rng, closed=False), False)
        if len(words) >= 6 and not any(mark in quote for mark in "\"“”‘’«»'`"):  # no quote inside to split
            cut = rng.randrange(3, len(words) - 2)
            opening, closing = rng.choice(MARKS[lang][:3])
            said = ", he said, " if lang == "en" else "، وأضاف: "
            split = f"{opening}{' '.join(words[:cut])}{closing}{said}{opening}{' '.join(words[cut:])}{closing}."
            yield Case(f"f:split_{lang}", split, False)
        if _GAPPED.search(quote):
            # a word changed next to an omission the quote already has may be the omission's edge
            for name in ("changed", "added", "dropped", "negated", "inflected"):
                yield (f"c:{name}_{lang}", None)
            continue
        inner = rng.randrange(1, len(words) - 1)
        alterations = {
            "changed": [*words[:inner], rng.choice(vocabulary), *words[inner + 1 :]] if vocabulary else None,
            "added": [*words[:inner], rng.choice(vocabulary), *words[inner:]] if vocabulary else None,
            "dropped": words[:inner] + words[inner + 1 :],
            "negated": _negate(words, lang, rng),
            "inflected": _inflect(words, inner, lang),
        }
        for name, altered in alterations.items():
            if altered is None:
                continue
            output = _dress(lang, " ".join(altered), rng)
            joined = " ".join(altered)
            if quote_words(joined) == quote_words(quote) or index.valued.locate([quote_words(joined)]):
                yield (f"c:{name}_{lang}", None)
                continue
            yield Case(f"c:{name}_{lang}", output, True)


def translated_cases(article_lang: str, foreign: str, rng: random.Random) -> Iterator[Case]:
    """A quote of ``foreign`` (an article in the other language) in an output checked against an article in
    ``article_lang``: a translated quote, to be marked so and not flagged."""
    other = "ar" if article_lang == "en" else "en"
    for quote in _pick_quotes(foreign, other, rng, 1):
        opening, closing = rng.choice(MARKS[other])
        yield Case(f"t:translated_{article_lang}->{other}", f"{SAID[other]}{opening}{quote}{closing}.", False)
