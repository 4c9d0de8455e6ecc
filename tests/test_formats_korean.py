"""The schedule readers speak the run's language: a typical error or note of each formats module is Korean
under i18n.setup("ko") and English after i18n.setup("en") (issue 15, point 1). Errors are translated when
raised; notes are i18n.Sentences (English as values, for JSON and the cache), Korean when shown."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from dlcat_cli import i18n
from dlcat_cli.errors import DlcatError


def _error(call: Callable[[], object]) -> str:
    with pytest.raises(DlcatError) as raised:
        call()
    return str(raised.value)


# -- files.py ------------------------------------------------------------------------------------------------


def _too_big() -> None:
    from dlcat_cli.formats.files import check_size
    from dlcat_cli.formats.limits import MAX_FILE_BYTES

    check_size(b"x" * (MAX_FILE_BYTES + 1), "big.json")


def test_files_a_file_too_big_is_refused_in_korean(korean: None) -> None:
    assert _error(_too_big) == "big.json: 읽지 않습니다: 프로그램이나 일정 파일의 최대 크기 200MB보다 큽니다"
    i18n.setup("en")
    assert _error(_too_big) == "big.json: refused: larger than the 200 MB a program or schedule file may have"


def test_files_the_kind_of_a_file_is_english_as_a_value_and_korean_when_shown(korean: None) -> None:
    from dlcat_cli.formats.files import NotARegularFile, kind_of

    kind = kind_of(stat.S_IFIFO)
    error = NotARegularFile(Path("agenda.json"), kind)
    assert (str(error), error.kind) == (
        "agenda.json is a FIFO (named pipe), not a regular file",
        "a FIFO (named pipe)",
    )
    assert i18n.shown(error.args[0]) == "agenda.json은 FIFO(이름 있는 파이프)이며 일반 파일이 아닙니다"
    assert [
        i18n.shown(kind_of(mode)) for mode in (stat.S_IFCHR, stat.S_IFSOCK, stat.S_IFDIR, 0, stat.S_IFREG)
    ] == [
        "장치 파일",
        "소켓",
        "디렉터리",
        "일반 파일이 아닌 것",
        "일반 파일",
    ]


def test_files_a_dangling_link_is_named_in_korean(korean: None, tmp_path: Path) -> None:
    from dlcat_cli.formats.files import NotARegularFile, regular_or_absent

    (tmp_path / "agenda.json").symlink_to("gone.json")
    with pytest.raises(NotARegularFile) as raised:
        regular_or_absent(tmp_path / "agenda.json")
    assert raised.value.kind == "a link to gone.json, which does not exist"
    assert i18n.shown(raised.value.kind) == "없는 파일 gone.json을 가리키는 링크"


# -- text.py -------------------------------------------------------------------------------------------------


def _broken_utf16() -> None:
    from dlcat_cli.formats.text import as_utf8

    as_utf8(b"\xff\xfe<\x00?\x00\x00\xd8", "feed.xml")


def test_text_a_file_that_only_starts_as_utf16_is_refused_in_korean(korean: None) -> None:
    assert _error(_broken_utf16) == (
        "feed.xml: UTF-16 텍스트로 시작하지만 바이트 6은 UTF-16이 아닙니다. 파일을 UTF-8로 저장하세요"
    )
    i18n.setup("en")
    assert (
        _error(_broken_utf16) == "feed.xml: starts as UTF-16 text but byte 6 is not; save the file as UTF-8"
    )


# -- schedule2_json.py -----------------------------------------------------------------------------------------

FLAT = Path(__file__).parent / "schedules" / "schedule2_flat.json"


def test_schedule2_json_notes_are_english_values_said_in_korean(korean: None) -> None:
    from dlcat_cli.formats.schedule2_json import to_classic_json

    _, notes = to_classic_json(FLAT.read_bytes(), "flat.json")
    assert "flat.json: event GONE01 (A workshop that was called off) is canceled; left out" in notes
    assert [i18n.shown(note) for note in notes] == [
        "flat.json: 이벤트 GONE01(A workshop that was called off)는 상태가 canceled이므로 뺍니다",
        "flat.json: 쉬는 시간이나 메타 항목 1개는 세션이 아니므로 뺍니다 (Lunch)",
    ]


def test_schedule2_json_untitled_breaks_are_listed_in_the_language_of_the_run(korean: None) -> None:
    import json

    events = [{"id": n, "type": "BREAK", "start": "2024-12-27T12:00:00+01:00"} for n in range(1, 6)]
    document = {"schedule": {"conference": {"title": "c"}, "events": events}}
    _, notes = to_classic_json_of(document)
    assert notes == [
        "s.json: 5 break or meta entries are not a session (event 1, event 2, event 3 …); left out"
    ]
    assert i18n.shown(notes[0]) == (
        "s.json: 쉬는 시간이나 메타 항목 5개는 세션이 아니므로 뺍니다 (이벤트 1, 이벤트 2, 이벤트 3 …)"
    )
    assert json.dumps(notes)  # still plain text to JSON


def to_classic_json_of(document: dict[str, object]) -> tuple[object, list[str]]:
    import json

    from dlcat_cli.formats.schedule2_json import to_classic_json

    return to_classic_json(json.dumps(document).encode(), "s.json")


def test_schedule2_json_a_file_that_is_not_one_is_refused_in_korean(korean: None) -> None:
    document = {"schedule": {"conference": [], "events": []}}
    assert _error(lambda: to_classic_json_of(document)) == (
        "s.json: schedule.conference가 객체가 아닙니다. schedule 2 파일이 맞나요?"
    )
    i18n.setup("en")
    assert _error(lambda: to_classic_json_of(document)) == (
        "s.json: schedule.conference is not an object; is this a schedule 2 file?"
    )


def test_the_notes_a_run_prints_are_in_its_language(korean: None) -> None:
    """cli/app.py prints each kept note through i18n.shown, its file's name left off as in English."""
    from dlcat_cli.cli.app import lenient_notes
    from dlcat_cli.formats.loader import load_program

    program = load_program(FLAT)
    lines = lenient_notes(program, first_read=True, verbose=True)
    assert lines[1:] == [
        "  이벤트 GONE01(A workshop that was called off)는 상태가 canceled이므로 뺍니다",
        "  쉬는 시간이나 메타 항목 1개는 세션이 아니므로 뺍니다 (Lunch)",
    ]
    i18n.setup("en")
    assert lenient_notes(program, first_read=True, verbose=True)[1:] == [
        "  event GONE01 (A workshop that was called off) is canceled; left out",
        "  1 break or meta entry is not a session (Lunch); left out",
    ]


