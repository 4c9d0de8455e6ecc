"""times.py: what people type becomes an aware datetime in the conference's zone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dlcat_cli.core.model import Day
from dlcat_cli.core.times import (
    instant_at_offset,
    on_day,
    parse_clock,
    parse_clock_with_offset,
    parse_moment,
)
from dlcat_cli.errors import DlcatError

SEOUL = ZoneInfo("Asia/Seoul")
DAY = date(2019, 7, 4)
HOURS = (time(10), time(17, 50))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", time(10)),
        ("10:00", time(10)),
        ("10:30", time(10, 30)),
        ("10시", time(10)),
        ("10시 30분", time(10, 30)),
        ("10시30분", time(10, 30)),
        ("10시반", time(10, 30)),
        ("오후 2시", time(14)),
        ("2pm", time(14)),
        ("2:30 PM", time(14, 30)),
        ("12pm", time(12)),
        ("12am", time(0)),
        ("14:05", time(14, 5)),
        (" 9 ", time(9)),
    ],
)
def test_clock_forms(text: str, expected: time) -> None:
    """Each form an attendee types gives the time of day they mean."""
    assert parse_clock(text) == expected


def test_bare_afternoon_hour_follows_the_program_hours() -> None:
    """At a 10:00-17:50 conference "2" means 14:00, but "11" stays 11:00 and "오전 2시" stays 02:00."""
    assert parse_clock("2", day_hours=HOURS) == time(14)
    assert parse_clock("11", day_hours=HOURS) == time(11)
    assert parse_clock("오전 2시", day_hours=HOURS) == time(2)
    assert parse_clock("2") == time(2)
    assert parse_clock("0", day_hours=HOURS) == time(0)  # midnight, not noon


@pytest.mark.parametrize("text", ["25", "10:61", "13pm", "0am"])
def test_impossible_clock_is_an_error_naming_it(text: str) -> None:
    """An impossible time is refused with the text quoted and the accepted forms listed."""
    with pytest.raises(DlcatError, match=rf"can't read time '{text}'.*10:30"):
        parse_clock(text)


def test_moment_is_in_the_conference_zone(machine_zone: str) -> None:
    """B10's start, typed as "10", is 01:00 UTC whatever the machine's zone."""
    moment = parse_moment("10", day=DAY, zone=SEOUL)
    assert moment.astimezone(UTC) == datetime(2019, 7, 4, 1, 0, tzinfo=UTC)


def test_full_dates_go_through_dateutil() -> None:
    """A date and time is read in the conference's zone; one with an offset is converted to it."""
    assert parse_moment("2019-07-04 10:55", day=DAY, zone=SEOUL) == datetime(2019, 7, 4, 10, 55, tzinfo=SEOUL)
    utc = parse_moment("2019-07-04T01:00Z", day=DAY, zone=SEOUL)
    assert utc == datetime(2019, 7, 4, 10, 0, tzinfo=SEOUL)
    assert utc.tzinfo == SEOUL


@pytest.mark.parametrize("text", ["soon", "-1", "1-", "10.5", "2019", "2019-07-04", "10h"])
def test_gibberish_is_an_error(text: str) -> None:
    """Text that is no time of day names itself and the forms to use (dateutil alone reads "-1" as July 1st)."""
    with pytest.raises(DlcatError, match=f"can't read time '{text}'"):
        parse_moment(text, day=DAY, zone=SEOUL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Thu 10:55", datetime(2019, 7, 4, 10, 55)), ("July 4 16:52", datetime(2019, 7, 4, 16, 52))],
)
def test_dates_in_words_with_a_clock_are_read(text: str, expected: datetime) -> None:
    """A day in words is fine as long as the hours and minutes are there."""
    assert parse_moment(text, day=DAY, zone=SEOUL) == expected.replace(tzinfo=SEOUL)


@pytest.mark.parametrize("value", [600, "10", "25:00", "10:5x", None, "10:00-5", "10:00 EST"])
def test_program_file_times_must_be_quoted_hh_mm(value: object) -> None:
    """A program file's time is "HH:MM" text; YAML's 10:00 (read as the number 600) is refused."""
    with pytest.raises(ValueError, match="HH:MM"):
        parse_clock_with_offset(value)


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        ("01:15", None),
        ("01:15-05:00", timedelta(hours=-5)),
        ("10:00+09:00", timedelta(hours=9)),
        ("10:00+0530", timedelta(hours=5, minutes=30)),
        ("08:00Z", timedelta(0)),
    ],
)
def test_a_program_file_time_may_carry_its_offset(value: str, offset: timedelta | None) -> None:
    """ "01:15-05:00" is 01:15 at UTC-5; Z is UTC; without an offset there is none."""
    assert parse_clock_with_offset(value) == (time(int(value[:2]), int(value[3:5])), offset)


