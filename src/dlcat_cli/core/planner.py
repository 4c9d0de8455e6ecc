"""The rules of an agenda: clashes, walks between rooms, series, one talk in many rooms. Pure.

Everything comes from the program: session times, rooms, buildings and the walking table.
Nothing here knows DLCAT's hours.
"""

from __future__ import annotations

import enum
import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

from dlcat_cli.core.model import Program, Room, Session, Showing
from dlcat_cli.core.search import closest_ids
from dlcat_cli.errors import DlcatError

# A walk that leaves fewer minutes than this to spare is "tight": it fits, but only just.
TIGHT_SPARE_MINUTES = 5
# Rooms with at most this many seats fill up: first come, first seated.
SMALL_ROOM_SEATS = 50
NIGHT = timedelta(hours=3)  # at least this long across a change of day: a night, not a move


class Pace(NamedTuple):
    """How the attendee moves: minutes wanted in the next room before it starts, and walking speed."""

    buffer: int = 0
    factor: float = 1.0

    def overridden(self, buffer: int | None, factor: float | None) -> Pace:
        """This pace with what the attendee gave this time (None: keep what was saved)."""
        return Pace(self.buffer if buffer is None else buffer, self.factor if factor is None else factor)

    def walk(self, minutes: int) -> int:
        """Minutes a walk the program rates at `minutes` takes this attendee."""
        return math.ceil(minutes * self.factor)


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


class Level(enum.Enum):
    ERROR = "error"  # the agenda can't be kept
    WARNING = "warning"  # it can, but the attendee should know


class Problem(NamedTuple):
    level: Level
    code: str  # unknown-id, same-talk, clash, impossible-walk, tight-walk, partial-series, farther-room, small-room
    message: str
    ids: tuple[str, ...]


class MoveKind(enum.Enum):
    STAY = "same room"
    NEXT_DOOR = "same building"
    WALK = "walk between buildings"


class Move(NamedTuple):
    """Getting from one pick to the next."""

    origin: Pick
    destination: Pick
    walk: int  # minutes, at the attendee's pace
    gap: int  # minutes from the end of `origin` to the start of `destination`
    buffer: int  # minutes wanted in the new room before it starts (0 when staying put)

    @property
    def kind(self) -> MoveKind:
        if self.origin.room == self.destination.room:
            return MoveKind.STAY
        if self.origin.room.building == self.destination.room.building:
            return MoveKind.NEXT_DOOR
        return MoveKind.WALK

    @property
    def spare(self) -> int:
        """Minutes left over; negative when the move can't be made."""
        return self.gap - self.walk - self.buffer


class Plan(NamedTuple):
    picks: tuple[Pick, ...]  # in time order
    pace: Pace
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level is Level.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level is Level.WARNING)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(pick.id for pick in self.picks)


def plan_agenda(program: Program, ids: Iterable[str], pace: Pace | None = None) -> Plan:
    """Check the picks named by `ids`; every problem is reported, not only the first."""
    pace = pace or Pace()
    problems: list[Problem] = []
    picks: dict[str, Pick] = {}
    by_session: dict[Session, Pick] = {}
    for raw in ids:
        text = raw.strip()
        if not text:
            continue
        found = program.find(text)
        if found is None:
            problems.append(_unknown(program, text))
            continue
        pick = Pick(*found)
        if pick.id in picks:
            continue
        twin = by_session.get(pick.session)
        if twin is not None:
            problems.append(_same_talk(program, twin, pick))
            continue
        picks[pick.id] = by_session[pick.session] = pick
    ordered = tuple(sorted(picks.values(), key=lambda p: (p.start, p.end, p.id)))
    problems += _clashes(program, ordered)
    for move in moves(program, ordered, pace):
        problems += _walk_problems(program, move, pace, ordered)
    problems += _partial_series(program, ordered)
    problems += _farther_rooms(program, ordered, pace)
    problems += _small_rooms(program, ordered)
    return Plan(picks=ordered, pace=pace, problems=tuple(problems))


def without(program: Program, ids: Sequence[str], dropped: Sequence[str]) -> list[str]:
    """`ids` less the sessions named in `dropped`; any room of a talk held in several names it.

    Dropping what is not there is a DlcatError, so a typo never passes for a change.
    """

    def talk(text: str) -> str:
        found = program.find(text)
        return found[0].id if found else text.strip().upper()

    present = {talk(i) for i in ids}
    for one in dropped:
        if talk(one) not in present:
            have = ", ".join(ids) or "nothing"
            raise DlcatError(f"{one} is not in your agenda ({have}); nothing was changed")
    gone = {talk(one) for one in dropped}
    return [i for i in ids if talk(i) not in gone]


