"""schedule.py's one rule: an event that can't be read is left out with a warning naming it and why, and
the rest loads; a file is refused in one line only when nothing in it can be read or it breaks a file limit.
Also: encodings, ids, duplicates, and how a file's notes are summarised."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats import files
from dlcat_cli.formats.loader import load_program
from helpers import run

SCHEDULES = Path(__file__).parent / "schedules"
ONE_FLAW_EACH = SCHEDULES / "lenient_one_flaw_each.json"  # Madrid, 2025-06-07: one flaw an event
ENTITIES = SCHEDULES / "html_entities.json"


def test_each_flawed_event_is_left_out_alone_and_named() -> None:
    """No room, an impossible date with no start, a date in 2250, eight days, an id over 10^9: those five
    are left out, each with its reason; the six others load."""
    program = load_program(ONE_FLAW_EACH)
    assert [s.id for s in program.sessions] == ["1", "4", "9", "10", "10-2", "3"]
    notes = "\n".join(program.notes)
    for expected in (
        "event 2 (Nowhere to be) left out: it has no room",
        "event 5 (An impossible date and no start) left out: it has no readable date or start time "
        "(date '2025-06-31T11:00:00+02:00', start '')",
        "event 6 (Far in the future) left out: its date 2250-06-07T12:00:00+02:00 is outside 1900-2200",
        "event 7 (Eight days) left out: its duration '8:00:00' (days:hours:minutes) is a week or more",
        "event 12345678901 (An id over a billion) left out: its id 12345678901 is a number over 10^9",
    ):
        assert expected in notes
    assert notes.count("left out:") == 5


def test_a_start_of_24_30_without_a_date_is_the_next_morning() -> None:
    """Event 3, `24:30` under day 2025-06-07: 06-08 00:30 Madrid (CEST) = 06-07 22:30 UTC."""
    program = load_program(ONE_FLAW_EACH)
    late, _ = program.find("3")  # type: ignore[misc]
    assert late.start == datetime(2025, 6, 7, 22, 30, tzinfo=UTC)
    assert late.day == 1
    assert any("event 3 (After midnight, no date) starts after the end of day 1" in n for n in program.notes)


def test_an_impossible_date_with_a_start_is_read_from_the_start_with_a_note() -> None:
    """Event 4's date is 06-31: its start 11:00 on its day is 09:00 UTC, and the note says so."""
    program = load_program(ONE_FLAW_EACH)
    guessed, _ = program.find("4")  # type: ignore[misc]
    assert guessed.start == datetime(2025, 6, 7, 9, 0, tzinfo=UTC)
    assert any(
        "its date '2025-06-31T11:00:00+02:00' can't be read; taken as 2025-06-07 11:00" in n
        for n in program.notes
    )


def test_a_long_title_is_cut_to_1000_characters_with_a_note() -> None:
    program = load_program(ONE_FLAW_EACH)
    long, _ = program.find("9")  # type: ignore[misc]
    assert 990 < len(long.title) <= 1000
    assert long.title.endswith("…")
    assert any("event 9: its title has 1,817 characters; cut to 1,000" in n for n in program.notes)


def test_an_id_with_invisible_characters_is_cleaned_and_a_repeat_gets_2() -> None:
    """`10` + U+202E becomes 10, with a note; the plain 10 after it is then 10-2."""
    program = load_program(ONE_FLAW_EACH)
    assert program.find("10")[0].title == "An id with a bidi override"  # type: ignore[index]
    assert program.find("10-2")[0].title == "The plain 10"  # type: ignore[index]
    notes = "\n".join(program.notes)
    assert (
        "event 10 (An id with a bidi override): its id held control or invisible characters; read as '10'"
        in notes
    )
    assert "\u202e" not in notes


