"""program.py: the bundled 2nd DLCAT program is exactly the timetable, and bad files are refused in one line."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dlcat_cli.core.model import Kind, Program
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import load_program, parse_program
from helpers import NIGHT_CAMP_FILE, PROGRAMS

TIMETABLE = Path(__file__).parent / "data" / "2nd-dlcat-timetable.md"


def timetable_cells() -> list[tuple[str, str, list[str], str]]:
    """(id, start hour, speakers, title) for each of the 42 cells of the seed page's table."""
    lines = [line for line in TIMETABLE.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header = lines[0].strip("|").split("|")
    cells = []
    for line in lines[2:]:
        hour, *columns = line.strip("|").split("|")
        for code, cell in zip(header[1:], columns, strict=True):
            match = re.fullmatch(r"<b>(.*)</b><br>(.*)", cell)
            assert match, cell
            cells.append((code[0] + hour.removesuffix("시"), code, match[1].split(","), match[2]))
    return cells


def test_the_seed_table_has_42_cells() -> None:
    """The table the dataset is checked against is whole: 7 slots x 6 tracks."""
    assert len(timetable_cells()) == 42


@pytest.mark.parametrize(("cell_id", "room_code", "speakers", "title"), timetable_cells())
def test_every_timetable_cell_is_in_the_program(
    dlcat: Program, cell_id: str, room_code: str, speakers: list[str], title: str
) -> None:
    """Each cell's id resolves to a session in that room, at that hour, with those speakers and that title."""
    found = dlcat.find(cell_id)
    assert found is not None, cell_id
    session, showing = found
    assert showing.id == cell_id
    assert showing.room.code == room_code
    local = session.start.astimezone(dlcat.conference.time_zone)
    assert (local.hour, local.minute) == (int(cell_id[1:]), 0)
    assert list(session.speakers) == speakers
    if session.is_simulcast:
        # The 17:00 cells A-E each hold a piece of the one title (checked whole below).
        assert title in session.title
    else:
        assert session.title == title


def test_the_1700_talk_is_one_session_in_five_rooms(dlcat: Program) -> None:
    """A17..E17 all name the one Keras Tuner talk; F17 is another session."""
    ids = ["A17", "B17", "C17", "D17", "E17"]
    sessions = {dlcat.find(i)[0] for i in ids}  # type: ignore[index]
    assert len(sessions) == 1
    (talk,) = sessions
    assert talk.title == "이제 하이퍼파라미터 튜닝은 케라스 튜너에게 맡기세요"
    assert [s.id for s in talk.showings] == ids
    assert [s.room.id for s in talk.showings] == list("ABCDE")
    assert dlcat.find("F17")[0] is not talk  # type: ignore[index]
    pieces = [title for cell_id, _, _, title in timetable_cells() if cell_id in ids]
    assert " ".join(pieces) == talk.title
    assert len(dlcat.sessions) == 38


def test_times_are_exact_in_utc(dlcat: Program, machine_zone: str) -> None:
    """B10 is 2019-07-04 10:00-10:50 KST = 01:00-01:50 UTC, on any machine."""
    session, _ = dlcat.find("B10")  # type: ignore[misc]
    assert session.start.astimezone(UTC) == datetime(2019, 7, 4, 1, 0, tzinfo=UTC)
    assert session.end.astimezone(UTC) == datetime(2019, 7, 4, 1, 50, tzinfo=UTC)


def test_facts_beyond_the_table(dlcat: Program) -> None:
    """Rooms, seats, buildings, walks, kinds, series and links match program-facts.md."""
    seats = {room.code: (room.building.key, room.seats) for room in dlcat.rooms}
    assert seats == {
        "A-USTaudi": ("UST", 300),
        "B-USTsci": ("UST", 65),
        "C-USTmeet": ("UST", 35),
        "D-ETRI212": ("ETRI", 180),
        "E-ETRI224": ("ETRI", 50),
        "F-ETRI219": ("ETRI", 20),
    }
    assert dlcat.buildings["ETRI"].address == "대전광역시 유성구 가정로 218"
    assert dlcat.walking.between[frozenset({"UST", "ETRI"})] == 10
    assert dlcat.conference.time_zone.key == "Asia/Seoul"
    assert [(b.name, dlcat.span(b.start, b.end)) for b in dlcat.breaks] == [
        ("점심시간 (lunch)", "12:00–13:00")
    ]
    series = {key: one.parts for key, one in dlcat.series.items()}
    assert sorted(series.values()) == sorted(
        [
            ("E10", "E11"),
            ("F10", "F11"),
            ("A13", "A14"),
            ("C13", "C14"),
            ("E13", "E14"),
            ("F13", "F14"),
            ("C15", "C16"),
            ("E15", "E16"),
            ("F15", "F16", "F17"),
        ]
    )
    kinds = {s.id: s.kind for s in dlcat.sessions}
    assert kinds["A13"] is Kind.THEORY
    assert kinds["E10"] is kinds["A14"] is kinds["C14"] is Kind.HANDS_ON
    assert kinds["F15"] is Kind.PANEL
    e15, _ = dlcat.find("E15")  # type: ignore[misc]
    assert e15.speakers == ("김경환", "박진우")
    b10, _ = dlcat.find("B10")  # type: ignore[misc]
    assert [url.rsplit("_", 1)[-1] for url in b10.slides] == ["1.pdf", "2.pdf", "3.pdf"]
    for no_page in ("D10", "B16"):
        assert dlcat.find(no_page)[0].page is None  # type: ignore[index]
    for session in dlcat.sessions:
        assert session.end - session.start == b10.end - b10.start
        assert session.tags, session.id


def test_the_first_dlcat_loads_with_back_to_back_slots() -> None:
    """Another program of the same schema works: irregular slots with no breaks, a lab over two rows."""
    first = load_program(PROGRAMS / "first-dlcat-2018.yaml")
    assert first.conference.short_name == "1st DLCAT"
    lab, _ = first.find("c1010")  # type: ignore[misc]
    assert first.span(lab.start, lab.end) == "10:10–11:15"
    ends = {s.end for s in first.sessions}
    assert any(s.start in ends for s in first.sessions)  # a session starts exactly when another ends


# -- a bad program file is one line: file, line, key path, what is wrong, the fix --------------

MINIMAL = """\
schema: 1
conference: {id: t, name: Test, date: "2020-01-02", time_zone: Europe/Berlin}
buildings:
  MAIN: {name: Main}
  ANNEX: {name: Annex}
walking:
  within_building: {minutes: 1}
  between:
    - {buildings: [MAIN, ANNEX], minutes: 5}
rooms:
  - {id: R1, building: MAIN}
  - {id: R2, building: ANNEX}
sessions:
  - id: S1
    room: R1
    start: "10:00"
    end: "10:45"
    title: First
  - id: S2
    room: R2
    start: "11:00"
    end: "11:45"
    title: Second
"""


def test_minimal_program_loads() -> None:
    """The base text of the cases below is itself valid."""
    program = parse_program(MINIMAL.encode(), "t.yaml")
    assert [s.id for s in program.sessions] == ["S1", "S2"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("room: R2", "room: R9", r"t\.yaml:20: sessions\[1\]\.room: unknown room 'R9'; rooms are R1, R2"),
        ("id: S2", "id: S1", r"t\.yaml:19: sessions\[1\]: duplicate session id 'S1'"),
        (
            'room: R2\n    start: "11:00"',
            'room: R1\n    start: "10:30"',
            r"t\.yaml:19: sessions\[1\]: S2 .* overlaps S1 .* in room R1",
        ),
        (
            'end: "11:45"',
            'end: "10:59"',
            r"t\.yaml:22: sessions\[1\]\.end: ends at 10:59, not after its start 11:00",
        ),
        (
            'end: "11:45"',
            'end: "11:75"',
            r"t\.yaml:22: sessions\[1\]\.end: '11:75' is not a time; write it as \"HH:MM\"",
        ),
        ('end: "11:45"', "end: 11:45", r"sessions\[1\]\.end: 705 is not a time; write it in quotes"),
        ("building: ANNEX", "building: ATTIC", r"t\.yaml:12: rooms\[1\]\.building: unknown building 'ATTIC'"),
        (
            "    - {buildings: [MAIN, ANNEX], minutes: 5}\n",
            "",
            r"walking\.between: no walking time between MAIN and ANNEX; add",
        ),
        (
            "Europe/Berlin",
            "Mars/Olympus",
            r"t\.yaml:2: conference\.time_zone: unknown time zone 'Mars/Olympus'",
        ),
        (
            "title: First",
            "titel: First",
            r"t\.yaml:18: sessions\[0\]\.titel: unknown key 'titel'; did you mean 'title'\?",
        ),
        ("    title: First\n", "", r"t\.yaml:14: sessions\[0\]: missing key 'title'"),
        (
            "    title: Second\n",
            "    title: Second\n    kind: keynote\n",
            r"sessions\[1\]\.kind: unknown kind 'keynote'; use one of talk",
        ),
        ("rooms:\n", "rooms: [\n", r"t\.yaml:\d+: not valid YAML"),
        (
            MINIMAL[MINIMAL.index("sessions:") :],
            "sessions: []\n",
            r"t\.yaml:\d+: sessions: no sessions; add at least one",
        ),
        (
            "minutes: 1}",
            "minutes: -1}",
            r"walking\.within_building\.minutes: a walk can't take negative minutes",
        ),
        (
            "    - {buildings: [MAIN, ANNEX], minutes: 5}\n",
            "    - {buildings: [MAIN, ANNEX], minutes: 5}\n    - {buildings: [ANNEX, MAIN], minutes: 7}\n",
            r"walking\.between\[1\]\.buildings: the walk between ANNEX and MAIN is given twice",
        ),
        ("{id: R1, building: MAIN}", "{id: R1, building: MAIN, seats: -3}", r"rooms\[0\]\.seats: -3 seats"),
        ("id: S1", "id: 'S 1'", r"sessions\[0\]\.id: session id 'S 1' can't be typed in a --pick list"),
        ("id: S1", "id: 'S1,2'", r"sessions\[0\]\.id: session id 'S1,2' can't be typed"),
        ("id: S1", "id: ''", r"sessions\[0\]\.id: session id '' can't be typed"),
        (
            "    title: First\n",
            "    title: First\n    page: www.example.org\n",
            r"t\.yaml:19: sessions\[0\]\.page: 'www\.example\.org' is not a web address; write it in full",
        ),
        (
            "    title: First\n",
            "    title: First\n    slides: [https://a.example/s, ftp://b.example/s]\n",
            r"sessions\[0\]\.slides\[1\]: 'ftp://b\.example/s' is not a web address",
        ),
        (
            "schema: 1\n",
            "schema: 1\nx: !!python/object/apply:os.system [echo pwned]\n",
            r"not valid YAML: .*python/object",
        ),
    ],
)
def test_invalid_program_is_one_line(old: str, new: str, expected: str) -> None:
    """Each mistake gives a single line naming the file, line, key path and what is wrong."""
    assert old in MINIMAL
    with pytest.raises(DlcatError) as raised:
        parse_program(MINIMAL.replace(old, new, 1).encode(), "t.yaml")
    message = str(raised.value)
    assert "\n" not in message
    assert re.search(expected, message), message


