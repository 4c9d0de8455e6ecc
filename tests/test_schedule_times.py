"""schedule_times.py: durations, clock times, the conference's zone and days, as schedule files write them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import load_program
from dlcat_cli.formats.schedule_times import choose_zone, clock, duration

SCHEDULES = Path(__file__).parent / "schedules"
DURATIONS = SCHEDULES / "durations_every_form.json"  # one event per form, Vienna (UTC+01:00), 2025-03-01
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("written", "minutes", "reading"),
    [
        ("00:45:00", 45, "hours:minutes:seconds"),  # a leading zero: H:MM:SS
        ("1:30:00", 90, "hours:minutes:seconds"),  # a middle of 30 can't be hours: H:MM:SS
        ("1:02:00", 26 * 60, "days:hours:minutes"),  # pretalx's D:HH:MM
        ("1:00:00", 24 * 60, "days:hours:minutes"),
        ("0:90", 90, "hours:minutes"),  # minutes above 59
        ("PT1H30M", 90, "ISO 8601"),
        ("P1DT2H", 26 * 60, "ISO 8601"),
        ("pt45m", 45, "ISO 8601"),
        ("24:00", 24 * 60, "hours:minutes"),
        ("00:30", 30, "hours:minutes"),
        (50, 50, "minutes"),
    ],
)
def test_durations_in_every_form(written: Any, minutes: int, reading: str) -> None:
    """Each form schedule files use, read as its minutes, with the reading a note names."""
    found = duration(written)
    assert found is not None
    assert (found.length, found.reading) == (timedelta(minutes=minutes), reading)


@pytest.mark.parametrize(
    "written", ["", "abc", "¹:30", "0:00", "PT", "P", "1:2:3:4", "-0:30", 0, True, "9" * 40]
)
def test_an_unreadable_or_empty_duration_is_none(written: Any) -> None:
    """Nothing, zero, non-ASCII digits, four fields, a sign, a bool: no duration (the reader takes 0:30)."""
    assert duration(written) is None


@pytest.mark.parametrize(
    ("written", "since_midnight"),
    [
        ("10:00", timedelta(hours=10)),
        ("10:00:30", timedelta(hours=10, seconds=30)),
        ("24:30", timedelta(hours=24, minutes=30)),
    ],
)
def test_clock_times_past_24_are_the_next_day(written: str, since_midnight: timedelta) -> None:
    """`24:30` is a day and half an hour after the day's midnight: the next day's 00:30."""
    assert clock(written) == since_midnight


@pytest.mark.parametrize("written", ["48:00", "10:60", "10", "1:2:3:4", "ab:cd", ""])
def test_an_unreadable_clock_time_is_none(written: str) -> None:
    assert clock(written) is None


def test_every_duration_form_in_a_schedule_file() -> None:
    """00:45:00 = 45 min, 1:30:00 = 90 min, 1:02:00 = 26 h, 0:90 = 90 min, PT1H30M = 90 min, and a start
    of 24:30 with no date is 03-02 00:30 Vienna: each event's end in UTC."""
    program = load_program(DURATIONS)
    spans = {s.id: (s.start, s.end) for s in program.sessions}
    assert spans == {
        "1": (datetime(2025, 3, 1, 8, 0, tzinfo=UTC), datetime(2025, 3, 1, 8, 45, tzinfo=UTC)),
        "2": (datetime(2025, 3, 1, 9, 0, tzinfo=UTC), datetime(2025, 3, 1, 10, 30, tzinfo=UTC)),
        "3": (datetime(2025, 3, 1, 11, 0, tzinfo=UTC), datetime(2025, 3, 2, 13, 0, tzinfo=UTC)),
        "4": (datetime(2025, 3, 1, 14, 0, tzinfo=UTC), datetime(2025, 3, 1, 15, 30, tzinfo=UTC)),
        "5": (datetime(2025, 3, 1, 16, 0, tzinfo=UTC), datetime(2025, 3, 1, 17, 30, tzinfo=UTC)),
        "6": (datetime(2025, 3, 1, 23, 30, tzinfo=UTC), datetime(2025, 3, 2, 0, 0, tzinfo=UTC)),
    }
    (long,) = [n for n in program.notes if "lasts" in n]
    assert "event 3 (pretalx D:HH:MM) lasts 1 day 2 h: '1:02:00' read as days:hours:minutes" in long