def test_an_exact_duplicate_is_dropped_with_a_note() -> None:
    program = load_program(ONE_FLAW_EACH)
    assert [s.id for s in program.sessions].count("1") == 1
    assert "1-2" not in [s.id for s in program.sessions]
    assert any(
        "event 1 (A good talk) is listed twice, exactly alike; one is kept" in n for n in program.notes
    )


def test_a_file_of_which_nothing_can_be_read_is_refused_in_one_line(tmp_path: Path) -> None:
    document = json.loads(ONE_FLAW_EACH.read_text(encoding="utf-8"))
    rooms = document["schedule"]["conference"]["days"][0]["rooms"]
    rooms["Hall"] = [event for event in rooms["Hall"] if event["id"] in (5, 6, 7)]
    path = tmp_path / "hopeless.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("--program", str(path), "list")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert (
        "none of its 4 events could be read (event 5 (An impossible date and no start) left out: it has no"
        in (result.stderr)
    )


# -- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "bom_utf8_with_schema_key.json",
        "utf16_with_bom.json",
        "utf16_with_bom.xml",
        "utf16_with_bom_declared_utf8.xml",
    ],
)
def test_a_bom_or_utf16_file_is_read(name: str) -> None:
    """A UTF-8 BOM (once "unknown key '$schema'": read as YAML), UTF-16 with its BOM, even when the XML
    declaration says UTF-8."""
    program = load_program(SCHEDULES / name)
    titles = {s.title for s in program.sessions}
    assert "Rock & Roll – the speaker's cut" in titles or "Art exhibition (open all day)" in titles


