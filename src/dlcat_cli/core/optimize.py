"""`plan --like`: the best agenda for a set of interests, exactly. Pure.

The best agenda matches the most interests (a session scores one point per interest it matches),
then has the fewest minutes late, then the fewest changes of building, then the most seats. Every
move in it is allowed by the one rule of a move (rules.py: walk x pace, buffer, minutes late accepted,
no move across a night), as in `plan`; it keeps a series whole (all parts or none) and keeps every
session the attendee picked.

It is a longest path over "units" (a session in one room, or a whole series) in start order:
best(u) = value(u) + the best agenda ending early enough before u to walk from its last room to u's
first. The walk depends only on whether the rooms are the same, in the same building or in which
two buildings, so "in time" is a threshold on end times per room and per building, answered by
Fenwick trees of prefix maxima; "late, but within what is accepted" is a window of end times just
after that threshold, where the minutes late grow with the end time, answered by a segment tree of
range maxima; an agenda ending on an earlier conference day needs no walk at all (a tree per day).
O(n log n) in the number of units, times the number of buildings and days.
Sessions that fall between the parts of a chosen series are not considered alongside it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from itertools import pairwise
from typing import NamedTuple

from dlcat_cli.core.model import Program, Session, Showing
from dlcat_cli.core.planner import Plan, plan_agenda
from dlcat_cli.core.rules import Pace, Pick, allowed, minutes_between, move_between
from dlcat_cli.core.search import common_tags, relevance
from dlcat_cli.errors import DlcatError, Echo
from dlcat_cli.i18n import _, say, shown


class Score(NamedTuple):
    """How good an agenda (or part of one) is; compared as a tuple, the greater the better.

    `late` and `changes` are stored negated (minutes late, changes of building), so that fewer is greater.
    """

    points: int  # interest points (plus _FORCED for each picked session)
    late: int  # minus the minutes late, over every move
    changes: int  # minus the changes of building
    seats: int  # seats of the rooms sat in, added up


_NOTHING = Score(0, 0, 0, 0)
_FORCED = 1_000_000  # points for a picked session: more than all interests together


class Unit(NamedTuple):
    """A session in one room, or a whole series with the best sessions between its parts.

    Either is chosen all at once or not at all. `value` counts everything it holds, including the
    building changes from part to part.
    """

    parts: tuple[Pick, ...]  # the session, or the series' parts, in time order
    value: Score
    points: int  # interest points of everything it holds (without the bonus for picked sessions)
    forced: bool
    inside: tuple[Unit, ...] = ()  # units between the parts of a series

    @property
    def first(self) -> Pick:
        return self.parts[0]

    @property
    def last(self) -> Pick:
        return self.parts[-1]

    @property
    def picks(self) -> tuple[Pick, ...]:
        inner = [pick for unit in self.inside for pick in unit.picks]
        return tuple(sorted([*self.parts, *inner], key=lambda p: p.start))


class Reason(NamedTuple):
    """Why a session was chosen over the best alternative at its time, or why a time was left free."""

    chosen: str | None
    alternative: str
    because: str


class Choice(NamedTuple):
    plan: Plan
    points: int
    interests: tuple[str, ...]
    reasons: tuple[Reason, ...]
    unmatched: tuple[str, ...] = ()  # interests no session (of `day`) matches
    day: int | None = None  # the conference day chosen from, if one was


def best_agenda(
    program: Program,
    interests: Sequence[str],
    pace: Pace | None = None,
    picked: Sequence[str] = (),
    day: int | None = None,
    avoid: Collection[str] = (),
) -> Choice:
    """The optimum agenda for `interests`, keeping `picked`; only sessions of conference day `day` if given,
    and none whose session id is in `avoid` (core/repair.py: what was just dropped, or is cancelled).

    Raises DlcatError when `picked` can't all be kept, or when no session (of that day) matches.
    """
    pace = pace or Pace()
    wanted = tuple(i.strip() for i in interests if i.strip())
    if not wanted:
        example = ",".join(common_tags(program)[:2]) or "robots"
        raise DlcatError(
            _("--like needs at least one interest, e.g. --like {example}").format(example=example)
        )
    forced_ids = _with_whole_series(program, picked)
    check = plan_agenda(program, forced_ids, pace)
    if check.errors:
        problems = "; ".join(shown(p.message) for p in check.errors)
        raise DlcatError(
            _("the sessions given with --pick can't all be kept: {problems}").format(problems=problems)
        )
    pool = [
        s for s in program.sessions if (day is None or s.day == day) and not s.all_day and s.id not in avoid
    ]
    # Sets of ids, not of sessions: hashing a Session hashes all its fields, its Kind in Python (issue 16).
    matching = {i: {s.id for s in pool if relevance(program, s, i) > 0} for i in wanted}
    unmatched = tuple(i for i in wanted if not matching[i])
    if len(unmatched) == len(wanted):
        tags = ", ".join(_other_tags(program, wanted))
        fields = {
            "conference": program.conference.short_name,
            "day": day,
            "interests": ", ".join(repr(Echo(i)) for i in wanted),
        }
        if day is None:
            head = _("no session of {conference} matches {interests}").format(**fields)
        else:
            head = _("no session of {conference} on day {day} matches {interests}").format(**fields)
        if tags:
            hint = _("try a topic such as {tags}, a word of a title, or a speaker").format(tags=tags)
        else:
            hint = _("try a word of a title, or a speaker")
        raise DlcatError(f"{head}; {hint}")
    points = {s.id: sum(1 for i in wanted if s.id in matching[i]) for s in program.sessions}  # 0 off the day
    units = _units(program, points, pace, {p.id for p in check.picks})
    chosen = _longest_path(program, units, pace)
    ids = [pick.id for unit in chosen for pick in unit.picks]
    plan = plan_agenda(program, ids, pace)
    assert not plan.errors, plan.errors  # the path only joins units whose walks fit
    reasons = _reasons(program, units, chosen, pace)
    return Choice(
        plan=plan,
        points=sum(u.points for u in chosen),
        interests=wanted,
        reasons=tuple(reasons),
        unmatched=unmatched,
        day=day,
    )


def interests_in(program: Program, text: str) -> list[str]:
    """The interests in what was typed after --like: parts separated by commas (`,`, a Korean keyboard's
    `，` or `、`); a part of several words that holds Hangul is one interest when it matches some session
    as a whole (spaces ignored, as search does: "강화 학습" is 강화학습), else one interest per word
    ("강화학습 케라스" is two). A part in Latin letters stays whole: "reinforcement learning" is one."""
    import re

    found: list[str] = []
    for part in re.split(r"[,，、]", text):
        words = part.split()
        if len(words) > 1 and _holds_hangul(part):
            phrase = " ".join(words)
            if not any(relevance(program, session, phrase) for session in program.sessions):
                found += words
                continue
        found.append(part)
    return found


def _holds_hangul(text: str) -> bool:
    from dlcat_cli.core.keyboard import has_hangul

    return has_hangul(text)


def _other_tags(program: Program, wanted: Sequence[str]) -> list[str]:
    """Common tags to suggest when no interest matched, less any the attendee already typed."""
    from dlcat_cli.core.search import fold

    typed = [fold(word).replace(" ", "") for word in wanted]
    tags = common_tags(program, 5 + len(typed))
    return [t for t in tags if not any(fold(t).replace(" ", "") in word for word in typed)][:5]


def _with_whole_series(program: Program, picked: Sequence[str]) -> list[str]:
    ids: list[str] = []
    for text in picked:
        found = program.find(text)
        series = program.series_of(found[0]) if found else None
        if series is None:
            ids.append(text)
        else:
            ids += [part if part != found[0].id else found[1].id for part in series.parts]  # type: ignore[index]
    return list(dict.fromkeys(ids))


def _units(program: Program, points: dict[str, int], pace: Pace, forced: set[str]) -> list[Unit]:
    """The units the best path is made of: each session of interest (or picked) in each of its rooms,
    and each series whole; `points` are the interest points by session id."""
    singles: list[Unit] = []
    series_parts: list[tuple[Pick, ...]] = []
    for session in program.sessions:
        series = program.series_of(session)
        if series is not None:
            if session.id == series.parts[0]:
                found = [program.find(part) for part in series.parts]
                series_parts.append(tuple(Pick(*_forced_showing(f, forced)) for f in found if f is not None))
            continue
        for showing in session.showings:
            pick = Pick(session, showing)
            if points[session.id] or showing.id in forced:
                singles.append(_single(pick, points[session.id], showing.id in forced))
    units = list(singles)
    # Shorter series first, so that a series nested between the parts of a longer one is ready for it.
    for parts in sorted(series_parts, key=lambda ps: ps[-1].end - ps[0].start):
        score = sum(points[p.session.id] for p in parts)
        is_forced = any(p.id in forced for p in parts)
        if score or is_forced:
            unit = _series_unit(program, parts, score, is_forced, units, pace)
            if unit is not None:
                units.append(unit)
    if forced:  # nothing that overlaps a kept session can be chosen
        kept = [u for u in units if u.forced]
        units = [u for u in units if u.forced or not any(_clash(u, k) for k in kept)]
    units.sort(key=lambda u: (u.first.start, u.last.end, u.first.id))
    return units


def _single(pick: Pick, points: int, forced: bool) -> Unit:
    return Unit(
        (pick,), Score(points + (_FORCED if forced else 0), 0, 0, pick.room.seats or 0), points, forced
    )


def _series_unit(
    program: Program, parts: tuple[Pick, ...], score: int, forced: bool, units: list[Unit], pace: Pace
) -> Unit | None:
    """The series as one unit, with the best fill of each gap between its parts; None if it can't be walked."""
    value = Score(score + (_FORCED if forced else 0), 0, 0, sum(p.room.seats or 0 for p in parts))
    points, inside = score, []
    for before, after in pairwise(parts):
        fill = _gap_fill(program, units, before, after, pace)
        if fill is None:
            return None
        value = _add(value, fill[0])
        points += sum(u.points for u in fill[1])
        inside += fill[1]
    return Unit(parts, value, points, forced, tuple(inside))


