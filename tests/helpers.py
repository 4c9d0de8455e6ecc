"""Shared by the tests: the small program files and a CLI runner."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner, Result

from dlcat_cli.cli import app
from dlcat_cli.core.agenda import SavedAgenda, to_saved
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import plan_agenda
from dlcat_cli.core.rules import Pace
from dlcat_cli.formats.loader import parse_program

PROGRAMS = Path(__file__).parent / "programs"
NIGHT_CAMP_FILE = (
    Path(__file__).parent.parent / "examples" / "night-camp.yaml"
)  # the README's two-day program


def run(*args: str) -> Result:
    """`dlcat ARGS` in-process, stdout and stderr kept apart."""
    return CliRunner().invoke(app, list(args))


# -- saved agendas, for the core tests of core/agenda.py and core/review.py ------------------------

BUNDLED = Path(__file__).parents[1] / "src" / "dlcat_cli" / "data" / "program.yaml"
FIRST = PROGRAMS / "first-dlcat-2018.yaml"
SAVED_AT = datetime(2019, 7, 1, 12, 0, tzinfo=UTC)


def saved(program: Program, ids: list[str], pace: Pace | None = None) -> SavedAgenda:
    """An agenda saved with `ids`, checked or not (a saved agenda the program later broke)."""
    return to_saved(program, plan_agenda(program, ids, pace or Pace()), None, SAVED_AT)


def edited(program: Program, text: str, old: str, new: str) -> Program:
    """`program`'s file text with `old` replaced by `new` (which must be there), read again."""
    assert old in text
    return parse_program(text.replace(old, new).encode("utf-8"), "changed.yaml")


def first_dlcat_before_and_after(old: str, new: str) -> tuple[Program, Program]:
    """The 1st DLCAT program as it is, and with `old` replaced by `new` in its file."""
    text = FIRST.read_text(encoding="utf-8")
    before = parse_program(text.encode("utf-8"), FIRST.name)
    return before, edited(before, text, old, new)