# -- the zone ---------------------------------------------------------------------------------------


def stamped(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    """Events with these (date, start) pairs, named event 1, event 2, ..."""
    return [{"name": f"event {n}", "date": d, "start": s} for n, (d, s) in enumerate(pairs, 1)]


def test_a_name_that_agrees_with_the_offsets_is_the_zone() -> None:
    zoning = choose_zone("Europe/Berlin", stamped(("2024-10-26T10:00:00+02:00", "10:00")), None, "f")
    assert (zoning.zone, zoning.z_is_local, zoning.notes) == (BERLIN, False, ())


def test_utc_named_with_offsets_that_are_not_zero_the_offsets_win() -> None:
    """democon's case: `UTC`, dates at +01:00 with starts that agree: shown at UTC+01:00, with a note."""
    zoning = choose_zone("UTC", stamped(("2020-12-14T09:00:00+01:00", "09:00")), None, "f")
    assert zoning.zone.key == "Etc/GMT-1"
    assert "time_zone_name is 'UTC', but the event times carry +01:00" in zoning.notes[0]


def test_z_on_a_named_zone_is_not_local_when_the_clock_says_utc() -> None:
    """Europe/Berlin with 08:00Z and <start>10:00: true UTC instants, which agree with Berlin: no rewrite."""
    zoning = choose_zone("Europe/Berlin", stamped(("2016-06-22T08:00:00Z", "10:00")), None, "f")
    assert (zoning.zone, zoning.z_is_local) == (BERLIN, False)


def test_z_on_local_clock_times_in_a_zone_whose_offset_is_zero_then_is_not_rewritten() -> None:
    """Europe/London in winter: 10:00Z with <start>10:00 agrees with London: read as it is."""
    zoning = choose_zone("Europe/London", stamped(("2016-01-22T10:00:00Z", "10:00")), None, "f")
    assert (zoning.zone.key, zoning.z_is_local) == ("Europe/London", False)


def test_the_time_zone_option_reads_and_shows_but_offsets_keep_their_instants() -> None:
    """--time-zone wins over the name for showing (with a note), and the moment of an offset stays."""
    events = stamped(("2024-10-26T10:00:00+02:00", "10:00"))
    zoning = choose_zone("Europe/Berlin", events, ZoneInfo("Asia/Seoul"), "f")
    assert zoning.zone.key == "Asia/Seoul"
    assert zoning.moment(events[0]["date"]) == datetime(2024, 10, 26, 8, 0, tzinfo=UTC)
    assert zoning.moment("2024-10-26T10:00:00") == datetime(2024, 10, 26, 1, 0, tzinfo=UTC)
    assert "times are read and shown in --time-zone Asia/Seoul" in zoning.notes[0]


def test_neither_name_nor_offsets_is_refused_naming_the_option() -> None:
    """A pentabarf-style file: clock times only, no time_zone_name: one line naming --time-zone."""
    with pytest.raises(
        DlcatError, match=r"f: its times have no UTC offset and it names no time zone; .*--time-zone"
    ):
        choose_zone("", stamped(("", "10:00")), None, "f")
    assert choose_zone("", stamped(("", "10:00")), BERLIN, "f").zone == BERLIN


def test_an_unknown_name_without_offsets_is_refused_naming_it() -> None:
    with pytest.raises(DlcatError, match=r"its time_zone_name 'Mars/Olympus' is not a time zone dlcat knows"):
        choose_zone("Mars/Olympus", stamped(("2024-01-01T10:00:00", "10:00")), None, "f")


def test_a_place_name_is_taken_as_its_zone_with_a_note() -> None:
    zoning = choose_zone("Kolkata", stamped(("2023-09-10T10:00:00+05:30", "10:00")), None, "f")
    assert zoning.zone.key == "Asia/Kolkata"
    assert zoning.notes == ("f: time_zone_name 'Kolkata' is taken as Asia/Kolkata",)


def test_without_a_name_a_half_hour_offset_is_shown_in_a_zone_that_keeps_it() -> None:
    zoning = choose_zone("", stamped(("2023-09-10T10:00:00+05:30", "10:00")), None, "f")
    assert zoning.zone.key == "Asia/Kolkata"
