"""planner.py: the rules of an agenda, on DLCAT and on small programs of our own."""

from __future__ import annotations

import pytest

from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Level, Plan, plan_agenda, without
from dlcat_cli.core.rules import MoveKind, Pace, Verdict, moves
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import load_program
from helpers import PROGRAMS


@pytest.fixture(scope="module")
def b2b() -> Program:
    return load_program(PROGRAMS / "two-buildings-back-to-back.yaml")


def codes(plan: Plan, level: Level | None = None) -> list[str]:
    return [p.code.value for p in plan.problems if level is None or p.level is level]


def test_a_fine_agenda_has_no_errors_and_is_in_time_order(dlcat: Program) -> None:
    """Picks come back in time order, whatever order they were given in."""
    plan = plan_agenda(dlcat, ["c11", " B10 "])
    assert plan.ids == ("B10", "C11")
    assert plan.errors == ()


def test_b10_then_d11_is_tight_and_impossible_with_a_buffer(dlcat: Program) -> None:
    """UST to ETRI in the 10-minute break: tight with no buffer, impossible with --buffer 5."""
    tight = plan_agenda(dlcat, ["B10", "D11"])
    assert codes(tight) == ["tight-walk"]
    assert "leave as soon as the Q&A ends" in tight.problems[0].message
    impossible = plan_agenda(dlcat, ["B10", "D11"], Pace(buffer=5))
    (error,) = impossible.errors
    assert error.code.value == "impossible-walk"
    assert error.ids == ("B10", "D11")
    assert error.message == (
        "impossible walk: B10 (10:00–10:50, UST 사이언스홀) to D11 (11:00–11:50, ETRI 212호 대회의실): "
        "the walk from UST to ETRI takes 10 min + 5 min buffer, but there are only 10 min between them; "
        "drop one of them or lower --buffer"
    )


def test_a_slower_pace_makes_you_late_then_the_walk_impossible(dlcat: Program) -> None:
    """--pace 1.2 turns the 10-minute walk into 12 minutes in a 10-minute break: 2 min late, a warning;
    with --late 0, or at --pace 1.6 (16 min, 6 late), it stops the plan."""
    late = plan_agenda(dlcat, ["B10", "D11"], Pace(factor=1.2))
    assert codes(late) == ["late-arrival"]
    assert late.problems[0].message == (
        "late: B10 to D11: the walk from UST to ETRI takes 12 min of the 10 min between them; "
        "you will be 2 min late for D11"
    )
    assert late.late_minutes == 2
    strict = plan_agenda(dlcat, ["B10", "D11"], Pace(factor=1.2, late=0))
    assert codes(strict, Level.ERROR) == ["impossible-walk"]
    assert strict.errors[0].message.endswith(
        "takes 12 min, but there are only 10 min between them: you would be 2 min late "
        "(more than the 0 min you accept); drop one of them or allow it with --late 2"
    )
    assert codes(plan_agenda(dlcat, ["B10", "D11"], Pace(factor=1.6)), Level.ERROR) == ["impossible-walk"]
    hopeless = plan_agenda(dlcat, ["B10", "D11"], Pace(factor=8, late=60))  # 70 min late to a 50-min talk
    assert hopeless.errors[0].message.endswith("you would arrive after D11 ends; drop one of them")


def test_every_clash_is_listed_with_both_sessions(dlcat: Program) -> None:
    """Three picks at 11:00 give three clashes, each naming both sessions with times and rooms."""
    plan = plan_agenda(dlcat, ["B11", "C11", "D11"])
    clashes = [p for p in plan.errors if p.code.value == "clash"]
    assert [p.ids for p in clashes] == [("B11", "C11"), ("B11", "D11"), ("C11", "D11")]
    assert clashes[0].message == (
        "clash: B11 (11:00–11:50, UST 사이언스홀) overlaps C11 (11:00–11:50, UST 대회의실); keep one of them"
    )


def test_unknown_ids_are_errors_with_suggestions_alongside_other_problems(dlcat: Program) -> None:
    """An unknown id does not hide the other problems."""
    plan = plan_agenda(dlcat, ["B12", "B10", "C10"])
    assert codes(plan, Level.ERROR) == ["unknown-id", "clash"]
    assert plan.errors[0].message == "no session 'B12'; did you mean B11, B13, B10?"


def test_the_same_talk_twice_is_an_error(dlcat: Program) -> None:
    """A17 and D17 are one talk: pick one room."""
    plan = plan_agenda(dlcat, ["A17", "d17"])
    assert codes(plan, Level.ERROR) == ["same-talk"]
    assert plan.ids == ("A17",)