def test_a_series_must_name_sessions_in_time_order() -> None:
    """Series parts must exist and be listed in time order."""
    text = MINIMAL + "series:\n  s: {title: S, parts: [S2, S1]}\n"
    with pytest.raises(DlcatError, match=r"series\.s\.parts: list the parts in time order"):
        parse_program(text.encode(), "t.yaml")
    text = MINIMAL + "series:\n  s: {title: S, parts: [S1, S7]}\n"
    with pytest.raises(DlcatError, match=r"series\.s\.parts: unknown session 'S7'"):
        parse_program(text.encode(), "t.yaml")


def test_unreadable_program_path() -> None:
    """A missing file says which path and where it came from."""
    with pytest.raises(
        DlcatError, match=r"can't read program file /nonexistent\.yaml: No such file.*--program"
    ):
        load_program(Path("/nonexistent.yaml"))


@pytest.mark.parametrize(("encoding", "line"), [("euc-kr", 7), ("latin-1", 23)])
def test_a_file_in_another_encoding_names_its_line(encoding: str, line: int) -> None:
    """A program saved as EUC-KR or Latin-1 is named with the line of its first byte that is not UTF-8."""
    text = (
        (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8").replace("Seminar one", "Seminär one")
    )
    data = text.encode(encoding, errors="replace")
    with pytest.raises(
        DlcatError,
        match=rf"^p\.yaml:{line}: not UTF-8 text \(byte 0x[0-9a-f]{{2}}\); save the file as UTF-8$",
    ):
        parse_program(data, "p.yaml")
    assert parse_program(text.encode("utf-16"), "p.yaml").sessions  # UTF-16 with its mark is fine


def test_a_time_the_clocks_skip_is_refused_and_one_they_repeat_is_the_first() -> None:
    """02:30 on 2024-03-31 never happens in Berlin; on 2024-10-27 it happens twice and means 00:30 UTC."""
    from datetime import UTC, datetime

    text = (PROGRAMS / "clocks-change-berlin-2024.yaml").read_text(encoding="utf-8")
    program = parse_program(text.encode(), "c.yaml")
    first, _ = program.find("F1")  # type: ignore[misc]
    assert first.end == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert (
        program.span(first.start, first.end) == "10-27 01:30–02:30 CEST"
    )  # 02:30 comes twice that night: the pass is named
    skipped = text.replace('start: "01:00", end: "01:50"', 'start: "02:30", end: "02:50"')
    with pytest.raises(
        DlcatError, match=r"c\.yaml:\d+: sessions\[0\]\.start: 02:30 does not exist on 2024-03-31"
    ):
        parse_program(skipped.encode(), "c.yaml")


def test_ids_are_compared_the_same_way_in_the_file_and_as_typed() -> None:
    """An id written full-width in the file (Ｓ1) is found as S1, s1 or Ｓ１, like any other."""
    program = parse_program(MINIMAL.replace("id: S1", "id: Ｓ1", 1).encode(), "t.yaml")
    for typed in ("S1", "s1", "Ｓ１", " S1 "):
        found = program.find(typed)
        assert found is not None, typed
        assert found[0].title == "First"


# -- times with offsets, and the conference's own days -------------------------------------------

NIGHT = """\
schema: 1
conference: {id: n, name: Night, date: "2024-11-02", time_zone: America/New_York}
buildings: {MAIN: {name: Main}}
rooms: [{id: R1, building: MAIN}, {id: R2, building: MAIN}]
sessions:
  - {id: FIRST, room: R1, date: "2024-11-03", start: "01:15", end: "01:45", title: First pass}
  - {id: SECOND, room: R2, date: "2024-11-03", start: "01:15-05:00", end: "01:45-05:00", title: Second pass}
"""


def test_a_time_in_a_repeated_hour_carries_its_offset() -> None:
    """01:15 is the first pass (05:15 UTC); "01:15-05:00" the second (06:15 UTC), an hour later."""
    program = parse_program(NIGHT.encode(), "n.yaml")
    first, _ = program.find("FIRST")  # type: ignore[misc]
    second, _ = program.find("SECOND")  # type: ignore[misc]
    assert (first.start, second.start) == (
        datetime(2024, 11, 3, 5, 15, tzinfo=UTC),
        datetime(2024, 11, 3, 6, 15, tzinfo=UTC),
    )
    assert second.end == datetime(2024, 11, 3, 6, 45, tzinfo=UTC)
    assert not first.overlaps(second)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"01:15-04:00"', datetime(2024, 11, 3, 5, 15, tzinfo=UTC)),
        (
            "2024-11-03T01:15:00-05:00",
            datetime(2024, 11, 3, 6, 15, tzinfo=UTC),
        ),  # a YAML timestamp: an instant
    ],
)
def test_any_offset_or_instant_is_exact(written: str, expected: datetime) -> None:
    """An offset of the first pass, and a full timestamp with its offset, each name one instant."""
    text = NIGHT.replace('start: "01:15-05:00", end: "01:45-05:00"', f"start: {written}, duration: 30")
    second, _ = parse_program(text.encode(), "n.yaml").find("SECOND")  # type: ignore[misc]
    assert second.start == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            '"01:15-03:00"',
            r"n\.yaml:7: sessions\[1\]\.start: 01:15-03:00 is not a time of America/New_York on 2024-11-03: "
            r'01:15 there is at -04:00 \(the first pass\) or -05:00 \(the second\); write "01:15-04:00" or "01:15-05:00"$',
        ),
        (
            '"10:15+09:00"',
            r"sessions\[1\]\.start: 10:15\+09:00 is not a time of America/New_York on 2024-11-03: "
            r'10:15 there is at -05:00; write "10:15" \(or "10:15-05:00"\)$',
        ),
        (
            "2024-11-03 01:15:00",
            r"sessions\[1\]\.start: 2024-11-03 01:15:00 has no UTC offset; write a clock time",
        ),
        (
            '"06:15Z"',  # Z is UTC, and New York is never at UTC
            r"sessions\[1\]\.start: 06:15Z is not a time of America/New_York on 2024-11-03: 06:15 there is at -05:00",
        ),
    ],
)
def test_an_offset_the_zone_does_not_have_is_one_line_with_the_fix(written: str, expected: str) -> None:
    """A wrong offset names the value and the offsets the zone has then; a timestamp without one is refused."""
    text = NIGHT.replace('start: "01:15-05:00", end: "01:45-05:00"', f"start: {written}, duration: 30")
    with pytest.raises(DlcatError, match=expected) as raised:
        parse_program(text.encode(), "n.yaml")
    assert "\n" not in str(raised.value)


