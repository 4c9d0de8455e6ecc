"""Files where dlcat keeps state or writes, and files it reads: regular files only where it keeps
state or writes, written so no reader sees half of one; nothing read past the size a program can be.

A FIFO, a device or a socket in the place of the agenda, the cache or an export target would make a read
hang or a write land somewhere else; they are refused (NotARegularFile) without opening them for blocking.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.limits import MAX_FILE_BYTES
from dlcat_cli.i18n import _, say

if TYPE_CHECKING:
    import threading


def data_dir() -> Path:
    """`$DLCAT_HOME` when set, else the platform's user data directory for dlcat: where the agenda
    (store.py) and the kept schedules (program_source.py) live."""
    home = os.environ.get("DLCAT_HOME")
    if home:
        return Path(home)
    import platformdirs

    return platformdirs.user_data_path("dlcat")


WAITING_NOTE_SECONDS = 1.0  # how long opening a FIFO may wait for a writer before `waiting` is told


def read_bounded(path: Path, waiting: Callable[[Path], None] | None = None) -> bytes:
    """The bytes of `path` (`-`: standard input, as `--program -` names it), but never more than one past
    MAX_FILE_BYTES: a file of 10 GB (or /dev/zero) is not read whole only to be refused. Raises OSError.

    A FIFO is read as it comes (`--program <(curl -s URL)`), and opening one waits until something opens it
    for writing; `waiting(path)`, when given, is called once, from another thread, if that wait passes
    WAITING_NOTE_SECONDS, so that the attendee is told what dlcat waits for rather than left at a silent hang."""
    if str(path) == "-":
        import sys

        return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    timer = _waiting_timer(path, waiting)
    try:
        stream = path.open("rb")
    finally:
        if timer is not None:
            timer.cancel()
    with stream:
        return stream.read(MAX_FILE_BYTES + 1)


def _waiting_timer(path: Path, waiting: Callable[[Path], None] | None) -> threading.Timer | None:
    """A started timer that calls `waiting(path)` after WAITING_NOTE_SECONDS, when `path` is a FIFO."""
    if waiting is None:
        return None
    try:
        if not stat.S_ISFIFO(os.stat(path).st_mode):
            return None
    except OSError:  # open says what is wrong
        return None
    import threading

    timer = threading.Timer(WAITING_NOTE_SECONDS, waiting, (path,))
    timer.daemon = True  # never keeps the process alive
    timer.start()
    return timer


def check_size(data: bytes, label: str) -> None:
    """A file over MAX_FILE_BYTES is refused in one line."""
    if len(data) > MAX_FILE_BYTES:
        raise DlcatError(
            _("{label}: refused: larger than the {megabytes} MB a program or schedule file may have").format(
                label=label, megabytes=MAX_FILE_BYTES // 1024 // 1024
            )
        )


STALE_TEMPORARY_SECONDS = 60  # a write's temporary file older than this was left by a killed process


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a directory where a regular file must be.

    `kind` (kind_of) is an i18n.Sentence: English as a value, so a message may splice it as it is, and in the
    run's language through i18n.shown or as a field of another Sentence.
    """

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(say("{path} is {kind}, not a regular file", path=path, kind=kind))
        self.path = path
        self.kind = kind


def kind_of(mode: int) -> str:
    """`a FIFO`, `a device`...: what a file of this st_mode is, for a message (an i18n.Sentence, English as a
    value: it is a clause of other messages)."""
    if stat.S_ISFIFO(mode):
        return say("a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return say("a device")
    if stat.S_ISSOCK(mode):
        return say("a socket")
    if stat.S_ISDIR(mode):
        return say("a directory")
    return say("not a regular file") if not stat.S_ISREG(mode) else say("a regular file")


def read_regular(path: Path) -> bytes:
    """The bytes of `path` (a link is followed), which must be a regular file: opened without blocking
    (O_NONBLOCK: a FIFO with no writer would hang a plain open) and checked with fstat before reading.
    Raises NotARegularFile, or OSError (FileNotFoundError...) as open does."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(path, kind_of(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb") as stream:
            descriptor = -1
            return stream.read()
    finally:
        if descriptor >= 0:
            os.close(descriptor)


def regular_or_absent(path: Path) -> bool:
    """True when `path` is a regular file, False when nothing is there (a dangling link counts as
    nothing only when `path` is not a link); NotARegularFile for anything else, a link to nothing included."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise NotARegularFile(
                path, say("a link to {target}, which does not exist", target=os.readlink(path))
            ) from None
        return False
    if not stat.S_ISREG(mode):
        raise NotARegularFile(path, kind_of(mode))
    return True


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same directory and os.replace.

    A crash or a second writer at the same moment leaves either the old file or the new one,
    never a mix. With `durable`, the data is flushed to disk (fsync) before it takes the name,
    and the directory entry after. The file keeps the permissions of the one it replaces, or gets
    those of any new file (mkstemp's own are owner-only). Raises OSError; the temporary file is
    removed on failure, and those a killed write left behind are removed by the next one. A symbolic
    link is followed: the file it points to is replaced, the link stays. Only a regular file is
    replaced (NotARegularFile for a FIFO, a device or a link to nothing).
    """
    import tempfile  # here, not on import: a listing reads the cache through this module, and never writes

    regular_or_absent(path)
    path = Path(os.path.realpath(path))
    _remove_stale_temporaries(path)
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


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of earlier writes to `path` that a kill left behind (older than a minute, so that
    a write under way in another process keeps its own)."""
    import glob
    import time

    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    try:
        leftovers = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        try:
            if leftover.lstat().st_mtime < cutoff and stat.S_ISREG(leftover.lstat().st_mode):
                leftover.unlink()
        except OSError:
            continue
