"""The rules of an agenda: clashes, walks between rooms, series, one talk in many rooms. Pure.

Everything comes from the program: session times, rooms, buildings and the walking table.
Nothing here knows DLCAT's hours.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from dlcat_cli.core.model import LATE_MINUTES, Kind, Program, Room, Session, Showing
from dlcat_cli.core.rules import (
    Move,
    MoveKind,
    Pace,
    Pick,
    Verdict,
    allowed,
    is_night,
    minutes_between,
    moves,
)
from dlcat_cli.core.search import closest_ids
from dlcat_cli.errors import DlcatError, Echo
from dlcat_cli.i18n import _, say

# Rooms with at most this many seats fill up: first come, first seated.
SMALL_ROOM_SEATS = 50

# A kind of session as a sentence names it (the program file's words are Kind's values).
KIND_NAMES = {
    Kind.TALK: say("talk"),
    Kind.HANDS_ON: say("hands-on"),
    Kind.THEORY: say("theory"),
    Kind.PANEL: say("panel"),
}


class Level(enum.Enum):
    ERROR = "error"  # the agenda can't be kept
    WARNING = "warning"  # it can, but the attendee should know


class Code(enum.Enum):
    """What a problem is about; the values are the `code` of `--json`."""

    UNKNOWN_ID = "unknown-id"
    SAME_TALK = "same-talk"
    CLASH = "clash"
    IMPOSSIBLE_WALK = "impossible-walk"
    LATE_ARRIVAL = "late-arrival"
    TIGHT_WALK = "tight-walk"
    PARTIAL_SERIES = "partial-series"
    FARTHER_ROOM = "farther-room"
    SMALL_ROOM = "small-room"
    ALL_DAY = "all-day"
    REMOVED = "removed"  # a saved pick the program no longer has (core/agenda.py)
    CANCELLED = "cancelled"  # a saved pick whose title says it is called off
    CHANGED = "changed"  # a saved pick the program moved, renamed or re-roomed


class Problem(NamedTuple):
    """One thing wrong with an agenda. `message` is an i18n.Sentence: English as a value (JSON's `message`),
    in the run's language through i18n.shown (the terminal)."""

    level: Level
    code: Code
    message: str
    ids: tuple[str, ...]


def at_level(problems: Iterable[Problem], level: Level) -> tuple[Problem, ...]:
    """The problems of `level`, in their order."""
    return tuple(p for p in problems if p.level is level)


class Plan(NamedTuple):
    """Checked picks: in time order, with the moves between them (rules.moves, made once) and every problem."""

    picks: tuple[Pick, ...]
    pace: Pace
    problems: tuple[Problem, ...]
    moves: tuple[Move, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return at_level(self.problems, Level.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return at_level(self.problems, Level.WARNING)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(pick.id for pick in self.picks)

    @property
    def late_minutes(self) -> int:
        """Minutes late, added up over every move of the plan."""
        return sum(move.late for move in self.moves)


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
        if pick.session.all_day:
            problems.append(_all_day(program, pick))
            continue
        if pick.id in picks:
            continue
        twin = by_session.get(pick.session)
        if twin is not None:
            problems.append(_same_talk(program, twin, pick))
            continue
        picks[pick.id] = by_session[pick.session] = pick
    ordered = tuple(sorted(picks.values(), key=lambda p: (p.start, p.end, p.id)))
    problems += _clashes(program, ordered)
    found_moves = moves(program, ordered, pace)
    for move in found_moves:
        problems += _walk_problems(program, move, pace, ordered)
    problems += _partial_series(program, ordered)
    problems += _farther_rooms(program, ordered)
    problems += _small_rooms(program, ordered)
    return Plan(picks=ordered, pace=pace, problems=tuple(problems), moves=found_moves)


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
            have = ", ".join(ids) or _("nothing")
            raise DlcatError(
                _("{id} is not in your agenda ({have}); nothing was changed").format(id=one, have=have)
            )
    gone = {talk(one) for one in dropped}
    return [i for i in ids if talk(i) not in gone]


# -- the rules -----------------------------------------------------------------------------


def describe(program: Program, pick: Pick) -> str:
    """`B10 (10:00–10:50, UST 사이언스홀)`: how a message names a pick."""
    return f"{pick.id} ({program.span(pick.start, pick.end)}, {pick.room.label})"


def _unknown(program: Program, text: str) -> Problem:
    close = closest_ids(program, text)
    if close:
        message = say("no session {text!r}; did you mean {ids}?", text=Echo(text), ids=", ".join(close))
    else:
        message = say("no session {text!r}; see `dlcat list` for the ids", text=Echo(text))
    return Problem(Level.ERROR, Code.UNKNOWN_ID, message, (text,))


def _all_day(program: Program, pick: Pick) -> Problem:
    message = say(
        "{id} ({title}) is open all day in {room}, not a session to plan; drop it and drop in when you like",
        id=pick.id,
        title=pick.session.title,
        room=pick.room.label,
    )
    return Problem(Level.ERROR, Code.ALL_DAY, message, (pick.id,))


def _same_talk(program: Program, first: Pick, second: Pick) -> Problem:
    message = say(
        "{first} and {second} are the same talk ({title}) in two rooms; pick one room: {rooms}",
        first=first.id,
        second=second.id,
        title=first.session.title,
        rooms=", ".join(s.id for s in first.session.showings),
    )
    return Problem(Level.ERROR, Code.SAME_TALK, message, (first.id, second.id))


def _clashes(program: Program, picks: Sequence[Pick]) -> list[Problem]:
    found = []
    for index, first in enumerate(picks):
        for second in picks[index + 1 :]:
            if second.start >= first.end:
                break
            message = say(
                "clash: {first} overlaps {second}; keep one of them",
                first=describe(program, first),
                second=describe(program, second),
            )
            found.append(Problem(Level.ERROR, Code.CLASH, message, (first.id, second.id)))
    return found


def _walk_problems(program: Program, move: Move, pace: Pace, picks: Sequence[Pick]) -> list[Problem]:
    """What the rule's verdict on `move` means for the attendee (rules.judge): an error, a warning or nothing."""
    if move.kind is MoveKind.STAY or move.verdict is Verdict.ON_TIME:
        return []
    origin, destination = move.origin, move.destination
    route = _route(origin.room, destination.room)
    if move.buffer:
        needs = say("{walk} min + {buffer} min buffer", walk=move.walk, buffer=move.buffer)
    else:
        needs = say("{walk} min", walk=move.walk)
    ids = (origin.id, destination.id)
    closer = " or ".join(_closer_showings(program, destination, picks, pace))
    instead = say("sit in {rooms} instead", rooms=closer) if closer else None
    if move.verdict is Verdict.IMPOSSIBLE:
        if move.buffer:
            why = say("but there are only {gap} min between them", gap=move.gap)
            fix = instead or say("drop one of them or lower --buffer")
        elif move.late >= minutes_between(destination.start, destination.end):
            why = say(
                "but there are only {gap} min between them: you would arrive after {id} ends",
                gap=move.gap,
                id=destination.id,
            )
            fix = instead or say("drop one of them")
        else:
            why = say(
                "but there are only {gap} min between them: you would be {late} min late "
                "(more than the {accepted} min you accept)",
                gap=move.gap,
                late=move.late,
                accepted=pace.late,
            )
            fix = instead or (
                say("drop one of them or allow it with --late {late}", late=move.late)
                if move.late <= LATE_MINUTES[1]
                else say("drop one of them")
            )
        message = say(
            "impossible walk: {origin} to {destination}: {route} takes {needs}, {why}; {fix}",
            origin=describe(program, origin),
            destination=describe(program, destination),
            route=route,
            needs=needs,
            why=why,
            fix=fix,
        )
        return [Problem(Level.ERROR, Code.IMPOSSIBLE_WALK, message, ids)]
    if move.verdict is Verdict.LATE:
        fields = {"origin": origin.id, "destination": destination.id, "route": route, "walk": move.walk}
        fields.update(gap=move.gap, late=move.late)
        if instead:
            message = say(
                "late: {origin} to {destination}: {route} takes {walk} min of the {gap} min between them; "
                "you will be {late} min late for {destination}; {instead}",
                **fields,
                instead=instead,
            )
        else:
            message = say(
                "late: {origin} to {destination}: {route} takes {walk} min of the {gap} min between them; "
                "you will be {late} min late for {destination}",
                **fields,
            )
        return [Problem(Level.WARNING, Code.LATE_ARRIVAL, message, ids)]
    if move.spare == 0:
        advice = say("leave as soon as the Q&A ends")
    else:
        advice = say("only {spare} min to spare", spare=move.spare)
    message = say(
        "tight walk: {origin} to {destination}: {route} takes {needs} of the {gap} min between them; {advice}",
        origin=origin.id,
        destination=destination.id,
        route=route,
        needs=needs,
        gap=move.gap,
        advice=advice,
    )
    return [Problem(Level.WARNING, Code.TIGHT_WALK, message, ids)]


def _route(origin: Room, destination: Room) -> str:
    if origin.building == destination.building:
        if origin.building.key:
            return say("the walk within {building}", building=origin.building.key)
        return say("the walk between the rooms")
    return say(
        "the walk from {origin} to {destination}",
        origin=origin.building.key,
        destination=destination.building.key,
    )


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
        fields = {"have": ", ".join(have), "parts": len(series.parts), "title": series.title}
        if len(have) == 1:
            message = say(
                "{have} is part of a {parts}-part series ({title}); not picked: {missing}",
                **fields,
                missing=", ".join(names),
            )
        else:
            message = say(
                "{have} are part of a {parts}-part series ({title}); not picked: {missing}",
                **fields,
                missing=", ".join(names),
            )
        found.append(Problem(Level.WARNING, Code.PARTIAL_SERIES, message, tuple(have + missing)))
    return found


def _neighbours(program: Program, picks: Sequence[Pick], pick: Pick) -> tuple[Pick | None, Pick | None]:
    """The picks walked from and to around `pick` (none across a night)."""
    index = picks.index(pick)
    before = picks[index - 1] if index > 0 and picks[index - 1].end <= pick.start else None
    after = picks[index + 1] if index + 1 < len(picks) and picks[index + 1].start >= pick.end else None
    if before is not None and is_night(before, pick):
        before = None
    if after is not None and is_night(pick, after):
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
            allowed(program, a, b, pace)
            for a, b in ((before, alternative), (alternative, after))
            if a is not None and b is not None
        )
        if feasible:
            better.append(showing.id)
    return better


def _farther_rooms(program: Program, picks: Sequence[Pick]) -> list[Problem]:
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
        fields = {
            "id": pick.id,
            "rooms": " or ".join(nearer),
            "minutes": current[1] - best[1],
            "around": around,
        }
        if len(nearer) == 1:
            message = say(
                "{id} is the same talk as {rooms}, which is {minutes} min nearer to {around} with no change of "
                "building; consider {rooms}",
                **fields,
            )
        else:
            message = say(
                "{id} is the same talk as {rooms}, which are {minutes} min nearer to {around} with no change of "
                "building; consider {rooms}",
                **fields,
            )
        found.append(Problem(Level.WARNING, Code.FARTHER_ROOM, message, (pick.id, *nearer)))
    return found


def _small_rooms(program: Program, picks: Sequence[Pick]) -> list[Problem]:
    found = []
    for pick in picks:
        seats = pick.room.seats
        if seats is None or seats > SMALL_ROOM_SEATS:
            continue
        fields = {"id": pick.id, "room": pick.room.label, "seats": seats, "small": SMALL_ROOM_SEATS}
        if pick.session.kind.value == "talk":
            message = say(
                "{id} is a talk in {room}, {seats} seats (small: at most {small}); seats are first come, "
                "arrive early",
                **fields,
            )
        else:
            message = say(
                "{id} is a {kind} session in {room}, {seats} seats (small: at most {small}); seats are first "
                "come, arrive early",
                **fields,
                kind=KIND_NAMES[pick.session.kind],
            )
        found.append(Problem(Level.WARNING, Code.SMALL_ROOM, message, (pick.id,)))
    return found
