"""Count the sentences summarizer.injection takes for text aimed at the model, over the corpus.

    python scripts/count_injections.py [../shared/corpus]

Prints the number of articles and sentences flagged, and each flagged sentence with its reason:
on real news the count should be (close to) zero. Then the time injection_reason takes per corpus
sentence (it runs on every sentence of every article): the best of 5 runs, in microseconds of CPU time
(steady on a shared machine). Then how many reworded injections (tests/data/injection_variants.py) are caught.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from summarizer.articles import split_articles
from summarizer.injection import find_injections, injection_reason


def main(corpus: Path) -> None:
    articles = flagged = sentences = 0
    texts: list[str] = []
    for name in ("arabic.jsonl", "english.jsonl"):
        for line in (corpus / name).read_text(encoding="utf-8").splitlines():
            for article in split_articles(json.loads(line)["text"]):
                articles += 1
                found = find_injections(article.sentences, article.text)
                texts.extend(sentence.text for sentence in article.sentences)
                sentences += len(found)
                flagged += bool(found)
                for injection in found:
                    print(f"{name}: sentence {injection.sentence}: {injection.reason}: {injection.text[:120]}")
    print(f"{flagged} of {articles} articles flagged, {sentences} sentences")
    runs = []
    for _ in range(5):
        started = time.process_time()
        for text in texts:
            injection_reason(text)
        runs.append(time.process_time() - started)
    print(
        f"injection_reason: {min(runs) / len(texts) * 1e6:.2f} µs CPU per sentence ({len(texts)} sentences, best of 5)"
    )
    variants()


def variants() -> None:
    """How many of the reworded injections in tests/data/injection_variants.py are caught (every sentence
    holding the planted 900 found as text aimed at the model, none of the news before it)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from data.injection_variants import ARABIC, VARIANTS

    lead_en = "The port reopened on Monday after a fire. Officials said repairs would take weeks.\n\n"
    lead_ar = "أعيد فتح الميناء يوم الاثنين بعد حريق. وقال مسؤولون إن الإصلاحات ستستغرق أسابيع.\n\n"
    caught = 0
    for variant in VARIANTS:
        article = split_articles((lead_ar if variant in ARABIC else lead_en) + variant + "\n")[0]
        flagged = {i.sentence for i in article.injections}
        planted = {s.id for s in article.sentences if "900" in s.text}
        if planted <= flagged and not flagged & {1, 2}:
            caught += 1
        else:
            print(f"missed: {variant!r}")
    print(
        f"reworded injections caught: {caught} of {len(VARIANTS)} ({len(VARIANTS) - len(ARABIC)} English, {len(ARABIC)} Arabic)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
