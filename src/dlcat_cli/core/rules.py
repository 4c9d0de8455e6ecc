"""The one rule for getting from one session to the next. Pure.

A move from pick A to pick B is judged here and nowhere else; `plan`, `plan --like`, `agenda`, `now`
and `export --walks` all read its verdict:

- Across a night (A and B belong to different conference days) there is no move: the attendee goes
  home, and nothing is timed.
- The walk takes the program's walking minutes times the attendee's pace (rounded up).
- With a buffer asked for (`--buffer N`, N > 0), the walk and the N minutes must fit in the gap, or the
  move can't be made.
- Without one, a walk longer than the gap makes the attendee late by the difference: up to `--late`
  minutes (default 5) that is a fact to warn of, beyond it the move can't be made. Organisers of
  back-to-back programs expect people to change rooms at the same minute a talk ends (the 1st DLCAT,
  FOSDEM's devrooms), and arriving a few minutes into a talk is how that works.
- Two picks that overlap are a clash, never a move (planner.py reports it).
"""

from __future__ import annotations

import enum
import math
from bisect import bisect_left
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from dlcat_cli.core.model import Program, Room, Session, Showing

# A walk that leaves fewer minutes than this to spare is "tight": it fits, but only just.
TIGHT_SPARE_MINUTES = 5
DEFAULT_LATE_MINUTES = 5  # minutes late accepted when the attendee says nothing (--late; model.LATE_MINUTES)


class Pace(NamedTuple):
    """How the attendee moves between sessions.

    `buffer`: minutes wanted in the new room before a session starts (0: none asked for).
    `factor`: walks take this many times the program's walking minutes.
    `late`: minutes late the attendee accepts after a walk when no buffer is asked for.
    """

    buffer: int = 0
    factor: float = 1.0
    late: int = DEFAULT_LATE_MINUTES

    def overridden(self, buffer: int | None, factor: float | None, late: int | None = None) -> Pace:
        """This pace with what the attendee gave this time (None: keep what was saved)."""
        return Pace(
            self.buffer if buffer is None else buffer,
            self.factor if factor is None else factor,
            self.late if late is None else late,
        )

    def walk(self, minutes: int) -> int:
        """Minutes a walk the program rates at `minutes` takes this attendee."""
        return math.ceil(minutes * self.factor)

    def accepted_late(self, length: int) -> int:
        """Minutes late accepted for a session of `length` minutes: --late, and never at or after its end."""
        return 0 if self.buffer else max(0, min(self.late, length - 1))

    def shortest_gap(self, walk: int, length: int) -> int:
        """The fewest minutes between two sessions in different rooms that still allow the move.

        `walk` is in minutes at this pace, `length` the minutes the next session lasts. walk + buffer when a
        buffer is asked for; else the walk less the minutes late accepted (accepted_late), and never less
        than 0 (sessions that overlap clash).
        """
        if self.buffer:
            return walk + self.buffer
        return max(0, walk - self.accepted_late(length))

    def on_time_gap(self, walk: int) -> int:
        """The fewest minutes between two sessions in different rooms to be in the new one in time."""
        return walk + self.buffer


class Pick(NamedTuple):
    """A chosen session and the room the attendee sits in."""

    session: Session
    showing: Showing

    @property
    def id(self) -> str:
        return self.showing.id

    @property
    def room(self) -> Room:
        return self.showing.room

    @property
    def start(self) -> datetime:
        return self.session.start

    @property
    def end(self) -> datetime:
        return self.session.end


class MoveKind(enum.Enum):
    STAY = "same room"
    NEXT_DOOR = "same building"
    WALK = "walk between buildings"


class Verdict(enum.Enum):
    """What the rule says of a move; the values are the words of `--json`."""

    ON_TIME = "on time"  # with at least TIGHT_SPARE_MINUTES to spare
    TIGHT = "tight"  # on time, with less than that to spare
    LATE = "late"  # arrives after the start, by no more than the minutes late accepted
    IMPOSSIBLE = "impossible"  # later than that, or the buffer asked for can't be kept

    @property
    def allowed(self) -> bool:
        """The move can be part of a saved agenda."""
        return self is not Verdict.IMPOSSIBLE