def test_repeated_ids_count_once(dlcat: Program) -> None:
    """B10 twice is B10 once, not a clash with itself."""
    assert plan_agenda(dlcat, ["B10", "b10"]).ids == ("B10",)


def test_part_of_a_series_without_the_rest_warns(dlcat: Program) -> None:
    """E11 without E10 names what is missing; F15..F17 picked whole gives no such warning."""
    (warning,) = [p for p in plan_agenda(dlcat, ["E11"]).problems if p.code.value == "partial-series"]
    assert "E11 is part of a 2-part series" in warning.message
    assert "not picked: E10 (10:00–10:50)" in warning.message
    assert "partial-series" not in codes(plan_agenda(dlcat, ["F15", "F16", "F17"]))


def test_simulcast_in_a_farther_room_warns(dlcat: Program) -> None:
    """After F16 at ETRI, A17 is 10 minutes away but D17 and E17 only 3: suggest them."""
    plan = plan_agenda(dlcat, ["F16", "A17"])
    (warning,) = [p for p in plan.problems if p.code.value == "farther-room"]
    assert warning.ids == ("A17", "D17", "E17")
    assert "consider D17 or E17" in warning.message
    assert "farther-room" not in codes(plan_agenda(dlcat, ["F16", "E17"]))


def test_impossible_walk_to_a_simulcast_suggests_a_nearer_room(dlcat: Program) -> None:
    """With a buffer, F16 then A17 can't be made, but D17 or E17 can: the error says so."""
    (error,) = plan_agenda(dlcat, ["F16", "A17"], Pace(buffer=2)).errors
    assert error.message.endswith("sit in D17 or E17 instead")
    assert plan_agenda(dlcat, ["F16", "D17"], Pace(buffer=2)).errors == ()


def test_small_rooms_warn_with_the_threshold(dlcat: Program) -> None:
    """F (20 seats) warns and names the threshold; A (300) does not."""
    plan = plan_agenda(dlcat, ["F10", "A11"])
    (warning,) = [p for p in plan.problems if p.code.value == "small-room"]
    assert warning.ids == ("F10",)
    assert "20 seats (small: at most 50)" in warning.message


def test_back_to_back_room_changes_are_late_within_a_building_and_impossible_across(b2b: Program) -> None:
    """With zero minutes between sessions, the 2-minute walk next door makes you 2 min late (a warning);
    the 6-minute walk to the other building is more than the 5 accepted; staying put is fine; a buffer
    never goes with a late arrival."""
    assert plan_agenda(b2b, ["N1a", "N1b"]).errors == ()
    assert codes(plan_agenda(b2b, ["N1a", "S1b"]), Level.ERROR) == ["impossible-walk"]
    next_door = plan_agenda(b2b, ["N2a", "N1b"])
    assert next_door.errors == ()
    assert "late-arrival" in codes(next_door, Level.WARNING)
    (move,) = next_door.moves
    assert (move.walk, move.gap, move.late, move.verdict) == (2, 0, 2, Verdict.LATE)
    assert codes(plan_agenda(b2b, ["N1a", "S1b"], Pace(late=6)), Level.ERROR) == []
    assert codes(plan_agenda(b2b, ["N2a", "N1b"], Pace(buffer=1)), Level.ERROR) == ["impossible-walk"]


def test_walks_use_the_program_table_pace_and_buffer(b2b: Program) -> None:
    """S1a to N2b: a 6-minute walk in a 10-minute gap; tight with a 4-minute buffer; impossible at pace 2."""
    assert codes(plan_agenda(b2b, ["S1a", "N2b"])) == ["tight-walk", "partial-series", "small-room"]
    (move,) = moves(b2b, plan_agenda(b2b, ["S1a", "N2b"]).picks, Pace())
    assert (move.kind, move.walk, move.gap, move.spare) == (MoveKind.WALK, 6, 10, 4)
    assert plan_agenda(b2b, ["S1a", "N2b"], Pace(buffer=4)).errors == ()
    assert codes(plan_agenda(b2b, ["S1a", "N2b"], Pace(buffer=5)), Level.ERROR) == ["impossible-walk"]
    assert "late-arrival" in codes(plan_agenda(b2b, ["S1a", "N2b"], Pace(factor=2)), Level.WARNING)
    assert codes(plan_agenda(b2b, ["S1a", "N2b"], Pace(factor=3)), Level.ERROR) == ["impossible-walk"]


def test_without_drops_by_talk_and_refuses_what_is_not_there(dlcat: Program) -> None:
    """Dropping A17 removes D17 (the same talk); dropping what is absent is an error."""
    assert without(dlcat, ["B10", "D17"], ["a17"]) == ["B10"]
    with pytest.raises(DlcatError, match=r"C11 is not in your agenda \(B10, D17\); nothing was changed"):
        without(dlcat, ["B10", "D17"], ["C11"])


