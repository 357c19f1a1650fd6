"""Property tests: every supported spelling of an integer extracts to that integer."""

from __future__ import annotations

import gc
import math
import signal
import time
from types import FrameType

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.numbers import extract_numbers, verify
from summarizer.numbers.spell import group_digits, spell_ar, spell_en

_AI = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_PE = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _forms(n: int) -> list[str]:
    forms = [
        str(n),
        group_digits(n),
        group_digits(n, "٬"),
        str(n).translate(_AI),
        group_digits(n, "٬").translate(_AI),
        str(n).translate(_PE),
        spell_en(n),
        spell_ar(n, "nom"),
        spell_ar(n, "acc"),
    ]
    for scale, en, ar in ((10**6, "million", "مليون"), (10**3, "thousand", "ألف")):
        if n >= scale and n % (scale // 10) == 0:
            q = n / scale
            txt = str(int(q)) if q == int(q) else str(q)
            forms += [f"{txt} {en}", f"{txt} {ar}"]
    if 11_000 <= n <= 99_000 and n % 1000 == 0:
        forms.append(f"{n // 1000} ألفا")
    return forms


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=999_999_999),
    st.sampled_from(
        [
            "the figure was {} yesterday",
            "قال المسؤول إن {} شخص",
            "{}",
            "({})",
            "وصل العدد إلى {}.",
        ]
    ),
)
def test_any_spelling_extracts_whole(n: int, template: str) -> None:
    for form in _forms(n):
        text = template.format(form)
        ms = extract_numbers(text)
        start = text.index(form)
        assert len(ms) == 1, (form, ms)
        m = ms[0]
        assert (m.value, m.start, m.end) == (n, start, start + len(form)), (form, m)
        assert isinstance(m.value, int)
        assert verify(text, text).ok


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    ms = extract_numbers(text)
    last = -1
    for m in ms:
        assert text[m.start : m.end] == m.text and m.start >= last and m.end > m.start
        last = m.end
    verify(text, text)


_ALPHABET = "0123456789٠١٢٣٤٥٦٧٨٩,.٬٫%٪:- وبلالـ" + "ثلاثةعشرونألفمليونمئة" + "\u064e\u0640\u200f"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_never_raises_on_number_soup(text: str) -> None:
    for m in extract_numbers(text):
        assert text[m.start : m.end] == m.text


class _OverBudget(BaseException):
    """Raised by the CPU-time alarm when a run has used up its budget (a BaseException: the extractor,
    which never raises, catches every Exception)."""


def _over_budget(signum: int, frame: FrameType | None) -> None:
    raise _OverBudget


def _cpu_seconds(text: str, budget: float | None = None) -> float:
    """The CPU time ``extract_numbers(text)`` takes (``inf`` when it passes ``budget`` seconds, where
    ``signal.setitimer`` can stop it there; elsewhere it runs to its end)."""
    alarm = budget is not None and hasattr(signal, "setitimer")
    gc.collect()  # each run starts from the same heap: no collection owed by an earlier one
    previous = signal.signal(signal.SIGPROF, _over_budget) if alarm else signal.SIG_DFL
    start = time.process_time()
    try:
        if alarm:
            signal.setitimer(signal.ITIMER_PROF, budget)  # counts this process's CPU time, as process_time does
        extract_numbers(text)
    except _OverBudget:
        return math.inf
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous if previous is not None else signal.SIG_DFL)
    return time.process_time() - start


def test_one_megabyte_takes_linear_time() -> None:
    """Ten times the text takes about ten times the CPU time (10 to 14 times, measured), never a hundred
    (quadratic): the budget is 40 times the small text's time.

    CPU time (``time.process_time``), not wall time: a loaded machine pauses the process, which stretches
    wall time but not CPU time. The small text's time is the best of three runs; the large text gets up
    to three tries to come in under its budget, each stopped by a CPU-time alarm once over it, so that a
    quadratic extractor fails in seconds instead of running for minutes. The speed itself is measured by
    scripts/bench_verifier.py.
    """
    pieces = [
        "1,2,3.4.5 ",
        "٣٥٬٨٠٠٫٥ ",
        "ثلاثة وعشرون ألفا ومئتان وخمسون ",
        "و" * 50 + " ",
        "9" * 60 + " ",
        "twenty-one hundred and ",
        "\u064e\u0640" * 20,
        "%٪:-" * 10,
        "𝟘ß∂ƒ© ",
    ]
    mixed = "".join(pieces) * (1_000_000 // len("".join(pieces)) + 1)
    for text in (mixed, "1" * 1_000_000, "1," * 500_000, "ثلاثة " * 170_000):
        small, large = text[:100_000], text[:1_000_000]
        small_seconds = min(_cpu_seconds(small) for _ in range(3))
        budget = 40 * max(small_seconds, 0.005)
        large_seconds = math.inf
        for _ in range(3):
            large_seconds = min(large_seconds, _cpu_seconds(large, budget))
            if large_seconds < budget:
                break
        took = f"100 kB: {small_seconds:.3f} s; 1 MB: {large_seconds:.3f} s (inf: stopped at {budget:.3f} s)"
        assert large_seconds < budget, (text[:20], took)