def test_without_a_days_list_each_date_is_a_day() -> None:
    """Today's rule stays: two dates with sessions are days 1 and 2, midnight to midnight."""
    text = MINIMAL.replace('    start: "11:00"', '    date: "2020-01-04"\n    start: "11:00"')
    program = parse_program(text.encode(), "t.yaml")
    assert [(d.number, d.date.isoformat()) for d in program.days] == [(1, "2020-01-02"), (2, "2020-01-04")]
    assert [s.day for s in program.sessions] == [1, 2]
    assert program.days[0].end - program.days[0].start == timedelta(days=1)


def test_a_days_list_numbers_days_in_order_and_keeps_an_empty_one() -> None:
    """Night Camp: day 1 runs 09:00 to 02:00, so N1 at 01:00 the next morning is day 1; day 2 has nothing."""
    program = load_program(NIGHT_CAMP_FILE)
    zone = program.conference.time_zone
    assert [(d.number, d.date.isoformat()) for d in program.days] == [
        (1, "2024-06-07"),
        (2, "2024-06-08"),
        (3, "2024-06-09"),
    ]
    first = program.days[0]
    assert (first.start, first.end) == (
        datetime(2024, 6, 7, 9, 0, tzinfo=zone),
        datetime(2024, 6, 8, 2, 0, tzinfo=zone),
    )
    assert program.days[1].end == datetime(2024, 6, 9, 0, 0, tzinfo=zone)  # no end given: midnight
    assert {s.id: s.day for s in program.sessions} == {"O1": 1, "L1": 1, "N1": 1, "M3": 3, "W3": 3}


