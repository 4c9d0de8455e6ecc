"""schedule2_json.py: the c3voc "schedule 2" JSON (flat events, rooms by guid), read through the frab reader.

The fixture, schedules/schedule2_flat.json, is FlatCon 2024 in Europe/Berlin over the night the clocks go
back (2024-10-27, 03:00 CEST -> 02:00 CET): 12 sessions in three rooms referenced by guid, day 1 running to
05:00 the next morning, one event written in UTC, one with only the deprecated ISO 8601 duration, a break
and a cancelled workshop.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import load_program, program_data
from dlcat_cli.formats.schedule import read_schedule
from dlcat_cli.formats.schedule2_json import looks_like_schedule2, to_classic_json
from helpers import run

SCHEDULES = Path(__file__).parent / "schedules"
FLAT = SCHEDULES / "schedule2_flat.json"
SHARED = Path(__file__).parents[2] / "shared"

SAAL, WERKSTATT, BUEHNE = "Saal Eins", "Werkstatt", "Bühne Süd"


def _utc(month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=UTC)


# id -> (start, end, room, day): the instants in UTC, as the fixture's offsets give them
EXPECTED = {
    "OPEN01": (_utc(10, 26, 8, 0), _utc(10, 26, 8, 30), SAAL, 1),
    "KEYN01": (_utc(10, 26, 9, 0), _utc(10, 26, 10, 0), SAAL, 1),  # its reference says "Saal 1 (old)"
    "solder-basics": (_utc(10, 26, 9, 0), _utc(10, 26, 11, 0), WERKSTATT, 1),  # no code: the slug
    "LGHT01": (_utc(10, 26, 12, 30), _utc(10, 26, 13, 15), BUEHNE, 1),  # written in UTC ("Z")
    "SECU01": (_utc(10, 26, 14, 0), _utc(10, 26, 15, 0), SAAL, 1),
    "NGHT01": (_utc(10, 26, 23, 30), _utc(10, 27, 0, 30), BUEHNE, 1),  # 01:30 CEST, after midnight: day 1
    "NGHT02": (_utc(10, 27, 1, 15), _utc(10, 27, 2, 0), SAAL, 1),  # 02:15 CET, the hour's second pass
    "MORN01": (_utc(10, 27, 9, 0), _utc(10, 27, 9, 45), SAAL, 2),
    "repair-cafe": (_utc(10, 27, 9, 0), _utc(10, 27, 11, 0), WERKSTATT, 2),
    "PANL01": (_utc(10, 27, 12, 0), _utc(10, 27, 13, 30), SAAL, 2),  # duration PT1H30M, no end
    "SONG01": (_utc(10, 27, 14, 0), _utc(10, 27, 14, 45), BUEHNE, 2),
    "CLOS01": (_utc(10, 27, 16, 0), _utc(10, 27, 16, 30), SAAL, 2),
}


def _variant(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    """The fixture with `change` applied to its `schedule` object, written to a file."""
    document = json.loads(FLAT.read_text(encoding="utf-8"))
    change(document["schedule"])
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _event(schedule: dict[str, Any], code: str) -> dict[str, Any]:
    return next(e for e in schedule["events"] if e.get("code") == code)


def test_list_json_gives_every_event_its_instant_room_and_day(machine_zone: str) -> None:
    """All 12 sessions, each at its UTC instant, in the room its guid names, under the day the file's days say."""
    result = run("--program", str(FLAT), "list", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    got = {
        s["id"]: (
            datetime.fromisoformat(s["start"]).astimezone(UTC),
            datetime.fromisoformat(s["end"]).astimezone(UTC),
            s["rooms"][0]["name"],
            s["day"],
        )
        for s in listed["sessions"]
    }
    assert got == EXPECTED
    assert listed["conference"]["time_zone"] == "Europe/Berlin"
    assert [(d["number"], d["date"]) for d in listed["conference"]["days"]] == [
        (1, "2024-10-26"),
        (2, "2024-10-27"),
    ]
    starts = {s["id"]: s["start"] for s in listed["sessions"]}  # each side of the change keeps its offset
    assert (starts["NGHT01"], starts["NGHT02"]) == ("2024-10-27T01:30:00+02:00", "2024-10-27T02:15:00+01:00")


def test_rooms_tracks_types_and_people_come_through() -> None:
    """Rooms in the file's order with their capacity; a track by its name; a type as a tag; every participant."""
    program = load_program(FLAT)
    assert [(r.name, r.seats) for r in program.rooms] == [(SAAL, 300), (WERKSTATT, 24), (BUEHNE, None)]
    opening, _ = program.find("OPEN01")  # type: ignore[misc]
    assert opening.speakers == ("Ada Fakename", "Bo Notreal")
    assert opening.tags == ("CCC", "Talk", "en")
    assert opening.page == "https://flatcon.example.org/talk/OPEN01/"
    workshop, _ = program.find("solder-basics")  # type: ignore[misc]
    assert (workshop.kind.value, workshop.tags) == ("hands-on", ("Hardware & Making", "Workshop", "de"))
    lightning, _ = program.find("LGHT01")  # type: ignore[misc]
    assert lightning.tags == ("CCC", "Lightning talk", "en")
    panel, _ = program.find("PANL01")  # type: ignore[misc]
    assert panel.speakers == ("Dee Madeup",)  # a participant by guid alone: the name from schedule.persons
    twice, _ = program.find("NGHT02")  # type: ignore[misc]
    assert twice.subtitle == "after the clocks go back"


def test_a_break_and_a_cancelled_event_are_left_out_with_a_warning() -> None:
    """The BREAK entry (Lunch) and the CANCELED workshop GONE01 are no sessions; each is named in a note."""
    program = load_program(FLAT)
    assert program.find("GONE01") is None
    assert not any(s.title == "Lunch" for s in program.sessions)
    assert f"{FLAT}: event GONE01 (A workshop that was called off) is canceled; left out" in program.notes
    assert f"{FLAT}: 1 break or meta entry is not a session (Lunch); left out" in program.notes


def test_plan_pick_of_two_across_the_night(machine_zone: str) -> None:
    """`plan --pick OPEN01,NGHT02`: day 1's opening and its 02:15 CET talk, no clash, nothing refused."""
    result = run("--program", str(FLAT), "plan", "--pick", "OPEN01,NGHT02", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("flatcon24: your agenda (2 sessions;")
    assert lines[1].split() == ["10-26", "10:00–10:30", "OPEN01", "Saal", "Eins", "Opening"]
    assert lines[-1].split()[:5] == ["10-27", "02:15", "CET–03:00", "NGHT02", "Saal"]


def test_import_writes_a_program_that_reads_back_the_same(tmp_path: Path) -> None:
    """`dlcat import` of a schedule 2 file: 12 sessions in 3 rooms over 2 days; the program has the same instants."""
    target = tmp_path / "flatcon.yaml"
    result = run("import", str(FLAT), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stderr
    assert "12 sessions in 3 rooms over 2 days, time zone Europe/Berlin" in result.stderr
    imported = load_program(target)
    assert {s.id: (s.start, s.end, s.showings[0].room.name, s.day) for s in imported.sessions} == EXPECTED


def test_an_unknown_room_with_a_name_keeps_that_name_with_a_warning(tmp_path: Path) -> None:
    """A reference to a guid the conference does not list, but with a name: the event is kept in that room."""
    path = _variant(
        tmp_path, lambda s: _event(s, "SECU01").update(room={"guid": "no-such-room", "name": "Foyer"})
    )
    program = load_program(path)
    locks, showing = program.find("SECU01")  # type: ignore[misc]
    assert showing.room.name == "Foyer"
    assert locks.start == EXPECTED["SECU01"][0]
    assert (
        f"{path}: event SECU01 (Locks and keys) refers to room no-such-room, which conference.rooms does not "
        "list; kept in room 'Foyer', the name it gives"
    ) in program.notes


def _fate(path: Path, event_id: str) -> tuple[str, ...]:
    """What became of one event: the file's one-line refusal, or kept / left out and the notes naming it."""
    try:
        program = load_program(path)
    except DlcatError as error:
        return ("refused", str(error).replace(str(path), "FILE"))
    kept = "kept" if program.find(event_id) is not None else "left out"
    return (kept, *sorted(n.replace(str(path), "FILE") for n in program.notes if event_id in n))


def test_an_unknown_room_without_a_name_fares_as_a_frab_event_without_a_room(tmp_path: Path) -> None:
    """A guid nobody lists and no name: the event is what the frab reader makes of a roomless event."""
    path = _variant(tmp_path, lambda s: _event(s, "SECU01").update(room={"guid": "no-such-room"}))
    roomless = {"id": "SECU01", "date": "2024-10-26T16:00:00+02:00", "start": "16:00", "duration": "01:00"}
    opening = {"id": "OPEN01", "date": "2024-10-26T10:00:00+02:00", "start": "10:00", "duration": "00:30"}
    day = {"index": 1, "date": "2024-10-26", "rooms": {"": [{**roomless, "title": "Locks and keys"}]}}
    day["rooms"][SAAL] = [{**opening, "title": "Opening"}]
    classic = tmp_path / "classic.json"
    classic.write_text(
        json.dumps({"schedule": {"conference": {"time_zone_name": "Europe/Berlin", "days": [day]}}}),
        encoding="utf-8",
    )
    expected, got = _fate(classic, "SECU01"), _fate(path, "SECU01")
    if expected[0] == "refused":
        assert got == expected
    else:
        assert got[0] == expected[0]
        assert set(expected[1:]) <= set(got[1:])
        assert any("refers to room no-such-room" in note for note in got[1:])


def test_without_days_the_events_dates_in_the_conference_zone_make_them(tmp_path: Path) -> None:
    """No conference.days: one day per Berlin date, midnight to midnight; 01:30 on 10-27 is then day 2."""
    path = _variant(tmp_path, lambda s: s["conference"].pop("days"))
    program = load_program(path)
    assert [(d.number, d.date.isoformat()) for d in program.days] == [(1, "2024-10-26"), (2, "2024-10-27")]
    assert {s.id: s.day for s in program.sessions} == {
        **{key: value[3] for key, value in EXPECTED.items()},
        "NGHT01": 2,
        "NGHT02": 2,
    }
    assert {s.id: s.start for s in program.sessions} == {key: value[0] for key, value in EXPECTED.items()}


def test_without_days_a_day_change_keeps_the_night_on_the_day_before(tmp_path: Path) -> None:
    """No conference.days, day_change 05:00: the events at 01:30 and 02:15 belong to day 1, as in the file."""

    def change(schedule: dict[str, Any]) -> None:
        del schedule["conference"]["days"]
        schedule["conference"]["day_change"] = "05:00"

    program = load_program(_variant(tmp_path, change))
    assert {s.id: s.day for s in program.sessions} == {key: value[3] for key, value in EXPECTED.items()}
    first = program.days[0]
    assert (first.start, first.end) == (_utc(10, 26, 3, 0), _utc(10, 27, 4, 0))  # 05:00 CEST to 05:00 CET


def test_an_event_outside_every_listed_day_goes_under_the_day_before_with_a_warning(tmp_path: Path) -> None:
    """An event on 10-28, after the last listed day: kept, under day 2, with a note naming it."""
    path = _variant(
        tmp_path,
        lambda s: _event(s, "CLOS01").update(
            start="2024-10-28T10:00:00+01:00", end="2024-10-28T10:30:00+01:00"
        ),
    )
    program = load_program(path)
    closing, _ = program.find("CLOS01")  # type: ignore[misc]
    assert (closing.start, closing.day) == (_utc(10, 28, 9, 0), 2)
    assert (
        f"{path}: event CLOS01 (Closing) starts on 2024-10-28, outside every day the schedule lists; "
        "listed under day 2"
    ) in program.notes


def test_instants_written_in_utc_are_shown_in_the_named_zone_without_a_note(tmp_path: Path) -> None:
    """Every start and end rewritten in UTC ("Z"): the same instants, still Europe/Berlin, no note on the zone."""

    def in_utc(schedule: dict[str, Any]) -> None:
        for event in schedule["events"]:
            for key in ("start", "end"):
                if key in event:
                    moment = datetime.fromisoformat(event[key]).astimezone(UTC)
                    event[key] = moment.isoformat().replace("+00:00", "Z")

    program = load_program(_variant(tmp_path, in_utc))
    assert program.conference.time_zone.key == "Europe/Berlin"
    assert not any("time_zone_name" in note or "offset" in note for note in program.notes)
    assert {s.id: (s.start, s.end, s.day) for s in program.sessions} == {
        key: (start, end, day) for key, (start, end, _, day) in EXPECTED.items()
    }
    opening, _ = program.find("OPEN01")  # type: ignore[misc]
    assert program.clock(opening.start) == "10-26 10:00"


def test_under_utc_the_offsets_win_as_for_a_frab_file(tmp_path: Path) -> None:
    """time_zone_name UTC but every offset +02:00 (day 1 only): the frab reader's rule makes the zone UTC+2."""

    def change(schedule: dict[str, Any]) -> None:
        schedule["conference"]["time_zone_name"] = "UTC"
        schedule["conference"].pop("days")
        schedule["events"] = [e for e in schedule["events"] if e.get("code") in ("OPEN01", "KEYN01")]

    program = load_program(_variant(tmp_path, change))
    assert program.conference.time_zone.key == "Etc/GMT-2"
    assert any("trusting the offsets: times are in UTC+02:00" in note for note in program.notes)
    assert [s.start for s in program.sessions] == [EXPECTED["OPEN01"][0], EXPECTED["KEYN01"][0]]


# -- recognising the format ------------------------------------------------------------------

CLASSIC_JSON = (
    sorted(p for p in SCHEDULES.glob("*.json") if p != FLAT)
    + sorted((SHARED / "cases" / "schedules").glob("*.json"))
    + sorted((SHARED / "fixtures").glob("*.json"))
)


@pytest.mark.parametrize("path", CLASSIC_JSON, ids=lambda p: p.name)
def test_a_classic_frab_json_file_is_not_taken_for_schedule_2(path: Path) -> None:
    """Every classic schedule JSON in the tests and the shared cases, with or without a BOM, stays classic."""
    text = path.read_bytes()
    assert not looks_like_schedule2(text)
    assert not looks_like_schedule2(b"\xef\xbb\xbf" + text)


def test_classic_and_schedule_2_shapes_are_told_apart_by_content() -> None:
    """The classic day's `rooms` object marks a frab file; a schedule-level `events` list a schedule 2 one."""
    classic = b'{"schedule": {"conference": {"days": [{"rooms": {"Hall": [{"id": 1, "events": []}]}}]}}}'
    assert not looks_like_schedule2(classic)
    assert looks_like_schedule2(b'{"schedule": {"conference": {"days": []}, "events": []}}')
    assert not looks_like_schedule2(b'{"events": [], "note": "no schedule object"}')
    assert not looks_like_schedule2(b'schema: 1\nevents: ["a"]\nschedule: {}\n')  # YAML
    assert not looks_like_schedule2(b'{"schedule": {"title": "\\"events\\": [ in a string"}}')


def test_the_frab_reader_alone_would_find_no_events_in_schedule_2() -> None:
    """Why the conversion exists: read as classic, the flat file has no events; read as schedule 2, 12."""
    text = FLAT.read_bytes()
    with pytest.raises(DlcatError, match="no events found"):
        read_schedule(text, "flat.json")
    data, _ = program_data(text, "flat.json")
    assert len(data["sessions"]) == 12


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with its BOM
        lambda s: s.encode("utf-16-le"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16", "utf-16-le"],
)
def test_schedule_2_is_recognised_and_converted_in_any_unicode_form(encode: Callable[[str], bytes]) -> None:
    """UTF-8 with or without a BOM, UTF-16 with or without one: recognised, and converted to the same document."""
    text = FLAT.read_text(encoding="utf-8")
    assert looks_like_schedule2(encode(text))
    assert to_classic_json(encode(text), "flat.json") == to_classic_json(text.encode(), "flat.json")


def test_what_is_not_json_is_refused_in_one_line() -> None:
    """Broken JSON or no conference: one line naming the file and what was expected."""
    with pytest.raises(DlcatError, match=r"^x\.json: not a schedule 2 JSON file: Expecting value"):
        to_classic_json(b'{"schedule": {"events": [', "x.json")
    for text in (b'{"schedule": {"events": []}}', b"[]"):
        with pytest.raises(DlcatError, match=r"^x\.json: not a schedule 2 JSON file \(.*expected schedule"):
            to_classic_json(text, "x.json")
    with pytest.raises(DlcatError, match=r"schedule\.conference is not an object"):
        to_classic_json(b'{"schedule": {"conference": [], "events": []}}', "x.json")


def test_loose_fields_are_read_as_the_schema_means_them() -> None:
    """A translated title, a room named by a string, people as strings, a track as a string, a start without
    an offset (read in the conference's zone), a classic "HH:MM" duration and an unreadable start."""
    document = {
        "schedule": {
            "conference": {"time_zone_name": "Europe/Berlin", "defaults": {"language": "de"}},
            "events": [
                {
                    "code": "LOOSE1",
                    "title": {"en": "Hello", "de": "Hallo"},
                    "start": "2024-10-26T10:00:00",
                    "duration": "00:45",
                    "room": "Hof",
                    "track": "Outdoors",
                    "participants": ["Eve Example"],
                },
                {"code": "BAD1", "title": "No time", "start": "soon", "room": {"name": "Hof"}},
            ],
        }
    }
    classic, warnings = to_classic_json(json.dumps(document).encode(), "x.json")
    assert warnings == []
    (day,) = classic["schedule"]["conference"]["days"]
    assert day["index"] == 1
    assert day["date"] == "2024-10-26"
    loose, bad = day["rooms"]["Hof"]
    assert {k: loose[k] for k in ("id", "title", "date", "start", "duration", "track", "persons")} == {
        "id": "LOOSE1",
        "title": "Hallo",
        "date": "2024-10-26T10:00:00+02:00",
        "start": "10:00",
        "duration": "00:45",
        "track": "Outdoors",
        "persons": [{"name": "Eve Example"}],
    }
    assert (bad["id"], bad["date"]) == ("BAD1", "soon")  # the frab reader names what is wrong with it
