"""Every setting in one place: its flag, environment variable, default and meaning.

A run's :class:`Config` is resolved once, at the API boundary, from keyword
arguments over the environment over the defaults, validated there, and passed
down as plain values. This module is the only one that reads ``os.environ``
(besides the offline tiktoken cache, which tiktoken itself reads from the
environment). The configuration table (docs/configuration.md) is generated from
:data:`SETTINGS` (:func:`markdown_table`) and a test keeps them equal.
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from summarizer.errors import ConfigurationError
from summarizer.languages import SUPPORTED_LANGUAGES, parse_languages

ENGINES = ("auto", "openai", "extractive")
DEFAULT_MODEL = "gpt-5-mini"
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_REPAIRS = 2
MAX_REPAIRS_FLAG = 10  # the most --max-repairs takes on the command line
DEFAULT_MAX_OUTPUT_TOKENS = 2000
MIN_OUTPUT_TOKENS = 256
DEFAULT_CONTEXT_WINDOW = 8192  # for a model the catalogue does not know
DEFAULT_CONCURRENCY = 8
MAX_CONCURRENCY = 256
CACHE_FILE = "results.sqlite"


# Each parser takes a value as it was given (a string from the environment, or a keyword argument's or
# flag's value) and the name it was given under (the environment variable, or the keyword), and returns
# the checked value or raises ConfigurationError naming it. The environment and keywords share them.


def _engine(raw: Any, given_as: str) -> str:
    name = str(raw).strip().lower()
    if name not in ENGINES:
        raise ConfigurationError(f"unknown engine {name!r}: choose from {', '.join(ENGINES)}", engine=name)
    return name


def _languages(raw: Any, given_as: str) -> tuple[str, ...]:
    return parse_languages(raw)


def _interface(raw: Any, given_as: str) -> str:
    code = str(raw).strip().lower()
    if code not in SUPPORTED_LANGUAGES:
        raise ConfigurationError(
            f"unknown interface language {raw!r}: choose from {', '.join(SUPPORTED_LANGUAGES)}", interface=raw
        )
    return code


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # the locale's language, in POSIX precedence


def locale_interface(environ: Mapping[str, str]) -> str:
    """The interface language the locale asks for: "ar" when the first of ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG`` that is set starts with ``ar`` (``ar_EG.UTF-8``), else "en"."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


def _timeout(raw: Any, given_as: str) -> float:
    try:
        seconds = math.nan if isinstance(raw, bool) else float(raw)
    except (TypeError, ValueError):
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise ConfigurationError(f"{given_as}={raw!r} must be a positive number of seconds", value=raw)
    return seconds


