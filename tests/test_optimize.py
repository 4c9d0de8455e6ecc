"""optimize.py: `plan --like` finds the true optimum, keeps series whole and picks, and explains itself."""

from __future__ import annotations

import math
from datetime import timedelta
from itertools import combinations, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcat_cli.core.model import Kind, Program, Series, Session, Showing
from dlcat_cli.core.optimize import best_agenda
from dlcat_cli.core.planner import plan_agenda
from dlcat_cli.core.rules import Pace
from dlcat_cli.errors import DlcatError
from test_planner_properties import START, paces, programs


def value(program: Program, ids: list[str], interests: list[str], pace: Pace) -> tuple[int, int, int, int]:
    """(interest points, -minutes late, -building changes, seats) of an agenda, computed from scratch:
    late minutes and changes of building count between consecutive picks of the same day only."""
    picks = sorted((program.find(i) for i in ids), key=lambda f: f[0].start)  # type: ignore[index]
    points = sum(sum(1 for i in interests if i in session.tags) for session, _ in picks)
    late = changes = 0
    for (a, room_a), (b, room_b) in pairwise(picks):
        if a.day != b.day or room_a.room == room_b.room:
            continue
        walk = math.ceil(program.walking.minutes(room_a.room, room_b.room) * pace.factor)
        late += max(0, walk - int((b.start - a.end).total_seconds() // 60))
        changes += room_a.room.building != room_b.room.building
    return points, -late, -changes, sum(showing.room.seats or 0 for _, showing in picks)


def test_dlcat_rl_and_gan(dlcat: Program) -> None:
    """강화학습 and GAN: both Rainbow and both drone parts (4 points) beat single talks, all in one building."""
    choice = best_agenda(dlcat, ["강화학습", "GAN"])
    assert choice.plan.ids == ("E10", "E11", "E15", "E16")
    assert choice.points == 4
    assert choice.plan.errors == ()
    reasons = {(r.chosen, r.alternative): r.because for r in choice.reasons}
    assert reasons[("E10+E11", "A10")] == "it matches fewer of your interests (1 vs 2)"


def test_picks_are_kept_and_series_stay_whole(dlcat: Program) -> None:
    """--pick E11 brings E10 with it; nothing else may clash with them."""
    choice = best_agenda(dlcat, ["keras"], picked=["E11"])
    assert {"E10", "E11"} <= set(choice.plan.ids)
    assert "C10" not in choice.plan.ids
    assert "F10" not in choice.plan.ids
    assert "A17" in {p.session.id for p in choice.plan.picks}


def test_ties_go_to_fewer_building_changes(dlcat: Program) -> None:
    """After E16 (ETRI) the Keras Tuner talk is taken in D17 (180 seats, ETRI), not A17 (300 seats, UST)."""
    choice = best_agenda(dlcat, ["keras tuner"], picked=["E16"])
    assert choice.plan.ids == ("E15", "E16", "D17")  # E15 comes with E16: a series stays whole
    reasons = {(r.chosen, r.alternative): r.because for r in choice.reasons}
    assert (
        reasons[("D17", "A17")]
        == "as many interest points, but taking it means 1 change of building instead of 0"
    )


def test_impossible_picks_are_one_error(dlcat: Program) -> None:
    """Picks that clash can't be kept: one line naming the clash."""
    with pytest.raises(DlcatError, match=r"--pick can't all be kept: clash: B10"):
        best_agenda(dlcat, ["gan"], picked=["B10", "C10"])
    with pytest.raises(DlcatError, match="--like needs at least one interest"):
        best_agenda(dlcat, [" ", ""])


def test_walking_rules_bind_the_optimum(dlcat: Program) -> None:
    """With --buffer 5 no UST-ETRI change fits a 10-minute break, and the optimum respects that."""
    choice = best_agenda(dlcat, ["rl", "xai", "kaggle"], Pace(buffer=5))
    assert choice.plan.errors == ()
    for a, b in zip(choice.plan.picks, choice.plan.picks[1:], strict=False):
        if (b.start - a.end) <= timedelta(minutes=10):
            assert a.room.building == b.room.building


@st.composite
def tagged(draw: st.DrawFn) -> tuple[Program, list[str]]:
    """A random small program whose sessions carry tags alpha, beta, gamma, with maybe one two-part series."""
    program = draw(programs())
    sessions = [
        Session(
            id=s.id,
            showings=s.showings,
            start=s.start,
            end=s.end,
            title=s.title,
            speakers=s.speakers,
            kind=Kind.TALK,
            tags=tuple(draw(st.sets(st.sampled_from(["alpha", "beta", "gamma"])))),
            day=s.day,
        )
        for s in program.sessions[:9]
    ]
    series = {}
    same_room = [(a, b) for a, b in combinations(sessions, 2) if a.showings[0].room == b.showings[0].room]
    if same_room and draw(st.booleans()):
        first, second = sorted(draw(st.sampled_from(same_room)), key=lambda s: s.start)
        series = {"pair": Series("pair", "A pair", (first.id, second.id))}
        sessions = [s._replace(series="pair") if s.id in (first.id, second.id) else s for s in sessions]
    rebuilt = Program(
        program.conference,
        program.buildings,
        program.rooms,
        program.walking,
        (),
        series,
        tuple(sessions),
        "t",
        "0",
    )
    interests = sorted(draw(st.sets(st.sampled_from(["alpha", "beta", "gamma"]), min_size=1)))
    return rebuilt, interests


@settings(max_examples=150, deadline=None)
@given(tagged(), paces())
def test_the_optimum_equals_brute_force(case: tuple[Program, list[str]], pace: Pace) -> None:
    """Over every subset of matching sessions that is a valid agenda with whole series, none beats the choice
    (by points, then fewer minutes late, then fewer changes of building, then more seats)."""
    program, interests = case
    hits = {s.id for s in program.sessions if set(s.tags) & set(interests)}
    if not hits:  # nothing to choose: an error rather than an empty agenda saved over the old one
        with pytest.raises(DlcatError, match="no session of Random matches"):
            best_agenda(program, interests, pace)
        return
    choice = best_agenda(program, interests, pace)
    assert choice.plan.errors == ()
    for one in program.series.values():  # a series comes whole when any part matches
        if hits & set(one.parts):
            hits |= set(one.parts)
    matching = [s for s in program.sessions if s.id in hits]
    best = (0, 0, 0, 0)
    for size in range(1, len(matching) + 1):
        for subset in combinations(matching, size):
            ids = {s.id for s in subset}
            if any(set(one.parts) & ids and not set(one.parts) <= ids for one in program.series.values()):
                continue
            if plan_agenda(program, list(ids), pace).errors:
                continue
            best = max(best, value(program, sorted(ids), interests, pace))
    assert value(program, list(choice.plan.ids), interests, pace) == best


def test_a_session_in_the_series_wrapper_has_showings() -> None:
    """The brute-force helper builds sessions like the loader does (guards the test itself)."""
    session = Session("X", (), START, START + timedelta(minutes=5), "t", (), Kind.TALK)
    assert isinstance(session.showings, tuple)
    assert Showing is not None


@settings(max_examples=200, deadline=None)
@given(tagged(), paces())
def test_like_agrees_with_pick_on_every_session(case: tuple[Program, list[str]], pace: Pace) -> None:
    """The one rule, checked against `plan --pick` as an independent oracle (issue 11, point 3): the agenda
    --like keeps is one --pick accepts, and every matching session it leaves out (outside a series, which
    --like keeps whole by design) is one --pick would refuse beside the others."""
    program, interests = case
    if not any(set(s.tags) & set(interests) for s in program.sessions):
        return
    choice = best_agenda(program, interests, pace)
    kept = list(choice.plan.ids)
    assert plan_agenda(program, kept, pace).errors == ()
    chosen = {pick.session.id for pick in choice.plan.picks}
    for session in program.sessions:
        if session.id in chosen or session.series or not set(session.tags) & set(interests):
            continue
        for showing in session.showings:
            assert plan_agenda(program, [*kept, showing.id], pace).errors, (
                f"--like left out {showing.id}, which --pick accepts beside {kept}"
            )