def _step(program: Program, origin: Pick, destination: Pick, pace: Pace) -> Score:
    """What the move between two units' picks costs: its minutes late and change of building (none at night)."""
    move = move_between(program, origin, destination, pace)
    if move is None:
        return _NOTHING
    return Score(0, -move.late, -int(move.changes_building), 0)


def _gap_fill(
    program: Program, units: list[Unit], before: Pick, after: Pick, pace: Pace
) -> tuple[Score, list[Unit]] | None:
    """The best chain of units from the end of `before` to the start of `after`, or None if none fits."""
    inside = sorted(
        (u for u in units if u.first.start >= before.end and u.last.end <= after.start and not u.forced),
        key=lambda u: u.first.start,
    )
    best: list[tuple[Score, int] | None] = []
    for index, unit in enumerate(inside):
        options = []
        if allowed(program, before, unit.first, pace):
            options.append((_add(_step(program, before, unit.first, pace), unit.value), -1))
        for j in range(index):
            found = best[j]
            if found is not None and allowed(program, inside[j].last, unit.first, pace):
                options.append(
                    (_add(_add(found[0], _step(program, inside[j].last, unit.first, pace)), unit.value), j)
                )
        best.append(max(options) if options else None)
    endings: list[tuple[Score, int]] = []
    if allowed(program, before, after, pace):
        endings.append((_step(program, before, after, pace), -1))
    for index, found in enumerate(best):
        if found is not None and allowed(program, inside[index].last, after, pace):
            endings.append((_add(found[0], _step(program, inside[index].last, after, pace)), index))
    if not endings:
        return None
    value, index = max(endings)
    chain = []
    while index >= 0:
        chain.append(inside[index])
        index = best[index][1]  # type: ignore[index]
    return value, chain[::-1]


