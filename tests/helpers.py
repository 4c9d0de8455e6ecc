"""Shared by the tests: the small program files and a CLI runner."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from dlcat_cli.cli import app

PROGRAMS = Path(__file__).parent / "programs"
NIGHT_CAMP_FILE = (
    Path(__file__).parent.parent / "examples" / "night-camp.yaml"
)  # the README's two-day program


def run(*args: str) -> Result:
    """`dlcat ARGS` in-process, stdout and stderr kept apart."""
    return CliRunner().invoke(app, list(args))
