"""Click options made from the settings' declarations (summarizer.config.SETTINGS): the flag, its value's
type or choices, the environment variable and the default in its help, each written once, there.

Every option defaults to None (not given), so that an unset flag falls back to the environment and the
defaults in ``resolve_config``, the one place a setting is checked.
"""

from __future__ import annotations

from typing import Any

import click

from summarizer.config import SETTINGS_BY_NAME, Setting
from summarizer.languages import SUPPORTED_LANGUAGES


def setting_option(name: str, *, help: str | None = None) -> Any:
    """The click option of setting ``name``; ``help`` words its --help sentence for one command."""
    setting = SETTINGS_BY_NAME[name]
    if setting.flag is None:
        raise ValueError(f"setting {name!r} has no flag")
    extra: dict[str, Any] = {"type": _value_type(setting)}
    if setting.value == "switch":
        extra = {"is_flag": True}
    return click.option(setting.flag.split()[0], name, default=None, help=option_help(setting, help), **extra)


def option_help(setting: Setting, sentence: str | None = None) -> str:
    """The --help text of a setting's flag: its sentence, then the environment variable and the default."""
    notes = [f"env {setting.env}"] if setting.env else []
    if setting.default is not None:
        notes.append(f"default {setting.default}")
    text = sentence or setting.option_help
    return f"{text} [{'; '.join(notes)}]" if notes else text


def language_choice() -> click.Choice:
    """The languages a command takes one of (``translate --to``)."""
    return click.Choice(list(SUPPORTED_LANGUAGES))


def _value_type(setting: Setting) -> Any:
    if setting.choices:
        return click.Choice(list(setting.choices))
    if setting.value == "int":
        return click.IntRange(*setting.bounds) if setting.bounds else int
    if setting.value == "dir":
        return click.Path(file_okay=False)
    if setting.value == "file":
        return click.Path(dir_okay=False)
    return None
