"""Click options made from the settings' declarations (summarizer.config.SETTINGS): the flag, its value's
type or choices, the environment variable and the default in its help, each written once, there.

Every option defaults to None (not given), so that an unset flag falls back to the environment and the
defaults in ``resolve_config``, the one place a setting is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from summarizer.config import SETTINGS_BY_NAME, Setting
from summarizer.languages import SUPPORTED_LANGUAGES

if TYPE_CHECKING:
    from summarizer.glossary import Glossary


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


def glossary_option(sentence: str) -> Any:
    """``--glossary FILE`` (translate, summarize, verify): ``sentence`` says what the command does with its terms;
    the file's formats are named here, once."""
    return click.option(
        "--glossary",
        type=click.Path(dir_okay=False),
        help=f"{sentence}. A two-column CSV (source,target) or JSON file.",
    )


def read_glossary(path: str | None) -> Glossary | None:
    """The ``--glossary`` file read once, before any work (None when not given); a bad file is one Error: line
    and exit status 2."""
    if path is None:
        return None
    from summarizer.cli.common import call
    from summarizer.glossary import load_glossary

    return call(lambda: load_glossary(path))


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
