"""A cache of checked programs, so that a command on a program read before neither parses nor checks it.

An entry holds the checked Program itself (pickled: NamedTuples, aware datetimes, zones and enums, which
pickle rebuilds at C speed, about 0.06 s for 10,000 sessions against 0.3 s to check the plain data again;
issue 16), keyed by the file's path, size, modification and change times and inode, by the options and
the name the file was given as (both show in the program: its source, its notes), and by dlcat's version
and this format's number. Anything wrong with the cache (missing, damaged, of another version,
unwritable) only means the file is read and checked again.

The cache lives in the user's own cache directory: whoever can write there can already run code as that
user, so reading a pickle from it gives no one anything new.
"""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path
from typing import Any

from dlcat_cli import __version__
from dlcat_cli.core.model import Program, Session
from dlcat_cli.formats.files import read_regular

# Bump when what a file parses to changes (schedule.py's conversion, say): old entries then stop matching.
# dlcat's version is in the key too, so a release always starts afresh.
# 3: schedules hand over instants (encoded); days. 4: the lenient reader; options in the key. 5: guid.
# 6: the checked Program itself.
_FORMAT = 6
Key = tuple[Any, ...]
_PER_FILE = 5  # a file's part of a key: resolved path, size, mtime_ns, ctime_ns, inode


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
    # The model's shape is in the key too: a pickled Program of other fields is never served.
    parts: list[Any] = [(_FORMAT, Program.__slots__, Session._fields), __version__, options]
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

    return cache_dir() / f"program-{zlib.crc32(repr((key[2], *key[3::_PER_FILE])).encode()):08x}.pickle"


def read(key: Key) -> Program | None:
    """The checked Program stored under `key`, or None (no entry, another key, a damaged or old one)."""
    try:
        blob = read_regular(_entry(key))
    except OSError:
        return None
    try:
        stored, program = pickle.loads(blob)
    except Exception:  # a damaged pickle can fail in any of a dozen ways; each only means "read the file"
        return None
    return program if stored == key and isinstance(program, Program) else None


def write(key: Key, program: Program) -> None:
    """Keep `program` under `key`; a cache that can't be written is no error (the file is read next time)."""
    from dlcat_cli.formats.files import write_atomic

    entry = _entry(key)
    try:
        blob = pickle.dumps((key, program), protocol=pickle.HIGHEST_PROTOCOL)
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, blob, durable=False)
    except (OSError, pickle.PicklingError):
        return
