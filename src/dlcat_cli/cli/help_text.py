"""dlcat's help in the language of the run: each command's help, epilog and options' help, from the catalogue.

The English texts stay where they belong (docstrings, `help=` and `epilog=` beside each command and option); this
module is the one place they are looked up in the catalogue (i18n), just before the command line runs, so the
catalogue's msgids are those texts exactly. tests/test_i18n.py walks the same `texts` and fails on any text the
Korean catalogue lacks. Typer's own `--install-completion` and `--show-completion` help are translated alike,
and the help option's "Show this message and exit." (which typer does not look up) is too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

HELP_OPTION_TEXT = "Show this message and exit."  # typer's words for -h/--help (typer/_click/decorators.py)


def commands(root: Any) -> Iterator[Any]:
    """`root` (a typer command or group) and every command under it, depth first."""
    yield root
    for command in getattr(root, "commands", {}).values():
        yield from commands(command)


def _help_option(command: Any, help_option_names: list[str]) -> Any:
    """The command's help option, made now as the run will make it (typer keeps the one it first makes)."""
    from typer._click.core import Context

    return command.get_help_option(Context(command, help_option_names=help_option_names))


def _holders(root: Any, help_option_names: list[str]) -> Iterator[tuple[Any, str]]:
    """Every (object, attribute) of `root`'s tree that holds a help text shown to the attendee."""
    for command in commands(root):
        for attribute in ("help", "short_help", "epilog"):
            yield command, attribute
        options = [*command.params, _help_option(command, help_option_names)]
        for option in options:
            if option is not None:
                yield option, "help"


def texts(root: Any, help_option_names: list[str]) -> set[str]:
    """Every help text in `root`'s tree, in English: the msgids the catalogue must hold."""
    return {
        text
        for holder, attribute in _holders(root, help_option_names)
        if (text := getattr(holder, attribute))
    }


def translate(root: Any, help_option_names: list[str]) -> None:
    """Replace each help text in `root`'s tree by its translation in the language i18n.setup chose."""
    from dlcat_cli import i18n

    for holder, attribute in _holders(root, help_option_names):
        text = getattr(holder, attribute)
        if text:  # i18n._, not _: the msgids here are the texts themselves (tests/test_i18n.py checks them)
            setattr(holder, attribute, i18n._(text))
