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
    assert config.max_output_tokens == DEFAULT_MAX_OUTPUT_TOKENS == 2000
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
