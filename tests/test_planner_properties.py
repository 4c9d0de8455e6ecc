"""Properties of the planner over random small programs and random picks (hypothesis)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from itertools import combinations, pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from dlcat_cli.core.model import Building, Conference, Kind, Program, Room, Session, Showing, Walking
from dlcat_cli.core.planner import Level, plan_agenda, without
from dlcat_cli.core.rules import Pace

ZONE = ZoneInfo("Europe/Berlin")
START = datetime(2024, 3, 1, 9, 0, tzinfo=ZONE)
NIGHT_MINUTES = 14 * 60  # from an evening to the next morning


@st.composite
def programs(draw: st.DrawFn) -> Program:
    """1-3 buildings, 1-4 rooms, up to 4 sessions a room with random gaps (zero included)."""
    keys = [f"B{i}" for i in range(draw(st.integers(1, 3)))]
    buildings = {key: Building(key, key, None) for key in keys}
    between = {frozenset(pair): draw(st.integers(0, 20)) for pair in combinations(keys, 2)}
    walking = Walking(within_building=draw(st.integers(0, 5)), between=between)
    rooms = tuple(
        Room(
            f"R{i}",
            f"R{i}",
            f"Room {i}",
            buildings[draw(st.sampled_from(keys))],
            draw(st.none() | st.integers(5, 300)),
        )
        for i in range(draw(st.integers(1, 4)))
    )
    # Maybe a second conference day: what would start at or after `split` minutes starts NIGHT later,
    # and belongs to day 2 (a night is shorter than a slow walk at --pace 100).
    split = draw(st.none() | st.integers(0, 150))
    sessions = []
    for room in rooms:
        clock = 0
        for index in range(draw(st.integers(0, 4))):
            clock += draw(st.integers(0, 30))
            length = draw(st.integers(5, 60))
            session_id = f"{room.id}S{index}"
            day = 2 if split is not None and clock >= split else 1
            shift = NIGHT_MINUTES if day == 2 else 0
            sessions.append(
                Session(
                    id=session_id,
                    showings=(Showing(session_id, room),),
                    start=START + timedelta(minutes=clock + shift),
                    end=START + timedelta(minutes=clock + length + shift),
                    title=f"Talk {session_id}",
                    speakers=("Someone",),
                    kind=Kind.TALK,
                    day=day,
                )
            )
            clock += length
    sessions.sort(key=lambda s: (s.start, s.id))
    conference = Conference("random", "Random", "Random", ZONE, START.date(), None)
    return Program(conference, buildings, rooms, walking, (), {}, tuple(sessions), "random", "0")


@st.composite
def cases(draw: st.DrawFn) -> tuple[Program, list[str], Pace]:
    program = draw(programs())
    ids = list(program.showing_ids)
    picked = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    if draw(st.booleans()):  # mostly keep picks that don't overlap, so the walking rules get exercised
        kept: list[Session] = []
        for session in sorted((program.find(i)[0] for i in picked), key=lambda s: s.start):  # type: ignore[index]
            if not kept or kept[-1].end <= session.start:
                kept.append(session)
        picked = [s.id for s in kept]
    if draw(st.integers(0, 9)) == 0:
        picked.append("NOPE")
    return program, draw(st.permutations(picked)), draw(paces())


@st.composite
def paces(draw: st.DrawFn) -> Pace:
    """No buffer half the time (so late arrivals happen), a pace up to 100 (walks longer than a night)."""
    buffer = draw(st.sampled_from([0, 0, 0, 1, 3, 5, 10]))
    factor = draw(st.sampled_from([0.5, 1.0, 1.3, 2.0, 100.0]))
    return Pace(buffer=buffer, factor=factor, late=draw(st.sampled_from([0, 1, 3, 5, 10, 60])))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_an_agenda_without_errors_has_no_clash_and_no_impossible_walk(
    case: tuple[Program, list[str], Pace],
) -> None:
    """Checked by an independent oracle: no overlap; on one day, every room change fits walk x pace +
    buffer when a buffer is asked for, and else arrives at most `late` minutes late, before the end."""
    program, ids, pace = case
    plan = plan_agenda(program, ids, pace)
    if plan.errors:
        return
    picks = plan.picks
    for first, second in combinations(picks, 2):
        assert first.end <= second.start or second.end <= first.start
    for first, second in pairwise(picks):
        if first.room != second.room and first.session.day == second.session.day:
            walk = math.ceil(program.walking.minutes(first.room, second.room) * pace.factor)
            gap = (second.start - first.end).total_seconds() / 60
            if pace.buffer:
                assert walk + pace.buffer <= gap
            else:  # late by at most --late, and in before the session ends
                assert walk - gap <= pace.late
                assert walk - gap < (second.end - second.start).total_seconds() / 60


@settings(max_examples=300, deadline=None)
@given(cases())
def test_every_rejection_names_the_sessions_at_fault(case: tuple[Program, list[str], Pace]) -> None:
    """Each error names ids that were given; every overlapping pair is reported as a clash."""
    program, ids, pace = case
    plan = plan_agenda(program, ids, pace)
    given_ids = {i.upper() for i in ids}
    for problem in plan.errors:
        assert problem.ids
        assert all(i.upper() in given_ids for i in problem.ids)
        assert all(i in problem.message for i in problem.ids)
    clashes = {p.ids for p in plan.errors if p.code.value == "clash"}
    for first, second in combinations(plan.picks, 2):
        if first.start < second.end and second.start < first.end:
            assert (first.id, second.id) in clashes
    if "NOPE" in ids:
        assert any(p.code.value == "unknown-id" for p in plan.errors)
    assert all(p.level in (Level.ERROR, Level.WARNING) for p in plan.problems)


@settings(max_examples=200, deadline=None)
@given(programs(), st.data())
def test_add_then_drop_returns_the_original_agenda(program: Program, data: st.DataObject) -> None:
    """Adding a session and dropping it again gives back the same picks."""
    ids = list(program.showing_ids)
    if not ids:
        return
    agenda = data.draw(st.lists(st.sampled_from(ids), unique=True))
    extra = data.draw(st.sampled_from(ids))
    if extra in agenda:
        return
    before = plan_agenda(program, agenda).ids
    after = plan_agenda(program, without(program, [*agenda, extra], [extra])).ids
    assert after == before
