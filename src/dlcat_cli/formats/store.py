"""The saved agenda: where it lives, how it is written (atomically) and read (damage is reported, never hidden)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from dlcat_cli.core.agenda import VERSIONS_KEPT, Revised, SavedAgenda, SavedPick, Version
from dlcat_cli.core.changes import Change, Was, changes
from dlcat_cli.core.model import BUFFER_MINUTES, LATE_MINUTES, PACE_FACTORS, Program
from dlcat_cli.core.rules import DEFAULT_LATE_MINUTES, Pace
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.files import NotARegularFile, data_dir, read_regular, regular_or_absent, write_atomic
from dlcat_cli.i18n import _, shown

AGENDA_SCHEMA = 2  # 2 added options.late; files of schema 1 are read with the default


def agenda_path(program: Program) -> Path:
    """One agenda per conference: planning another program never touches this one."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", program.conference.id)
    return data_dir() / f"agenda-{name}.json"


# -- one writer at a time ----------------------------------------------------------------------

LOCK_WAIT_SECONDS = 10.0  # a change waits this long for another to finish, then gives up (issue 14)


@contextmanager
def agenda_lock(program: Program, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the agenda of `program` for one change: its read, check and atomic write. Another process
    changing it at the same moment waits up to `wait` seconds, then gets a DlcatError and changes nothing,
    so that no change is lost (two `plan --add` at once each add their session). An advisory lock
    (fcntl.flock) on `agenda-<id>.json.lock` beside the agenda, released when the process ends, even
    killed; where there is no fcntl (Windows), changes are not serialised."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    import stat
    import time

    path = agenda_path(program).with_name(agenda_path(program).name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o600)
    except (FileExistsError, NotADirectoryError):
        raise _not_a_directory(path) from None
    except OSError as error:
        raise DlcatError(
            _("can't lock the agenda ({path}): {error}; check the directory").format(
                path=path, error=error.strerror
            )
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise DlcatError(
                _("the agenda's lock {path} is not a regular file; move it away").format(path=path)
            )
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise DlcatError(
                        _(
                            "another dlcat has been changing the agenda for {seconds} s; nothing was changed: "
                            "try again when it is done"
                        ).format(seconds=f"{wait:g}")
                    ) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(handle)  # releases the lock


# -- reading ---------------------------------------------------------------------------------


def load_agenda(program: Program) -> SavedAgenda | None:
    """The saved agenda for this program, None when there is none; a damaged file is a DlcatError."""
    path = agenda_path(program)
    try:
        text = read_regular(path)
    except FileNotFoundError:
        return None
    except NotARegularFile as error:
        raise _not_regular(error) from None
    except NotADirectoryError:
        raise _not_a_directory(path) from None
    except OSError as error:
        raise DlcatError(
            _("can't read the saved agenda {path}: {error}; check its permissions").format(
                path=path, error=error.strerror
            )
        ) from None
    try:
        document = json.loads(text)
        _check_not_newer(document, path)
        agenda = _from_json(document)
    except (ValueError, KeyError, TypeError) as error:
        raise DlcatError(
            _(
                "the saved agenda {path} is damaged ({reason}); it was left as it is: "
                "fix it, or make a new one with `dlcat plan --pick ...` (the damaged file is then kept aside)"
            ).format(path=path, reason=_reason(error))
        ) from None
    if agenda.program_id != program.conference.id:
        raise DlcatError(
            _(
                "the saved agenda {path} is for conference {saved!r}, not {conference!r}; it was left as it is: "
                "move it away, or make a new one with `dlcat plan --pick ...` (the other file is then kept aside)"
            ).format(path=path, saved=agenda.program_id, conference=program.conference.id)
        )
    return agenda


class AgendaTooNew(DlcatError):
    """The agenda file was written by a newer dlcat: this one neither reads nor replaces it."""


def _check_not_newer(document: Any, path: Path) -> None:
    schema = document.get("schema") if isinstance(document, dict) else None
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > AGENDA_SCHEMA:
        raise AgendaTooNew(
            _(
                "the saved agenda {path} was written by a newer dlcat (agenda schema {schema}; this one reads "
                "up to {newest}); it was left as it is: upgrade dlcat, or set DLCAT_HOME to another directory"
            ).format(path=path, schema=schema, newest=AGENDA_SCHEMA)
        )


def _not_regular(error: NotARegularFile) -> DlcatError:
    return DlcatError(
        _(
            "the saved agenda {path} is {kind}, not a regular file; dlcat neither reads nor "
            "replaces it: move it away, or set DLCAT_HOME to another directory"
        ).format(path=error.path, kind=shown(error.kind))
    )


def _not_a_directory(path: Path) -> DlcatError:
    return DlcatError(
        _(
            "can't keep the agenda under {directory}: part of that path is a file, not a directory; "
            "set DLCAT_HOME to a directory"
        ).format(directory=path.parent)
    )


def _reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return _("not JSON: {error} (line {line}, column {column})").format(
            error=error.msg, line=error.lineno, column=error.colno
        )
    if isinstance(error, KeyError):
        return _("missing {key!r}").format(key=error.args[0])
    return str(error) or type(error).__name__


def _from_json(data: Any) -> SavedAgenda:
    """The agenda in a parsed file, every value checked: a hand-edited or damaged file is a ValueError."""
    if not isinstance(data, dict) or data.get("kind") != "dlcat-agenda":
        raise ValueError(_("not a dlcat agenda file"))
    schema = data.get("schema")
    if schema not in (1, AGENDA_SCHEMA) or isinstance(schema, bool):
        raise ValueError(
            _("agenda schema {schema!r}, this dlcat reads 1 to {newest}").format(
                schema=schema, newest=AGENDA_SCHEMA
            )
        )
    options, program = _object(data, "options"), _object(data, "program")
    if not isinstance(data["picks"], list):
        raise ValueError(_("picks is not a list"))
    return SavedAgenda(
        program_id=_text(program, "id"),
        fingerprint=_text(program, "fingerprint"),
        picks=tuple(_saved_pick(p) for p in data["picks"]),
        pace=_pace(options, with_late=schema != 1),
        revision=_whole(data, "revision", 1, 2**31 - 1),  # a calendar's SEQUENCE holds no more
        saved_at=_text(data, "saved_at"),
        history=tuple(_version(v) for v in _listed(data.get("history", []), "history")[: VERSIONS_KEPT - 1]),
        interests=_interests(data.get("interests", [])),
        restored=None if data.get("restored") is None else _whole(data, "restored", 1, 2**31 - 1),
    )


def _interests(value: Any) -> tuple[str, ...]:
    items = _listed(value, "interests")
    if not all(isinstance(i, str) for i in items):
        raise ValueError(_("the interests are not all text"))
    return tuple(items)


def _listed(value: Any, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(_("{key} is {value!r}, not a list").format(key=key, value=value))
    return value


def _version(data: Any) -> Version:
    if not isinstance(data, dict):
        raise ValueError(_("a version is {value!r}, not an object").format(value=data))
    options = _object(data, "options")
    ids = _listed(data["ids"], "ids")
    if not all(isinstance(i, str) for i in ids):
        raise ValueError(_("a version's ids are not all text"))
    return Version(
        revision=_whole(data, "revision", 1, 2**31 - 1),
        saved_at=_text(data, "saved_at"),
        ids=tuple(ids),
        pace=_pace(options, with_late=True),
    )


def _pace(options: dict[str, Any], *, with_late: bool) -> Pace:
    """The options saved with an agenda or a version, every value checked (schema 1 had no late)."""
    factor, (low, high) = options["pace"], PACE_FACTORS
    if isinstance(factor, bool) or not isinstance(factor, int | float) or not low <= factor <= high:
        raise ValueError(
            _("pace {pace!r} is not a number from {low} to {high}").format(
                pace=factor, low=f"{low:g}", high=f"{high:g}"
            )
        )
    return Pace(
        buffer=_whole(options, "buffer", *BUFFER_MINUTES),
        factor=float(factor),
        late=_whole(options, "late", *LATE_MINUTES) if with_late else DEFAULT_LATE_MINUTES,
    )


def _saved_pick(data: Any) -> SavedPick:
    if not isinstance(data, dict):
        raise ValueError(_("a pick is {value!r}, not an object").format(value=data))
    pick = SavedPick(**{key: _text(data, key) for key in SavedPick._fields})
    for moment in (pick.start, pick.end):
        if datetime.fromisoformat(moment).tzinfo is None:  # a ValueError when not a time at all
            raise ValueError(_("{id}: {moment!r} has no UTC offset").format(id=pick.id, moment=moment))
    return pick


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, dict):
        raise ValueError(_("{key} is {value!r}, not an object").format(key=key, value=value))
    return value


def _text(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(_("{key} {value!r} is not text").format(key=key, value=value))
    return value


def _whole(data: dict[str, Any], key: str, low: int, high: int) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(
            _("{key} {value!r} is not a whole number from {low} to {high}").format(
                key=key, value=value, low=low, high=high
            )
        )
    return value


# -- writing ---------------------------------------------------------------------------------


def _to_json(agenda: SavedAgenda) -> dict[str, Any]:
    return {
        "kind": "dlcat-agenda",
        "schema": AGENDA_SCHEMA,
        "program": {"id": agenda.program_id, "fingerprint": agenda.fingerprint},
        "options": {"buffer": agenda.pace.buffer, "pace": agenda.pace.factor, "late": agenda.pace.late},
        "revision": agenda.revision,
        "saved_at": agenda.saved_at,
        "picks": [pick._asdict() for pick in agenda.picks],  # read back by _saved_pick
        "interests": list(agenda.interests),  # read back by _interests
        "restored": agenda.restored,  # the revision the last undo brought back, or null
        "history": [  # read back by _version
            {
                "revision": v.revision,
                "saved_at": v.saved_at,
                "ids": list(v.ids),
                "options": {"buffer": v.pace.buffer, "pace": v.pace.factor, "late": v.pace.late},
            }
            for v in agenda.history
        ],
    }


def _ours(text: bytes, program: Program, path: Path) -> bool:
    """The file holds an agenda of this conference that this dlcat reads (AgendaTooNew if a newer one)."""
    try:
        document = json.loads(text)
        _check_not_newer(document, path)
        return _from_json(document).program_id == program.conference.id
    except (ValueError, KeyError, TypeError):
        return False


def save_agenda(program: Program, agenda: SavedAgenda) -> Path | None:
    """Write the agenda atomically; returns where a file in the way was first kept aside, if one was.

    A damaged file, or another conference's, is kept aside; one written by a newer dlcat is neither
    read nor replaced (AgendaTooNew); a FIFO or a device is refused (a DlcatError).
    """
    path = agenda_path(program)
    kept_aside = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if regular_or_absent(path) and not _ours(read_regular(path), program, path):
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            kept_aside = path.with_name(f"{path.name}.damaged-{stamp}")
            os.replace(path, kept_aside)
        text = json.dumps(_to_json(agenda), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_atomic(path, text.encode("utf-8"))
    except NotARegularFile as error:
        raise _not_regular(error) from None
    except (FileExistsError, NotADirectoryError):  # DLCAT_HOME names a file
        raise _not_a_directory(path) from None
    except OSError as error:
        raise DlcatError(
            _("can't save the agenda to {path}: {error}; set DLCAT_HOME to a writable directory").format(
                path=path, error=error.strerror
            )
        ) from None
    return kept_aside


class Changed(NamedTuple):
    """A change made to the saved agenda: what the edit made of it, where it was saved (None: a dry run),
    and where a damaged file in the way was kept aside (None: there was none)."""

    revised: Revised
    saved_to: Path | None
    kept_aside: Path | None


def change_agenda(
    program: Program,
    edit: Callable[[SavedAgenda | None], Revised],
    *,
    replacing: bool,
    save: bool = True,
) -> Changed:
    """Read the saved agenda, make `edit` of it (core.agenda.revise) and write what it returns, atomically,
    all under agenda_lock, so that no change made at the same time is lost (issue 14, point 1).

    `replacing`: the edit makes a new agenda, so a damaged file is passed as None (and kept aside when the
    new one is saved) rather than a DlcatError; one written by a newer dlcat is still refused. `save` False
    (--dry-run): no lock, nothing written. Whatever `edit` raises (PlanRefused) leaves the file as it was.
    """
    with agenda_lock(program) if save else nullcontext():
        saved = _tolerant(program) if replacing else load_agenda(program)
        revised = edit(saved)
        if not save:
            return Changed(revised, None, None)
        kept_aside = save_agenda(program, revised.agenda)
    return Changed(revised, agenda_path(program), kept_aside)


def _tolerant(program: Program) -> SavedAgenda | None:
    """The saved agenda if it can be read; None for a damaged one (a new agenda replaces it)."""
    try:
        return load_agenda(program)
    except AgendaTooNew:
        raise  # a newer dlcat's agenda is left alone, never replaced
    except DlcatError:
        return None


# -- what the last export wrote ----------------------------------------------------------------


class Exported(NamedTuple):
    """A session as an export wrote it: enough to cancel it in a calendar later (UTC instants)."""

    uid: str
    title: str
    start: datetime
    end: datetime


def _exported_path(program: Program) -> Path:
    return agenda_path(program).with_name(agenda_path(program).name.replace("agenda-", "exported-", 1))


class LastExport(NamedTuple):
    """What the last export of the saved agenda wrote, and the SEQUENCE it wrote it with: the sessions it wrote
    as they are, and those it wrote as cancelled. A cancelled session is written again, cancelled, by every
    later export until it is picked again: a calendar that missed one file (it imported an older one) still
    learns of it."""

    sequence: int
    sessions: tuple[Exported, ...]
    cancelled: tuple[Exported, ...] = ()

    def gone(self, kept: set[str]) -> tuple[Exported, ...]:
        """What an export that writes the UIDs `kept` must write as cancelled: whatever this one wrote
        (as it was, or cancelled) that is not kept, each UID once."""
        found: dict[str, Exported] = {}
        for one in (*self.sessions, *self.cancelled):
            if one.uid not in kept:
                found.setdefault(one.uid, one)
        return tuple(found.values())


def last_exported(program: Program) -> LastExport:
    """What the last export of the saved agenda wrote (nothing when there was none, or the record is
    damaged: a missed cancellation is better than a refused export)."""

    def listed(records: Any) -> tuple[Exported, ...]:
        return tuple(
            Exported(
                r["uid"], r["title"], datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
            )
            for r in records
            if isinstance(r, dict)
        )

    try:
        record = json.loads(read_regular(_exported_path(program)))
        sessions, cancelled = listed(record["sessions"]), listed(record.get("cancelled", []))
        sequence = record["sequence"]
        return LastExport(sequence if isinstance(sequence, int) and sequence >= 0 else 0, sessions, cancelled)
    except (OSError, ValueError, KeyError, TypeError):
        return LastExport(0, ())


def export_sequence(revision: int, last: LastExport, sessions: tuple[Exported, ...]) -> int:
    """The SEQUENCE of an export of the saved agenda: its revision, which only rises, and higher than the
    last export's whenever what is written changed (a session the program moved, renamed or cancelled), so
    that calendars take the update (RFC 5546: the higher SEQUENCE wins)."""
    changed = set(sessions) != set(last.sessions)
    return max(revision, last.sequence + 1 if changed and last.sessions else last.sequence)


def remember_exported(
    program: Program, sequence: int, sessions: tuple[Exported, ...], cancelled: tuple[Exported, ...] = ()
) -> None:
    """Keep what an export wrote (as it is, and cancelled), for the next one to cancel what has gone since and
    to cancel again what was; a failure is harmless."""

    def listed(written: tuple[Exported, ...]) -> list[dict[str, str]]:
        return [
            {"uid": s.uid, "title": s.title, "start": s.start.isoformat(), "end": s.end.isoformat()}
            for s in written
        ]

    record = {"sequence": sequence, "sessions": listed(sessions), "cancelled": listed(cancelled)}
    try:
        write_atomic(_exported_path(program), json.dumps(record, ensure_ascii=False).encode("utf-8"))
    except OSError:
        return


# -- the program moved on -------------------------------------------------------------------


def picks_as_saved(agenda: SavedAgenda) -> list[Was]:
    """The saved picks as they were when saved, for core/changes.py to compare with the program now."""
    return [
        Was(p.id, p.session, p.title, datetime.fromisoformat(p.start), datetime.fromisoformat(p.end), p.room)
        for p in agenda.picks
    ]


def changes_since_saved(program: Program, agenda: SavedAgenda) -> list[Change]:
    """What changed in the program for the saved picks (core/changes.py); empty when nothing did."""
    if agenda.fingerprint == program.fingerprint:
        return []
    return changes(program, picks_as_saved(agenda))
