"""Run the summarizer CLI against a recorded cassette instead of a live server.

    python scripts/replay_cassette.py cassettes/test_recorded/test_seed_two_arabic_stories.yaml -- \
        summarize ../shared/seed/article-ar-two-stories.txt \
        --base-url http://127.0.0.1:8765/v1 --model gemma-3-270m-q4_k_m --format json

Requests are matched on method, path and body, as in the tests, so the arguments must be the ones
the cassette was recorded with; a request that is not in the cassette fails. Exits with the CLI's status.
"""

from __future__ import annotations

import os
import sys

import vcr

from summarizer.cli import cli


def main() -> None:
    if len(sys.argv) < 3 or "--" not in sys.argv:
        sys.exit(__doc__)
    split = sys.argv.index("--")
    cassette, arguments = sys.argv[1], sys.argv[split + 1 :]
    os.environ.setdefault("OPENAI_API_KEY", "sk-dummy-replay-key")
    replayer = vcr.VCR(record_mode="none", match_on=["method", "path", "body"], decode_compressed_response=True)
    with replayer.use_cassette(cassette):
        cli.main(args=arguments, prog_name="summarizer")


if __name__ == "__main__":
    main()
