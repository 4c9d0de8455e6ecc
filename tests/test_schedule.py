"""schedule.py and `dlcat import`: the frab/pretalx schedule formats, read leniently and checked like any program."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dlcat_cli.core.planner import plan_agenda
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.program_file import load_program, parse_program
from helpers import run

SCHEDULES = Path(__file__).parent / "schedules"
SHARED = Path(__file__).parents[2] / "shared" / "fixtures"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="the shared real-world fixtures are not beside the repo"
)


def test_offsets_beat_a_wrong_time_zone_name() -> None:
    """time_zone_name says UTC, the dates say +01:00: the offsets win, with a warning; instants are exact."""
    program = load_program(SCHEDULES / "offsets_disagree_with_zone.json")
    assert program.conference.time_zone.key == "Etc/GMT-1"
    (note,) = program.notes
    assert "time_zone_name is 'UTC', but the event times carry +01:00" in note
    opening, showing = program.find("1")  # type: ignore[misc]
    assert opening.start.astimezone(UTC) == datetime(2020, 12, 14, 8, 0, tzinfo=UTC)
    assert opening.speakers == ("Ada", "Grace")
    assert showing.room.seats == 120
    assert opening.tags == ("Main", "Talk", "en")
    soldering, _ = program.find("2")  # type: ignore[misc]
    assert soldering.kind.value == "hands-on"
    assert soldering.subtitle == "bring nothing"
    shown = run("--program", str(SCHEDULES / "offsets_disagree_with_zone.json"), "show", "2")
    assert shown.stdout.splitlines()[1] == "bring nothing"


def test_control_characters_never_reach_the_terminal_or_the_calendar(tmp_path: Path) -> None:
    """ESC, CR and LF in titles become spaces in the program, the table and the .ics file."""
    program = load_program(SCHEDULES / "offsets_disagree_with_zone.json")
    soldering, _ = program.find("2")  # type: ignore[misc]
    assert not any(ord(c) < 32 for c in soldering.title)
    listing = run("--program", str(SCHEDULES / "offsets_disagree_with_zone.json"), "list")
    assert "\x1b" not in listing.stdout
    result = run(
        "--program", str(SCHEDULES / "offsets_disagree_with_zone.json"), "export", "-", "--pick", "2"
    )
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "SUMMARY:Soldering [31mhot [0m irons\n" in result.stdout


def test_quirks_are_warnings_not_failures() -> None:
    """Past midnight, a missing duration, a repeated id and a repeated guid: all read, each named."""
    program = load_program(SCHEDULES / "frab_quirks.xml")
    notes = " | ".join(program.notes)
    for expected in (
        "event 10 (Late night & past midnight) runs past the end of day 1 (2024-12-28 00:00); kept whole",
        "event 11 (No duration, repeated guid) has no usable duration ''; taken as 0:30",
        "event 11 repeats guid a",
        "event 10 repeats an id; this one is 10-2",
        "event 12 has a link that is not a web address (/talk/12); left out",
    ):
        assert expected in notes
    assert program.find("12")[0].page is None  # type: ignore[index]
    assert program.find("13-b")[0].title == "An id with a space"  # type: ignore[index]
    late, _ = program.find("10")  # type: ignore[misc]
    assert (program.clock(late.start), program.clock(late.end)) == ("12-27 23:30", "12-28 00:30")
    assert program.find("10-2")[0].title == "Line one line two and a tab"  # type: ignore[index]
    assert [(d.number, d.date.isoformat()) for d in program.days] == [(1, "2024-12-27"), (2, "2024-12-28")]


def test_digits_that_are_not_decimal_are_unreadable_not_a_crash(tmp_path: Path) -> None:
    """A duration of "¹:30" (superscript one: a digit, yet no number) is a warning, not a traceback."""
    text = (SCHEDULES / "offsets_disagree_with_zone.json").read_text(encoding="utf-8")
    schedule = tmp_path / "odd.json"
    schedule.write_text(text.replace('"duration": "01:30"', '"duration": "¹:30"'), encoding="utf-8")
    program = load_program(schedule)
    assert any("has no usable duration '¹:30'" in note for note in program.notes)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.update(conference=None), "schedule.conference is null, not an object"),
        (lambda s: s["conference"].update(days=5), "no events found; is this a schedule file?"),
        (lambda s: s["conference"]["days"][0].update(rooms=["Hall"]), "no events found"),
        (lambda s: s["conference"]["days"][0]["rooms"].update(Hall=True), None),
        (lambda s: s["conference"]["days"][0]["rooms"]["Hall"][0].update(persons=True), None),
        (lambda s: s["conference"]["rooms"][0].update(capacity=True), None),
        (lambda s: s["conference"]["rooms"][0].update(capacity=-3), None),
    ],
)
def test_a_schedule_of_the_wrong_shape_is_read_around_or_refused_in_one_line(
    tmp_path: Path, change: Any, expected: str | None
) -> None:
    """Found by fuzzing: a day, room list or persons of the wrong JSON type crashed the reader."""
    document = json.loads((SCHEDULES / "offsets_disagree_with_zone.json").read_text(encoding="utf-8"))
    change(document["schedule"])
    schedule = tmp_path / "odd.json"
    schedule.write_text(json.dumps(document), encoding="utf-8")
    if expected is None:
        assert load_program(schedule).sessions  # what is left is read
    else:
        with pytest.raises(DlcatError, match=re.escape(expected)):
            load_program(schedule)


def test_without_a_venue_file_rooms_are_one_building_and_plan_says_so() -> None:
    """No venue: one building, a default walk, and a note beside the plan."""
    path = str(SCHEDULES / "frab_quirks.xml")
    result = run("--program", path, "plan", "--pick", "10-2,10", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "note: no venue file: all rooms are taken as one building, 5 min apart" in result.stderr
    assert "→ North, 5 min; 145 min to spare" in result.stdout
    back_to_back = run("--program", path, "plan", "--pick", "11,10-2", "--dry-run")
    assert (
        "the walk between the rooms takes 5 min, but there are only 0 min between them" in back_to_back.stderr
    )


def test_a_venue_file_gives_buildings_and_real_walks() -> None:
    """With the venue file, North and South are 45 min apart, so 11 (North, ends 20:30) to 10-2 (South, 20:30) can't be made."""
    venue = SCHEDULES / "frab_quirks_venue.yaml"
    program = load_program(SCHEDULES / "frab_quirks.xml", venue)
    assert {b.key for b in program.buildings.values()} == {"N", "S"}
    assert [e.code for e in plan_agenda(program, ["11", "10-2"]).errors] == ["impossible-walk"]
    result = run("--program", str(SCHEDULES / "frab_quirks.xml"), "--venue", str(venue), "show", "10-2")
    assert "S South" in result.stdout
    assert "1 Camp Road" in result.stdout