NEW_YORK = ZoneInfo("America/New_York")
FALL_BACK = date(2024, 11, 3)  # 01:00-02:00 happens twice: at -04:00, then at -05:00


def test_the_offset_names_the_pass_of_a_repeated_hour() -> None:
    """01:15-04:00 is the first pass (05:15 UTC), 01:15-05:00 the second (06:15 UTC)."""
    assert instant_at_offset(FALL_BACK, time(1, 15), NEW_YORK, timedelta(hours=-4)) == datetime(
        2024, 11, 3, 5, 15, tzinfo=UTC
    )
    assert instant_at_offset(FALL_BACK, time(1, 15), NEW_YORK, timedelta(hours=-5)) == datetime(
        2024, 11, 3, 6, 15, tzinfo=UTC
    )
    london = ZoneInfo("Europe/London")  # at UTC in winter: "10:00Z" is a time it has
    assert instant_at_offset(date(2024, 1, 2), time(10), london, timedelta(0)) == datetime(
        2024, 1, 2, 10, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("day", "clock", "hours", "said"),
    [
        (
            FALL_BACK,
            time(1, 15),
            -3,
            'on 2024-11-03: 01:15 there is at -04:00 (the first pass) or -05:00 (the second); write "01:15-04:00" or "01:15-05:00"',
        ),
        (
            date(2024, 11, 4),
            time(1, 15),
            -4,
            'on 2024-11-04: 01:15 there is at -05:00; write "01:15" (or "01:15-05:00")',
        ),
        (date(2024, 3, 10), time(2, 30), -5, "02:30 does not exist on 2024-03-10 in America/New_York"),
    ],
)
def test_an_offset_the_zone_does_not_have_then_is_refused_with_the_fix(
    day: date, clock: time, hours: int, said: str
) -> None:
    """A wrong offset names the offsets the zone has at that time; a skipped time has none."""
    with pytest.raises(ValueError, match=re.escape(said)):
        instant_at_offset(day, clock, NEW_YORK, timedelta(hours=hours))


BERLIN = ZoneInfo("Europe/Berlin")
NIGHT = Day(
    1,
    date(2024, 12, 27),
    datetime(2024, 12, 27, 9, 30, tzinfo=UTC),  # 10:30 CET
    datetime(2024, 12, 28, 5, 0, tzinfo=UTC),  # 06:00 CET the next morning
)


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        (time(11), datetime(2024, 12, 27, 11, tzinfo=BERLIN)),
        (time(23, 59), datetime(2024, 12, 27, 23, 59, tzinfo=BERLIN)),
        (time(1), datetime(2024, 12, 28, 1, tzinfo=BERLIN)),  # after midnight, before the day's end
        (time(5, 59), datetime(2024, 12, 28, 5, 59, tzinfo=BERLIN)),
        (time(6), datetime(2024, 12, 27, 6, tzinfo=BERLIN)),  # the next 06:00 is the end: not in the day
        (time(9), datetime(2024, 12, 27, 9, tzinfo=BERLIN)),  # before the start, and the day is over by then
    ],
)
def test_a_clock_time_of_a_day_that_runs_past_midnight(clock: time, expected: datetime) -> None:
    """On the day's date, or the next morning when the time is before its start there and before its end then."""
    assert on_day(NIGHT, clock, BERLIN) == expected
    assert parse_moment(f"{clock:%H:%M}", day=NIGHT, zone=BERLIN) == expected


def test_a_typed_time_the_clocks_skip_is_an_error() -> None:
    """--time 02:30 on the night Berlin's clocks jump from 02:00 to 03:00 names the gap."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    with pytest.raises(DlcatError, match="can't read time '02:30': 02:30 does not exist on 2024-03-31"):
        parse_moment("02:30", day=date(2024, 3, 31), zone=berlin)
    assert parse_moment("03:30", day=date(2024, 3, 31), zone=berlin).utcoffset() == timedelta(hours=2)


def test_full_width_digits_are_read_and_a_date_that_does_not_exist_says_so() -> None:
    """`１０：００` (a CJK keyboard's full-width forms) is 10:00; 2019-02-30 is refused as no such date."""
    from dlcat_cli.core.times import parse_moment

    zone = ZoneInfo("Asia/Seoul")
    assert parse_moment("１０：００", day=date(2019, 7, 4), zone=zone) == datetime(
        2019, 7, 4, 10, tzinfo=zone
    )
    for text in ("2019-02-30 10:00", "2019-13-01 10:00"):
        with pytest.raises(DlcatError, match=f"can't read time '{text}': there is no such date; write it as"):
            parse_moment(text, day=date(2019, 7, 4), zone=zone)
