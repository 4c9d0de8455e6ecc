"""day.py: where the day stands at a moment, and the attendee's next move."""

from __future__ import annotations

from datetime import datetime

from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import plan_agenda
from dlcat_cli.core.rules import Pace
from dlcat_cli.core.situation import Phase, situation
from dlcat_cli.formats.loader import load_program
from helpers import NIGHT_CAMP_FILE, PROGRAMS


def at(program: Program, text: str) -> datetime:
    return datetime.fromisoformat(f"2019-07-04T{text}").replace(tzinfo=program.conference.time_zone)


def test_phases_through_the_day(dlcat: Program) -> None:
    """Before, running, in a break, at lunch, after."""
    assert situation(dlcat, at(dlcat, "09:00")).phase is Phase.BEFORE
    assert situation(dlcat, at(dlcat, "10:30")).phase is Phase.RUNNING
    assert situation(dlcat, at(dlcat, "10:55")).phase is Phase.BREAK
    lunch = situation(dlcat, at(dlcat, "12:30"))
    assert lunch.phase is Phase.BREAK
    assert lunch.pause is not None
    assert lunch.pause.name == "점심시간 (lunch)"
    assert situation(dlcat, at(dlcat, "17:50")).phase is Phase.AFTER


def test_running_and_next(dlcat: Program) -> None:
    """At 10:30 six sessions run and six start at 11:00; at 16:55 the simulcast and F17 start next."""
    found = situation(dlcat, at(dlcat, "10:30"))
    assert [s.id for s in found.running] == ["A10", "B10", "C10", "D10", "E10", "F10"]
    assert found.next_start == at(dlcat, "11:00")
    assert [s.id for s in situation(dlcat, at(dlcat, "16:55")).starting_next] == ["A17", "F17"]


def test_where_to_go_next_with_an_agenda(dlcat: Program) -> None:
    """In B10 with D11 next: walk to ETRI, leave by 10:50; with a 5-minute buffer on a slower pace, earlier."""
    plan = plan_agenda(dlcat, ["B10", "D11"])
    found = situation(dlcat, at(dlcat, "10:30"), plan)
    assert found.current is not None
    assert found.current.id == "B10"
    assert found.upcoming is not None
    assert found.upcoming.id == "D11"
    assert found.leave_by == at(dlcat, "10:50")
    slow = plan_agenda(dlcat, ["B13", "D14"], Pace(buffer=2, factor=0.5))
    found = situation(dlcat, at(dlcat, "13:10"), slow)
    assert found.leave_by == at(dlcat, "13:53")  # 14:00 less a 5-minute walk and a 2-minute buffer


def test_before_the_first_pick_there_is_no_walk(dlcat: Program) -> None:
    """At 09:00 with B10 first: be there by 10:00, no move."""
    found = situation(dlcat, at(dlcat, "09:00"), plan_agenda(dlcat, ["B10"]))
    assert found.move is None
    assert found.leave_by == at(dlcat, "10:00")


def test_between_the_days_of_a_longer_conference() -> None:
    """A night is neither a break nor a walk: the day is over, the next one starts later, be in the room."""
    from dlcat_cli.formats.loader import parse_program

    program = parse_program(
        b"""schema: 1
conference: {id: t, name: Two Days, date: "2020-01-02", time_zone: Asia/Seoul}
buildings: {A: {name: Alpha}, B: {name: Beta}}
walking: {within_building: {minutes: 1}, between: [{buildings: [A, B], minutes: 10}]}
rooms: [{id: R1, building: A}, {id: R2, building: B}]
sessions:
  - {id: S1, room: R1, start: "10:00", end: "10:50", title: Day one}
  - {id: S2, room: R2, date: "2020-01-03", start: "10:00", end: "10:50", title: Day two}
""",
        "t.yaml",
    )
    zone = program.conference.time_zone
    plan = plan_agenda(program, ["S1", "S2"])
    evening = situation(program, datetime(2020, 1, 2, 23, 0, tzinfo=zone), plan)
    assert evening.phase is Phase.DAY_OVER
    assert evening.move is None  # no walk to time across a night
    assert evening.leave_by == datetime(2020, 1, 3, 10, 0, tzinfo=zone)
    morning = situation(program, datetime(2020, 1, 3, 9, 50, tzinfo=zone), plan)
    assert morning.phase is Phase.DAY_AHEAD


def test_now_says_how_late_a_back_to_back_change_makes_you() -> None:
    """At 10:40 in X1, with Y2 next door starting when X1 ends: leave at 10:45, 3 min late."""
    from dlcat_cli.formats.loader import load_program

    program = load_program(PROGRAMS / "one-building-back-to-back.yaml")
    plan = plan_agenda(program, ["X1", "Y2"], Pace())
    moment = datetime(2024, 5, 10, 10, 40, tzinfo=program.conference.time_zone)
    found = situation(program, moment, plan)
    assert found.upcoming is not None
    assert found.upcoming.id == "Y2"
    assert found.leave_by == datetime(2024, 5, 10, 10, 45, tzinfo=program.conference.time_zone)
    assert found.late == 3


