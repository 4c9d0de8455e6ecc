"""ical.py: exported calendars are exact, stable and readable by more than one parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Pace, Plan, plan_agenda
from dlcat_cli.formats.icalendar_out import to_icalendar
from dlcat_cli.formats.loader import parse_program

GOLDEN = Path(__file__).parent / "golden"
STAMP = datetime(2019, 7, 1, 0, 0, tzinfo=UTC)


def export(program: Program, plan: Plan, **options: object) -> bytes:
    defaults: dict[str, object] = {"sequence": 1, "stamp": STAMP}
    return to_icalendar(program, plan, **{**defaults, **options}).to_ical()  # type: ignore[arg-type]


def events(data: bytes) -> dict[str, Calendar]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_golden_agenda_byte_for_byte(dlcat: Program) -> None:
    """A fixed agenda (a walk, a series part, the simulcast, an alarm, walk events) matches the golden file."""
    plan = plan_agenda(dlcat, ["B10", "D11", "E15", "F16", "D17"])
    data = export(dlcat, plan, sequence=3, alarm_minutes=10, walks=True)
    golden = GOLDEN / "agenda_b10_d11_e15_f16_d17.ics"
    assert data == golden.read_bytes()


def test_instants_are_exact_in_utc_whatever_the_machine_zone(dlcat: Program, machine_zone: str) -> None:
    """B10 is 01:00Z-01:50Z and C11 02:00Z-02:50Z, read back by icalendar and by vobject."""
    data = export(dlcat, plan_agenda(dlcat, ["B10", "C11"]))
    found = events(data)
    b10, c11 = found["B10@2nd-dlcat-2019.dlcat"], found["C11@2nd-dlcat-2019.dlcat"]
    assert b10.decoded("dtstart").astimezone(UTC) == datetime(2019, 7, 4, 1, 0, tzinfo=UTC)
    assert b10.decoded("dtend").astimezone(UTC) == datetime(2019, 7, 4, 1, 50, tzinfo=UTC)
    assert c11.decoded("dtstart").astimezone(UTC) == datetime(2019, 7, 4, 2, 0, tzinfo=UTC)
    parsed = vobject.readOne(data.decode("utf-8"))
    starts = sorted(e.dtstart.value.astimezone(UTC) for e in parsed.vevent_list)
    assert starts == [datetime(2019, 7, 4, 1, 0, tzinfo=UTC), datetime(2019, 7, 4, 2, 0, tzinfo=UTC)]
    assert b"DTSTART;TZID=Asia/Seoul:20190704T100000" in data


def test_times_stay_exact_when_the_clocks_change(machine_zone: str) -> None:
    """Berlin, 2024-10-27: F3 runs 02:10 CEST to the second 02:40 (CET). Calendars read a repeated local
    time as its first pass (RFC 5545), so that end is written in UTC; every instant reads back exact."""
    from helpers import PROGRAMS

    program = parse_program((PROGRAMS / "clocks-change-berlin-2024.yaml").read_bytes(), "c.yaml")
    data = export(program, plan_agenda(program, ["F1", "F3"]))
    assert b"DTSTART;TZID=Europe/Berlin:20241027T021000" in data
    assert b"DTEND:20241027T014000Z" in data
    f3 = events(data)["F3@clocks.dlcat"]
    assert f3.decoded("dtstart").astimezone(UTC) == datetime(2024, 10, 27, 0, 10, tzinfo=UTC)
    assert f3.decoded("dtend").astimezone(UTC) == datetime(2024, 10, 27, 1, 40, tzinfo=UTC)
    parsed = vobject.readOne(data.decode("utf-8"))
    spans = sorted(
        (e.dtstart.value.astimezone(UTC), e.dtend.value.astimezone(UTC)) for e in parsed.vevent_list
    )
    assert spans == [
        (datetime(2024, 10, 26, 23, 30, tzinfo=UTC), datetime(2024, 10, 27, 0, 30, tzinfo=UTC)),
        (datetime(2024, 10, 27, 0, 10, tzinfo=UTC), datetime(2024, 10, 27, 1, 40, tzinfo=UTC)),
    ]


def test_calendar_header_and_vtimezone(dlcat: Program) -> None:
    """VERSION, PRODID, CALSCALE, METHOD:PUBLISH, NAME and X-WR-CALNAME; one generated VTIMEZONE for 2019."""
    calendar = Calendar.from_ical(export(dlcat, plan_agenda(dlcat, ["B10"])))
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["calscale"]) == "GREGORIAN"
    assert str(calendar["name"]) == str(calendar["x-wr-calname"]) == "2nd DLCAT: my agenda"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Asia/Seoul"
    assert {sub.decoded("tzoffsetto") for sub in zone.subcomponents} == {timedelta(hours=9)}


def test_event_fields(dlcat: Program) -> None:
    """UID per talk, SEQUENCE, SUMMARY, LOCATION with address, URL, CATEGORIES and a DESCRIPTION with the next walk."""
    found = events(export(dlcat, plan_agenda(dlcat, ["B10", "D11"]), sequence=4))
    b10 = found["B10@2nd-dlcat-2019.dlcat"]
    assert int(b10["sequence"]) == 4
    assert str(b10["summary"]) == "AI시대의 예술작품 - AI Atelier를 이용하여"
    assert (
        str(b10["location"])
        == "UST 사이언스홀 (B-USTsci), UST 과학기술연합대학원대학교, 대전광역시 유성구 가정로 217"
    )
    assert str(b10["url"]).endswith("_sjlee/")
    assert [str(c) for c in b10["categories"].cats] == ["art", "예술", "vision", "비전", "style transfer"]
    description = str(b10["description"])
    assert "Speakers: 이수진" in description
    assert "Next: D11 in ETRI 212호 대회의실, 10 min walk, 0 min to spare" in description
    assert description.count("Slides: ") == 3


def test_switching_the_simulcast_room_keeps_the_uid(dlcat: Program) -> None:
    """A17 and D17 export the same UID, so a calendar updates the event instead of adding one."""
    a = events(export(dlcat, plan_agenda(dlcat, ["A17"])))
    d = events(export(dlcat, plan_agenda(dlcat, ["D17"]), sequence=2))
    assert a.keys() == d.keys() == {"A17@2nd-dlcat-2019.dlcat"}
    assert "ETRI 212호" in str(d["A17@2nd-dlcat-2019.dlcat"]["location"])


def test_same_agenda_same_bytes(dlcat: Program) -> None:
    """Deterministic: two exports of one agenda are identical."""
    plan = plan_agenda(dlcat, ["E15", "E16", "A13"])
    assert export(dlcat, plan) == export(dlcat, plan)


TRICKY = """\
schema: 1
conference: {id: tricky, name: "Tricky; names, here", date: "2024-03-01", time_zone: America/Los_Angeles}
buildings:
  MAIN: {name: "Main, hall", address: "1 Road; Suite 2, City"}