def _forced_showing(found: tuple[Session, Showing], forced: set[str]) -> tuple[Session, Showing]:
    session, showing = found
    return session, next((s for s in session.showings if s.id in forced), showing)


def _overlap(a: Unit, b: Unit) -> bool:
    """The spans overlap (used to find the alternatives at a unit's time)."""
    return a.first.start < b.last.end and b.first.start < a.last.end


def _clash(a: Unit, b: Unit) -> bool:
    """Some session of one overlaps some session of the other."""
    return any(p.session.overlaps(q.session) for p in a.picks for q in b.picks)


def _add(a: Score, b: Score) -> Score:
    return tuple.__new__(Score, (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]))


class _PrefixBest:
    """Fenwick tree: the best (score, unit index) among units ending at or before a minute."""

    def __init__(self, ends: list[int]) -> None:
        self.ends = sorted(set(ends))
        self.tree: list[tuple[Score, int]] = [(_NOTHING, -1)] * (len(self.ends) + 1)

    def insert(self, end: int, item: tuple[Score, int]) -> None:
        index = bisect_right(self.ends, end)
        while index < len(self.tree):
            if item > self.tree[index]:
                self.tree[index] = item
            index += index & -index

    def best(self, until: int) -> tuple[Score, int]:
        index = bisect_right(self.ends, until)
        found: tuple[Score, int] = (_NOTHING, -1)
        while index > 0:
            if self.tree[index] > found:
                found = self.tree[index]
            index -= index & -index
        return found


