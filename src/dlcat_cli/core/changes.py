"""What changed in the program for one agenda: each saved pick moved, renamed, re-roomed, cancelled or
removed, and which sessions are new. Pure: no I/O, no printing. The one home of these rules (issue 14,
point 3): `dlcat agenda` (against the picks as saved) and `dlcat update` (against the schedule before)
both call `changes`.

A pick is followed across versions by the schedule's guid (frab/pretalx `guid`, an iCalendar UID), else
by its session id; a pick found again under another id (a renumbered schedule) is told as moved to it.
"""

import enum
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from dlcat_cli.core.model import Program, Session
from dlcat_cli.i18n import say

# A title that says the session will not happen: what schedules write when they keep a cancelled talk in
# place (EventFahrplan and Giggity see "CANCELLED"; German pretalx instances write "abgesagt"; Korean
# ones 취소, 취소됨). Matched as words of the case-folded, NFKC-normalised title.
_CANCELLED = re.compile(r"(?<![^\W_])(cancell?ed|abgesagt|entfällt)(?![^\W_])|취소", re.IGNORECASE)


def says_cancelled(title: str) -> bool:
    """True when the title says the session is cancelled: "CANCELLED: Foo", "Foo (abgesagt)", "[취소] 발표",
    "canceled"; not "Cancellation policies" nor "uncancelled"."""
    return _CANCELLED.search(unicodedata.normalize("NFKC", title).casefold()) is not None


class Was(NamedTuple):
    """A pick as it was before the change: from the saved agenda, or from the schedule before an update.
    `start`/`end` are aware datetimes; `guid` is None where the source had none (a dlcat program file)."""

    id: str  # the showing id that was picked (B10)
    session: str  # its session's id
    title: str
    start: datetime
    end: datetime
    room: str  # the room's id
    guid: str | None = None


class Kind(enum.Enum):
    """What happened to a pick; the values are the `change` of `--json`."""

    REMOVED = "removed"
    CANCELLED = "cancelled"
    MOVED = "moved"
    RENAMED = "renamed"
    ROOM = "room"
    RENUMBERED = "renumbered"


class Change(NamedTuple):
    """One change to one pick. `now_id` is the id it has now (None when removed); `before`/`after` are
    what it was and is (titles, `start–end` spans, room ids), for a message."""

    kind: Kind
    was: Was
    now_id: str | None
    before: str
    after: str

    @property
    def message(self) -> str:
        """One line for the attendee, e.g. `B10 moved from 10:00–10:50 to 10:00–10:45`: an i18n.Sentence,
        English as a value (JSON's `message`), in the run's language through i18n.shown."""
        fields = {"id": self.was.id, "title": self.was.title, "before": self.before, "after": self.after}
        if self.kind is Kind.REMOVED:
            return say("{id} ({title}) is no longer in the program", **fields)
        if self.kind is Kind.CANCELLED:
            return say("{id} is cancelled: {after!r}", **fields)
        if self.kind is Kind.RENAMED:
            return say("{id} was renamed: {before!r} is now {after!r}", **fields)
        if self.kind is Kind.RENUMBERED:
            return say("{id} is now {after} (same session: {title})", **fields)
        if self.kind is Kind.ROOM:
            return say("{id} moved from room {before} to {after}", **fields)
        return say("{id} moved from {before} to {after}", **fields)

    @property
    def gone(self) -> bool:
        """The pick can't be kept: the session was removed or is cancelled."""
        return self.kind in (Kind.REMOVED, Kind.CANCELLED)


def find_again(program: Program, was: Was) -> tuple[Session, str] | None:
    """The session `was` is now, and the id to pick it by: by guid, else by the id picked, else by session id.

    The room picked is kept where the session is still shown there (a talk held in several rooms)."""
    session = _by_guid(program).get(was.guid) if was.guid else None
    if session is None:
        found = program.find(was.id)
        if found is not None and (was.guid is None or found[0].guid in (None, was.guid)):
            return found[0], found[1].id
        found = program.find(was.session)
        if found is None or (was.guid is not None and found[0].guid not in (None, was.guid)):
            return None
        session = found[0]
    for showing in session.showings:
        if showing.room.id == was.room:
            return session, showing.id
    return session, session.showings[0].id


def _by_guid(program: Program) -> dict[str, Session]:
    return {s.guid: s for s in program.sessions if s.guid}


def changes(program: Program, before: Sequence[Was]) -> list[Change]:
    """Every change to the picks `before` in `program`, in the picks' order; empty when nothing changed."""
    found: list[Change] = []
    for was in before:
        again = find_again(program, was)
        if again is None:
            found.append(Change(Kind.REMOVED, was, None, was.title, ""))
            continue
        session, now_id = again
        showing = next(s for s in session.showings if s.id == now_id)
        if now_id.upper() != was.id.upper():
            found.append(Change(Kind.RENUMBERED, was, now_id, was.id, now_id))
        if says_cancelled(session.title) and not says_cancelled(was.title):
            found.append(Change(Kind.CANCELLED, was, now_id, was.title, session.title))
        elif session.title != was.title:
            found.append(Change(Kind.RENAMED, was, now_id, was.title, session.title))
        if (session.start, session.end) != (was.start, was.end):
            span = program.span(was.start, was.end), program.span(session.start, session.end)
            found.append(Change(Kind.MOVED, was, now_id, *span))
        if showing.room.id != was.room:
            found.append(
                Change(Kind.ROOM, was, now_id, was.room, f"{showing.room.id} ({showing.room.label})")
            )
    return found


def new_sessions(before: Program, after: Program) -> list[Session]:
    """The sessions of `after` that `before` did not have (by guid, else session id), in time order."""
    guids = {s.guid for s in before.sessions if s.guid}
    ids = {s.id.upper() for s in before.sessions}
    return [s for s in after.sessions if not (s.guid in guids if s.guid else s.id.upper() in ids)]


def with_guids(before: Sequence[Was], program: Program) -> list[Was]:
    """The picks `before` with the guids `program` (the schedule they were picked from) gives their sessions,
    so that they are followed by guid into the next version."""
    found = []
    for was in before:
        hit = program.find(was.id)
        guid = hit[0].guid if hit is not None and hit[0].id == was.session else None
        found.append(was._replace(guid=guid or was.guid))
    return found