DAYS = MINIMAL.replace(
    "sessions:\n",
    'days:\n  - {date: "2020-01-02", start: "09:00", end: "02:00"}\n  - {date: "2020-01-04"}\nsessions:\n',
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '    start: "11:00"',
            '    date: "2020-01-03"\n    start: "11:00"',
            r"t\.yaml:\d+: sessions\[1\]\.start: S2 starts at 2020-01-03 11:00, on none of the days listed: "
            r"1 \(2020-01-02 09:00 to 01-03 02:00\), 2 \(2020-01-04 00:00 to 01-05 00:00\); add its day to days, or fix its date$",
        ),
        (
            '- {date: "2020-01-04"}',
            '- {date: "2020-01-03"}',
            r"days\[1\]: day 2 starts at 2020-01-03 00:00, before day 1 ends \(2020-01-03 02:00\); "
            r"end day 1 earlier or start day 2 later$",
        ),
        (
            '- {date: "2020-01-04"}',
            '- {date: "2020-01-01"}',
            r"days\[1\]\.date: 2020-01-01 follows 2020-01-02; list the days in date order",
        ),
        (
            '- {date: "2020-01-04"}',
            '- {date: "2020-01-04", dat: x}',
            r"days\[1\]\.dat: unknown key 'dat'; did you mean 'date'\?",
        ),
        ('end: "02:00"}', 'end: "2a:00"}', r"days\[0\]\.end: '2a:00' is not a time"),
        (
            '- {date: "2020-01-04"}',
            '- {date: "2020-01-04", number: 1}',
            r"days\[1\]\.number: day 1 follows day 1; number the days in order",
        ),
        (
            "    title: Second\n",
            "    title: Second\n    day: 3\n",
            r"sessions\[1\]\.day: no day 3; the days are 1 \(2020-01-02\), 2 \(2020-01-04\)$",
        ),
        (
            "    title: Second\n",
            "    title: Second\n    day: x\n",
            r"sessions\[1\]\.day: expected a whole number, found 'x'",
        ),
    ],
)
def test_a_wrong_days_list_is_one_line(old: str, new: str, expected: str) -> None:
    """A session on no listed day, days out of order or overlapping, a day that is not one: each one line."""
    assert old in DAYS
    with pytest.raises(DlcatError) as raised:
        parse_program(DAYS.replace(old, new, 1).encode(), "t.yaml")
    message = str(raised.value)
    assert "\n" not in message
    assert re.search(expected, message), message


