"""Tables the checkers build on first use, built once even when many threads ask at the same moment.

``functools.cache`` alone lets every thread that misses the cache build the table: a run of 32 articles at
once read the name tables and the word-frequency lists 32 times over (1.9 GB, most of its CPU time).

A model run builds them ahead of need (:func:`start_warm_up`), while its first requests wait on the network:
otherwise every worker that needs a table waits while the first one builds it (the Arabic word list takes
about 0.3 s of CPU, close to a second of wall time among 32 busy workers).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_WARM_UP: list[tuple[Callable[..., object], tuple[object, ...]]] = []


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


def warm_up_later(table: Callable[..., object], *args: object) -> None:
    """Name a table (and its arguments) that :func:`start_warm_up` builds ahead of need."""
    _WARM_UP.append((table, args))


def start_warm_up() -> threading.Thread:
    """Build every table named by :func:`warm_up_later` in a background thread, and return the thread.

    A table that fails to build is left alone here: the check that needs it builds it again and fails there,
    where the failure is reported.
    """

    def build_all() -> None:
        for table, args in list(_WARM_UP):
            try:
                table(*args)
            except Exception:  # noqa: BLE001  a failure belongs to the check that needs the table, not here
                continue

    thread = threading.Thread(target=build_all, name="summarizer-warm-up", daemon=True)
    thread.start()
    return thread
