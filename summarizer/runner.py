"""Run one function over many items, a bounded number at once, yielding results as they complete.

The runner knows nothing of articles or models: ``work`` turns one item into one result
(summarizing an article, translating one), and ``failure`` turns an item and the exception its
work raised into a result, so that one failure never ends the run. It is the only place the
pipeline is concurrent; everything below it (the conversation, the checks) stays plain,
synchronous code run in worker threads, and the ``openai`` client it calls is thread-safe.

Threads, not asyncio: the work is one blocking HTTP request at a time per article, the
conversation and checks are synchronous and shared with the one-article path, and the SDK's
retries (``Retry-After`` honoured) sleep in the thread of the request that got the 429, so the
others go on. At most ``concurrency`` items are in progress and at most ``2 * concurrency`` are
taken from ``items`` ahead of time, so memory stays flat however many items there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
LOOKAHEAD = 2  # items taken ahead per worker, so a free worker never waits for the next item to be read


def run_each(
    items: Iterable[Item],
    work: Callable[[Item], Result],
    *,
    failure: Callable[[Item, Exception], Result],
    concurrency: int = 1,
) -> Iterator[Result]:
    """``work(item)`` for each item, ``concurrency`` at a time, yielded in completion order.

    An exception from ``work`` becomes ``failure(item, exception)``: it is never raised from here.
    With ``concurrency`` 1 the work runs in the calling thread, in order. Stopping the iteration
    early (or Ctrl-C) cancels the items not started; those in flight finish in their threads.
    """
    if concurrency <= 1:
        for item in items:
            yield _attempt(work, failure, item)
        return
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="summarizer")
    pending: set[Future[Result]] = set()
    source = iter(items)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < LOOKAHEAD * concurrency:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                else:
                    pending.add(pool.submit(_attempt, work, failure, item))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _attempt(work: Callable[[Item], Result], failure: Callable[[Item, Exception], Result], item: Item) -> Result:
    try:
        return work(item)
    except Exception as error:  # noqa: BLE001  any failure of one item is recorded in its result
        return failure(item, error)