def test_a_session_may_name_its_day_and_its_clock_follows_the_day() -> None:
    """`day: 1` without a date: 01:00 is the next morning of a day that runs to 02:00, as --day 1 --time 01:00."""
    text = DAYS.replace(
        '    start: "11:00"\n    end: "11:45"', '    day: 1\n    start: "01:00"\n    end: "01:30"'
    )
    program = parse_program(text.encode(), "t.yaml")
    late, _ = program.find("S2")  # type: ignore[misc]
    assert late.day == 1
    assert late.start == datetime(2020, 1, 3, 1, 0, tzinfo=program.conference.time_zone)
    assert late.end == datetime(2020, 1, 3, 1, 30, tzinfo=program.conference.time_zone)


def test_day_needs_a_days_list() -> None:
    """`day: 1` where the days are only dates is a mistake with its fix."""
    text = MINIMAL.replace("    title: Second\n", "    title: Second\n    day: 1\n")
    with pytest.raises(DlcatError, match=r"sessions\[1\]\.day: there is no days list to number days by"):
        parse_program(text.encode(), "t.yaml")


def test_an_offset_time_after_midnight_belongs_to_the_next_morning() -> None:
    """A day ending "01:30-05:00" and a `day: 1` session at "01:15-05:00": those offsets exist only on the
    morning after the day's date (the second pass of New York's repeated hour), and are read there."""
    program = load_program(PROGRAMS / "new-york-night-into-the-repeated-hour.yaml")
    (day,) = program.days
    assert day.end == datetime(2024, 11, 3, 6, 30, tzinfo=UTC)
    second = program.find("A2")
    assert second is not None
    assert (second[0].start, second[0].end) == (
        datetime(2024, 11, 3, 6, 15, tzinfo=UTC),
        datetime(2024, 11, 3, 6, 25, tzinfo=UTC),
    )
    assert second[0].day == 1


