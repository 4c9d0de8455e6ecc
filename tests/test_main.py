"""__main__.py: output that can't be written is one line, never a traceback, and never after a save (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def dlcat(*args: str, close_stdout: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m dlcat_cli ARGS` in a child process, with standard output closed if asked."""
    return subprocess.run(
        [sys.executable, "-m", "dlcat_cli", *args],
        capture_output=not close_stdout,
        stderr=subprocess.PIPE if close_stdout else None,
        text=True,
        env={**os.environ, **env},
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "args", [("list", "--time", "10"), ("show", "B10", "--json"), ("export", "-", "--pick", "B10")]
)
def test_a_closed_standard_output_is_one_line(args: tuple[str, ...]) -> None:
    """`dlcat list >&-`: exit 1 and one line on stderr that says standard output is closed."""
    result = dlcat(*args, close_stdout=True)
    assert result.returncode == 1
    assert result.stderr.startswith("dlcat: standard output is closed")
    assert result.stderr.count("\n") == 1


def test_plan_saves_nothing_it_cannot_show() -> None:
    """`dlcat plan --pick B10 >&-` stops before saving: the agenda file does not appear."""
    result = dlcat("plan", "--pick", "B10", close_stdout=True)
    assert result.returncode == 1
    assert "nothing was saved" in result.stderr
    assert not (Path(os.environ["DLCAT_HOME"]) / "agenda-2nd-dlcat-2019.json").exists()