def moves(program: Program, picks: Sequence[Pick], pace: Pace) -> list[Move]:
    """The moves from each pick to the next one after it ends.

    When the next ones clash with each other, there is a move to each of them, so that a walk
    that can't be made is reported whichever of the clashing picks is kept. From the last pick of a
    day to the first of the next there is no move: a night is not a walk to time.
    """
    found = []
    starts = [p.start for p in picks]  # picks are in start order
    for origin in picks:
        index = bisect_left(starts, origin.end)
        if index == len(picks) or _overnight(program, origin, picks[index]):
            continue
        first = picks[index]
        for pick in picks[index:]:
            if pick is not first and pick.start >= first.end:
                break
            found.append(move_between(program, origin, pick, pace))
    return found


def _overnight(program: Program, origin: Pick, destination: Pick) -> bool:
    """Across a change of day, with hours between (a walk after a session past midnight is still a walk)."""
    between = destination.start - origin.end
    return program.day_of(origin.end) != program.day_of(destination.start) and between >= NIGHT


def minutes_needed(program: Program, origin: Room, destination: Room, pace: Pace) -> int:
    """Minutes needed from leaving `origin` to the start in `destination`: none to stay, else walk + buffer."""
    if origin == destination:
        return 0
    return pace.walk(program.walking.minutes(origin, destination)) + pace.buffer