def test_a_utf16_file_with_a_broken_byte_is_refused_naming_utf16(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes((SCHEDULES / "utf16_with_bom.json").read_bytes()[:-1] + b"\x00\xd8")
    with pytest.raises(
        DlcatError, match=r"starts as UTF-16 text but byte \d+ is not; save the file as UTF-8"
    ):
        load_program(path)


# -- file limits ---------------------------------------------------------------------------------


def nested_json(tmp_path: Path, levels: int) -> Path:
    """The entities case with an extra key nested so that the file is `levels` deep."""
    document = json.loads(ENTITIES.read_text(encoding="utf-8"))
    text = json.dumps(document)[:-1] + ', "extra": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}"
    path = tmp_path / f"nested-{levels}.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_nested_100_levels_is_read_and_101_refused(tmp_path: Path) -> None:
    assert load_program(nested_json(tmp_path, 100)).sessions
    with pytest.raises(DlcatError, match=r"refused: nested deeper than 100 levels"):
        load_program(nested_json(tmp_path, 101))


def test_json_nested_beyond_pythons_recursion_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = nested_json(tmp_path, 200_000)
    result = run("--program", str(path), "list")
    assert result.exit_code == 1
    assert "refused: nested deeper than 100 levels" in result.stderr


def test_xml_nested_deeper_than_100_levels_is_refused(tmp_path: Path) -> None:
    text = (SCHEDULES / "exhibition_ends_at_24_00.xml").read_text(encoding="utf-8")
    path = tmp_path / "deep.xml"
    path.write_text(
        text.replace("<persons/>", "<persons/>" + "<x>" * 200_000 + "</x>" * 200_000, 1), encoding="utf-8"
    )
    result = run("--program", str(path), "list")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "refused: nested deeper than 100 levels" in result.stderr


def test_a_file_over_the_size_limit_is_refused_without_being_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the limit at 500 bytes (200 MB in use), a 600-byte schedule is refused in one line."""
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 500)
    result = run("--program", str(ENTITIES), "list")
    assert result.exit_code == 1
    assert re.search(
        r"html_entities.json: refused: larger than the 0 MB a program or schedule file may have",
        result.stderr,
    )


# -- notes: summarised, in full only the first time ---------------------------------------------


def test_notes_in_full_the_first_time_then_their_count() -> None:
    """First read: the count and the first three notes, what was left out first; later reads: one line;
    --verbose: all of them."""
    first = run("--program", str(ONE_FLAW_EACH), "list")
    lines = first.stderr.splitlines()
    assert lines[0] == (
        f"note: {ONE_FLAW_EACH} was read leniently, with 12 notes (the first 3; --verbose lists all):"
    )
    assert lines[1] == "  5 of its 12 events were left out"
    assert lines[2].startswith("  event 5 (An impossible date and no start) left out:")
    assert len(lines) == 4
    again = run("--program", str(ONE_FLAW_EACH), "list")
    assert again.stderr == f"note: {ONE_FLAW_EACH} was read leniently, with 12 notes (--verbose lists them)\n"
    verbose = run("--verbose", "--program", str(ONE_FLAW_EACH), "list")
    assert len(verbose.stderr.splitlines()) == 13
    assert "  event 2 (Nowhere to be) left out: it has no room" in verbose.stderr.splitlines()


# -- rooms: the name on the door -----------------------------------------------------------------

MERGED = SCHEDULES / "merged_rooms_event_room_differs.json"


def test_slugs_and_event_level_rooms_fold_into_the_room_on_the_door() -> None:
    """An event listed under K.4.201 naming k4201, one listed under no room naming k4201, one naming the
    conference's slug main-hall, and one whose own room is a sub-schedule's: two rooms, by their door names."""
    program = load_program(MERGED)
    assert [(room.name, room.seats) for room in program.rooms] == [("K.4.201", None), ("Main Hall", 300)]
    rooms = {s.id: s.showings[0].room.name for s in program.sessions}
    assert rooms == {"1": "K.4.201", "2": "K.4.201", "3": "Main Hall", "4": "Main Hall"}
    assert any("2 (10:15-10:45) overlaps 1 (10:00-10:30) in room K.4.201" in n for n in program.notes)


# -- XML: the C parser only where no DTD can be ------------------------------------------------------

EXHIBITION = SCHEDULES / "exhibition_ends_at_24_00.xml"
LAUGHS = SCHEDULES / "billion_laughs.xml"


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-16-le"),  # UTF-16 without a BOM: expat finds it by its NUL bytes
        lambda text: text.replace(
            '<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'
        ).encode("latin-1"),
    ],
)
def test_entities_are_refused_in_any_encoding(tmp_path: Path, encode: Any) -> None:
    """The billion laughs, saved without a BOM as UTF-16 or declared Latin-1, is refused like the UTF-8 one."""
    path = tmp_path / "laughs.xml"
    path.write_bytes(encode(LAUGHS.read_text(encoding="utf-8")))
    with pytest.raises(DlcatError, match="refused: the XML declares entities or a DTD"):
        load_program(path)


def test_a_file_in_another_encoding_is_read_by_defusedxml(tmp_path: Path) -> None:
    """Latin-1 declared: read (through defusedxml), the title's é intact."""
    text = EXHIBITION.read_text(encoding="utf-8").replace('encoding="utf-8"', 'encoding="ISO-8859-1"')
    path = tmp_path / "latin1.xml"
    path.write_bytes(text.replace("Morning talk", "Morning talk café").encode("latin-1"))
    assert load_program(path).find("702")[0].title == "Morning talk café"  # type: ignore[index]


def test_an_unknown_encoding_in_the_declaration_is_a_one_line_error(tmp_path: Path) -> None:
    """Found by fuzzing: `encoding="UTa-8"` raised a LookupError from the parser."""
    path = tmp_path / "odd.xml"
    path.write_text(EXHIBITION.read_text(encoding="utf-8").replace('encoding="utf-8"', 'encoding="UTa-8"'))
    result = run("--program", str(path), "list")
    assert result.exit_code == 1
    assert "odd.xml: not valid XML: unknown encoding: UTa-8; save the file as UTF-8" in result.stderr


def test_no_note_carries_a_control_character(tmp_path: Path) -> None:
    """An escape sequence in a day's index, an id, a title and a date: every note is clean."""
    document = json.loads(ONE_FLAW_EACH.read_text(encoding="utf-8"))
    day = document["schedule"]["conference"]["days"][0]
    day["index"] = "1\x1b[2J"
    day["rooms"]["Hall"][0].update(id="1\x1b[31m", title="A \x1b]0;owned\x07title", date="2025-06-32\x1b[0m")
    path = tmp_path / "escapes.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    program = load_program(path)
    assert program.notes
    assert not any(c in note for note in program.notes for c in "\x1b\x07\u202e")


def test_an_xml_file_with_html_entities_a_bare_ampersand_or_a_control_character_is_read_as_meant(
    tmp_path: Path,
) -> None:
    """One title with &nbsp;, AT&T and a raw ESC made the whole file 'not valid XML'; now it reads, with a
    note saying what was mended, and the title shows the characters meant (the ESC as a space)."""
    source = (Path(__file__).parent / "schedules" / "exhibition_ends_at_24_00.xml").read_bytes()
    path = tmp_path / "flaw.xml"
    path.write_bytes(
        source.replace(b"<title>Morning talk</title>", b"<title>AT&T&nbsp;talk \x1b[31m</title>")
    )
    program = load_program(path)
    titles = {s.id: s.title for s in program.sessions}
    assert titles["702"] == "AT&T talk [31m"  # &nbsp; and ESC become spaces, folded into one
    assert any("3 read as meant" in note for note in program.notes)
    broken = tmp_path / "broken.xml"
    broken.write_bytes(source.replace(b"</schedule>", b""))
    with pytest.raises(DlcatError, match=r"not valid XML: .*; fix the file there$"):
        load_program(broken)


def test_a_raw_control_character_in_a_json_string_is_cleaned_not_refused(tmp_path: Path) -> None:
    """JSON forbids a raw control character inside a string; a generator that wrote one gets its file read."""
    source = (Path(__file__).parent / "schedules" / "repeated_hour_second_pass.json").read_bytes()
    path = tmp_path / "ctl.json"
    path.write_bytes(source.replace(b"Breakfast keynote", b"Breakfast\x07keynote"))
    titles = {s.id: s.title for s in load_program(path).sessions}
    assert titles["603"] == "Breakfast keynote"


def test_an_event_outside_a_room_of_a_day_is_named_not_silently_dropped(tmp_path: Path) -> None:
    """An <event> directly under <day> was dropped without a word (found by a tester); now a note counts it."""
    source = (Path(__file__).parent / "schedules" / "exhibition_ends_at_24_00.xml").read_text(
        encoding="utf-8"
    )
    stray = '<event id="799"><date>2018-10-23T12:00:00+02:00</date><start>12:00</start><title>Stray</title></event>'
    path = tmp_path / "stray.xml"
    path.write_text(
        source.replace('<day index="2" date="2018-10-23">', f'<day index="2" date="2018-10-23">{stray}')
    )
    program = load_program(path)
    assert "799" not in {s.id for s in program.sessions}
    assert any("1 event not inside a <room> of a <day>; left out" in note for note in program.notes)


def test_the_note_on_a_cleaned_id_names_the_id_as_it_can_be_typed(tmp_path: Path) -> None:
    """`S\\u200b1` is read as `S-1` (a space separates ids when typed): the note says S-1, which `show` finds."""
    path = tmp_path / "zw.json"
    event = {
        "id": "S\u200b1",
        "date": "2024-01-01T10:00:00+00:00",
        "start": "10:00",
        "duration": "00:30",
        "title": "T",
    }
    day = {"index": 1, "date": "2024-01-01", "rooms": {"R": [event]}}
    path.write_text(
        json.dumps({"schedule": {"conference": {"title": "Z", "time_zone_name": "UTC", "days": [day]}}})
    )
    program = load_program(path)
    assert [s.id for s in program.sessions] == ["S-1"]
    assert any("its id held control or invisible characters; read as 'S-1'" in note for note in program.notes)
