"""Settings: one declaration, resolved once from keyword arguments over the environment, checked there."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from summarizer import summarize
from summarizer.cli import summarize as summarize_command
from summarizer.config import DEFAULT_MAX_OUTPUT_TOKENS, SETTINGS, Config, markdown_table, resolve_config
from summarizer.errors import ConfigurationError


def readme_table() -> list[str]:
    """The settings table of the configuration page (docs/configuration.md)."""
    section = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| flag")]


def test_readme_table_is_the_declaration() -> None:
    """Every declared setting has its generated row; every row naming a variable is a declared setting's."""
    rows = readme_table()
    for row in markdown_table().splitlines():
        assert row in rows
    generated = set(markdown_table().splitlines())
    for row in rows:
        if re.search(r"`(SUMMARIZER|OPENAI)_[A-Z_]+`", row):
            assert row in generated, row


def test_every_declared_flag_exists() -> None:
    options = {option for param in summarize_command.params for option in param.opts}
    for setting in SETTINGS:
        if setting.flag:
            assert setting.flag.split()[0] in options


def test_keyword_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "30")
    config = resolve_config(model="from-argument", languages="ar")
    assert (config.model, config.timeout, config.languages) == ("from-argument", 30.0, ("ar",))
    assert config.max_output_tokens is None and DEFAULT_MAX_OUTPUT_TOKENS == 2000  # None: the budget decides
    given = Config(model="given")
    assert resolve_config(given).model == "given"  # a Config given is not mixed with the environment


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "-inf", "soon"])
def test_bad_timeout_is_one_clear_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", value)
    with pytest.raises(ConfigurationError, match=r"^SUMMARIZER_TIMEOUT=.* must be a positive number of seconds$"):
        summarize("12 people.", engine="extractive")


@pytest.mark.parametrize(("name", "value"), [("SUMMARIZER_MAX_OUTPUT_TOKENS", "100"), ("SUMMARIZER_ENGINE", "gpt")])
def test_bad_settings_are_refused_at_the_boundary(name: str, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError):
        resolve_config()


def test_negative_max_repairs_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="max_repairs must be 0 or more"):
        resolve_config(max_repairs=-1)


# One path: a keyword argument (or flag) and the environment are checked by the same Setting.
BAD_VALUES = [
    # (setting, bad keyword value, its environment variable or None, bad environment value, message)
    ("timeout", -5, "SUMMARIZER_TIMEOUT", "-5", "must be a positive number of seconds"),
    ("max_output_tokens", 100, "SUMMARIZER_MAX_OUTPUT_TOKENS", "100", "must be a whole number of at least 256"),
    ("context_window", 0, "SUMMARIZER_CONTEXT_WINDOW", "0", "must be a positive integer"),
    ("engine", "gpt", "SUMMARIZER_ENGINE", "gpt", "unknown engine 'gpt'"),
    ("concurrency", 0, "SUMMARIZER_CONCURRENCY", "0", "must be a whole number from 1 to 256"),
    ("base_url", "ftp://example.org", "OPENAI_BASE_URL", "ftp://example.org", "the base URL .* is not valid"),
    ("languages", "fr", None, None, "unsupported language 'fr'"),
    ("max_repairs", -1, None, None, "max_repairs must be 0 or more"),
]


def test_a_bad_concurrency_from_the_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """As SUMMARIZER_TIMEOUT's does: a value set in a crontab long ago is found by its name."""
    monkeypatch.setenv("SUMMARIZER_CONCURRENCY", "abc")
    with pytest.raises(
        ConfigurationError, match=r"^SUMMARIZER_CONCURRENCY='abc' must be a whole number from 1 to 256$"
    ):
        resolve_config()


def test_resolve_config_refuses_a_negative_timeout_keyword() -> None:
    with pytest.raises(ConfigurationError, match=r"^timeout=-5 must be a positive number of seconds$"):
        resolve_config(timeout=-5)


@pytest.mark.parametrize(("name", "value", "env", "env_value", "message"), BAD_VALUES)
def test_a_bad_keyword_is_refused_as_the_environment_is(
    name: str, value: object, env: str | None, env_value: str | None, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        resolve_config(**{name: value})
    if env is not None:
        monkeypatch.setenv(env, str(env_value))
        with pytest.raises(ConfigurationError, match=message):
            resolve_config()


@pytest.mark.parametrize(
    ("name", "value", "env", "env_value", "expected"),
    [
        ("timeout", 30, "SUMMARIZER_TIMEOUT", "30", 30.0),
        ("max_output_tokens", 300, "SUMMARIZER_MAX_OUTPUT_TOKENS", "300", 300),
        ("context_window", 4096, "SUMMARIZER_CONTEXT_WINDOW", "4096", 4096),
        ("engine", "Extractive", "SUMMARIZER_ENGINE", "Extractive", "extractive"),
        ("concurrency", 3, "SUMMARIZER_CONCURRENCY", "3", 3),
        (
            "base_url",
            "http://127.0.0.1:8080/v1",
            "OPENAI_BASE_URL",
            "http://127.0.0.1:8080/v1",
            "http://127.0.0.1:8080/v1",
        ),
        ("no_cache", True, "SUMMARIZER_NO_CACHE", "1", True),
    ],
)
def test_a_good_value_reads_the_same_from_a_keyword_and_the_environment(
    name: str, value: object, env: str, env_value: str, expected: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert getattr(resolve_config(**{name: value}), name) == expected
    monkeypatch.setenv(env, env_value)
    assert getattr(resolve_config(), name) == expected


def test_every_setting_with_a_check_has_its_parser() -> None:
    """The checks live on the Settings (no keyword-only checks beside them)."""
    checked = {setting.name for setting in SETTINGS if setting.parse is not None}
    assert {"engine", "base_url", "languages", "max_repairs", "timeout", "max_output_tokens"} <= checked
    assert {"context_window", "concurrency", "no_cache"} <= checked