def test_a_session_listed_under_a_day_it_is_not_on_is_refused() -> None:
    """`day: 3` for a session inside day 1's span: one line naming sessions[1].day, both days and the fix."""
    with pytest.raises(DlcatError) as caught:
        load_program(PROGRAMS / "a-session-listed-under-the-wrong-day.yaml")
    assert str(caught.value).endswith(
        "a-session-listed-under-the-wrong-day.yaml:12: sessions[1].day: EVE is listed under day "
        "3 (2024-11-04 00:00 to 11-05 00:00) but starts at 2024-11-02 22:00, within day 1; fix its day or its date"
    )


LIMIT_BASE = (
    "schema: 1\n"
    'conference: {{id: t, name: T, date: "{date}", time_zone: Asia/Seoul}}\n'
    "buildings: {{A: {{name: A}}}}\n"
    "rooms: [{{id: R1, building: A, seats: {seats}}}]\n"
    "sessions:\n"
    '  - {{id: S1, room: R1, start: "00:30", {timing}, title: "{title}"}}\n'
)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"date": "0001-01-01"},
            ":2: conference.date: 0001-01-01 is not a date of a conference; give one from 1900 to 2200",
        ),
        (
            {"date": "9999-12-31"},
            ":2: conference.date: 9999-12-31 is not a date of a conference; give one from 1900 to 2200",
        ),
        (
            {"seats": "9" * 5000},
            ":4: a number of thousands of digits; numbers in a program are at most 1,000,000,000",
        ),
        (
            {"seats": "2000000000"},
            ":4: rooms[0].seats: 2000000000 is more than 1,000,000,000; give a real number",
        ),
        (
            {"timing": "duration: 1000000000"},
            ":6: sessions[0].duration: 1,000,000,000 minutes is a week or more",
        ),
        ({"timing": "duration: 10080"}, ":6: sessions[0].duration: 10,080 minutes is a week or more"),
        ({"title": "가" * 1001}, ":6: sessions[0].title: 1,001 characters; shorten it to at most 1,000"),
    ],
)
def test_a_value_past_the_limits_is_one_line(tmp_path: Path, fields: dict[str, str], message: str) -> None:
    """Year 1 or 9999 (an overflow once), 5,000 digits (a ValueError once), a duration of 10^9 minutes,
    a title of 1,001 characters: each is one line naming the file, the line and the key."""
    values = {"date": "2024-01-01", "seats": "10", "timing": 'end: "01:00"', "title": "x", **fields}
    path = tmp_path / "limits.yaml"
    path.write_text(LIMIT_BASE.format(**values), encoding="utf-8")
    with pytest.raises(DlcatError) as caught:
        load_program(path)
    assert str(caught.value).startswith(f"{path}{message}")
    assert "\n" not in str(caught.value)


