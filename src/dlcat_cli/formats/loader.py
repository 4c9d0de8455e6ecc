"""Where a program comes from: the file the options name (or the bundled one), the cache, and the reader
for its format. Every reader is the same small interface, bytes -> program data (formats/program_data.py)
and notes, chosen by content; program_file.check_program turns the data into a Program.

The readers, tried in this order: an iCalendar feed (icalendar_in), the c3voc schedule 2 JSON
(schedule2_json, read as the classic JSON), a frab/pretalx schedule in XML or JSON (schedule), and
otherwise a dlcat program file (program_file, YAML).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from dlcat_cli.core.model import Program
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats import cache
from dlcat_cli.formats.program_file import check_program, read_yaml
from dlcat_cli.formats.text import as_utf8, clean_text
from dlcat_cli.i18n import _

if TYPE_CHECKING:  # types only: a listing's start-up never imports program_data
    from dlcat_cli.formats.program_data import ProgramData

BUNDLED = "data/program.yaml"


class Opened(NamedTuple):
    """A program as the global options name it, and whether this version of its file was read now (not
    taken from the cache): the first time, its notes are news."""

    program: Program
    first_read: bool


def load_program(
    path: Path | None = None, venue: Path | None = None, *, time_zone: str | None = None
) -> Program:
    """The program at `path` (a dlcat YAML file or a frab/pretalx schedule), or the bundled 2nd DLCAT program.

    `venue` maps a schedule's rooms to buildings with walking times; `time_zone` (--time-zone) is the zone
    of a schedule's times that have no offset. A file parsed before is taken from the cache (cache.py) when
    neither it nor the venue file has changed since, and the options are the same. Raises DlcatError.
    """
    return open_program(path, venue, time_zone=time_zone).program


def open_program(
    path: Path | None = None,
    venue: Path | None = None,
    *,
    time_zone: str | None = None,
    label: str | None = None,
    waiting: Callable[[Path], None] | None = None,
) -> Opened:
    """load_program's program, and whether its file was read now rather than taken from the cache;
    `label` names it in messages instead of its path (the URL of a kept copy: program_source.py);
    `waiting` is told when a FIFO at `path` has no writer yet (files.read_bounded).

    Reading builds many small objects and no reference cycles, so the cyclic garbage collector is paused
    meanwhile: it would walk them again and again, and make a big program's cost grow faster than its
    size (100,000 rooms: 12.3 s with it, 7 s without; bench/rooms.py).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _open(path, venue, time_zone, label, waiting)
    finally:
        gc.freeze()  # the program lives as long as the command: later collections need not walk it
        if paused:
            gc.enable()


def _open(
    path: Path | None,
    venue: Path | None,
    time_zone: str | None,
    named: str | None,
    waiting: Callable[[Path], None] | None = None,
) -> Opened:
    # The bundled file is found beside this module for the cache's key: it is the file importlib.resources
    # reads when the package is on disk (in a zip there is nothing to stat, and no cache). Asking
    # importlib.resources would cost every listing 1.6 ms of imports, zipfile among them.
    label = named or _label(path)
    key = cache_key(path, venue, time_zone, label=label)
    cached = cache.read(key) if key is not None else None
    if cached is not None:
        return Opened(cached, first_read=False)
    text = _read_bytes(path, waiting=waiting)
    data, notes = program_data(text, label, venue, time_zone)
    program = check_program(data, label, _fingerprint(text), lambda: text, notes)
    if key is not None:
        cache.write(key, program)
    return Opened(program, first_read=True)


def cache_key(
    path: Path | None, venue: Path | None = None, time_zone: str | None = None, *, label: str | None = None
) -> cache.Key | None:
    """The cache's key for the program these options name (None: not cacheable, e.g. standard input).

    The name the file was given as (`label`: a fetched schedule's URL, else the path) is part of it: it is
    the program's source and starts its notes."""
    options = (label or _label(path), time_zone)
    return cache.key_for(path or Path(__file__).parent.parent / BUNDLED, venue, options=options)


def _label(path: Path | None) -> str:
    return str(path) if path is not None else "bundled program.yaml"


