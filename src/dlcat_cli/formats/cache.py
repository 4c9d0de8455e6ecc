"""A cache of parsed program files, so that a listing need not import and run a YAML parser.

It holds the plain data a program file parses to (never the checked Program: checking runs every
time), keyed by the file's path, size, modification and change times and inode, and by dlcat's version. Anything wrong
with the cache (missing, damaged, unwritable) only means the file is parsed again.

marshal holds no datetimes, and a schedule's data is full of them (every event's exact start and end),
as is a YAML file with an unquoted date. So an entry whose data has any is stored encoded: each instant
as a tagged pair (_INSTANT, UTC timestamp), each date as (_DATE, ordinal), decoded on read. Parsed data
holds no such pair (YAML and JSON give lists, and no tuple starts with these tags), so none is mistaken.
Data without either (the bundled program) is stored and read as it is, with no walk over it.
"""

from __future__ import annotations

import marshal
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dlcat_cli import __version__
from dlcat_cli.formats.files import read_regular

# Bump when what a file parses to changes (schedule.py's conversion, say): old entries then stop matching.
# dlcat's version is in the key too, so a release always starts afresh.
_FORMAT = (
    5  # 3: schedules hand over instants (encoded); days. 4: the lenient reader; options in the key. 5: guid
)
Key = tuple[Any, ...]
_PER_FILE = 5  # a file's part of a key: resolved path, size, mtime_ns, ctime_ns, inode
_INSTANT, _DATE = "dlcat-cache:instant", "dlcat-cache:date"
_PLAIN, _ENCODED = 0, 1


def cache_dir() -> Path:
    """`$DLCAT_HOME/cache` when DLCAT_HOME is set, else the platform's user cache directory."""
    home = os.environ.get("DLCAT_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return platformdirs.user_cache_path("dlcat")


def key_for(source: Path, *also: Path | None, options: tuple[str | None, ...] = ()) -> Key | None:
    """The key for `source` (and any files it is read with, such as a venue file) read with `options`
    (such as --time-zone), or None if a file is missing."""
    parts: list[Any] = [_FORMAT, __version__, options]
    for path in (source, *also):
        if path is None:
            continue
        try:
            status = path.stat()
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):  # a FIFO or /dev/stdin: read as given, never cached
            return None
        # ctime and the inode change with every write and replacement, even one that keeps the size and
        # sets the old mtime back (cp -p, rsync -t, an unpacked archive); no user can set them.
        parts += [str(path.resolve()), status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]
    return tuple(parts)


def _entry(key: Key) -> Path:
    import zlib

    return cache_dir() / f"program-{zlib.crc32(repr((key[2], *key[3::_PER_FILE])).encode()):08x}.marshal"


def read(key: Key) -> tuple[str, Any] | None:
    """(fingerprint, data) stored under `key`, or None."""
    try:
        stored, fingerprint, form, data = marshal.loads(read_regular(_entry(key)))
        if stored != key:
            return None
        return fingerprint, (_decoded(data) if form == _ENCODED else data)
    except (OSError, ValueError, EOFError, TypeError, OverflowError):
        return None


def write(key: Key, fingerprint: str, data: Any) -> None:
    from dlcat_cli.formats.files import write_atomic

    try:
        try:
            blob = marshal.dumps((key, fingerprint, _PLAIN, data))
        except ValueError:  # datetimes or dates, which marshal can't hold
            blob = marshal.dumps((key, fingerprint, _ENCODED, _encoded(data)))
    except ValueError:  # any other value marshal can't hold: just don't cache
        return
    entry = _entry(key)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, blob, durable=False)
    except OSError:
        return


def _encoded(value: Any) -> Any:
    """`value` with each instant and date as a tagged pair; a naive datetime stays (marshal refuses it)."""
    if isinstance(value, dict):
        return {key: _encoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encoded(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_encoded(item) for item in value)
    if isinstance(value, datetime):
        return (_INSTANT, value.timestamp()) if value.utcoffset() is not None else value
    if isinstance(value, date):
        return (_DATE, value.toordinal())
    return value


def _decoded(value: Any) -> Any:
    """The data _encoded stored: each instant back as an aware datetime (in UTC), each date as a date."""
    if isinstance(value, dict):
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    if isinstance(value, tuple):
        if len(value) == 2 and value[0] == _INSTANT:
            return datetime.fromtimestamp(value[1], UTC)
        if len(value) == 2 and value[0] == _DATE:
            return date.fromordinal(value[1])
        return tuple(_decoded(item) for item in value)
    return value