def test_thousands_of_rooms_are_checked_and_a_repeat_is_still_found(tmp_path: Path) -> None:
    """3,000 rooms load (the duplicate check was quadratic: 2,000 rooms took 3.9 s); the last repeating the
    first, in another case, is named."""
    rooms = [f"  - {{id: R{i}, building: A}}" for i in range(3000)]
    text = (
        'schema: 1\nconference: {id: t, name: T, date: "2024-01-01", time_zone: UTC}\nbuildings: {A: {name: A}}\n'
        "rooms:\n" + "\n".join(rooms) + "\nsessions:\n"
        '  - {id: S1, room: R0, start: "10:00", end: "11:00", title: x}\n'
    )
    path = tmp_path / "rooms.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(load_program(path).rooms) == 3000
    path.write_text(text.replace("sessions:\n", "  - {id: r0, building: A}\nsessions:\n"), encoding="utf-8")
    with pytest.raises(DlcatError, match=r"rooms\[3000\]\.id: duplicate room id 'r0'"):
        load_program(path)


@pytest.mark.parametrize(
    "document",
    [
        "a: &x {b: 1}\nc: *x\n",  # an alias: the same object
        "<<: {a: 1}\nb: 2\n",  # a merge key: left to PyYAML
        "a: !!set {x, y}\n",  # another tag: left to PyYAML
        "? [1]\n: 2\n",  # an unhashable key: PyYAML's error
        "- 1\n- !foo x\n",  # an unknown tag: PyYAML's error
        "a: 2019-07-04\nb: 0x10\nc: ~\nd: yes\ne: 1.5\nf: '1'\ng: 2019-07-04 10:00:00+09:00\nh: 강당\n",
        "",
        "a: 1" + "0" * 5000 + "\n",  # a number of thousands of digits: Python's ValueError
        MINIMAL,
    ],
)
def test_the_quick_yaml_constructor_gives_what_yaml_load_gives(document: str) -> None:
    """_load_yaml builds plain text, mappings and lists itself (issue 16) and must agree with yaml.load on
    every document: the same values, or the same kind of error."""
    import yaml

    from dlcat_cli.formats.program_file import _load_yaml

    def outcome(load: Any) -> Any:
        try:
            return load()
        except Exception as error:
            return type(error)

    expected = outcome(lambda: yaml.load(document, Loader=yaml.CSafeLoader))
    assert outcome(lambda: _load_yaml(document.encode())) == expected