class _RangeBest:
    """Segment tree: the best (score, unit index) among units ending within a span of minutes.

    For the late window the score is stored with `late` lowered by the end minute: among units that
    end in the window, the later one ends, the later the attendee walks in (one minute per minute),
    so the best of them is the best of (score, late - end), whatever the start walked to.
    """

    def __init__(self, ends: list[int]) -> None:
        self.ends = sorted(set(ends))
        self.size = 1
        while self.size < max(1, len(self.ends)):
            self.size *= 2
        self.tree: list[tuple[Score, int] | None] = [None] * (2 * self.size)

    def insert(self, end: int, item: tuple[Score, int]) -> None:
        index = bisect_left(self.ends, end) + self.size
        while index:
            here = self.tree[index]
            if here is None or item > here:
                self.tree[index] = item
            index //= 2

    def best(self, after: int, until: int) -> tuple[Score, int] | None:
        """The best among units ending later than `after` and no later than `until`."""
        low = bisect_right(self.ends, after) + self.size
        high = bisect_right(self.ends, until) + self.size
        found: tuple[Score, int] | None = None
        while low < high:
            if low & 1:
                found = _better(found, self.tree[low])
                low += 1
            if high & 1:
                high -= 1
                found = _better(found, self.tree[high])
            low //= 2
            high //= 2
        return found


def _better(a: tuple[Score, int] | None, b: tuple[Score, int] | None) -> tuple[Score, int] | None:
    if a is None:
        return b
    return a if b is None or a >= b else b


