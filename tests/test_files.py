"""files.py: atomic writes that leave permissions as a plain write would."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from dlcat_cli.formats.files import write_atomic


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
