"""A cache of parsed program files, so that a listing need not import and run a YAML parser.

It holds the plain data a program file parses to (never the checked Program: checking runs every
time), keyed by the file's path, size and modification time and by dlcat's version. Anything wrong
with the cache (missing, damaged, unwritable) only means the file is parsed again.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from dlcat_cli import __version__

# Bump when what a file parses to changes (schedule.py's conversion, say): old entries then stop matching.
# dlcat's version is in the key too, so a release always starts afresh.
_FORMAT = 2
Key = tuple[Any, ...]


def cache_dir() -> Path:
    """`$DLCAT_HOME/cache` when DLCAT_HOME is set, else the platform's user cache directory."""
    home = os.environ.get("DLCAT_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return platformdirs.user_cache_path("dlcat")


def key_for(source: Path, *also: Path | None) -> Key | None:
    """The key for `source` (and any files it is read with, such as a venue file), or None if one is missing."""
    parts: list[Any] = [_FORMAT, __version__]
    for path in (source, *also):
        if path is None:
            continue
        try:
            status = path.stat()
        except OSError:
            return None
        parts += [str(path.resolve()), status.st_size, status.st_mtime_ns]
    return tuple(parts)


def _entry(key: Key) -> Path:
    import zlib

    return cache_dir() / f"program-{zlib.crc32(repr(key[2::3]).encode()):08x}.marshal"


def read(key: Key) -> tuple[str, Any] | None:
    """(fingerprint, data) stored under `key`, or None."""
    try:
        stored, fingerprint, data = marshal.loads(_entry(key).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return (fingerprint, data) if stored == key else None


def write(key: Key, fingerprint: str, data: Any) -> None:
    from dlcat_cli.formats.files import write_atomic

    try:
        blob = marshal.dumps((key, fingerprint, data))
    except ValueError:  # values marshal can't hold, such as YAML dates: just don't cache
        return
    entry = _entry(key)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, blob, durable=False)
    except OSError:
        return