def program_data(
    text: bytes, label: str, venue: Path | None = None, time_zone: str | None = None
) -> tuple[ProgramData, list[str]]:
    """The plain data a program file holds, and warnings: YAML as it is, a schedule file converted.

    Either is the ProgramData shape; YAML's is as the file has it, unchecked: _read checks every field.
    A dlcat program keeps its own zone (conference.time_zone): --time-zone is for schedules and feeds.
    """
    from dlcat_cli.formats.icalendar_in import looks_like_icalendar, read_icalendar
    from dlcat_cli.formats.schedule import looks_like_schedule, read_schedule

    zone = _time_zone(time_zone)
    text = as_utf8(
        text, label
    )  # one home for the encodings every reader takes: UTF-8, UTF-16, with or without BOM
    if looks_like_icalendar(text):
        if venue is not None:
            raise DlcatError(
                _("--venue is for schedule files; {label} is an iCalendar feed, read without one").format(
                    label=label
                )
            )
        return read_icalendar(text, label, zone)
    if looks_like_schedule(text) is None:
        if venue is not None:
            raise DlcatError(
                _(
                    "--venue is for schedule files; {label} is a dlcat program, which has its buildings"
                ).format(label=label)
            )
        return read_yaml(text, label), []
    venue_data = _venue(venue)
    from dlcat_cli.formats import schedule2_json

    if schedule2_json.looks_like_schedule2(text):  # the flat schedule 2 JSON: read as the classic one
        import json

        classic, notes = schedule2_json.to_classic_json(text, label)
        data, warnings = read_schedule(json.dumps(classic).encode(), label, venue_data, time_zone=zone)
        return data, notes + warnings
    return read_schedule(text, label, venue_data, time_zone=zone)


def _venue(venue: Path | None) -> dict[str, Any] | None:
    """The venue file's data (buildings, rooms, walking), for a schedule read with --venue."""
    if venue is None:
        return None
    data = read_yaml(_read_bytes(venue, what="venue file"), str(venue))
    if not isinstance(data, dict):
        raise DlcatError(
            _("{path}: a venue file is a mapping with buildings, rooms and walking").format(path=venue)
        )
    return dict(data)


def _time_zone(name: str | None) -> ZoneInfo | None:
    """The zone --time-zone names (an IANA, Rails or Windows name, an offset, a city), or None without one."""
    if name is None:
        return None
    from dlcat_cli.formats.zones import resolve_zone

    zone = resolve_zone(name)
    if zone is None:
        shown = clean_text(name)[:60]
        raise DlcatError(
            _(
                "--time-zone {zone!r} is not a time zone dlcat knows; use an IANA name such as Europe/Berlin"
            ).format(zone=shown)
        )
    return zone


def parse_program(
    text: bytes, label: str, venue: Path | None = None, time_zone: str | None = None
) -> Program:
    """A program from the text of a program file; `label` names the file in messages (program_data says
    what `venue` and `time_zone` do). Raises DlcatError."""
    data, notes = program_data(text, label, venue, time_zone)
    return check_program(data, label, _fingerprint(text), lambda: text, notes)


def check_written(document: bytes, written: Any, label: str) -> Program:
    """The Program of a program file dlcat wrote (`document`) from its data `written` (as_written's form):
    the data is checked as it is instead of parsing the file again (issue 16: 60% of an import was
    re-reading its own output). A problem is named at its line of `document`. Raises DlcatError."""
    return check_program(written, label, _fingerprint(document), lambda: document)


def _read_bytes(
    path: Path | None, what: str = "program file", waiting: Callable[[Path], None] | None = None
) -> bytes:
    if path is None:
        from importlib import resources

        return resources.files("dlcat_cli").joinpath(BUNDLED).read_bytes()
    from dlcat_cli.formats.files import check_size, read_bounded

    try:
        data = read_bounded(path, waiting)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        message = (
            _("can't read venue file {path}: {error}; check the path given to --venue or DLCAT_VENUE")
            if what == "venue file"
            else _(
                "can't read program file {path}: {error}; check the path given to --program or DLCAT_PROGRAM"
            )
        )
        raise DlcatError(message.format(path=path, error=reason)) from None
    check_size(data, str(path))
    return data


def _fingerprint(text: bytes) -> str:
    import hashlib

    return hashlib.sha256(text).hexdigest()
