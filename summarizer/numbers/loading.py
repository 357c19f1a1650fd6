"""Tables the checkers build on first use, built once even when many threads ask at the same moment.

``functools.cache`` alone lets every thread that misses the cache build the table: a run of 32 articles at
once read the name tables and the word-frequency lists 32 times over (1.9 GB, most of its CPU time).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def built_once(build: Callable[..., T]) -> Callable[..., T]:
    """``build`` cached by its arguments, and run by one thread at a time.

    A table already built is returned without taking any lock; each table has its own lock, so a thread
    that needs the date names does not wait while another builds the word-frequency lists.
    """
    built: dict[tuple[object, ...], T] = {}
    lock = threading.RLock()  # re-entrant: one table may be built from another

    @functools.wraps(build)
    def table(*args: object) -> T:
        try:
            return built[args]
        except KeyError:
            pass
        with lock:
            if args not in built:
                built[args] = build(*args)
            return built[args]

    table.cache_clear = built.clear  # type: ignore[attr-defined]  # as functools.cache offers (tests time a cold load)
    return table