def test_a_venue_file_must_list_every_room(tmp_path: Path) -> None:
    """A room missing from the venue file is named."""
    venue = tmp_path / "venue.yaml"
    venue.write_text("buildings: {N: {name: North}}\nrooms: {North: N}\n", encoding="utf-8")
    with pytest.raises(DlcatError, match=r"venue file: room 'South' of .* is not listed"):
        load_program(SCHEDULES / "frab_quirks.xml", venue)


def test_billion_laughs_is_refused_in_one_line() -> None:
    """Entity declarations are refused before any expansion."""
    result = run("--program", str(SCHEDULES / "billion_laughs.xml"), "list")
    assert result.exit_code == 1
    assert "refused: the XML declares entities or a DTD" in result.stderr
    assert result.stderr.count("\n") == 1


def test_import_writes_a_program_that_loads_and_is_stable(tmp_path: Path) -> None:
    """`dlcat import` writes YAML that --program reads back; importing twice gives the same bytes and ids."""
    target = tmp_path / "quirks.yaml"
    result = run("import", str(SCHEDULES / "frab_quirks.xml"), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr
    assert f"Wrote {target}: 5 sessions in 2 rooms over 2 days, time zone Europe/Berlin" in result.stderr
    first = target.read_bytes()
    assert run("import", str(SCHEDULES / "frab_quirks.xml"), "-o", str(target)).exit_code == 0
    assert target.read_bytes() == first
    again = parse_program(first, "quirks.yaml")
    assert [s.id for s in again.sessions] == ["11", "10-2", "10", "12", "13-b"]


def test_import_never_replaces_a_foreign_file(tmp_path: Path) -> None:
    """A file that is not an earlier import is kept unless --force."""
    target = tmp_path / "mine.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = run("import", str(SCHEDULES / "frab_quirks.xml"), "-o", str(target))
    assert result.exit_code == 1
    assert "was not written by dlcat; use --force" in result.stderr
    assert run("import", str(SCHEDULES / "frab_quirks.xml"), "-o", str(target), "--force").exit_code == 0


def test_import_refuses_a_dlcat_program(tmp_path: Path) -> None:
    """Importing a YAML program is a one-line error."""
    result = run("import", str(Path(__file__).parent / "programs" / "first-dlcat-2018.yaml"), "-o", "-")
    assert result.exit_code == 1
    assert "is not a schedule JSON or XML file" in result.stderr


def test_day_option_picks_a_day() -> None:
    """--day 2 or --day 2024-12-28 lists that day's sessions; a wrong day lists the days."""
    path = str(SCHEDULES / "frab_quirks.xml")
    by_number = json.loads(run("--program", path, "list", "--day", "2", "--json").stdout)
    by_date = json.loads(run("--program", path, "list", "--day", "2024-12-28", "--json").stdout)
    assert (
        [s["id"] for s in by_number["sessions"]] == [s["id"] for s in by_date["sessions"]] == ["12", "13-b"]
    )
    at = json.loads(run("--program", path, "list", "--day", "2", "--time", "10:30", "--json").stdout)
    assert [s["id"] for s in at["sessions"]] == ["12"]
    now = run("--program", path, "now", "--day", "2", "--at", "10:15")
    assert now.stdout.startswith("2024-12-28 10:15 CET: on now")
    wrong = run("--program", path, "list", "--day", "9")
    assert wrong.exit_code == 1
    assert "no day '9' in quirks; its days are 1 (2024-12-27), 2 (2024-12-28)" in wrong.stderr


@needs_shared
@pytest.mark.parametrize(
    ("name", "sessions", "rooms", "zone"),
    [
        ("democon-schedule.json", 36, 2, "Etc/GMT-1"),
        ("debconf23-schedule.xml", 117, 5, "Asia/Kolkata"),
        ("38c3-schedule.xml", 1007, 72, "Europe/Berlin"),
    ],
)
def test_real_schedules_load(name: str, sessions: int, rooms: int, zone: str) -> None:
    """The shared real files load whole, in the right zone, and a plan over them has no surprise."""
    program = load_program(SHARED / name)
    assert (len(program.sessions), len(program.rooms), program.conference.time_zone.key) == (
        sessions,
        rooms,
        zone,
    )
    first = program.sessions[0]
    assert plan_agenda(program, [first.id]).errors == ()


@needs_shared
def test_38c3_opening_is_at_10_30_berlin() -> None:
    """Event 2, the opening ceremony, is 2024-12-27 10:30 CET = 09:30 UTC."""
    program = load_program(SHARED / "38c3-schedule.xml")
    opening, _ = program.find("2")  # type: ignore[misc]
    assert opening.title == "38C3: Opening Ceremony"
    assert opening.start.astimezone(UTC) == datetime(2024, 12, 27, 9, 30, tzinfo=UTC)
    assert any("overlaps" in note for note in program.notes)  # two real overlaps in the Chill Floor are kept
