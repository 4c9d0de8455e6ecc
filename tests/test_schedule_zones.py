"""--time-zone (DLCAT_TIME_ZONE) from the command line to the schedule reader and the cache, and zone names
in other vocabularies, end to end."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dlcat_cli.formats.loader import load_program
from helpers import PROGRAMS, run

SCHEDULES = Path(__file__).parent / "schedules"
PENTABARF = SCHEDULES / "pentabarf_no_zone_no_offsets.xml"  # clock times only: no zone name, no offsets
WINDOWS = SCHEDULES / "windows_zone_name_no_offsets.json"  # "W. Europe Standard Time", across 2024-03-31
RAILS_ZONE = SCHEDULES / "rails_zone_name_across_dst.json"


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)  # type: ignore[misc]


def test_neither_zone_name_nor_offsets_is_refused_in_one_line_naming_the_option() -> None:
    result = run("--program", str(PENTABARF), "list")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert (
        "its times have no UTC offset and it names no time zone; give the conference's zone with --time-zone"
        in (result.stderr)
    )


def test_with_time_zone_the_clock_times_are_read_in_it() -> None:
    """--time-zone Europe/Brussels: 9001 at 10:30 CET = 09:30 UTC; 9003 on day 2 at 17:00 = 16:00 UTC."""
    program = load_program(PENTABARF, time_zone="Europe/Brussels")
    assert program.conference.time_zone.key == "Europe/Brussels"
    starts = {s.id: s.start for s in program.sessions}
    assert starts == {
        "9001": utc(2020, 2, 1, 9, 30),
        "9002": utc(2020, 2, 1, 10, 0),
        "9003": utc(2020, 2, 2, 16, 0),
    }
    listed = run("--program", str(PENTABARF), "--time-zone", "Brussels", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["sessions"][0]["start"] == "2020-02-01T10:30:00+01:00"


def test_the_environment_variable_gives_the_zone_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLCAT_TIME_ZONE", "Europe/Brussels")
    result = run("--program", str(PENTABARF), "list", "--day", "2")
    assert result.exit_code == 0, result.output
    assert "9003   02-02 17:00–17:15   Janson" in result.stdout


def test_the_zone_is_part_of_the_cache_key() -> None:
    """The same file read in two zones gives two programs: a cached reading never answers for another zone."""
    brussels = load_program(PENTABARF, time_zone="Europe/Brussels")
    london = load_program(PENTABARF, time_zone="Europe/London")
    assert brussels.sessions[0].start == utc(2020, 2, 1, 9, 30)
    assert london.sessions[0].start == utc(2020, 2, 1, 10, 30)
    assert load_program(PENTABARF, time_zone="Europe/Brussels").sessions[0].start == utc(2020, 2, 1, 9, 30)


def test_times_with_an_offset_keep_their_instant_under_any_time_zone() -> None:
    """--time-zone Asia/Tokyo shows Berlin's kickoff at 17:00 JST, still 08:00 UTC."""
    program = load_program(RAILS_ZONE, time_zone="Asia/Tokyo")
    kickoff, _ = program.find("201")  # type: ignore[misc]
    assert kickoff.start == utc(2024, 10, 26, 8, 0)
    assert program.clock(kickoff.start).endswith("17:00")
    assert any("times are read and shown in --time-zone Asia/Tokyo" in n for n in program.notes)


def test_a_windows_zone_name_reads_clock_times_across_the_change_of_clocks() -> None:
    """W. Europe Standard Time is Europe/Berlin: 10:00 is 09:00 UTC on 03-30 (CET), 08:00 UTC on 03-31 (CEST)."""
    program = load_program(WINDOWS)
    assert program.conference.time_zone.key == "Europe/Berlin"
    assert [s.start for s in program.sessions] == [utc(2024, 3, 30, 9, 0), utc(2024, 3, 31, 8, 0)]


def test_an_unknown_time_zone_is_a_one_line_error() -> None:
    result = run("--program", str(PENTABARF), "--time-zone", "Mars/Olympus", "list")
    assert result.exit_code == 1
    assert (
        "--time-zone 'Mars/Olympus' is not a time zone dlcat knows; use an IANA name such as Europe/Berlin"
        in (result.stderr)
    )


def test_a_dlcat_program_keeps_its_own_zone() -> None:
    """A program file says its zone, whatever --time-zone or DLCAT_TIME_ZONE says (found by a tester: a
    DLCAT_TIME_ZONE set for schedules made the bundled program refuse to run)."""
    path = PROGRAMS / "first-dlcat-2018.yaml"
    own = load_program(path)
    lima = load_program(path, time_zone="America/Lima")
    assert lima.conference.time_zone.key == own.conference.time_zone.key == "Asia/Seoul"
    assert [s.start for s in lima.sessions] == [s.start for s in own.sessions]
    result = run("--time-zone", "America/Lima", "list", "--time", "10")
    assert result.exit_code == 0
    assert "10:00–10:50" in result.stdout


def test_import_writes_the_zone_given(tmp_path: Path) -> None:
    """`dlcat --time-zone Europe/Brussels import` writes a program file in Europe/Brussels that reads back the same."""
    target = tmp_path / "meeting.yaml"
    result = run("--time-zone", "Europe/Brussels", "import", str(PENTABARF), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "time zone Europe/Brussels" in result.stderr
    imported = load_program(target)
    assert [s.start for s in imported.sessions] == [
        s.start for s in load_program(PENTABARF, time_zone="Europe/Brussels").sessions
    ]
