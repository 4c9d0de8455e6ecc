"""model.py: the conference's own days, and how a span of time shows. No files, no CLI."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dlcat_cli.core.model import (
    Building,
    Conference,
    Day,
    Kind,
    Program,
    Room,
    Session,
    Showing,
    Walking,
    calendar_days,
    start_of_date,
)

VIENNA = ZoneInfo("Europe/Vienna")
SANTIAGO = ZoneInfo("America/Santiago")


def local(text: str, zone: ZoneInfo = VIENNA) -> datetime:
    """An instant in UTC from local wall-clock text."""
    return datetime.fromisoformat(text).replace(tzinfo=zone).astimezone(UTC)


def program(spans: list[tuple[str, str, str, int]], days: tuple[Day, ...] | None = None) -> Program:
    """A one-room program of sessions (id, start, end, day) in Vienna."""
    building = Building("X", "X", None)
    room = Room("R", "R", "R", building, None)
    sessions = tuple(
        Session(i, (Showing(i, room),), local(start), local(end), i, (), Kind.TALK, day=day)
        for i, start, end, day in spans
    )
    conference = Conference("t", "T", "T", VIENNA, sessions[0].start.astimezone(VIENNA).date(), None)
    return Program(
        conference, {"X": building}, (room,), Walking(0, {}), (), {}, sessions, "t", "0", days=days
    )


def test_without_days_each_date_with_sessions_is_a_day_midnight_to_midnight() -> None:
    """Today's rule when a source says nothing: dates in order, numbered from 1, midnight to midnight local."""
    two = program(
        [("A", "2018-10-22T10:00", "2018-10-22T11:00", 1), ("B", "2018-10-24T10:00", "2018-10-24T11:00", 2)]
    )
    assert two.days == (
        Day(1, date(2018, 10, 22), local("2018-10-22T00:00"), local("2018-10-23T00:00")),
        Day(2, date(2018, 10, 24), local("2018-10-24T00:00"), local("2018-10-25T00:00")),
    )


def test_the_days_lookups() -> None:
    """By number (with a gap the source left), by date, and the day whose span holds a moment."""
    days = (
        Day(1, date(2024, 6, 7), local("2024-06-07T09:00"), local("2024-06-08T02:00")),
        Day(3, date(2024, 6, 9), local("2024-06-09T09:00"), local("2024-06-09T18:00")),
    )
    found = program(
        [("A", "2024-06-07T10:00", "2024-06-07T11:00", 1), ("N", "2024-06-08T01:00", "2024-06-08T01:45", 1)],
        days,
    )
    assert found.day_numbered(3) == days[1]
    assert found.day_numbered(2) is None
    assert found.day_dated(date(2024, 6, 9)) == days[1]
    assert found.day_dated(date(2024, 6, 8)) is None  # the morning after day 1 is no day of its own
    assert found.day_at(local("2024-06-08T01:59")) == days[0]
    assert found.day_at(local("2024-06-08T02:00")) is None  # the end is not in the day
    assert [s.id for s in found.sessions_on(days[0])] == ["A", "N"]
    assert found.sessions_on(days[1]) == ()
    assert days[0].label == "1 (2024-06-07)"


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (
            "2018-10-22T00:00",
            "2018-10-23T00:00",
            "10-22 00:00–24:00",
        ),  # an exhibition all day: never 00:00–00:00
        ("2018-10-22T23:00", "2018-10-23T00:00", "10-22 23:00–24:00"),
        ("2018-10-22T23:30", "2018-10-23T00:30", "10-22 23:30–00:30"),  # the next morning, within a day
        (
            "2018-10-22T10:00",
            "2018-10-23T12:00",
            "10-22 10:00–10-23 12:00",
        ),  # more than a day: the end's date
        (
            "2018-10-22T10:00",
            "2018-10-23T10:00",
            "10-22 10:00–10-23 10:00",
        ),  # exactly a day, never 10:00–10:00
        ("2018-10-22T10:00", "2018-10-24T00:00", "10-22 10:00–10-24 00:00"),
        ("2018-10-22T10:00", "2018-10-22T10:45", "10-22 10:00–10:45"),
    ],
)
def test_a_span_shows_24_00_and_a_later_date(start: str, end: str, shown: str) -> None:
    """Program.span: a midnight end after the start's date is 24:00; an end a day or more on shows its date."""
    two_days = program(
        [("A", "2018-10-22T10:00", "2018-10-22T11:00", 1), ("B", "2018-10-23T10:00", "2018-10-23T11:00", 2)]
    )
    assert two_days.span(local(start), local(end)) == shown


def test_one_day_shows_clock_times_alone() -> None:
    """A program on one date shows 10:00, not 10-22 10:00; a midnight end is still 24:00."""
    one = program([("A", "2018-10-22T00:00", "2018-10-23T00:00", 1)])
    assert one.span(local("2018-10-22T00:00"), local("2018-10-23T00:00")) == "00:00–24:00"
    assert one.clock(local("2018-10-22T10:00")) == "10:00"


def test_the_first_instant_of_a_date_where_the_clocks_skip_midnight() -> None:
    """Santiago's clocks went from 24:00 to 01:00 on 2024-09-08: that day starts at 01:00 local, 04:00 UTC."""
    assert start_of_date(date(2024, 9, 8), SANTIAGO) == datetime(2024, 9, 8, 4, 0, tzinfo=UTC)
    (day,) = calendar_days([date(2024, 9, 8)], SANTIAGO)
    assert day.end - day.start == timedelta(hours=23)


def test_a_clock_in_a_repeated_hour_names_its_pass() -> None:
    """New York, 2024-11-03: 01:15 happens twice; a listing shows `01:15 EDT` and `01:15 EST`, and leaves
    every other time bare (repeated-hour-second-pass)."""
    from dlcat_cli.formats.loader import load_program

    program = load_program(Path(__file__).parent / "schedules" / "repeated_hour_second_pass.json")
    spans = {s.id: program.span(s.start, s.end) for s in program.sessions}
    assert spans == {"601": "01:00 EDT–01:45 EDT", "602": "01:15 EST–01:45 EST", "603": "09:00–09:30"}


def test_a_derived_index_is_built_once() -> None:
    """Program.derived builds on the first call with a name and hands back the same value after."""
    from dlcat_cli.formats.loader import load_program

    program = load_program()
    built: list[int] = []
    first = program.derived("test.count", lambda p: built.append(1) or len(p.sessions))
    assert program.derived("test.count", lambda p: -1) == first == len(program.sessions)
    assert built == [1]
