"""Regular files only where dlcat keeps state or writes, and state that is what it says (issue 13, points 2, 5).

Each case runs `dlcat` in a child process with a timeout, so that a hang fails the test instead of the run.
"""

from __future__ import annotations

import json
import os
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

AGENDA = "agenda-2nd-dlcat-2019.json"


def dlcat(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m dlcat_cli ARGS` with DLCAT_HOME=home; a hang of more than 30 s fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "dlcat_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DLCAT_HOME": str(home)},
        cwd=cwd,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize("args", [("agenda",), ("plan", "--pick", "B10"), ("now", "--at", "10:30")])
def test_an_agenda_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path, args: tuple[str, ...]) -> None:
    """A FIFO (or a link to one) where the agenda should be: one line, exit 1, nothing replaced."""
    tmp_path.mkdir(exist_ok=True)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / AGENDA).symlink_to(fifo)
    result = dlcat(tmp_path, *args)
    assert result.returncode == 1
    assert "is a FIFO (named pipe), not a regular file" in result.stderr
    assert result.stderr.count("\n") == 1
    assert stat.S_ISFIFO(os.stat(tmp_path / AGENDA).st_mode)


def test_grid_is_still_shown_beside_a_fifo_agenda(tmp_path: Path) -> None:
    """grid is worth showing without the marks: a warning, exit 0."""
    os.mkfifo(tmp_path / AGENDA)
    result = dlcat(tmp_path, "grid")
    assert result.returncode == 0
    assert result.stderr.startswith("warning: the saved agenda")


def test_export_onto_a_fifo_or_through_a_dangling_link_is_refused(tmp_path: Path) -> None:
    """A FIFO as the target would hang; a link to nothing would create a file where it points."""
    os.mkfifo(tmp_path / "out.ics")
    for force in ((), ("--force",)):
        result = dlcat(tmp_path, "export", "out.ics", "--pick", "B10", *force, cwd=tmp_path)
        assert result.returncode == 1
        assert (
            result.stderr
            == "dlcat: can't write out.ics: it is a FIFO (named pipe); give the name of a regular file\n"
        )
    (tmp_path / "link.ics").symlink_to(tmp_path / "nowhere" / "x.ics")
    result = dlcat(tmp_path, "export", "link.ics", "--pick", "B10", cwd=tmp_path)
    assert result.returncode == 1
    assert "it is a link to" in result.stderr
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_force_never_replaces_a_device(tmp_path: Path) -> None:
    """export --force onto a character device: refused, the device stays a device."""
    device = tmp_path / "dev.ics"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    result = dlcat(tmp_path, "export", str(device), "--pick", "B10", "--force")
    assert result.returncode == 1
    assert "it is a device" in result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_program_given_as_a_fifo_is_read_as_given(tmp_path: Path) -> None:
    """What the user names as input is read as it comes (`--program <(curl ...)`), and never cached."""
    program = (Path(__file__).parent / "programs" / "first-dlcat-2018.yaml").read_bytes()
    fifo = tmp_path / "program.fifo"
    os.mkfifo(fifo)
    child = subprocess.Popen(
        [sys.executable, "-m", "dlcat_cli", "--program", str(fifo), "list", "--time", "10:30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DLCAT_HOME": str(tmp_path)},
    )
    with fifo.open("wb") as writer:
        writer.write(program)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert "A1010" in out
    assert not list(tmp_path.glob("cache/program-*"))


@pytest.mark.parametrize("command", [("list", "--time", "10:30"), ("import", "-o", "-")])
def test_a_fifo_nothing_writes_to_is_waited_on_out_loud(tmp_path: Path, command: tuple[str, ...]) -> None:
    """`dlcat --program fifo` with no writer hung without a word: after a second, one note says what dlcat
    waits for and how to end it; written to then, the program is read as usual."""
    program = (Path(__file__).parent / "programs" / "first-dlcat-2018.yaml").read_bytes()
    fifo = tmp_path / "program.fifo"
    os.mkfifo(fifo)
    args = ("--program", str(fifo), *command) if command[0] == "list" else ("import", str(fifo), "-o", "-")
    child = subprocess.Popen(
        [sys.executable, "-m", "dlcat_cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DLCAT_HOME": str(tmp_path)},
    )
    assert child.stderr is not None
    ready, _, _ = select.select([child.stderr], [], [], 30)  # a silent hang fails the test, not the run
    if not ready:
        child.kill()
        child.communicate()
        pytest.fail("30 s waiting on the FIFO without a word")
    waiting = child.stderr.readline()  # nothing has opened the FIFO for writing: the note comes first
    assert waiting == (
        f"waiting for input on {fifo}, a FIFO (named pipe) that nothing writes to yet; give a regular file, "
        f"or write to it (cat program.yaml > {fifo})\n"
    )
    with fifo.open("wb") as writer:
        writer.write(program)
    out, err = child.communicate(timeout=30)
    if command[0] == "list":
        assert child.returncode == 0, err
        assert "A1010" in out
    else:  # a dlcat program file is no schedule to import: read, then refused in one line
        assert child.returncode == 1
        assert "is not a schedule JSON or XML file" in err


def test_an_agenda_from_a_newer_dlcat_is_left_alone(tmp_path: Path) -> None:
    """Schema 99: agenda says so in one line; plan --pick neither replaces nor moves it."""
    assert dlcat(tmp_path, "plan", "--pick", "B10").returncode == 0
    path = tmp_path / AGENDA
    document = json.loads(path.read_text(encoding="utf-8"))
    document["schema"] = 99
    path.write_text(json.dumps(document), encoding="utf-8")
    before = path.read_bytes()
    result = dlcat(tmp_path, "agenda")
    assert result.returncode == 1
    assert "was written by a newer dlcat (agenda schema 99; this one reads up to 2)" in result.stderr
    again = dlcat(tmp_path, "plan", "--pick", "C11")
    assert again.returncode == 1
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(AGENDA) and p.suffix != ".lock"] == [
        AGENDA
    ]


def test_another_conferences_agenda_is_refused_then_kept_aside(tmp_path: Path) -> None:
    """An agenda of conference 'elsewhere' copied under this one's name: refused; a new --pick keeps it aside."""
    assert dlcat(tmp_path, "plan", "--pick", "B10").returncode == 0
    path = tmp_path / AGENDA
    document = json.loads(path.read_text(encoding="utf-8"))
    document["program"]["id"] = "elsewhere"
    path.write_text(json.dumps(document), encoding="utf-8")
    foreign = path.read_bytes()
    result = dlcat(tmp_path, "agenda")
    assert result.returncode == 1
    assert "is for conference 'elsewhere', not '2nd-dlcat-2019'" in result.stderr
    assert dlcat(tmp_path, "plan", "--pick", "C11").returncode == 0
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith(f"{AGENDA}.damaged-")]
    assert aside.read_bytes() == foreign


def test_a_killed_writes_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    """A temporary file older than a minute is a killed write's: the next save removes it; a young one stays."""
    old = tmp_path / f".{AGENDA}.abc123.tmp"
    young = tmp_path / f".{AGENDA}.def456.tmp"
    for leftover in (old, young):
        leftover.write_bytes(b"half")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert dlcat(tmp_path, "plan", "--pick", "B10").returncode == 0
    assert not old.exists()
    assert young.exists()


def test_force_never_replaces_through_a_link_a_file_dlcat_did_not_write(tmp_path: Path) -> None:
    """`export lv.ics --force` where lv.ics links to a file of the user's: refused, the file unchanged;
    through a link to a calendar dlcat wrote, the export goes on."""
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n", encoding="utf-8")
    (tmp_path / "lv.ics").symlink_to(victim)
    result = dlcat(tmp_path, "export", "lv.ics", "--force", "--pick", "B10", cwd=tmp_path)
    assert result.returncode == 1
    assert "which dlcat did not write" in result.stderr
    assert victim.read_text(encoding="utf-8") == "mine\n"
    assert dlcat(tmp_path, "export", "real.ics", "--pick", "B10", cwd=tmp_path).returncode == 0
    (tmp_path / "ok.ics").symlink_to(tmp_path / "real.ics")
    assert dlcat(tmp_path, "export", "ok.ics", "--pick", "B10,C11", cwd=tmp_path).returncode == 0
    assert (tmp_path / "ok.ics").is_symlink()
    assert "C11@" in (tmp_path / "real.ics").read_text(encoding="utf-8")


def test_program_dash_is_standard_input_and_never_cached(tmp_path: Path) -> None:
    """`--program -` reads the program from standard input (issue 13 names it), and caches nothing."""
    program = (Path(__file__).parent / "programs" / "first-dlcat-2018.yaml").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "dlcat_cli", "--program", "-", "list", "--time", "10:30"],
        input=program,
        capture_output=True,
        env={**os.environ, "DLCAT_HOME": str(tmp_path)},
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"A1010" in result.stdout
    assert not list(tmp_path.glob("cache/program-*"))