def test_the_quick_yaml_constructor_keeps_a_recursive_alias() -> None:
    """A list that holds itself is built by PyYAML, as before."""
    from dlcat_cli.formats.program_file import _load_yaml

    built = _load_yaml(b"&a [*a]\n")
    assert built[0] is built


@pytest.mark.parametrize(
    ("old", "new", "korean", "english"),
    [
        (
            "room: R2",
            "room: R9",
            "t.yaml:20: sessions[1].room: 알 수 없는 강의실 'R9'입니다. 있는 강의실: R1, R2",
            "t.yaml:20: sessions[1].room: unknown room 'R9'; rooms are R1, R2",
        ),
        (
            "id: S2",
            "id: S1",
            "t.yaml:19: sessions[1]: 세션 id 'S1'이 겹칩니다. id는 서로 달라야 합니다",
            "t.yaml:19: sessions[1]: duplicate session id 'S1'; ids must be unique",
        ),
        (
            "title: Second",
            "title: 7",
            "t.yaml:23: sessions[1].title: 텍스트가 와야 하는데 7이 있습니다",
            "t.yaml:23: sessions[1].title: expected text, found 7",
        ),
        (
            'room: R2\n    start: "11:00"',
            'room: R1\n    start: "10:30"',
            "t.yaml:19: sessions[1]: 강의실 R1에서 S2(10:30-11:45) 세션과 S1(10:00-10:45) 세션이 겹칩니다. "
            "둘 중 하나를 옮기세요",
            "t.yaml:19: sessions[1]: S2 (10:30-11:45) overlaps S1 (10:00-10:45) in room R1; move one of them",
        ),
    ],
)
def test_a_bad_program_is_told_in_korean_in_a_korean_run(
    old: str, new: str, korean: str, english: str
) -> None:
    """Under i18n.setup("ko") the problem is Korean, its particle chosen for the value before it (S1이, 7이);
    the file, line and key path stay as written; after setup("en") the same file gives the English line."""
    from dlcat_cli import i18n

    text = MINIMAL.replace(old, new).encode()
    for language, said in (("ko", korean), ("en", english)):
        i18n.setup(language)
        try:
            with pytest.raises(DlcatError) as caught:
                parse_program(text, "t.yaml")
        finally:
            i18n.setup("en")
        assert str(caught.value) == said


def test_a_kept_overlap_is_a_note_that_says_itself_in_a_later_runs_language(korean: None) -> None:
    """checks.room_overlaps: warn keeps the overlap as a note: English as a value (JSON, the cache), Korean when
    shown, and still so once pickled (the cache keeps the checked Program)."""
    import pickle

    from dlcat_cli import i18n

    text = MINIMAL.replace('room: R2\n    start: "11:00"', 'room: R1\n    start: "10:30"')
    program = parse_program(f"{text}checks: {{room_overlaps: warn}}\n".encode(), "t.yaml")
    (note,) = pickle.loads(pickle.dumps(program.notes, protocol=pickle.HIGHEST_PROTOCOL))
    assert note == "t.yaml: S2 (10:30-11:45) overlaps S1 (10:00-10:45) in room R1"
    assert i18n.shown(note) == "t.yaml: 강의실 R1에서 S2(10:30-11:45) 세션과 S1(10:00-10:45) 세션이 겹칩니다"
