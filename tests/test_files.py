"""files.py: atomic writes that leave permissions as a plain write would."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from dlcat_cli.formats import files
from dlcat_cli.formats.files import read_bounded, write_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_a_new_file_gets_the_usual_permissions_not_owner_only(tmp_path: Path) -> None:
    """mkstemp makes 0600 files; an exported calendar should be 0644 like any file the user makes."""
    target = tmp_path / "agenda.ics"
    write_atomic(target, b"BEGIN:VCALENDAR\r\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"BEGIN:VCALENDAR\r\n"


@pytest.mark.usefixtures("umask_022")
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    """Replacing a file the user made private (0640) keeps it so."""
    target = tmp_path / "agenda.ics"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new", durable=False)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.ics"]  # no temporary file left behind


def test_a_symbolic_link_is_followed_not_replaced(tmp_path: Path) -> None:
    """Exporting to a link into a synced folder updates the file there and keeps the link."""
    (tmp_path / "synced").mkdir()
    real = tmp_path / "synced" / "agenda.ics"
    real.write_bytes(b"old")
    link = tmp_path / "agenda.ics"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_opening_a_fifo_with_no_writer_is_told_once_then_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_bounded calls `waiting` when opening a FIFO still waits for a writer; here the callback itself
    becomes the writer, so the read then ends with what it wrote."""
    monkeypatch.setattr(files, "WAITING_NOTE_SECONDS", 0.01)
    fifo = tmp_path / "program.fifo"
    os.mkfifo(fifo)
    told: list[Path] = []

    def write_to_it(path: Path) -> None:
        told.append(path)
        with path.open("wb") as writer:
            writer.write(b"conference: {}\n")

    assert read_bounded(fifo, write_to_it) == b"conference: {}\n"
    assert told == [fifo]


def test_a_regular_file_is_never_waited_on(tmp_path: Path) -> None:
    """No timer for a regular file, nor for a path that is not there (open names that)."""
    path = tmp_path / "program.yaml"
    path.write_bytes(b"x")

    def never(_: Path) -> None:
        raise AssertionError("waited on a regular file")

    assert read_bounded(path, never) == b"x"
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "absent.yaml", never)