def move_between(program: Program, origin: Pick, destination: Pick, pace: Pace) -> Move:
    """Getting from `origin` to `destination` at the attendee's pace: walk, gap, buffer, spare."""
    walk = pace.walk(program.walking.minutes(origin.room, destination.room))
    return Move(
        origin=origin,
        destination=destination,
        walk=walk,
        gap=int((destination.start - origin.end).total_seconds() // 60),
        buffer=minutes_needed(program, origin.room, destination.room, pace) - walk,
    )


# -- the rules -----------------------------------------------------------------------------


def describe(program: Program, pick: Pick) -> str:
    """`B10 (10:00–10:50, UST 사이언스홀)`: how a message names a pick."""
    return f"{pick.id} ({program.span(pick.start, pick.end)}, {pick.room.label})"


def _unknown(program: Program, text: str) -> Problem:
    close = closest_ids(program, text)
    hint = f"did you mean {', '.join(close)}?" if close else "see `dlcat list` for the ids"
    return Problem(Level.ERROR, "unknown-id", f"no session {text!r}; {hint}", (text,))


def _same_talk(program: Program, first: Pick, second: Pick) -> Problem:
    message = (
        f"{first.id} and {second.id} are the same talk ({first.session.title}) in two rooms; "
        f"pick one room: {', '.join(s.id for s in first.session.showings)}"
    )
    return Problem(Level.ERROR, "same-talk", message, (first.id, second.id))


def _clashes(program: Program, picks: Sequence[Pick]) -> list[Problem]:
    found = []
    for index, first in enumerate(picks):
        for second in picks[index + 1 :]:
            if second.start >= first.end:
                break
            message = (
                f"clash: {describe(program, first)} overlaps {describe(program, second)}; keep one of them"
            )
            found.append(Problem(Level.ERROR, "clash", message, (first.id, second.id)))
    return found


def _walk_problems(program: Program, move: Move, pace: Pace, picks: Sequence[Pick]) -> list[Problem]:
    if move.kind is MoveKind.STAY:
        return []
    origin, destination = move.origin, move.destination
    route = _route(origin.room, destination.room)
    needs = f"{move.walk} min" + (f" + {move.buffer} min buffer" if move.buffer else "")
    ids = (origin.id, destination.id)
    if move.spare < 0:
        closer = _closer_showings(program, destination, picks, pace)
        fix = f"sit in {' or '.join(closer)} instead" if closer else "drop one of them"
        if move.buffer and not closer:
            fix += " or lower --buffer"
        message = (
            f"impossible walk: {describe(program, origin)} to {describe(program, destination)}: "
            f"{route} takes {needs}, but there are only {move.gap} min between them; {fix}"
        )
        return [Problem(Level.ERROR, "impossible-walk", message, ids)]
    if move.spare < TIGHT_SPARE_MINUTES:
        advice = "leave as soon as the Q&A ends" if move.spare == 0 else f"only {move.spare} min to spare"
        message = (
            f"tight walk: {origin.id} to {destination.id}: {route} takes {needs} "
            f"of the {move.gap} min between them; {advice}"
        )
        return [Problem(Level.WARNING, "tight-walk", message, ids)]
    return []


def _route(origin: Room, destination: Room) -> str:
    if origin.building == destination.building:
        return (
            f"the walk within {origin.building.key}" if origin.building.key else "the walk between the rooms"
        )
    return f"the walk from {origin.building.key} to {destination.building.key}"


def _partial_series(program: Program, picks: Sequence[Pick]) -> list[Problem]:
    chosen = {pick.session.id for pick in picks}
    found = []
    seen: set[str] = set()
    for pick in picks:
        series = program.series_of(pick.session)
        if series is None or series.key in seen:
            continue
        seen.add(series.key)
        missing = [part for part in series.parts if part not in chosen]
        if not missing:
            continue
        have = [part for part in series.parts if part in chosen]
        names = []
        for part in missing:
            found_part = program.find(part)
            names.append(
                f"{part} ({program.span(found_part[0].start, found_part[0].end)})" if found_part else part
            )
        message = (
            f"{', '.join(have)} {'is' if len(have) == 1 else 'are'} part of a {len(series.parts)}-part series "
            f"({series.title}); not picked: {', '.join(names)}"
        )
        found.append(Problem(Level.WARNING, "partial-series", message, tuple(have + missing)))
    return found


def _neighbours(program: Program, picks: Sequence[Pick], pick: Pick) -> tuple[Pick | None, Pick | None]:
    """The picks walked from and to around `pick` (none across a night)."""
    index = picks.index(pick)
    before = picks[index - 1] if index > 0 and picks[index - 1].end <= pick.start else None
    after = picks[index + 1] if index + 1 < len(picks) and picks[index + 1].start >= pick.end else None
    if before is not None and _overnight(program, before, pick):
        before = None
    if after is not None and _overnight(program, pick, after):
        after = None
    return before, after


def _walking_cost(
    program: Program, showing: Showing, before: Pick | None, after: Pick | None
) -> tuple[int, int]:
    """(building changes, minutes) to get into `showing` from `before` and out to `after`."""
    changes = minutes = 0
    for origin, destination in (
        (before.room if before else None, showing.room),
        (showing.room, after.room if after else None),
    ):
        if origin is not None and destination is not None:
            changes += origin.building != destination.building
            minutes += program.walking.minutes(origin, destination)
    return changes, minutes


def _closer_showings(program: Program, pick: Pick, picks: Sequence[Pick], pace: Pace) -> list[str]:
    """Other rooms showing the same talk that make every move around it possible and shorter."""
    if not pick.session.is_simulcast or pick not in picks:
        return []
    before, after = _neighbours(program, picks, pick)
    current = _walking_cost(program, pick.showing, before, after)
    better = []
    for showing in pick.session.showings:
        if showing == pick.showing or _walking_cost(program, showing, before, after) >= current:
            continue
        alternative = Pick(pick.session, showing)
        feasible = all(
            move_between(program, a, b, pace).spare >= 0 or a.room == b.room
            for a, b in ((before, alternative), (alternative, after))
            if a is not None and b is not None
        )
        if feasible:
            better.append(showing.id)
    return better


def _farther_rooms(program: Program, picks: Sequence[Pick], pace: Pace) -> list[Problem]:
    """A talk shown in several rooms, picked in one that makes you change building when another would not."""
    found = []
    for pick in picks:
        if not pick.session.is_simulcast:
            continue
        before, after = _neighbours(program, picks, pick)
        if before is None and after is None:
            continue
        current = _walking_cost(program, pick.showing, before, after)
        costs = {s.id: _walking_cost(program, s, before, after) for s in pick.session.showings}
        best = min(costs.values())
        if best[0] >= current[0]:
            continue
        nearer = [showing_id for showing_id, cost in costs.items() if cost == best]
        around = " and ".join(p.id for p in (before, after) if p is not None)
        message = (
            f"{pick.id} is the same talk as {' or '.join(nearer)}, which {'is' if len(nearer) == 1 else 'are'} "
            f"{current[1] - best[1]} min nearer to {around} with no change of building; "
            f"consider {' or '.join(nearer)}"
        )
        found.append(Problem(Level.WARNING, "farther-room", message, (pick.id, *nearer)))
    return found


def _small_rooms(program: Program, picks: Sequence[Pick]) -> list[Problem]:
    found = []
    for pick in picks:
        seats = pick.room.seats
        if seats is None or seats > SMALL_ROOM_SEATS:
            continue
        what = f"a {pick.session.kind.value} session" if pick.session.kind.value != "talk" else "a talk"
        message = (
            f"{pick.id} is {what} in {pick.room.label}, {seats} seats (small: at most {SMALL_ROOM_SEATS}); "
            "seats are first come, arrive early"
        )
        found.append(Problem(Level.WARNING, "small-room", message, (pick.id,)))
    return found
