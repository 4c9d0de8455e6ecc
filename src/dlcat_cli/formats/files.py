"""Reading files no larger than a program can be, and writing files so that no reader ever sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dlcat_cli.errors import DlcatError

MAX_FILE_BYTES = 200 * 1024 * 1024  # a program or schedule file larger than this is refused


def read_bounded(path: Path) -> bytes:
    """The bytes of `path`, but never more than one past MAX_FILE_BYTES: a file of 10 GB (or /dev/zero) is
    not read whole only to be refused. Raises OSError."""
    with path.open("rb") as stream:
        return stream.read(MAX_FILE_BYTES + 1)


def check_size(data: bytes, label: str) -> None:
    """A file over MAX_FILE_BYTES is refused in one line."""
    if len(data) > MAX_FILE_BYTES:
        raise DlcatError(
            f"{label}: refused: larger than the {MAX_FILE_BYTES // 1024 // 1024} MB a program or schedule "
            "file may have"
        )


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same directory and os.replace.

    A crash or a second writer at the same moment leaves either the old file or the new one,
    never a mix. With `durable`, the data is flushed to disk (fsync) before it takes the name,
    and the directory entry after. The file keeps the permissions of the one it replaces, or gets
    those of any new file (mkstemp's own are owner-only). Raises OSError; the temporary file is
    removed on failure. A symbolic link is followed: the file it points to is replaced, the link stays.
    """
    path = Path(os.path.realpath(path))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if durable and hasattr(os, "O_DIRECTORY"):
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _mode_for(path: Path) -> int:
    """The permission bits `path` has, or those a newly created file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