def test_phases_go_by_the_conference_days_not_the_dates() -> None:
    """Night Camp (day 1 09:00-02:00, day 2 empty, day 3): 00:15 is still day 1 and its lab runs; 01:50 day 1 is
    over; day 2, the rest day, is a day over too; day 3 at 09:30 has its first session ahead."""
    program = load_program(NIGHT_CAMP_FILE)
    zone = program.conference.time_zone

    def phase(*when: int) -> Phase:
        return situation(program, datetime(*when, tzinfo=zone)).phase

    assert phase(2024, 6, 7, 23, 0) is Phase.BREAK  # between O1 and L1, on day 1
    assert phase(2024, 6, 8, 0, 15) is Phase.RUNNING  # L1 runs past midnight
    assert phase(2024, 6, 8, 0, 45) is Phase.BREAK  # after midnight, N1 of the same day 1 to come
    assert phase(2024, 6, 8, 1, 50) is Phase.DAY_OVER
    assert phase(2024, 6, 8, 14, 0) is Phase.DAY_OVER  # the rest day: no sessions, day 3 not begun
    assert phase(2024, 6, 9, 9, 30) is Phase.DAY_AHEAD  # day 3 has begun (09:00); its first session at 10:00
    assert phase(2024, 6, 9, 8, 30) is Phase.DAY_OVER  # before day 3 begins


def test_during_a_late_walk_you_are_on_the_way_not_in_the_room() -> None:
    """X1 -> Y2 back to back, 3 min late: at 10:46 you are still walking, in at 10:48; at 10:49 you are in."""
    program = load_program(PROGRAMS / "one-building-back-to-back.yaml")
    plan = plan_agenda(program, ["X1", "Y2", "X3"], Pace())
    zone = program.conference.time_zone
    walking = situation(program, datetime(2024, 5, 10, 10, 46, tzinfo=zone), plan)
    assert walking.current is not None
    assert walking.current.id == "Y2"
    assert walking.arriving == datetime(2024, 5, 10, 10, 48, tzinfo=zone)
    seated = situation(program, datetime(2024, 5, 10, 10, 49, tzinfo=zone), plan)
    assert seated.arriving is None


def test_gaps_are_the_breaks_and_the_free_slots_between_two_picks(dlcat: Program) -> None:
    """E11 (ends 11:50) to E15 (15:00): lunch 12:00-13:00, then free from 13:00; 10:50-11:00 holds nothing."""
    from dlcat_cli.core.situation import GapKind, gaps

    found = gaps(dlcat, at(dlcat, "11:50"), at(dlcat, "15:00"))
    assert [(g.kind, g.start, g.end) for g in found] == [
        (GapKind.BREAK, at(dlcat, "12:00"), at(dlcat, "13:00")),
        (GapKind.FREE, at(dlcat, "13:00"), at(dlcat, "15:00")),
    ]
    assert found[0].pause is not None
    assert found[0].pause.name == "점심시간 (lunch)"
    assert gaps(dlcat, at(dlcat, "10:50"), at(dlcat, "11:00")) == ()


def test_the_gaps_from_the_moment_to_the_next_pick(dlcat: Program) -> None:
    """Agenda E10,E11,E15,E16: at 12:10 lunch then free time; at 14:30 free while sessions run; at 10:52 a
    changeover; in a pick, no gaps; the last pick that ended is `previous`."""
    from dlcat_cli.core.situation import GapKind

    plan = plan_agenda(dlcat, ["E10", "E11", "E15", "E16"])
    lunch = situation(dlcat, at(dlcat, "12:10"), plan)
    assert [g.kind for g in lunch.gaps] == [GapKind.BREAK, GapKind.FREE]
    assert lunch.previous is not None
    assert lunch.previous.id == "E11"
    free = situation(dlcat, at(dlcat, "14:30"), plan)
    assert [(g.kind, g.start, g.end) for g in free.gaps] == [
        (GapKind.FREE, at(dlcat, "14:30"), at(dlcat, "15:00"))
    ]
    changeover = situation(dlcat, at(dlcat, "10:52"), plan)
    assert [g.kind for g in changeover.gaps] == [GapKind.CHANGEOVER]
    assert situation(dlcat, at(dlcat, "10:30"), plan).gaps == ()
    before_lunch = situation(dlcat, at(dlcat, "11:55"), plan)
    assert [g.kind for g in before_lunch.gaps] == [GapKind.CHANGEOVER, GapKind.BREAK, GapKind.FREE]
    assert before_lunch.gaps[0].end == at(dlcat, "12:00")  # up to the break, not to the next pick
