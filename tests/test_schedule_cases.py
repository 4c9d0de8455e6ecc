"""The shared schedule cases (../shared/cases/schedules/), each copied into tests/schedules/ under a name
that says its kind, with every right value the cases' README gives: instants in UTC, and the CLI's output."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from icalendar import Calendar

from dlcat_cli.formats.loader import load_program
from helpers import run

SCHEDULES = Path(__file__).parent / "schedules"
LONG_DURATIONS = SCHEDULES / "pretalx_duration_of_a_day_or_more.xml"  # Vienna, 1:02:00 and 0:90
MIXED_OFFSETS = SCHEDULES / "no_zone_name_mixed_offsets.xml"  # no time_zone_name; +01:00 and +00:00
RAILS_ZONE = SCHEDULES / "rails_zone_name_across_dst.json"  # time_zone_name "Berlin", across 2024-10-27
Z_ON_LOCAL = SCHEDULES / "z_offsets_on_local_times.xml"  # Europe/Berlin, <start>10:00, <date>...10:00:00Z
SLUG_AND_NAME = SCHEDULES / "room_slug_in_event_name_on_door.xml"  # <room>k4201</room> under K.4.201
ENTITIES = SCHEDULES / "html_entities.json"  # "Rock &amp; Roll &#8211; the speaker&#39;s cut"


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)  # type: ignore[misc]


def starts(path: Path) -> dict[str, str]:
    listed = json.loads(run("--program", str(path), "list", "--json").stdout)
    return {s["id"]: s["start"] for s in listed["sessions"]}


# -- durations: pretalx's D:HH:MM, minutes above 59 ---------------------------------------------


def test_1_02_00_is_26_hours_and_0_90_is_90_minutes() -> None:
    """301 (1:02:00) runs 05-10 10:00 to 05-11 12:00 Vienna; 303 (0:90) 14:00-15:30; the 26 h get a note."""
    program = load_program(LONG_DURATIONS)
    hackathon, _ = program.find("301")  # type: ignore[misc]
    assert (hackathon.start, hackathon.end) == (utc(2025, 5, 10, 8, 0), utc(2025, 5, 11, 10, 0))
    assert program.span(hackathon.start, hackathon.end) == "05-10 10:00–05-11 12:00"
    talk, _ = program.find("303")  # type: ignore[misc]
    assert (talk.start, talk.end) == (utc(2025, 5, 10, 12, 0), utc(2025, 5, 10, 13, 30))
    assert any(
        "event 301 (Overnight hackathon (26 hours)) lasts 1 day 2 h: '1:02:00' read as days:hours:minutes"
        in n
        for n in program.notes
    )


def test_the_26_hour_event_is_running_on_day_2_and_clashes_with_302() -> None:
    """At --day 2 --time 11:00 the hackathon is on; a plan with it and 302 (05-11 11:00) is a clash."""
    running = run("--program", str(LONG_DURATIONS), "list", "--day", "2", "--time", "11:00", "--json")
    assert [s["id"] for s in json.loads(running.stdout)["sessions"]] == ["301", "302"]
    plan = run("--program", str(LONG_DURATIONS), "plan", "--pick", "301,302", "--dry-run")
    assert plan.exit_code == 1
    assert "clash: 301 (05-10 10:00–05-11 12:00, Lab) overlaps 302 (05-11 11:00–11:30, Talks)" in plan.stderr


# -- zones -------------------------------------------------------------------------------------


def test_no_zone_name_and_mixed_offsets_each_keep_their_offset() -> None:
    """101 is 10:00 UTC (11:00+01:00), 102 10:45 UTC (10:45+00:00); shown at +01:00; nothing is "unknown"."""
    program = load_program(MIXED_OFFSETS)
    assert program.find("101")[0].start == utc(2018, 12, 27, 10, 0)  # type: ignore[index]
    assert program.find("102")[0].start == utc(2018, 12, 27, 10, 45)  # type: ignore[index]
    assert program.conference.time_zone.key == "Etc/GMT-1"
    assert starts(MIXED_OFFSETS) == {"101": "2018-12-27T11:00:00+01:00", "102": "2018-12-27T11:45:00+01:00"}
    listing = run("--program", str(MIXED_OFFSETS), "list")
    assert listing.exit_code == 0
    assert "unknown" not in listing.output + " ".join(program.notes)
    assert any("there is no time_zone_name" in n and "shown at UTC+01:00" in n for n in program.notes)


def test_a_rails_zone_name_is_its_iana_zone_across_the_change_of_clocks() -> None:
    """time_zone_name "Berlin" is Europe/Berlin: 201 = 10-26 08:00 UTC (CEST), 202 = 10-27 09:00 UTC (CET)."""
    program = load_program(RAILS_ZONE)
    assert program.conference.time_zone.key == "Europe/Berlin"
    assert program.find("201")[0].start == utc(2024, 10, 26, 8, 0)  # type: ignore[index]
    assert program.find("202")[0].start == utc(2024, 10, 27, 9, 0)  # type: ignore[index]


def test_z_offsets_on_local_clock_times_are_read_as_the_named_zone(tmp_path: Path) -> None:
    """41 is 10:00 Berlin = 08:00 UTC (not 10:00 UTC), 42 09:00 UTC: in list, show and export, with a note."""
    program = load_program(Z_ON_LOCAL)
    assert program.find("41")[0].start == utc(2016, 6, 22, 8, 0)  # type: ignore[index]
    assert program.find("42")[0].start == utc(2016, 6, 22, 9, 0)  # type: ignore[index]
    assert any(
        "read as Europe/Berlin times (the generator wrote local times as UTC)" in n for n in program.notes
    )
    assert starts(Z_ON_LOCAL) == {"41": "2016-06-22T10:00:00+02:00", "42": "2016-06-22T11:00:00+02:00"}
    assert "2016-06-22 (Wed) 10:00–10:45 CEST" in run("--program", str(Z_ON_LOCAL), "show", "41").stdout
    target = tmp_path / "z.ics"
    assert run("--program", str(Z_ON_LOCAL), "export", str(target), "--pick", "41,42").exit_code == 0
    exported = {str(e["SUMMARY"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    assert exported["Keynote"]["DTSTART"].dt.astimezone(UTC) == utc(2016, 6, 22, 8, 0)
    assert exported["Packaging in practice"]["DTSTART"].dt.astimezone(UTC) == utc(2016, 6, 22, 9, 0)


# -- rooms and text ----------------------------------------------------------------------------


def test_a_room_named_by_its_slug_is_the_room_on_the_door() -> None:
    """<room>k4201</room> under <room name="K.4.201">: one room, K.4.201, and 5132 and 5133 overlap in it."""
    listing = run("--program", str(SLUG_AND_NAME), "list")  # the first read: its notes in full
    assert "5133 (10:40-11:05) overlaps 5132 (10:30-10:55) in room K.4.201" in listing.stderr
    assert "k4201" not in listing.stdout
    program = load_program(SLUG_AND_NAME)
    assert [room.name for room in program.rooms] == ["K.4.201"]
    assert {s.showings[0].room.name for s in program.sessions} == {"K.4.201"}


def test_html_entities_are_decoded_in_titles_tracks_and_speakers(tmp_path: Path) -> None:
    """Shown and exported as "Rock & Roll – the speaker's cut", track "Music & Media", speaker "Vic D'Nobody"."""
    program = load_program(ENTITIES)
    session, _ = program.find("1002")  # type: ignore[misc]
    assert session.title == "Rock & Roll – the speaker's cut"
    assert session.tags[0] == "Music & Media"
    assert session.speakers == ("Vic D'Nobody",)
    assert "Rock & Roll – the speaker's cut" in run("--program", str(ENTITIES), "list").stdout
    found = run("--program", str(ENTITIES), "search", "rock & roll")
    assert "1002" in found.stdout
    target = tmp_path / "entities.ics"
    assert run("--program", str(ENTITIES), "export", str(target), "--pick", "1002").exit_code == 0
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Rock & Roll – the speaker's cut"
