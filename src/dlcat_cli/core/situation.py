"""On the day: what is on now, what starts next, and where the attendee goes next. Pure.

Also the one rule for the stretches of a day that hold none of the attendee's picks (`gaps`): the
program's own breaks (lunch), free time while sessions run, and the few minutes between sessions.
The agenda's timeline and `now` both read it.
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from datetime import datetime, timedelta
from typing import NamedTuple

from dlcat_cli.core.model import Break, Program, Session
from dlcat_cli.core.planner import Plan
from dlcat_cli.core.rules import Move, Pick


class Phase(enum.Enum):
    """Where the conference stands; its days are the conference's own (Day), not calendar dates."""

    BEFORE = "before the conference"
    DAY_AHEAD = "before the first session of a later day"
    RUNNING = "sessions running"
    BREAK = "between sessions"
    DAY_OVER = "after the last session of a day, with more days to come"
    AFTER = "after the conference"


class GapKind(enum.Enum):
    """What a stretch without a pick of the attendee's is."""

    BREAK = "a break of the program"  # one of program.breaks, named in the program file (lunch)
    FREE = "free time"  # sessions run or start, none of them the attendee's
    CHANGEOVER = "between sessions"  # nothing runs: the minutes to change rooms


class Gap(NamedTuple):
    """A stretch of the attendee's day with no pick in it; `pause` is the program's break when kind is BREAK."""

    start: datetime
    end: datetime
    kind: GapKind
    pause: Break | None = None


def gaps(program: Program, start: datetime, end: datetime) -> tuple[Gap, ...]:
    """The program's breaks that lie wholly from `start` to `end`, and the free time around them, in time
    order. Free time is a stretch outside the breaks in which some session starts; it is shown from that
    start (the minutes before it are a changeover, not free time worth a line)."""
    breaks = sorted((b for b in program.breaks if b.start < end and b.end > start), key=lambda b: b.start)
    found = [Gap(b.start, b.end, GapKind.BREAK, b) for b in breaks if start <= b.start and b.end <= end]
    cursor, stretches = start, []
    for one in breaks:
        if one.start > cursor:
            stretches.append((cursor, one.start))
        cursor = max(cursor, one.end)
    if cursor < end:
        stretches.append((cursor, end))
    starts = program.slot_starts
    for low, high in stretches:
        index = bisect_left(starts, low)
        if index < len(starts) and starts[index] < high:
            found.append(Gap(starts[index], high, GapKind.FREE))
    return tuple(sorted(found, key=lambda gap: gap.start))


def _gaps_from(program: Program, moment: datetime, pause: Break | None, until: datetime) -> tuple[Gap, ...]:
    """What lies between `moment`, which no pick of the attendee's holds, and `until`, the next pick's start
    (or the next start of any session): first the stretch the moment is in (the break it falls in; else
    free time, or a changeover when no session runs in it, up to the next break or `until`), then `gaps`."""
    if pause is not None:
        first = Gap(pause.start, pause.end, GapKind.BREAK, pause)
    else:
        ahead = [b.start for b in program.breaks if moment < b.start < until]
        end = min([*ahead, until])
        busy = any(s.start < end and s.end > moment for s in program.sessions)
        first = Gap(moment, end, GapKind.FREE if busy else GapKind.CHANGEOVER)
    if first.end >= until:
        return (first,)
    return (first, *gaps(program, first.end, until))


class Situation(NamedTuple):
    moment: datetime
    phase: Phase
    running: tuple[Session, ...]
    next_start: datetime | None
    starting_next: tuple[Session, ...]
    pause: Break | None  # the program's named break the moment falls in, if any
    current: Pick | None  # the attendee's pick running now
    upcoming: Pick | None  # the attendee's next pick
    move: Move | None  # from the current or last pick to the upcoming one
    leave_by: datetime | None  # when to set off for the upcoming pick
    arriving: datetime | None = None  # when the attendee, still walking, gets into `current` (a late move)
    previous: Pick | None = None  # the attendee's last pick that has ended, on the day of the moment
    gaps: tuple[Gap, ...] = ()  # from the moment to the upcoming pick (or next start), when in no pick

    @property
    def late(self) -> int:
        """Minutes late for the upcoming pick even when leaving on time (rules.Move.late)."""
        return self.move.late if self.move is not None else 0


def situation(program: Program, moment: datetime, plan: Plan | None = None) -> Situation:
    sessions = program.sessions
    running = tuple(s for s in sessions if s.is_running_at(moment))
    later = [s.start for s in sessions if s.start > moment]
    next_start = min(later) if later else None
    starting_next = tuple(s for s in sessions if s.start == next_start)
    if not sessions or moment >= max(s.end for s in sessions):
        phase = Phase.AFTER
    elif moment < min(s.start for s in sessions):
        phase = Phase.BEFORE
    elif running:
        phase = Phase.RUNNING
    else:
        phase = _between_sessions(program, moment)
    pause = next((b for b in program.breaks if b.start <= moment < b.end), None)
    current = upcoming = None
    arriving = None
    move = None
    leave_by = None
    previous = None
    if plan is not None and plan.picks:
        current = next((p for p in plan.picks if p.session.is_running_at(moment)), None)
        into = next((m for m in plan.moves if m.destination == current), None) if current else None
        if into is not None and into.late and moment < into.destination.start + timedelta(minutes=into.late):
            arriving = into.destination.start + timedelta(minutes=into.late)
        upcoming = next((p for p in plan.picks if p.start > moment), None)
        ended = [p for p in plan.picks if p.end <= moment]
        if ended and (upcoming is None or ended[-1].session.day == upcoming.session.day):
            previous = ended[-1]
        if upcoming is not None:
            move = next((m for m in plan.moves if m.destination == upcoming), None)
            leave_by = (
                move.leave_by if move is not None else upcoming.start - timedelta(minutes=plan.pace.buffer)
            )
    until = upcoming.start if upcoming is not None else next_start
    in_day = phase in (Phase.RUNNING, Phase.BREAK)
    found_gaps: tuple[Gap, ...] = ()
    if (
        in_day
        and current is None
        and until is not None
        and (upcoming is None or upcoming.session.day == _day_of(program, moment))
    ):
        found_gaps = _gaps_from(program, moment, pause, until)
    return Situation(
        moment=moment,
        phase=phase,
        running=running,
        next_start=next_start,
        starting_next=starting_next,
        pause=pause,
        current=current,
        upcoming=upcoming,
        move=move,
        leave_by=leave_by,
        arriving=arriving,
        previous=previous,
        gaps=found_gaps,
    )


def _day_of(program: Program, moment: datetime) -> int | None:
    """The number of the conference day `moment` falls in, if any."""
    day = program.day_at(moment)
    return day.number if day is not None else None


def _between_sessions(program: Program, moment: datetime) -> Phase:
    """Nothing runs, some session has begun and some is to come: a break within a conference day, or the
    time between two days: still the day that is over, or already the day ahead (its span has begun)."""
    begun = max((s for s in program.sessions if s.start <= moment), key=lambda s: s.start)
    coming = min((s for s in program.sessions if s.start > moment), key=lambda s: s.start)
    if coming.day == begun.day:
        return Phase.BREAK
    ahead = program.day_numbered(coming.day)
    return Phase.DAY_AHEAD if ahead is not None and ahead.start <= moment else Phase.DAY_OVER