def _minute(moment: datetime) -> int:
    """Whole minutes since the epoch (UTC): the unit of every gap."""
    return int(moment.timestamp() // 60)


def _longest_path(program: Program, units: list[Unit], pace: Pace) -> list[Unit]:
    """The best chain of units in which each move is allowed (rules.py), by Score.

    From unit A (last room RA, ending at minute e) to unit B (first room RB, starting at minute s) on
    one conference day: the same room needs e <= s; another room needs s - e >= pace.shortest_gap(walk, length),
    where walk depends only on the two buildings; the attendee is late by walk - (s - e) when that is
    positive. From a unit of an earlier day, anything ending by s will do, with no walk.
    """
    ends = [_minute(u.last.end) for u in units]
    room_ends: dict[str, list[int]] = {room.id: [] for room in program.rooms}
    building_ends: dict[str, list[int]] = {key: [] for key in program.buildings}
    day_ends: dict[int, list[int]] = {}
    for unit, end_time in zip(units, ends, strict=True):
        room_ends[unit.last.room.id].append(end_time)
        building_ends[unit.last.room.building.key].append(end_time)
        day_ends.setdefault(unit.last.session.day, []).append(end_time)
    by_room = {key: _PrefixBest(values) for key, values in room_ends.items()}
    by_building = {key: _PrefixBest(values) for key, values in building_ends.items()}
    late_window = (
        {key: _RangeBest(values) for key, values in building_ends.items()}
        if pace.buffer == 0 and pace.late > 0
        else {}
    )
    by_day = {day: _PrefixBest(values) for day, values in day_ends.items()}
    best: list[Score] = []
    parent: list[int] = []
    change = Score(0, 0, -1, 0)
    for index, unit in enumerate(units):
        start, entry, day = _minute(unit.first.start), unit.first.room, unit.first.session.day
        length = minutes_between(unit.first.start, unit.first.end)
        options = [(_NOTHING, -1), by_room[entry.id].best(start)]
        options += [tree.best(start) for other, tree in by_day.items() if other != day]
        for key, tree in by_building.items():
            building = program.buildings[key]
            walk = pace.walk(program.walking.between_buildings(building, entry.building))
            on_time = start - pace.on_time_gap(walk)
            found, source = tree.best(on_time)
            if source >= 0 and building != entry.building:
                found = _add(found, change)
            options.append((found, source))
            window = late_window.get(key)
            latest = start - pace.shortest_gap(walk, length)
            late = window.best(on_time, latest) if window is not None else None
            if late is not None:
                found, source = late
                # stored with late - end; the move from there is late by walk - (start - end)
                found = _add(found, Score(0, start - walk, -int(building != entry.building), 0))
                options.append((found, source))
        before, source = max(options)
        best.append(_add(before, unit.value))
        parent.append(source)
        item = (best[index], index)
        by_room[unit.last.room.id].insert(ends[index], item)
        by_building[unit.last.room.building.key].insert(ends[index], item)
        by_day[unit.last.session.day].insert(ends[index], item)
        window = late_window.get(unit.last.room.building.key)
        if window is not None:
            window.insert(ends[index], (_add(best[index], Score(0, -ends[index], 0, 0)), index))
    if not units:
        return []
    end = max(range(len(units)), key=lambda i: (best[i], -i))
    if best[end] <= _NOTHING:
        return []
    chain = []
    while end >= 0:
        chain.append(units[end])
        end = parent[end]
    return chain[::-1]


_MAX_FREE_REASONS = 10


def _reasons(program: Program, units: list[Unit], chosen: list[Unit], pace: Pace) -> list[Reason]:
    """For each chosen unit, the best alternative at its time and why it lost; then why some times stay free."""
    chosen_ids = {id(u) for u in chosen}
    steps = [_step(program, a.last, b.first, pace) for a, b in pairwise(chosen)]
    total = _total(chosen, steps)
    starts = [u.first.start for u in units]
    longest = max((u.last.end - u.first.start for u in units), default=timedelta(0))
    reasons = []
    for unit in chosen:
        low, high = bisect_left(starts, unit.first.start - longest), bisect_left(starts, unit.last.end)
        rivals = [u for u in units[low:high] if id(u) not in chosen_ids and _overlap(u, unit)]
        if rivals:
            rival = max(rivals, key=lambda u: (u.points, u.value.seats))
            reasons.append(
                Reason(_name(unit), _name(rival), _why_not(program, chosen, steps, total, unit, rival, pace))
            )
    chosen_starts = [u.first.start for u in chosen]
    free = []
    for unit in units:
        if not unit.points or id(unit) in chosen_ids:
            continue
        index = bisect_left(chosen_starts, unit.last.end)  # chosen units are in time order and apart
        if index > 0 and chosen[index - 1].last.end > unit.first.start:
            continue
        free.append(unit)
    for unit in sorted(free, key=lambda u: -u.points)[:_MAX_FREE_REASONS]:
        because = _walk_problem(program, chosen, unit, pace) or say("adding it lowers the total")
        reasons.append(Reason(None, _name(unit), because))
    return reasons


def _name(unit: Unit) -> str:
    return "+".join(p.id for p in unit.parts)


def _total(units: Sequence[Unit], steps: Sequence[Score]) -> Score:
    """The score of time-ordered `units`, with `steps[i]` the cost of the move from units[i] to units[i + 1]."""
    value = _NOTHING
    for one in (*(u.value for u in units), *steps):
        value = _add(value, one)
    return value


def _swapped(program: Program, chosen: list[Unit], steps: list[Score], rival: Unit, pace: Pace) -> Score:
    """The score of `chosen` with the units that overlap `rival` (a run of them, in time order) replaced by it."""
    run = [i for i, u in enumerate(chosen) if _overlap(u, rival)]
    low, high = run[0], run[-1]
    kept = [*chosen[:low], rival, *chosen[high + 1 :]]
    moves = [*steps[: max(low - 1, 0)], *steps[high + 1 :]]
    if low > 0:
        moves.append(_step(program, chosen[low - 1].last, rival.first, pace))
    if high + 1 < len(chosen):
        moves.append(_step(program, rival.last, chosen[high + 1].first, pace))
    return _total(kept, moves)


def _why_not(
    program: Program,
    chosen: list[Unit],
    steps: list[Score],
    total: Score,
    unit: Unit,
    rival: Unit,
    pace: Pace,
) -> str:
    if unit.forced:
        return say("{ids} was given with --pick", ids=_name(unit))
    if rival.points < unit.points:
        return say(
            "it matches fewer of your interests ({points} vs {chosen})",
            points=rival.points,
            chosen=unit.points,
        )
    others = [u for u in chosen if not _overlap(u, rival)]
    problem = _walk_problem(program, others, rival, pace)
    if problem:
        return problem
    other = _swapped(program, chosen, steps, rival, pace)
    if other.points < total.points:
        return say(
            "taking it would give up more elsewhere ({points} interest points instead of {chosen})",
            points=other.points,
            chosen=total.points,
        )
    if other.late < total.late:
        return say(
            "as many interest points, but taking it means arriving {late} min late instead of {chosen}",
            late=-other.late,
            chosen=-total.late,
        )
    if other.changes < total.changes:
        fields = {"changes": -other.changes, "chosen": -total.changes}
        if -other.changes == 1:
            return say(
                "as many interest points, but taking it means 1 change of building instead of {chosen}",
                **fields,
            )
        return say(
            "as many interest points, but taking it means {changes} changes of building instead of {chosen}",
            **fields,
        )
    if other.seats < total.seats:
        return say(
            "as many interest points and changes of building, but fewer seats ({seats} vs {chosen})",
            seats=other.seats,
            chosen=total.seats,
        )
    return say("just as good (a tie, settled by program order)")


def _walk_problem(program: Program, chosen: list[Unit], unit: Unit, pace: Pace) -> str | None:
    """Why `unit` can't join the time-ordered, non-overlapping `chosen` units, or None if it can."""
    for other in chosen:
        if _clash(other, unit):
            return say("it overlaps {ids}", ids=_name(other))
    before = [u for u in chosen if u.last.end <= unit.first.start]
    after = [u for u in chosen if u.first.start >= unit.last.end]
    for origin, destination in (
        (before[-1].last if before else None, unit.first),
        (unit.last, after[0].first if after else None),
    ):
        if origin is None or destination is None or allowed(program, origin, destination, pace):
            continue
        move = move_between(program, origin, destination, pace)
        if move is None or move.gap < 0:
            return say("it overlaps {ids}", ids=destination.id if origin is unit.last else origin.id)
        fields = {
            "origin": origin.id,
            "origin_room": origin.room.label,
            "destination": destination.id,
            "destination_room": destination.room.label,
            "gap": move.gap,
        }
        if move.buffer:
            return say(
                "the walk from {origin} ({origin_room}) to {destination} ({destination_room}) needs {minutes} min, "
                "but there are only {gap}",
                minutes=move.walk + move.buffer,
                **fields,
            )
        return say(
            "the walk from {origin} ({origin_room}) to {destination} ({destination_room}) takes {walk} min, "
            "with {gap} min between them: {late} min late, more than the {accepted} min you accept",
            walk=move.walk,
            late=move.late,
            accepted=pace.late,
            **fields,
        )
    return None
