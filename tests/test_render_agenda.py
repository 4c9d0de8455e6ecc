"""render_agenda.py: the first line of `now` (now_line) in each of its cases, without a CLI runner."""

from __future__ import annotations

from datetime import datetime

import pytest

from dlcat_cli.cli.render_agenda import now_line
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import plan_agenda
from dlcat_cli.core.situation import situation
from dlcat_cli.formats.loader import load_program
from helpers import NIGHT_CAMP_FILE, PROGRAMS


def line(program: Program, when: datetime, ids: list[str] | None = None) -> str:
    plan = plan_agenda(program, ids) if ids else None
    return now_line(program, situation(program, when, plan))


def kst(dlcat: Program, text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=dlcat.conference.time_zone)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (
            "2019-07-04 09:00",
            "2nd DLCAT starts today at 10:00; next B10 at 10:00 in UST 사이언스홀: be there by 10:00.",
        ),
        (
            "2019-07-03 20:00",
            "2nd DLCAT starts tomorrow, 2019-07-04 10:00; your next pick is B10 at 2019-07-04 10:00 in "
            "UST 사이언스홀.",
        ),
        (
            "2019-07-04 11:55",
            "Break until 12:00; 점심시간 (lunch) 12:00–13:00; next D13 at 13:00 in ETRI 212호 대회의실, "
            "where D11 was: be there by 13:00.",
        ),
        (
            "2019-07-04 13:30",
            "In D13 (ETRI 212호 대회의실) until 13:50; none of your picks is left (D13 was the last).",
        ),
        ("2019-07-04 17:10", "None of your picks is left (D13 was the last)."),
    ],
)
def test_now_line_with_an_agenda(dlcat: Program, when: str, expected: str) -> None:
    """Before the day, before lunch, in the last pick and after it: one line that says where next."""
    assert line(dlcat, kst(dlcat, when), ["B10", "D11", "D13"]) == expected


def test_now_line_without_an_agenda_says_what_starts_and_how_to_make_one(dlcat: Program) -> None:
    """At 10:55 with no agenda: the break, what starts at 11:00, and the command that makes an agenda."""
    assert line(dlcat, kst(dlcat, "2019-07-04 10:55")) == (
        "Break until 11:00; next at 11:00: A11, B11, C11, D11, E11, F11; no saved agenda "
        "(`dlcat plan --pick A10,A11` makes one, and then this says where to go)."
    )


def test_now_line_next_door_and_late() -> None:
    """X1 -> Y2 in one building, back to back: 3 min within HALL, leave at 10:45, 3 min late."""
    program = load_program(PROGRAMS / "one-building-back-to-back.yaml")
    when = datetime(2024, 5, 10, 10, 40, tzinfo=program.conference.time_zone)
    assert line(program, when, ["X1", "Y2"]) == (
        "In X1 (HALL Room 1) until 10:45; next Y2 at 10:45 in HALL Room 2: 3 min within HALL, leave by 10:45; "
        "you will be 3 min late."
    )


def test_now_line_across_the_days() -> None:
    """Night Camp: after day 1, the next pick on day 3 is named with its date; on day 3 before it starts, the
    day's start comes first."""
    program = load_program(NIGHT_CAMP_FILE)
    zone = program.conference.time_zone
    night = line(program, datetime(2024, 6, 8, 1, 50, tzinfo=zone), ["O1", "M3"])
    assert night == "The day's sessions are over; your next pick is M3 at 2024-06-09 10:00 in HALL Hall one."
    morning = line(program, datetime(2024, 6, 9, 9, 30, tzinfo=zone), ["O1", "M3"])
    assert (
        morning
        == "The day starts at 06-09 10:00; next M3 at 06-09 10:00 in HALL Hall one: be there by 06-09 10:00."
    )


def test_now_line_names_at_most_eight_sessions() -> None:
    """Without an agenda, a program of many rooms: eight ids and how many more, not a screenful."""
    from dlcat_cli.formats.loader import parse_program

    rooms = "".join(f"  - {{id: R{n}, building: A}}\n" for n in range(12))
    sessions = "".join(
        f'  - {{id: S{n}, room: R{n}, start: "10:00", end: "10:50", title: Talk {n}}}\n' for n in range(12)
    )
    program = parse_program(
        (
            'schema: 1\nconference: {id: m, name: Many, date: "2024-01-02", time_zone: UTC}\n'
            "buildings: {A: {name: Alpha}}\nwalking: {within_building: {minutes: 1}}\n"
            f"rooms:\n{rooms}sessions:\n{sessions}"
        ).encode(),
        "many.yaml",
    )
    when = datetime(2024, 1, 2, 10, 10, tzinfo=program.conference.time_zone)
    assert line(program, when) == "On now until 10:50: S0, S1, S2, S3, S4, S5, S6, S7 and 4 more."
