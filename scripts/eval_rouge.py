#!/usr/bin/env python
"""ROUGE-1/2 F1 of the extractive engine and of Lead-3 against the corpus reference summaries.

Sets: CNN/DailyMail (english.jsonl rows whose outlet is not XSum), XSum (outlet "BBC (XSum)")
and Arabic (arabic.jsonl). Lead-3 is the story's first three sentences by the same sentence
splitter the engine uses (summarizer.articles.split_sentences), page furniture left out
(summarizer.furniture: a share bar or a dateline is not the lead). The gain over Lead-3 is given
with a 95% paired bootstrap interval (2,000 resamples of the articles, seed 0).

Tokenizer, the same for summary and reference: NFKC, case-folded, combining marks and the
Arabic tatweel removed (so Arabic diacritics do not split words), then every maximal run of
letters or digits in any script is one token. Arabic words are kept as they are (no stemming,
no stop words), unlike tokenizers that drop every non-ASCII character.

ROUGE-n F1 per article from clipped n-gram overlap (2PR / (P + R)), averaged over the
articles of a set, times 100. Also per set, for the engine: the share of articles whose
summary has 3 to 5 sentences each under 600 characters, the articles its own verifier
flags (verification.ok false) and the duplicate key-figure rows (same value and quote).
Usage: python scripts/eval_rouge.py [--corpus DIR] [--set NAME]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.articles import Article
from summarizer.engines.extractive import summarize_article
from summarizer.furniture import is_furniture

XSUM_OUTLET = "BBC (XSum)"
SETS = ("CNN/DailyMail", "XSum", "Arabic")
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """Lower-cased words of letters or digits in any script, combining marks removed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = "".join(ch for ch in folded if ch != "\u0640" and unicodedata.category(ch) != "Mn")
    return _TOKEN.findall(folded)


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def rouge_f1(summary: str, reference: str, n: int) -> float:
    """ROUGE-n F1 of one summary against one reference."""
    ours, theirs = _ngrams(tokens(summary), n), _ngrams(tokens(reference), n)
    overlap = sum((ours & theirs).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(ours.values()), overlap / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def corpus_sets(corpus: Path) -> Iterator[tuple[str, dict]]:
    """(set name, row) for every corpus article with a reference summary."""
    for name in ("english.jsonl", "arabic.jsonl"):
        with (corpus / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if not row.get("reference_summary"):
                    continue
                if row["lang"] == "ar":
                    yield "Arabic", row
                else:
                    yield ("XSum" if row["outlet"] == XSUM_OUTLET else "CNN/DailyMail"), row


def engine_run(article: Article) -> tuple[str, bool, bool, int]:
    """The engine's summary, whether it has 3-5 sentences under 600 characters, flagged, duplicate rows."""
    result = summarize_article(article, ["en", "ar"])
    summary = result.summaries[result.language]
    sentences = summary.sentences if summary else []
    shaped = 3 <= len(sentences) <= 5 and all(len(s.text) < 600 for s in sentences)
    rows = Counter((figure.value, figure.quote) for figure in result.key_figures)
    duplicates = sum(count - 1 for count in rows.values())
    return " ".join(s.text for s in sentences), shaped, not result.verification.ok, duplicates


def lead3_summary(article: Article) -> str:
    """The story's first three sentences: page furniture (a share bar, a dateline) is not the story's lead."""
    story = (s.text for s in article.sentences if not is_furniture(s.text))
    return " ".join(itertools.islice(story, 3))


def bootstrap_gain(
    engine: list[float], lead: list[float], *, resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """A 95% paired bootstrap interval of the mean per-article gain (engine - Lead-3), times 100."""
    rng = random.Random(seed)
    gains = [e - b for e, b in zip(engine, lead, strict=True)]
    if not gains:
        return 0.0, 0.0
    means = sorted(sum(rng.choices(gains, k=len(gains))) / len(gains) for _ in range(resamples))
    return 100 * means[int(0.025 * resamples)], 100 * means[int(0.975 * resamples) - 1]


def cells_gain(scores: dict[tuple[str, str], list[tuple[float, float]]], set_name: str) -> float:
    engine, lead = scores.get((set_name, "engine"), []), scores.get((set_name, "Lead-3"), [])
    return 100 * (sum(p[0] for p in engine) - sum(p[0] for p in lead)) / max(len(engine), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--set", choices=SETS, action="append", help="only this set (repeatable)")
    args = parser.parse_args()
    wanted = args.set or list(SETS)
    scores: dict[tuple[str, str], list[tuple[float, float]]] = {}
    checks: dict[str, Counter[str]] = {name: Counter() for name in wanted}
    for set_name, row in corpus_sets(args.corpus):
        if set_name not in wanted:
            continue
        title = row.get("title")
        article = Article(text=row["text"], title=title if title and title.strip() else None, id=row["id"])
        reference = row["reference_summary"]
        summary, shaped, flagged, duplicates = engine_run(article)
        checks[set_name].update(shaped=shaped, flagged=flagged, duplicates=duplicates)
        for system, text in (("engine", summary), ("Lead-3", lead3_summary(article))):
            pair = (rouge_f1(text, reference, 1), rouge_f1(text, reference, 2))
            scores.setdefault((set_name, system), []).append(pair)
    print(
        f"{'set':<16}{'n':>5}  {'engine R1/R2':>14}  {'Lead-3 R1/R2':>14}  {'R1 gain, 95% CI':>22}  "
        f"{'3-5 <600':>8}  flagged  dup rows"
    )
    for set_name in wanted:
        cells = []
        for system in ("engine", "Lead-3"):
            pairs = scores.get((set_name, system), [])
            r1 = 100 * sum(p[0] for p in pairs) / max(len(pairs), 1)
            r2 = 100 * sum(p[1] for p in pairs) / max(len(pairs), 1)
            cells.append(f"{r1:6.2f} / {r2:5.2f}")
        count = len(scores.get((set_name, "engine"), []))
        low, high = bootstrap_gain(
            [p[0] for p in scores.get((set_name, "engine"), [])], [p[0] for p in scores.get((set_name, "Lead-3"), [])]
        )
        gain = cells_gain(scores, set_name)
        interval = f"{gain:+.2f} [{low:+.2f}, {high:+.2f}]"
        shaped = 100 * checks[set_name]["shaped"] / max(count, 1)
        print(
            f"{set_name:<16}{count:>5}  {cells[0]:>14}  {cells[1]:>14}  {interval:>22}  {shaped:>7.1f}%  "
            f"{checks[set_name]['flagged']:>7}  {checks[set_name]['duplicates']:>8}"
        )


if __name__ == "__main__":
    main()