# -- schedule_times.py -------------------------------------------------------------------------------------------


def test_schedule_times_a_schedule_with_no_zone_at_all_is_refused_in_korean(korean: None) -> None:
    from dlcat_cli.formats.schedule_times import choose_zone

    events = [{"name": "event 1", "date": "2024-12-27T11:00:00", "start": "11:00"}]
    assert _error(lambda: choose_zone("", events, None, "s.xml")) == (
        "s.xml: 시각에 UTC 오프셋이 없고, 파일에 시간대도 없습니다. 컨퍼런스의 시간대를 --time-zone으로 지정하세요 "
        "(예: --time-zone Europe/Brussels)"
    )
    i18n.setup("en")
    assert _error(lambda: choose_zone("", events, None, "s.xml")) == (
        "s.xml: its times have no UTC offset and it names no time zone; give the conference's zone with "
        "--time-zone, e.g. --time-zone Europe/Brussels"
    )


def test_schedule_times_a_note_on_trusted_offsets_is_one_korean_sentence_of_clauses(korean: None) -> None:
    from dlcat_cli.formats.schedule_times import choose_zone

    events = [
        {"name": "event 1", "date": "2024-12-27T11:00:00+01:00", "start": "11:00"},
        {"name": "event 2", "date": "2024-12-27T12:00:00", "start": "12:00"},
    ]
    (note,) = choose_zone("", events, None, "s.xml").notes
    assert note == (
        "s.xml: there is no time_zone_name, but the event times carry +01:00 (event 1 at 2024-12-27T11:00:00+01:00); "
        "trusting the offsets: times are in UTC+01:00; times without an offset are read at UTC+01:00"
    )
    assert i18n.shown(note) == (
        "s.xml: time_zone_name이 없습니다. 그런데 이벤트 시각에는 +01:00가 붙어 있습니다 "
        "(event 1: 2024-12-27T11:00:00+01:00). 오프셋을 믿어 시각을 UTC+01:00로 봅니다. "
        "오프셋이 없는 시각은 UTC+01:00로 읽습니다"
    )


def test_schedule_times_a_day_that_ends_before_it_starts_is_noted_in_korean(korean: None) -> None:
    from zoneinfo import ZoneInfo

    from dlcat_cli.formats.schedule_times import Zoning, listed_days

    warnings: list[str] = []
    listing = {
        "index": 1,
        "date": "2024-12-27",
        "start": "2024-12-27T18:00:00+01:00",
        "end": "2024-12-27T10:00:00+01:00",
    }
    listed_days([listing], [], {}, Zoning(ZoneInfo("Europe/Berlin"), False, ()), "s.xml", warnings)
    assert warnings == ["s.xml: day 1 ends before it starts; taken as a whole day"]
    assert i18n.shown(warnings[0]) == "s.xml: 1일차가 시작하기 전에 끝납니다. 하루 전체로 봅니다"


