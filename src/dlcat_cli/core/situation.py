"""On the day: what is on now, what starts next, and where the attendee goes next. Pure."""

from __future__ import annotations

import enum
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
    if plan is not None and plan.picks:
        current = next((p for p in plan.picks if p.session.is_running_at(moment)), None)
        into = next((m for m in plan.moves if m.destination == current), None) if current else None
        if into is not None and into.late and moment < into.destination.start + timedelta(minutes=into.late):
            arriving = into.destination.start + timedelta(minutes=into.late)
        upcoming = next((p for p in plan.picks if p.start > moment), None)
        if upcoming is not None:
            move = next((m for m in plan.moves if m.destination == upcoming), None)
            leave_by = (
                move.leave_by if move is not None else upcoming.start - timedelta(minutes=plan.pace.buffer)
            )
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
    )


def _between_sessions(program: Program, moment: datetime) -> Phase:
    """Nothing runs, some session has begun and some is to come: a break within a conference day, or the
    time between two days: still the day that is over, or already the day ahead (its span has begun)."""
    begun = max((s for s in program.sessions if s.start <= moment), key=lambda s: s.start)
    coming = min((s for s in program.sessions if s.start > moment), key=lambda s: s.start)
    if coming.day == begun.day:
        return Phase.BREAK
    ahead = program.day_numbered(coming.day)
    return Phase.DAY_AHEAD if ahead is not None and ahead.start <= moment else Phase.DAY_OVER