def _whole_number(raw: Any) -> int | None:
    """An int, or a string of one (as int() reads it); None for anything else (a bool, a float, words)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    try:
        return int(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _max_output_tokens(raw: Any, given_as: str) -> int:
    text = str(raw)
    if isinstance(raw, bool) or not text.isdigit() or int(text) < MIN_OUTPUT_TOKENS:
        raise ConfigurationError(f"{given_as}={raw!r} must be a whole number of at least {MIN_OUTPUT_TOKENS}")
    return int(text)


def _context_window(raw: Any, given_as: str) -> int:
    window = _whole_number(raw)
    if window is None or window <= 0:
        raise ConfigurationError(f"{given_as} must be a positive integer, got {raw!r}", value=raw)
    return window


def _base_url(raw: Any, given_as: str) -> Any:
    """An http(s) URL with a host (an empty one is no URL: left as it is). It is never echoed: it may hold a password."""
    text = str(raw).strip()
    if not text:
        return raw
    try:
        parts = urlsplit(text)
        if "@" in parts.path or any(ch.isspace() for ch in text):
            problem = "a user name or password holding '/', '?', '#', '@' or a space must be percent-encoded"
        elif parts.scheme not in ("http", "https") or not parts.hostname:
            problem = "it must start with http:// or https:// and name a host"
        else:
            problem = "" if parts.port is None or parts.port >= 0 else "its port is not valid"
    except ValueError:  # urlsplit and .port raise it for a port that is not a number, or bad brackets
        problem = "its host or port is not valid"
    if problem:
        raise ConfigurationError(f"the base URL (--base-url / OPENAI_BASE_URL) is not valid: {problem}")
    return text


def _concurrency(raw: Any, given_as: str) -> int:
    text = str(raw).strip()
    if isinstance(raw, bool) or not text.isdigit() or not 1 <= int(text) <= MAX_CONCURRENCY:
        raise ConfigurationError(f"{given_as}={raw!r} must be a whole number from 1 to {MAX_CONCURRENCY}", value=raw)
    return int(text)


def _switch(raw: Any, given_as: str) -> bool:
    """A yes/no setting: from the environment "1", "true", "yes", "on" (any case) are yes."""
    if isinstance(raw, bool):
        return raw
    return str(raw).strip().lower() in ("1", "true", "yes", "on")


def _max_repairs(raw: Any, given_as: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ConfigurationError("max_repairs must be 0 or more")
    return raw


@dataclass(frozen=True)
class Setting:
    """One setting: keyword name, CLI flag, environment variable, meaning, its parser, and how the command
    line declares it (summarizer.cli.options makes each click option from these fields).

    ``parse`` checks a value from the environment and from a keyword argument (or flag) alike: one path.
    """

    name: str
    flag: str | None
    env: str | None
    help: str
    parse: Callable[[Any, str], Any] | None = None  # (value, the name it was given under); None: taken as given
    option_help: str = ""  # the flag's --help sentence (a command may word its own)
    default: Any = None  # what applies when it is not given (shown in --help; Config holds the same constant)
    choices: tuple[str, ...] = ()  # the only values the flag takes
    value: str = "text"  # the flag's value: "text", "int", "dir", "file", or "switch" (a flag with no value)
    bounds: tuple[int, int] | None = None  # an "int" flag's range on the command line

    def read(self, value: Any, given_as: str) -> Any:
        """``value`` checked (ConfigurationError naming ``given_as`` when it is not valid)."""
        return value if self.parse is None else self.parse(value, given_as)

    def table_row(self) -> str:
        """This setting's row in the configuration table (docs/configuration.md)."""
        cells = (f"`{self.flag}`" if self.flag else "", f"`{self.env}`" if self.env else "", self.help)
        return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "engine",
        "--engine auto\\|openai\\|extractive",
        "SUMMARIZER_ENGINE",
        "`auto` (default) uses the model when `OPENAI_API_KEY` or a base URL is set, else the extractive "
        "engine (said once on standard error)",
        _engine,
        option_help="auto: the model when OPENAI_API_KEY or a base URL is set, else extractive.",
        default="auto",
        choices=ENGINES,
    ),
    Setting(
        "model",
        "--model NAME",
        "SUMMARIZER_MODEL",
        f"model name; default `{DEFAULT_MODEL}`, an inexpensive current OpenAI model",
        option_help="Model name.",
        default=DEFAULT_MODEL,
    ),
    Setting(
        "base_url",
        "--base-url URL",
        "OPENAI_BASE_URL",
        "any OpenAI-compatible server: vLLM, Ollama, llama.cpp's server (`http://127.0.0.1:8080/v1`)",
        _base_url,
        option_help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.",
    ),
    Setting("api_key", None, "OPENAI_API_KEY", "the key; a local server started without a key needs none"),
    Setting(
        "languages",
        "--languages en,ar",
        None,
        "which summaries to write",
        _languages,
        option_help="Summary languages, comma-separated.",
        default=",".join(SUPPORTED_LANGUAGES),
    ),
    Setting(
        "max_repairs",
        "--max-repairs N",
        None,
        f"repair rounds per article (default {DEFAULT_MAX_REPAIRS})",
        _max_repairs,
        option_help="Repair rounds per article.",
        default=DEFAULT_MAX_REPAIRS,
        value="int",
        bounds=(0, MAX_REPAIRS_FLAG),
    ),
    Setting(
        "prompts_dir",
        "--prompts DIR",
        None,
        "your own templates, searched before the shipped ones (`summarize.v3.jinja` beats `summarize.v2.jinja`)",
        option_help="Directory of your own prompt templates.",
        value="dir",
    ),
    Setting(
        "prices",
        "--prices FILE",
        "SUMMARIZER_PRICES",
        "price table for the `--dry-run` token and cost estimate (JSON with its date; the shipped one is "
        "`summarizer/data/prices.json`)",
        option_help="Price table JSON for --dry-run.",
        value="file",
    ),
    Setting(
        "timeout",
        None,
        "SUMMARIZER_TIMEOUT",
        f"seconds one HTTP request may take in all: connect, send, the whole reply (default {DEFAULT_TIMEOUT:g}); "
        "the `openai` SDK retries a failed request twice ([Server faults](inputs-and-faults.md#server-faults))",
        _timeout,
        default=DEFAULT_TIMEOUT,
    ),
    Setting(
        "max_output_tokens",
        None,
        "SUMMARIZER_MAX_OUTPUT_TOKENS",
        f"output budget per call (default {DEFAULT_MAX_OUTPUT_TOKENS}, or a quarter of a smaller model's context "
        "window, or the model's own output limit when lower)",
        _max_output_tokens,
        default=DEFAULT_MAX_OUTPUT_TOKENS,
    ),
    Setting(
        "context_window",
        None,
        "SUMMARIZER_CONTEXT_WINDOW",
        "context window of the model, over what the server says of the model it serves (vLLM's `max_model_len`, "
        f"llama.cpp's `n_ctx`) and what the tool knows of OpenAI's models; default {DEFAULT_CONTEXT_WINDOW}",
        _context_window,
        default=DEFAULT_CONTEXT_WINDOW,
    ),
    Setting(
        "batch_dir",
        None,
        "SUMMARIZER_BATCH_DIR",
        "where `summarizer batch submit` records each batch and `collect` keeps its output (default "
        "`$XDG_STATE_HOME/summarizer/batches`, else `~/.local/state/summarizer/batches`)",
    ),
    Setting(
        "concurrency",
        "--concurrency N",
        "SUMMARIZER_CONCURRENCY",
        f"articles summarized or translated at once (`summarize`, `translate`; `batch collect` checks and repairs as "
        f"many), each with at most one request in flight (default {DEFAULT_CONCURRENCY}); "
        "a 429's `Retry-After` pauses only the request that got it",
        _concurrency,
        option_help="Articles run at once.",
        default=DEFAULT_CONCURRENCY,
        value="int",
        bounds=(1, MAX_CONCURRENCY),
    ),
    Setting(
        "cache_dir",
        "--cache-dir DIR",
        "SUMMARIZER_CACHE_DIR",
        f"where the model results cache (`{CACHE_FILE}`, SQLite) lives; default `$XDG_CACHE_HOME/summarizer`, "
        "else `~/.cache/summarizer`",
        option_help="Where the model results cache lives.",
        value="dir",
    ),
    Setting(
        "no_cache",
        "--no-cache",
        "SUMMARIZER_NO_CACHE",
        "neither read nor write the cache (`1` in the environment)",
        _switch,
        option_help="Neither read nor write the model results cache.",
        value="switch",
    ),
    Setting(
        "interface",
        "--interface ar\\|en",
        "SUMMARIZER_INTERFACE",
        "the language of the tool's own words on the HTML review pages and in the Markdown (headings, labels, "
        "the verifier's states; the article and its summaries stay as written); default from the locale: `ar` when the "
        "first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set starts with `ar`, else `en`",
        _interface,
        option_help="Language of the page's and the Markdown's own words (default: from the locale, else en).",
        choices=SUPPORTED_LANGUAGES,
    ),
)
SETTINGS_BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}
DEBUG_ENV = "SUMMARIZER_DEBUG"  # read by the CLI only, to show the traceback of an unexpected failure


