"""rules.py: the one rule for a move: walk x pace, buffer, minutes late accepted, and the night."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dlcat_cli.core.model import Program
from dlcat_cli.core.rules import Pace, Pick, Verdict, allowed, is_night, judge, move_between
from dlcat_cli.formats.loader import load_program
from helpers import PROGRAMS


@pytest.mark.parametrize(
    ("walk", "gap", "pace", "verdict"),
    [
        (10, 20, Pace(), Verdict.ON_TIME),  # 10 to spare
        (10, 15, Pace(), Verdict.ON_TIME),  # exactly TIGHT_SPARE_MINUTES to spare
        (10, 14, Pace(), Verdict.TIGHT),
        (10, 10, Pace(), Verdict.TIGHT),  # 0 to spare: leave as the Q&A ends
        (3, 0, Pace(), Verdict.LATE),  # back to back, next door: 3 min late
        (10, 5, Pace(), Verdict.LATE),  # 5 late, the default limit
        (10, 4, Pace(), Verdict.IMPOSSIBLE),  # 6 late
        (10, 9, Pace(late=0), Verdict.IMPOSSIBLE),
        (10, 0, Pace(late=10), Verdict.LATE),
        (10, 14, Pace(buffer=5), Verdict.IMPOSSIBLE),  # on time, but the buffer is broken
        (10, 15, Pace(buffer=5), Verdict.TIGHT),
        (3, 0, Pace(buffer=1, late=60), Verdict.IMPOSSIBLE),  # a buffer is never traded for lateness
        (0, 0, Pace(), Verdict.TIGHT),  # another room, no walk, no minute to look for a seat
    ],
)
def test_judge(walk: int, gap: int, pace: Pace, verdict: Verdict) -> None:
    """Every verdict at its edges (walk and gap in minutes at the attendee's pace), to a 50-minute talk."""
    assert judge(walk, gap, pace, 50) is verdict


def test_arriving_after_the_end_is_no_arrival() -> None:
    """To a 20-minute lightning talk, 19 minutes late is the most any --late allows; 20 is after its end."""
    assert judge(30, 11, Pace(late=60), 20) is Verdict.LATE
    assert judge(30, 10, Pace(late=60), 20) is Verdict.IMPOSSIBLE
    assert Pace(late=60).shortest_gap(30, 20) == 11


def test_pace_thresholds_agree_with_judge() -> None:
    """shortest_gap and on_time_gap (what --like's trees use) are where judge changes its mind."""
    for pace in (Pace(), Pace(late=0), Pace(late=60), Pace(buffer=4), Pace(buffer=4, late=10)):
        for walk in range(30):
            for length in (1, 5, 20, 50):
                shortest, on_time = pace.shortest_gap(walk, length), pace.on_time_gap(walk)
                assert judge(walk, shortest, pace, length).allowed
                assert shortest == 0 or not judge(walk, shortest - 1, pace, length).allowed
                assert judge(walk, on_time, pace, length) in (Verdict.ON_TIME, Verdict.TIGHT)
                assert judge(walk, on_time - 1, pace, length) in (Verdict.LATE, Verdict.IMPOSSIBLE)


@pytest.fixture(scope="module")
def one_building() -> Program:
    return load_program(PROGRAMS / "one-building-back-to-back.yaml")


def pick(program: Program, showing_id: str) -> Pick:
    found = program.find(showing_id)
    assert found is not None
    return Pick(*found)


def test_a_room_change_back_to_back_is_3_min_late(one_building: Program) -> None:
    """X1 (Room 1) ends at 10:45 when Y2 (Room 2) starts: 3 minutes late, leave at 10:45 sharp."""
    move = move_between(one_building, pick(one_building, "X1"), pick(one_building, "Y2"), Pace())
    assert move is not None
    assert (move.walk, move.gap, move.late, move.spare, move.verdict) == (3, 0, 3, -3, Verdict.LATE)
    assert move.leave_by == move.origin.end
    vienna = ZoneInfo("Europe/Vienna")
    assert move.leave_by == datetime(2024, 5, 10, 10, 45, tzinfo=vienna)
    slow = move_between(one_building, pick(one_building, "X1"), pick(one_building, "Y2"), Pace(factor=2))
    assert slow is not None
    assert slow.verdict is Verdict.IMPOSSIBLE


def test_staying_in_the_room_is_always_fine(one_building: Program) -> None:
    """X1 then X2 in Room 1: no walk, no buffer, whatever the pace."""
    move = move_between(one_building, pick(one_building, "X1"), pick(one_building, "X2"), Pace(buffer=30))
    assert move is not None
    assert (move.walk, move.buffer, move.verdict) == (0, 0, Verdict.ON_TIME)


def test_leave_by_keeps_the_walk_and_buffer(dlcat: Program) -> None:
    """B10 (UST, ends 10:50) to D13 (ETRI, 13:00): a 10-minute walk and a 5-minute buffer: leave by 12:45."""
    move = move_between(dlcat, pick(dlcat, "B10"), pick(dlcat, "D13"), Pace(buffer=5))
    assert move is not None
    assert move.leave_by == move.destination.start - timedelta(minutes=15)


def test_a_night_has_no_move_and_overlaps_are_never_allowed(one_building: Program) -> None:
    """Sessions of different days: no move (nothing to time); sessions that overlap can't follow each other."""
    evening = pick(one_building, "X3")
    morning = Pick(evening.session._replace(day=2), pick(one_building, "Y1").showing)
    assert is_night(evening, morning)
    assert move_between(one_building, evening, morning, Pace(factor=100)) is None
    assert not allowed(one_building, pick(one_building, "X1"), pick(one_building, "Y1"), Pace())
