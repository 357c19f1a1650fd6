#!/usr/bin/env python
"""External check of the number verifier on the FRANK model summaries.

Joins ``english_model_summaries.jsonl`` (summaries by nine systems, with human
factuality labels) to ``english.jsonl`` and runs ``verify(article, summary)`` on
each. Prints how many summaries the verifier flags, the share of the flagged ones
that humans judged unfaithful (human_factuality < 1.0), and the base rate (the
share unfaithful overall). --show N lists flags on summaries humans judged
faithful, to find false alarms. Usage: python scripts/eval_frank.py [--corpus DIR] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.numbers import index_source, verify


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpus")
    ap.add_argument("--show", type=int, default=0, help="list this many flags on faithful summaries")
    args = ap.parse_args()
    articles = {}
    with open(args.corpus / "english.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            articles[row["id"]] = row["text"]
    indexes: dict = {}
    total = unfaithful = flagged = flagged_unfaithful = conflicts = 0
    circumstance = circumstance_flagged = 0
    # FRANK's error types (1.0: none found): entity, out-of-article, circumstance, relation, grammar...
    error_types = {"EntE": "entity", "OutE": "out of article", "CircE": "circumstance", "RelE": "predicate/relation"}
    by_type = {key: [0, 0] for key in error_types}
    shown = 0
    with open(args.corpus / "english_model_summaries.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = articles.get(row["article_id"])
            if text is None:
                continue
            if row["article_id"] not in indexes:
                indexes[row["article_id"]] = index_source(text)
            report = verify(indexes[row["article_id"]], row["summary"])
            bad = row["human_factuality"] < 1.0
            circ = row.get("human_annotation", {}).get("CircE", 1.0) < 1.0  # annotators found a time or place error
            for key, entry in by_type.items():
                if row.get("human_annotation", {}).get(key, 1.0) < 1.0:
                    entry[0] += 1
                    entry[1] += not report.ok
            circumstance += circ
            circumstance_flagged += circ and not report.ok
            total += 1
            unfaithful += bad
            if not report.ok:
                flagged += 1
                flagged_unfaithful += bad
                conflicts += any(report.conflicts)
                if not bad and shown < args.show:
                    shown += 1
                    for index, u in enumerate(report.unsupported):
                        reason = report.reason(index)
                        print(
                            f"[{row['model']}] {u.text!r}: {reason} | …{row['summary'][max(0, u.start - 60) : u.end + 60]}…"
                        )
                    for finding in report.failed:  # dates (and quotes)
                        mention = finding.mention
                        print(
                            f"[{row['model']}] {mention.text!r}: {finding.reason} | "
                            f"…{row['summary'][max(0, mention.start - 60) : mention.end + 60]}…"
                        )
    print(f"summaries: {total}; humans judged unfaithful: {unfaithful} (base rate {unfaithful / total:.0%})")
    print(
        f"flagged by verify: {flagged}; of these unfaithful: {flagged_unfaithful} "
        f"({flagged_unfaithful / max(flagged, 1):.0%}); flagged with a counted-thing conflict: {conflicts}"
    )
    print(
        f"circumstance (time/place) errors: {circumstance}; flagged: {circumstance_flagged} "
        f"({circumstance_flagged / max(circumstance, 1):.0%})"
    )
    print(
        f"unfaithful flagged: {flagged_unfaithful} of {unfaithful} ({100 * flagged_unfaithful / max(unfaithful, 1):.1f}%)"
    )
    for key, (n, hit) in by_type.items():
        print(f"  {error_types[key]} errors ({key}): {n}; flagged: {hit} ({100 * hit / max(n, 1):.1f}%)")


if __name__ == "__main__":
    main()