@dataclass(frozen=True)
class Config:
    """The resolved settings of one run (see :data:`SETTINGS` for each one's meaning)."""

    engine: str = "auto"
    model: str | None = None  # None: the default model, or the only one a local server serves
    base_url: str | None = None
    api_key: str | None = None
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    max_repairs: int = DEFAULT_MAX_REPAIRS
    prompts_dir: str | Path | None = None
    prices: str | Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_output_tokens: int | None = None  # None: DEFAULT_MAX_OUTPUT_TOKENS, less for a small window (budget.py)
    context_window: int | None = None  # None: the served model's, the catalogue's, else DEFAULT_CONTEXT_WINDOW
    batch_dir: str | Path | None = None  # None: the user's state directory (see batch_records_dir)
    concurrency: int = DEFAULT_CONCURRENCY
    cache_dir: str | Path | None = None  # None: the XDG cache directory (resolve_config fills it in)
    no_cache: bool = False
    interface: str | None = None  # None: from the locale (resolve_config fills it in)

    @property
    def model_name(self) -> str:
        """The model asked for, else the default one."""
        return self.model or DEFAULT_MODEL

    @property
    def model_configured(self) -> bool:
        """Whether a key or a server is set, so that ``auto`` chooses the model engine."""
        return bool(self.api_key or self.base_url)


