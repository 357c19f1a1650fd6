"""Print how long a large translation glossary takes, and the memory it needs (README, Translation).

    .venv/bin/python scripts/bench_glossary.py [MEGABYTES]    # default 50

Writes a CSV glossary of about MEGABYTES (fixed seed: Arabic and English terms of one to three words,
plus the terms the article holds), then times, in this process, what ``translate --glossary`` does
with it for one 8-paragraph article: reading the file, turning the terms to the translation's
direction, the terms of the whole article (the prompt) and of each paragraph (the check). Prints
each step's CPU seconds (the process's own time, so that other work on the machine does not count),
the wall time of it all and the process's peak resident memory. No model is called.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from summarizer.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[1]
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
ENGLISH = "abcdefghijklmnopqrstuvwxyz"


def word(rng: random.Random, letters: str) -> str:
    return "".join(rng.choice(letters) for _ in range(rng.randint(3, 9)))


def glossary_file(folder: Path, megabytes: float, wanted: list[tuple[str, str]]) -> Path:
    rng = random.Random(22)
    path = folder / "glossary.csv"
    size = int(megabytes * 1024 * 1024)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("source,target\n")
        for source, target in wanted:
            handle.write(f"{source},{target}\n")
        while handle.tell() < size:
            count = rng.randint(1, 3)
            arabic = " ".join(word(rng, ARABIC) for _ in range(count))
            english = " ".join(word(rng, ENGLISH) for _ in range(count))
            handle.write(f"{arabic},{english}\n" if rng.random() < 0.5 else f"{english},{arabic}\n")
    return path


def article() -> str:
    """Eight paragraphs: the Arabic example's, repeated as needed."""
    paragraphs = [
        p for p in (ROOT / "examples" / "water-ar.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()
    ]
    return "\n\n".join((paragraphs * 8)[:8])


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 50.0
    text = article()
    paragraphs = text.split("\n\n")
    wanted = [("وزارة المياه", "Ministry of Water"), ("الأمطار", "rainfall"), ("Amman", "عمّان")]
    with tempfile.TemporaryDirectory() as folder:
        path = glossary_file(Path(folder), megabytes, wanted)
        size = path.stat().st_size
        steps: list[tuple[str, float]] = []
        wall = time.perf_counter()
        started = time.process_time()
        glossary = load_glossary(path)
        steps.append(("read the file", time.process_time() - started))
        begun = time.process_time()
        oriented = glossary.oriented("en")
        steps.append(("turn the terms to the translation's direction", time.process_time() - begun))
        begun = time.process_time()
        whole = oriented.found_in(text)
        steps.append(("terms of the whole article (the prompt)", time.process_time() - begun))
        begun = time.process_time()
        found = sum(len(oriented.found_in(paragraph)) for paragraph in paragraphs)
        steps.append((f"terms of each of the {len(paragraphs)} paragraphs (the checks)", time.process_time() - begun))
        total = time.process_time() - started
        wall = time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"glossary: {size / 1024 / 1024:.1f} MB, {len(glossary.terms):,} terms; article: {len(text):,} characters")
    for name, seconds in steps:
        print(f"  {name:<55} {seconds:8.2f} s")
    print(f"  {'total (CPU)':<55} {total:8.2f} s")
    print(f"  {'total (wall clock, on this machine now)':<55} {wall:8.2f} s")
    print(f"terms found: {len(whole)} in the article, {found} over its paragraphs; peak memory {peak:,.0f} MB")


if __name__ == "__main__":
    main()