def _in_encoding(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m dlcat_cli ARGS` writing in `encoding` (PYTHONIOENCODING), its output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "dlcat_cli", *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(("encoding", "kept"), [("ascii", "10:00-10:50"), ("euc-kr", "조수현")])
def test_characters_an_encoding_cannot_hold_become_question_marks(encoding: str, kept: str) -> None:
    """PYTHONIOENCODING=ascii: '?' for Hangul and '-' for the en dash, exit 0, the columns where they were
    laid out; EUC-KR holds Hangul as it is, and writes '-' for the en dash it lacks."""
    result = _in_encoding(encoding, "list", "--time", "10")
    assert result.returncode == 0, result.stderr
    shown = result.stdout.decode(encoding)
    assert kept in shown
    assert "10:00-10:50" in shown
    from rich.cells import cell_len

    bars = {  # where each column's `|` is, in terminal cells: the same on every line of the table
        tuple(cell_len(line[:at]) for at, char in enumerate(line) if char == "|")
        for line in shown.splitlines()
        if "|" in line
    }
    assert len(bars) == 1, shown
    plan = _in_encoding(encoding, "plan", "--pick", "B10,D11")
    assert plan.returncode == 0, plan.stderr
    assert b"Saved to" in plan.stderr


def test_help_and_version_with_stdout_closed_are_one_line() -> None:
    """`dlcat --help >&-` printed a DlcatError traceback: outside a command it is one line too."""
    for args in (("--help",), ("--version",)):
        result = dlcat(*args, close_stdout=True)
        assert result.returncode == 1
        assert result.stderr.startswith("dlcat: standard output is closed")
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("plan", "--pick", "B10,D11"), ("list", "--json"), ("list",)])
def test_a_reader_that_leaves_early_is_no_failure(args: tuple[str, ...]) -> None:
    """`dlcat plan ... | head -1`: exit 0, and what was done stands (rich would have exited 1 after saving)."""
    child = subprocess.Popen(
        [sys.executable, "-m", "dlcat_cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert child.stdout is not None
    child.stdout.readline()
    child.stdout.close()  # the reader leaves
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert b"Traceback" not in err


FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")
SCHEDULES = Path(__file__).parent / "schedules"
AGENDA_FILE = "agenda-2nd-dlcat-2019.json"


def _writing_to(stdout: Any, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m dlcat_cli ARGS` with `stdout` (a file or a descriptor) as its standard output."""
    return subprocess.run(
        [sys.executable, "-m", "dlcat_cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


def _to_full(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m dlcat_cli ARGS > /dev/full`: every write to standard output fails with ENOSPC."""
    with FULL.open("w") as full:
        return _writing_to(full, *args)


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("grid",),
        ("show", "B10"),
        ("list", "--json"),
        ("search", "GAN"),
        ("now",),
        ("export", "--pick", "B10", "-"),
        ("import", str(SCHEDULES / "schedule2_flat.json"), "-o", "-"),
        ("--help",),
        ("plan", "-h"),
        ("--version",),
    ],
)
def test_a_full_standard_output_is_one_line(args: tuple[str, ...]) -> None:
    """`dlcat list > /dev/full` printed a traceback ending in OSError: now one line naming it, and exit 1,
    whether the write failed at once (a long listing) or at the flush (a short one, --version)."""
    result = _to_full(*args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    *_, last = result.stderr.splitlines()  # import's notes on the schedule it read come first
    assert last.startswith("dlcat: standard output can't be written (No space left on device); ")
    assert (len(result.stderr.splitlines()) == 1) is (args[0] != "import")


@needs_dev_full
def test_plan_saves_nothing_when_its_output_is_full() -> None:
    """`dlcat plan --pick D11 > /dev/full` replaced the saved agenda though nothing was shown: the
    agenda saved before stays as it was."""
    assert dlcat("plan", "--pick", "B10").returncode == 0
    agenda = Path(os.environ["DLCAT_HOME"]) / AGENDA_FILE
    before = agenda.read_bytes()
    result = _to_full("plan", "--pick", "D11")
    assert result.returncode == 1
    assert "nothing was saved" in result.stderr
    assert "Traceback" not in result.stderr
    assert agenda.read_bytes() == before


def _to_a_reader_gone(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m dlcat_cli ARGS | (exec 0<&-)`: the pipe's reader left before dlcat started."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return _writing_to(writer, *args)
    finally:
        os.close(writer)


@pytest.mark.parametrize("json", [(), ("--json",)])
def test_plan_saves_nothing_when_the_reader_left_before_it(json: tuple[str, ...]) -> None:
    """`dlcat plan --pick D11,A13 | (exec 0<&-; sleep .5)` exited 0 and saved what nobody saw: now exit 1,
    one line, nothing saved."""
    result = _to_a_reader_gone("plan", "--pick", "D11,A13", *json)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "dlcat: the reader of standard output left before the agenda was shown; nothing was saved"
    )
    assert "Traceback" not in result.stderr
    assert not (Path(os.environ["DLCAT_HOME"]) / AGENDA_FILE).exists()


@pytest.mark.parametrize("args", [("--help",), ("plan", "-h"), (), ("--lang", "ko", "list", "--help")])
def test_help_piped_has_no_line_ending_in_spaces(args: tuple[str, ...]) -> None:
    """`dlcat --help | cat`: typer's own console padded every line to the width; now its help is printed
    through a SafeConsole (terminal.safe_typer_consoles), as all of dlcat's output is."""
    result = subprocess.run(
        [sys.executable, "-m", "dlcat_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=60,
        check=False,
    )
    assert result.returncode in (0, 2), result.stderr  # no arguments at all: help, and typer's exit 2
    assert "Usage: dlcat" in result.stdout or "사용법" in result.stdout
    assert "Options" in result.stdout or "옵션" in result.stdout
    assert [line for line in result.stdout.splitlines() if line.endswith(" ")] == []


def test_help_is_asked_for_before_a_double_dash_only() -> None:
    """`dlcat list --search -- -h` searches for "-h": typer's consoles are left alone for it."""
    from dlcat_cli.cli.app import _asks_for_help

    assert _asks_for_help(["plan", "--pick", "B10", "-h"])
    assert _asks_for_help([])
    assert not _asks_for_help(["list", "--search", "--", "-h"])
    assert not _asks_for_help(["list", "--time", "10"])


@pytest.mark.parametrize("args", [("--version",), ("list",), ("show", "B10", "--json")])
def test_a_reader_gone_before_anything_is_shown_is_no_failure_for_what_saves_nothing(
    args: tuple[str, ...],
) -> None:
    """`dlcat --version | (exec 0<&-)`: click exited 1 for --version; like a listing, exit 0 quietly."""
    result = _to_a_reader_gone(*args)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_files_own_error_is_not_taken_for_the_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An OSError naming a file is a reader's (which says its own line), never `standard output can't be
    written`: the entry point lets it through."""
    import dlcat_cli.cli
    from dlcat_cli.__main__ import main

    def missing() -> None:
        raise FileNotFoundError(2, "No such file or directory", "program.yaml")

    monkeypatch.setattr(dlcat_cli.cli, "main", missing)
    monkeypatch.setattr(sys, "argv", ["dlcat", "list"])
    with pytest.raises(FileNotFoundError):
        main()
    assert "standard output" not in capsys.readouterr().err