# -- icalendar_in.py ---------------------------------------------------------------------------------------------

SCHEDULES = Path(__file__).parent / "schedules"


def test_icalendar_in_notes_are_english_values_said_in_korean_clause_and_all(korean: None) -> None:
    from dlcat_cli.formats.icalendar_in import read_icalendar

    _, notes = read_icalendar((SCHEDULES / "event_broken_parts.ics").read_bytes(), "parts.ics")
    said = dict(zip(notes, map(i18n.shown, notes), strict=True))
    assert said["parts.ics: event 'Called off' at 2024-06-27 16:00 is cancelled; left out"] == (
        "parts.ics: 이벤트 'Called off'(2024-06-27 16:00)는 취소되었으므로 뺍니다"
    )
    assert said["parts.ics: event 'Unreadable start' has no readable start (DTSTART); left out"] == (
        "parts.ics: 이벤트 'Unreadable start': 읽을 수 있는 시작 시각(DTSTART)이 없습니다. 이 이벤트는 뺍니다"
    )
    assert said[
        "parts.ics: event 'All month long' at 2024-06-01 10:00 lasts 29 days, a week or more: not a session; left out"
    ] == (
        "parts.ics: 이벤트 'All month long'(2024-06-01 10:00): 29일 동안 이어집니다. 일주일 이상이므로 세션이 아닙니다. "
        "이 이벤트는 뺍니다"
    )
    i18n.setup("en")
    assert [i18n.shown(note) for note in notes] == notes


def _floating() -> None:
    from dlcat_cli.formats.icalendar_in import read_icalendar

    read_icalendar((SCHEDULES / "event_dt_floating.ics").read_bytes(), "floating.ics")


def test_icalendar_in_a_feed_with_no_zone_is_refused_in_korean(korean: None) -> None:
    assert _error(_floating) == (
        "floating.ics: 이벤트 'Opening'(2024-06-27 10:00)에 시간대가 없고, 피드에도 시간대가 없습니다. "
        "컨퍼런스의 시간대를 --time-zone으로 지정하세요 (예: --time-zone Europe/Berlin)"
    )
    i18n.setup("en")
    assert _error(_floating) == (
        "floating.ics: event 'Opening' at 2024-06-27 10:00 has no time zone, and the feed names none; "
        "give the conference's zone with --time-zone, e.g. --time-zone Europe/Berlin"
    )


def test_a_programs_notes_survive_pickling_as_sentences(korean: None) -> None:
    """The cache is to keep the checked Program pickled (the perf branch): its notes come back as Sentences,
    English as values and Korean when shown, so a later run says them in its own language."""
    import pickle

    from dlcat_cli.formats.loader import load_program

    program = load_program(FLAT)
    kept = pickle.loads(pickle.dumps(program, protocol=pickle.HIGHEST_PROTOCOL))
    assert kept.notes == program.notes
    assert all(isinstance(note, i18n.Sentence) for note in kept.notes)
    assert [i18n.shown(note) for note in kept.notes] == [
        f"{FLAT}: 이벤트 GONE01(A workshop that was called off)는 상태가 canceled이므로 뺍니다",
        f"{FLAT}: 쉬는 시간이나 메타 항목 1개는 세션이 아니므로 뺍니다 (Lunch)",
    ]


def test_schedule_times_offsets_that_disagree_with_the_named_zone_are_noted_in_korean(korean: None) -> None:
    from dlcat_cli.formats.schedule_times import choose_zone

    events = [
        {"name": "event 1", "date": "2024-12-27T11:00:00+01:00", "start": "11:00"},
        {"name": "event 2", "date": "2024-12-27T12:00:00+05:00", "start": "12:00"},
    ]
    zoning = choose_zone("Europe/Berlin", events, None, "s.xml")
    assert zoning.notes == (
        "s.xml: some event times disagree with time_zone_name Europe/Berlin; each keeps its own offset, "
        "and times are shown in Europe/Berlin",
    )
    assert i18n.shown(zoning.notes[0]) == (
        "s.xml: 몇몇 이벤트 시각이 time_zone_name Europe/Berlin과 맞지 않습니다. 각 시각은 자기 오프셋을 "
        "그대로 두고, Europe/Berlin으로 보여 줍니다"
    )