class Move(NamedTuple):
    """Getting from one pick to the next on the same conference day.

    Minutes throughout: `walk` at the attendee's pace, `gap` from the end of `origin` to the start of
    `destination`, `buffer` wanted in the new room (0 when staying put).
    """

    origin: Pick
    destination: Pick
    walk: int
    gap: int
    buffer: int
    verdict: Verdict

    @property
    def kind(self) -> MoveKind:
        if self.origin.room == self.destination.room:
            return MoveKind.STAY
        if self.origin.room.building == self.destination.room.building:
            return MoveKind.NEXT_DOOR
        return MoveKind.WALK

    @property
    def spare(self) -> int:
        """Minutes left over; negative when the walk (and buffer) does not fit in the gap."""
        return self.gap - self.walk - self.buffer

    @property
    def late(self) -> int:
        """Minutes after the start of `destination` that the attendee walks in (0: in time)."""
        return max(0, self.walk - self.gap)

    @property
    def leave_by(self) -> datetime:
        """When to leave `origin`: in time for the walk and buffer, or at its end when that makes you late."""
        return max(self.origin.end, self.destination.start - timedelta(minutes=self.walk + self.buffer))

    @property
    def changes_building(self) -> bool:
        return self.kind is MoveKind.WALK


def is_night(origin: Pick | Session, destination: Pick | Session) -> bool:
    """The two belong to different conference days: between them is a night, not a move."""
    first = origin.session if isinstance(origin, Pick) else origin
    second = destination.session if isinstance(destination, Pick) else destination
    return first.day != second.day


def judge(walk: int, gap: int, pace: Pace, length: int) -> Verdict:
    """The verdict on a change of room: a walk of `walk` minutes (at the attendee's pace) in a gap of `gap`,
    to a session of `length` minutes (arriving after it has ended is no arrival at all)."""
    spare = gap - pace.on_time_gap(walk)
    if spare >= TIGHT_SPARE_MINUTES:
        return Verdict.ON_TIME
    if spare >= 0:
        return Verdict.TIGHT
    if gap >= pace.shortest_gap(walk, length):
        return Verdict.LATE
    return Verdict.IMPOSSIBLE


def minutes_between(earlier: datetime, later: datetime) -> int:
    """Whole minutes from `earlier` to `later` (exact instants: real minutes across a change of clocks)."""
    return int((later - earlier).total_seconds() // 60)


def walk_minutes(program: Program, origin: Room, destination: Room, pace: Pace) -> int:
    """Minutes from `origin` to `destination` at the attendee's pace (0 to stay in the room)."""
    return pace.walk(program.walking.minutes(origin, destination))


def move_between(program: Program, origin: Pick, destination: Pick, pace: Pace) -> Move | None:
    """The move from `origin` to `destination`, judged; None across a night (no move to time)."""
    if is_night(origin, destination):
        return None
    gap = minutes_between(origin.end, destination.start)
    if origin.room == destination.room:
        return Move(origin, destination, walk=0, gap=gap, buffer=0, verdict=Verdict.ON_TIME)
    walk = walk_minutes(program, origin.room, destination.room, pace)
    verdict = judge(walk, gap, pace, minutes_between(destination.start, destination.end))
    return Move(origin, destination, walk=walk, gap=gap, buffer=pace.buffer, verdict=verdict)


def allowed(program: Program, origin: Pick, destination: Pick, pace: Pace) -> bool:
    """Whether `destination` can follow `origin` in one agenda: apart in time, and the move allowed."""
    if origin.end > destination.start:
        return False
    move = move_between(program, origin, destination, pace)
    return move is None or move.verdict.allowed


def moves(program: Program, picks: Sequence[Pick], pace: Pace) -> tuple[Move, ...]:
    """The moves from each pick to the next one after it ends, on the same conference day.

    `picks` are in start order. When the next ones clash with each other, there is a move to each
    of them, so that a walk that can't be made is reported whichever of the clashing picks is kept.
    """
    found = []
    starts = [p.start for p in picks]
    for origin in picks:
        index = bisect_left(starts, origin.end)
        if index == len(picks):
            continue
        first = picks[index]
        for pick in picks[index:]:
            if pick is not first and pick.start >= first.end:
                break
            move = move_between(program, origin, pick, pace)
            if move is not None:
                found.append(move)
    return tuple(found)