def resolve_config(
    config: Config | None = None, *, environ: Mapping[str, str] | None = None, **overrides: Any
) -> Config:
    """The run's settings: ``overrides`` (None means not given) over ``config`` or the environment.

    Every value, from a keyword (or flag) or from the environment, is checked by its ``Setting``'s parser;
    raises ConfigurationError naming the setting when one is not valid.
    """
    values: dict[str, Any] = {}
    if config is None:
        environ = os.environ if environ is None else environ
        for setting in SETTINGS:
            raw = environ.get(setting.env, "") if setting.env else ""
            if raw.strip():
                values[setting.name] = setting.read(raw, str(setting.env))
        config = Config(**values)
    given = {
        name: SETTINGS_BY_NAME[name].read(value, name) if name in SETTINGS_BY_NAME else value
        for name, value in overrides.items()
        if value is not None
    }
    resolved = dataclasses.replace(config, **given)
    if resolved.interface is None:
        resolved = dataclasses.replace(resolved, interface=locale_interface(os.environ if environ is None else environ))
    if resolved.cache_dir is None:
        resolved = dataclasses.replace(
            resolved, cache_dir=default_cache_dir(os.environ if environ is None else environ)
        )
    return resolved


def resolve_interface(given: str | None = None, *, environ: Mapping[str, str] | None = None) -> str:
    """The interface language of a run that only renders (the CLI's pages and Markdown): ``given``, else
    ``SUMMARIZER_INTERFACE``, else the locale's (:func:`locale_interface`); ConfigurationError when not valid."""
    environ = os.environ if environ is None else environ
    setting = SETTINGS_BY_NAME["interface"]
    if given is not None:
        return str(setting.read(given, "interface"))
    raw = environ.get(str(setting.env), "")
    return str(setting.read(raw, str(setting.env))) if raw.strip() else locale_interface(environ)


def default_cache_dir(environ: Mapping[str, str]) -> Path:
    """The XDG rule: ``$XDG_CACHE_HOME/summarizer`` when set (and absolute), else ``~/.cache/summarizer``."""
    xdg = environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "summarizer"


def batch_records_dir(config: Config) -> Path:
    """Where batch records live: ``config.batch_dir``, else the XDG state directory's ``summarizer/batches``."""
    if config.batch_dir:
        return Path(config.batch_dir)
    state = os.environ.get("XDG_STATE_HOME", "").strip()
    base = Path(state) if state and Path(state).is_absolute() else Path.home() / ".local" / "state"
    return base / "summarizer" / "batches"


def debug_enabled() -> bool:
    """Whether ``SUMMARIZER_DEBUG`` asks for tracebacks of unexpected failures."""
    return bool(os.environ.get(DEBUG_ENV))


def markdown_table() -> str:
    """The configuration table's rows (docs/configuration.md) for every declared setting."""
    return "\n".join(setting.table_row() for setting in SETTINGS)
