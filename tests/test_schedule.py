"""schedule.py and `dlcat import`: the frab/pretalx schedule formats, read leniently and checked like any program."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import plan_agenda
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import load_program, parse_program
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
    """ESC [ 31 m (a whole escape sequence), CR and LF in titles become spaces in the program, the table and the .ics file."""
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
    assert "SUMMARY:Soldering hot irons\n" in result.stdout


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
    assert back_to_back.exit_code == 0
    assert "the walk between the rooms takes 5 min of the 0 min between them; you will be 5 min late" in (
        back_to_back.stderr
    )
    strict = run("--program", path, "plan", "--pick", "11,10-2", "--dry-run", "--late", "4")
    assert strict.exit_code == 1
    assert "the walk between the rooms takes 5 min, but there are only 0 min between them" in strict.stderr
    assert strict.stderr.count("allow it with --late 5") == 1


def test_a_venue_file_gives_buildings_and_real_walks() -> None:
    """With the venue file, North and South are 45 min apart, so 11 (North, ends 20:30) to 10-2 (South, 20:30) can't be made."""
    venue = SCHEDULES / "frab_quirks_venue.yaml"
    program = load_program(SCHEDULES / "frab_quirks.xml", venue)
    assert {b.key for b in program.buildings.values()} == {"N", "S"}
    assert [e.code.value for e in plan_agenda(program, ["11", "10-2"]).errors] == ["impossible-walk"]
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
    assert "\n2024-12-28 10:15 CET: on now\n" in now.stdout
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


# -- exact instants from the source to every output ---------------------------------------------

REPEATED_HOUR = SCHEDULES / "repeated_hour_second_pass.json"  # New York, the night the clocks go back
EXHIBITION = SCHEDULES / "exhibition_ends_at_24_00.xml"  # 00:00 + 24:00 on 2018-10-22, Vienna


def test_the_second_pass_of_a_repeated_hour_keeps_its_offset(machine_zone: str) -> None:
    """602 is at 01:15 -05:00: 06:15-06:45 UTC, not an hour early at 01:15 -04:00 (on any machine)."""
    program = load_program(REPEATED_HOUR)
    second, _ = program.find("602")  # type: ignore[misc]
    assert (second.start, second.end) == (
        datetime(2024, 11, 3, 6, 15, tzinfo=UTC),
        datetime(2024, 11, 3, 6, 45, tzinfo=UTC),
    )
    first, _ = program.find("601")  # type: ignore[misc]
    assert first.start == datetime(2024, 11, 3, 5, 0, tzinfo=UTC)  # 01:00 -04:00, the first pass
    listed = json.loads(run("--program", str(REPEATED_HOUR), "list", "--json").stdout)
    starts = {s["id"]: s["start"] for s in listed["sessions"]}
    assert starts["602"] == "2024-11-03T01:15:00-05:00"
    assert starts["601"] == "2024-11-03T01:00:00-04:00"


def test_a_plan_across_the_repeated_hour_has_no_false_clash(machine_zone: str) -> None:
    """601 (01:00-01:45 -04:00) and 602 (01:15 -05:00) are half an hour apart: no clash, exit 0."""
    result = run("--program", str(REPEATED_HOUR), "plan", "--pick", "601,602,603", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "clash" not in result.output


def test_the_export_of_the_second_pass_reads_as_06_15_utc(tmp_path: Path, machine_zone: str) -> None:
    """Read back with icalendar, 602's DTSTART is 06:15 UTC (written in UTC: a client reads it one way)."""
    from icalendar import Calendar

    target = tmp_path / "out.ics"
    result = run("--program", str(REPEATED_HOUR), "export", "--pick", "601,602,603", str(target))
    assert result.exit_code == 0, result.output
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")}
    second = events["Second one-fifteen of the night"]
    assert second["DTSTART"].dt.astimezone(UTC) == datetime(2024, 11, 3, 6, 15, tzinfo=UTC)
    assert second["DTEND"].dt.astimezone(UTC) == datetime(2024, 11, 3, 6, 45, tzinfo=UTC)
    first = events["Late set before the clocks go back"]
    assert first["DTSTART"].dt.astimezone(UTC) == datetime(2024, 11, 3, 5, 0, tzinfo=UTC)


def test_import_writes_the_offset_of_the_second_pass_and_reads_back_the_same(tmp_path: Path) -> None:
    """`dlcat import` writes 602 as "01:15-05:00" and day 1 as 18:00 to 12:00; the file loads to the same instants."""
    target = tmp_path / "night.yaml"
    assert run("import", str(REPEATED_HOUR), "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "start: 01:15-05:00" in text
    assert "- date: '2024-11-02'\n  start: '18:00'\n  end: '12:00'\n" in text
    imported, schedule = load_program(target), load_program(REPEATED_HOUR)
    assert [(s.id, s.start, s.end, s.day) for s in imported.sessions] == [
        (s.id, s.start, s.end, s.day) for s in schedule.sessions
    ]
    assert imported.days == schedule.days


def test_an_exhibition_all_day_ends_at_24_00(machine_zone: str) -> None:
    """701 (00:00 + 24:00) ends at midnight after 10-22: shown 00:00–24:00, never 00:00–00:00, and not "past" it."""
    program = load_program(EXHIBITION)
    exhibition, _ = program.find("701")  # type: ignore[misc]
    zone = program.conference.time_zone
    assert exhibition.end == datetime(2018, 10, 23, 0, 0, tzinfo=zone)
    assert exhibition.day == 1
    assert program.span(exhibition.start, exhibition.end) == "10-22 00:00–24:00"
    assert not any("past" in note for note in program.notes)
    listing = run("--program", str(EXHIBITION), "list")
    assert "10-22 00:00–24:00" in listing.stdout
    assert "00:00–00:00" not in listing.stdout
    assert "past" not in listing.stderr
    shown = run("--program", str(EXHIBITION), "show", "701")
    assert "2018-10-22 (Mon) 00:00–24:00 CEST" in shown.stdout


def test_the_exhibition_is_running_at_23_00_of_day_1(machine_zone: str) -> None:
    """--day 1 --time 23:00 is 10-22 23:00 Vienna: only the exhibition is on."""
    result = run("--program", str(EXHIBITION), "list", "--day", "1", "--time", "23:00", "--json")
    assert [s["id"] for s in json.loads(result.stdout)["sessions"]] == ["701"]


# -- the conference's own days ----------------------------------------------------------------


@needs_shared
def test_38c3_day_2_holds_the_320_events_the_source_lists_under_it() -> None:
    """Day 2 runs 12-28 06:00 to 12-29 06:00: 320 events, the ones after midnight dated 12-29 among them."""
    program = load_program(SHARED / "38c3-schedule.xml")
    day = program.day_numbered(2)
    assert day is not None
    assert (day.date.isoformat(), day.start, day.end) == (
        "2024-12-28",
        datetime(2024, 12, 28, 5, 0, tzinfo=UTC),
        datetime(2024, 12, 29, 5, 0, tzinfo=UTC),
    )
    on_day_2 = program.sessions_on(day)
    assert len(on_day_2) == 320
    assert sum(s.start.astimezone(program.conference.time_zone).date().day == 29 for s in on_day_2) == 20
    listed = json.loads(
        run("--program", str(SHARED / "38c3-schedule.xml"), "list", "--day", "2", "--json").stdout
    )
    assert len(listed["sessions"]) == 320
    assert [d["number"] for d in listed["conference"]["days"]] == [1, 2, 3, 4]


def schedule_json(tmp_path: Path, conference: dict[str, Any], days: list[dict[str, Any]]) -> Path:
    """A schedule JSON file with these conference fields and days (each with its events in one room)."""
    document = {
        "schedule": {
            "conference": {
                "acronym": "t",
                "title": "T",
                "time_zone_name": "Europe/Vienna",
                **conference,
                "days": [
                    {
                        **{k: v for k, v in day.items() if k != "events"},
                        "rooms": {"Hall": day.get("events", [])},
                    }
                    for day in days
                ],
            }
        }
    }
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def event(number: int, moment: str, duration: str = "00:30") -> dict[str, Any]:
    return {
        "id": number,
        "date": moment,
        "start": moment[11:16],
        "duration": duration,
        "title": f"Event {number}",
    }


def test_day_change_makes_a_day_run_to_the_same_hour_the_next_morning(tmp_path: Path) -> None:
    """day_change 04:00: 01:00 listed under day 1 is day 1, dated the next morning; ending at 04:00 is not past it."""
    path = schedule_json(
        tmp_path,
        {"day_change": "04:00"},
        [
            {
                "index": 1,
                "date": "2025-05-10",
                "events": [
                    event(1, "2025-05-10T20:00:00+02:00"),
                    event(2, "2025-05-11T03:00:00+02:00", "01:00"),
                ],
            },
            {
                "index": 2,
                "date": "2025-05-11",
                "events": [
                    event(3, "2025-05-11T10:00:00+02:00"),
                    event(4, "2025-05-12T03:30:00+02:00", "01:00"),
                ],
            },
        ],
    )
    program = load_program(path)
    zone = program.conference.time_zone
    assert [(d.number, d.start, d.end) for d in program.days] == [
        (1, datetime(2025, 5, 10, 4, 0, tzinfo=zone), datetime(2025, 5, 11, 4, 0, tzinfo=zone)),
        (2, datetime(2025, 5, 11, 4, 0, tzinfo=zone), datetime(2025, 5, 12, 4, 0, tzinfo=zone)),
    ]
    assert {s.id: s.day for s in program.sessions} == {"1": 1, "2": 1, "3": 2, "4": 2}
    (past,) = [note for note in program.notes if "past" in note]
    assert "event 4 (Event 4) runs past the end of day 2 (2025-05-12 04:00); kept whole" in past


def test_a_day_end_a_minute_short_is_the_next_day_start(tmp_path: Path) -> None:
    """pretalx ends a day at 03:59 when the next begins at 04:00: an event ending at 04:00 is not past it."""
    path = schedule_json(
        tmp_path,
        {},
        [
            {
                "index": 1,
                "date": "2020-12-14",
                "day_start": "2020-12-14T04:00:00+01:00",
                "day_end": "2020-12-15T03:59:00+01:00",
                "events": [event(1, "2020-12-15T03:00:00+01:00", "01:00")],
            }
        ],
    )
    program = load_program(path)
    assert program.days[0].end == datetime(2020, 12, 15, 3, 0, tzinfo=UTC)  # 04:00 +01:00
    assert not any("past" in note for note in program.notes)


def test_an_empty_day_keeps_its_number(tmp_path: Path) -> None:
    """Days 1, 2 (no events) and 3: day 3's events stay day 3, and --day 2 lists nothing, saying why."""
    path = schedule_json(
        tmp_path,
        {},
        [
            {"index": 1, "date": "2025-05-10", "events": [event(1, "2025-05-10T10:00:00+02:00")]},
            {"index": 2, "date": "2025-05-11"},
            {"index": 3, "date": "2025-05-12", "events": [event(3, "2025-05-12T10:00:00+02:00")]},
        ],
    )
    program = load_program(path)
    assert [(d.number, d.date.isoformat()) for d in program.days] == [
        (1, "2025-05-10"),
        (2, "2025-05-11"),
        (3, "2025-05-12"),
    ]
    assert [s.day for s in program.sessions] == [1, 3]
    empty = run("--program", str(path), "list", "--day", "2")
    assert empty.exit_code == 0
    assert empty.stdout == ""
    assert (
        "Day 2 (2025-05-11) has no sessions in t; the days with sessions are 1 (2025-05-10), 3 (2025-05-12)."
        in empty.stderr
    )


def test_days_numbered_oddly_are_numbered_as_listed(tmp_path: Path) -> None:
    """Indices 0 and 0 (a generator's slip) can't be days' numbers: the days are 1 and 2 as listed, with a note."""
    path = schedule_json(
        tmp_path,
        {},
        [
            {"index": 0, "date": "2025-05-10", "events": [event(1, "2025-05-10T10:00:00+02:00")]},
            {"index": 0, "date": "2025-05-11", "events": [event(2, "2025-05-11T10:00:00+02:00")]},
        ],
    )
    program = load_program(path)
    assert [s.day for s in program.sessions] == [1, 2]
    assert any(
        "the days' indices (0, 0) are not numbers from 1 up, in order; days are numbered as listed" in n
        for n in program.notes
    )


@needs_shared
@pytest.mark.parametrize("name", ["democon-schedule.json", "debconf23-schedule.xml", "38c3-schedule.xml"])
def test_an_imported_real_schedule_reads_back_the_same(tmp_path: Path, name: str) -> None:
    """`dlcat import` of a real schedule writes a program file with the same instants, days and day numbers."""
    target = tmp_path / "imported.yaml"
    assert run("import", str(SHARED / name), "-o", str(target)).exit_code == 0
    imported, schedule = load_program(target), load_program(SHARED / name)
    assert imported.days == schedule.days
    assert [(s.id, s.start, s.end, s.day) for s in imported.sessions] == [
        (s.id, s.start, s.end, s.day) for s in schedule.sessions
    ]


def test_days_that_overlap_are_read_with_the_earlier_one_cut_short(tmp_path: Path) -> None:
    """Day 1 said to end at 08:00 when day 2 starts at 06:00: day 1 ends at 06:00, with a note, not a refusal."""
    path = schedule_json(
        tmp_path,
        {},
        [
            {
                "index": 1,
                "date": "2025-05-10",
                "day_start": "2025-05-10T06:00:00+02:00",
                "day_end": "2025-05-11T08:00:00+02:00",
                "events": [event(1, "2025-05-10T10:00:00+02:00")],
            },
            {
                "index": 2,
                "date": "2025-05-11",
                "day_start": "2025-05-11T06:00:00+02:00",
                "day_end": "2025-05-12T06:00:00+02:00",
                "events": [event(2, "2025-05-11T07:00:00+02:00")],
            },
        ],
    )
    program = load_program(path)
    assert program.days[0].end == program.days[1].start == datetime(2025, 5, 11, 4, 0, tzinfo=UTC)
    assert [s.day for s in program.sessions] == [1, 2]
    assert any("day 1 ends after day 2 starts; taken to end at 2025-05-11 06:00" in n for n in program.notes)


def test_an_odd_schedule_imports_to_a_file_that_reads_back_the_same(tmp_path: Path) -> None:
    """Days numbered 1 and 3, a day of 26 hours, one dated only by its events, one with nothing, one ending
    before it starts, an event at 10:00:30: `dlcat import` writes what no clock text can say as it is."""
    path = schedule_json(
        tmp_path,
        {},
        [
            {
                "index": 1,
                "date": "2025-05-10",
                "day_start": "2025-05-10T04:00:00",  # no offset: the conference's zone
                "day_end": "2025-05-11T06:00:00+02:00",
                "events": [event(1, "2025-05-10T10:00:30+02:00")],
            },
            {"index": 3, "date": "", "events": [event(3, "2025-05-12T10:00:00+02:00")]},
            {"index": 4, "date": "later"},
            {
                "index": 5,
                "date": "2025-05-14",
                "day_start": "2025-05-14T10:00:00+02:00",
                "day_end": "2025-05-14T09:00:00+02:00",
                "events": [event(5, "2025-05-14T10:00:00+02:00")],
            },
        ],
    )
    program = load_program(path)
    zone = program.conference.time_zone
    assert [(d.number, d.date.isoformat()) for d in program.days] == [
        (1, "2025-05-10"),
        (3, "2025-05-12"),
        (5, "2025-05-14"),
    ]
    assert program.days[0].start == datetime(2025, 5, 10, 4, 0, tzinfo=zone)
    assert program.days[0].end == datetime(2025, 5, 11, 6, 0, tzinfo=zone)
    assert program.days[2].end == datetime(
        2025, 5, 15, 0, 0, tzinfo=zone
    )  # ended before it began: a whole day
    notes = " | ".join(program.notes)
    assert "day 4 has no readable date and no events; left out" in notes
    assert "day 5 ends before it starts; taken as a whole day" in notes
    target = tmp_path / "odd.yaml"
    assert run("import", str(path), "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "  number: 3\n" in text
    assert "  end: 2025-05-11 06:00:00+02:00\n" in text  # 26 hours: a timestamp
    imported = load_program(target)
    assert imported.days == program.days
    assert [(s.id, s.start, s.end, s.day) for s in imported.sessions] == [
        (s.id, s.start, s.end, s.day) for s in program.sessions
    ]


@pytest.mark.parametrize(
    "name",
    [
        "frab_quirks.xml",
        "repeated_hour_second_pass.json",
        "pretalx_duration_of_a_day_or_more.xml",
        "exhibition_ends_at_24_00.xml",
        "schedule2_flat.json",
        "sched_like_feed.ics",
        "event_rrule_across_clock_change.ics",
    ],
)
def test_import_checks_the_data_it_wrote_and_the_file_reads_back_the_same(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`dlcat import` checks the data it built instead of re-reading its own output (issue 16); the file
    it writes must still read back as that very program."""
    from dlcat_cli.formats import loader

    checked: list[Program] = []
    real = loader.check_written
    monkeypatch.setattr(loader, "check_written", lambda *a: checked.append(real(*a)) or checked[-1])
    target = tmp_path / "program.yaml"
    result = run("import", str(SCHEDULES / name), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    (built,) = checked
    again = loader.parse_program(target.read_bytes(), str(target))
    assert again == built


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("ko", "s.xml: XML 루트가 <schedule>이 아니라 <agenda>입니다. frab/pretalx 일정이 맞나요?"),
        ("en", "s.xml: the XML root is <agenda>, not <schedule>; is this a frab/pretalx schedule?"),
    ],
)
def test_a_schedule_that_is_not_one_is_refused_in_the_language_of_the_run(language: str, said: str) -> None:
    """The reader's errors are Korean under i18n.setup("ko"), English again after setup("en")."""
    from dlcat_cli import i18n
    from dlcat_cli.formats.schedule import read_schedule

    i18n.setup(language)
    try:
        with pytest.raises(DlcatError) as caught:
            read_schedule(b'<?xml version="1.0"?>\n<agenda><day/></agenda>\n', "s.xml")
    finally:
        i18n.setup("en")
    assert str(caught.value) == said