rooms:
  - {id: R1, name: "Room, one", building: MAIN, seats: 40}
sessions:
  - id: S1
    room: R1
    start: "09:00"
    end: "09:45"
    speakers: [김경환, 박진우]
    title: "Commas, semicolons; and \\\\backslashes: 강화학습"
    prep: PREP
"""


def test_commas_semicolons_long_korean_and_two_speakers_round_trip() -> None:
    """Text with , ; \\ and a 200-character Korean line is escaped, folded and read back unchanged."""
    korean = "가나다라마바사아자차카타파하" * 15  # 210 characters, 630 bytes in UTF-8
    program = parse_program(TRICKY.replace("PREP", korean).encode(), "tricky.yaml")
    data = export(program, plan_agenda(program, ["S1"], Pace()))
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    data.decode("utf-8")  # folding never splits a character
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == "Commas, semicolons; and \\backslashes: 강화학습"
    assert str(event["location"]) == "MAIN Room, one, MAIN Main, hall, 1 Road; Suite 2, City"
    assert f"Bring: {korean}" in str(event["description"])
    assert "Speakers: 김경환, 박진우" in str(event["description"])
    other = vobject.readOne(data.decode("utf-8")).vevent
    assert other.summary.value == "Commas, semicolons; and \\backslashes: 강화학습"
    assert f"Bring: {korean}" in other.description.value
    assert other.dtstart.value.astimezone(UTC) == datetime(2024, 3, 1, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("minutes", [0, 10, 90])
def test_alarm_minutes_before(dlcat: Program, minutes: int) -> None:
    """--alarm N puts a VALARM N minutes before each session."""
    (event,) = events(export(dlcat, plan_agenda(dlcat, ["B10"]), alarm_minutes=minutes)).values()
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger").total_seconds() == -60 * minutes


def test_walk_events_only_between_buildings(dlcat: Program) -> None:
    """--walks adds "Walk UST -> ETRI, 10 min" from the end of B10; none within a building."""
    found = events(export(dlcat, plan_agenda(dlcat, ["B10", "D11", "E13"]), walks=True))
    walks = [e for uid, e in found.items() if uid.startswith("walk-")]
    (walk,) = walks
    assert str(walk["summary"]) == "Walk UST -> ETRI, 10 min"
    assert walk.decoded("dtstart").astimezone(UTC) == datetime(2019, 7, 4, 1, 50, tzinfo=UTC)
