"""Tables built on first use are built once, also when many threads ask at the same moment."""

from __future__ import annotations

import threading
import time

from summarizer.numbers.loading import built_once


def test_a_table_is_built_once_by_many_threads_at_once() -> None:
    builds: list[str] = []

    @built_once
    def table(language: str) -> list[str]:
        builds.append(language)
        time.sleep(0.05)  # long enough for every thread to miss a plain cache
        return [language]

    start = threading.Barrier(16)

    def ask() -> None:
        start.wait()
        assert table("ar") == ["ar"]

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert builds == ["ar"]
    assert table("en") == ["en"] and builds == ["ar", "en"]