def test_gaps_are_real_minutes_when_the_clocks_change() -> None:
    """01:50 CET to 03:00 CEST is 10 minutes, not 70: the 15-minute walk is impossible.

    10-27 02:30 CEST (the first of two 02:30s) to 03:00 CET is 90 minutes, not 30.
    """
    program = load_program(PROGRAMS / "clocks-change-berlin-2024.yaml")
    spring = plan_agenda(program, ["S1", "S2"], Pace(late=0))
    assert codes(spring, Level.ERROR) == ["impossible-walk"]
    assert "there are only 10 min between them" in spring.errors[0].message
    autumn = plan_agenda(program, ["F1", "F2"])
    assert autumn.errors == ()
    (move,) = moves(program, autumn.picks, autumn.pace)
    assert (move.gap, move.walk) == (90, 15)


def test_a_night_is_not_a_move_but_a_walk_past_midnight_is() -> None:
    """From the last talk of a day to the next morning there is no move (and no walk to time); from a
    talk ending 23:50 to one at 00:00 in the other building, the 15-minute walk is still checked."""
    from dlcat_cli.formats.loader import parse_program

    program = parse_program(
        b"""schema: 1
conference: {id: t, name: Nights, date: "2020-01-02", time_zone: Asia/Seoul}
buildings: {A: {name: Alpha}, B: {name: Beta}}
walking: {within_building: {minutes: 1}, between: [{buildings: [A, B], minutes: 15}]}
rooms: [{id: R1, building: A}, {id: R2, building: B}]
sessions:
  - {id: EVE, room: R1, start: "18:00", end: "18:50", title: Evening}
  - {id: LATE, room: R1, start: "23:00", end: "23:50", title: Late}
  - {id: MIDNIGHT, room: R2, date: "2020-01-03", start: "00:00", end: "00:50", title: Midnight}
  - {id: MORNING, room: R2, date: "2020-01-03", start: "10:00", end: "10:50", title: Morning}
  - {id: DAY3, room: R1, date: "2020-01-04", start: "10:00", end: "10:50", title: Day three}
""",
        "n.yaml",
    )
    # Without a `days` list each date is a day: 23:50 to 00:00 crosses into day 2, a night.
    assert plan_agenda(program, ["LATE", "MIDNIGHT"], Pace(late=0)).moves == ()
    overnight = plan_agenda(program, ["EVE", "MORNING", "DAY3"])
    assert overnight.errors == ()
    assert [(m.origin.id, m.destination.id) for m in moves(program, overnight.picks, overnight.pace)] == []


def test_no_farther_room_warning_across_a_night() -> None:
    """A talk shown in both buildings, picked in A the morning after an evening in B: nothing to walk from."""
    from dlcat_cli.formats.loader import parse_program

    program = parse_program(
        b"""schema: 1
conference: {id: t, name: Nights, date: "2020-01-02", time_zone: Asia/Seoul}
buildings: {A: {name: Alpha}, B: {name: Beta}}
walking: {within_building: {minutes: 1}, between: [{buildings: [A, B], minutes: 15}]}
rooms: [{id: R1, building: A}, {id: R2, building: B}]
sessions:
  - {id: EVE, room: R2, start: "18:00", end: "18:50", title: Evening}
  - {id: KEY, rooms: {KA: R1, KB: R2}, date: "2020-01-03", start: "10:00", end: "10:50", title: Keynote}
""",
        "n.yaml",
    )
    assert "farther-room" not in codes(plan_agenda(program, ["EVE", "KA"]))


def test_an_all_day_session_is_shown_but_never_planned() -> None:
    """A session marked all_day (an exhibition open all day) is refused as a pick, naming it; the program
    check names no overlap of it with the talks in its room."""
    from dlcat_cli.formats.loader import parse_program

    program = parse_program(
        b"""schema: 1
conference: {id: t, name: Expo, date: "2024-06-07", time_zone: Europe/Berlin}
buildings: {A: {name: Alpha}}
rooms: [{id: R1, building: A}]
sessions:
  - {id: EXPO, room: R1, start: "00:00", duration: 1440, title: Posters, all_day: true}
  - {id: T1, room: R1, start: "10:00", end: "10:50", title: Talk}
""",
        "expo.yaml",
    )
    assert program.notes == ()
    plan = plan_agenda(program, ["EXPO", "T1"])
    assert codes(plan, Level.ERROR) == ["all-day"]
    assert plan.ids == ("T1",)
    assert plan.errors[0].message.startswith("EXPO (Posters) is open all day in")
