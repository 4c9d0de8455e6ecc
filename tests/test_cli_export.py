"""cli.py: `dlcat export`, its checks and its messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from helpers import run


@pytest.fixture(autouse=True)
def _fixed_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1561939200")  # 2019-07-01T00:00:00Z


def test_export_without_an_agenda_says_how_to_make_one(tmp_path: Path) -> None:
    """No saved agenda: one line pointing at `dlcat plan --pick`, exit 1, no file."""
    result = run("export", str(tmp_path / "a.ics"))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "dlcat: you have no saved agenda to export; make one with `dlcat plan --pick"
    )
    assert not (tmp_path / "a.ics").exists()


def test_export_the_saved_agenda_and_again_after_a_change(tmp_path: Path) -> None:
    """The file holds the saved picks; after a change, a second export replaces it with a higher SEQUENCE."""
    target = tmp_path / "agenda.ics"
    assert run("plan", "--pick", "B10,A17").exit_code == 0
    result = run("export", str(target))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"Wrote 2 sessions to {target}"
    first = {
        str(e["uid"]): int(e["sequence"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    }
    assert first == {"B10@2nd-dlcat-2019.dlcat": 1, "A17@2nd-dlcat-2019.dlcat": 1}
    assert run("plan", "--drop", "A17", "--add", "D17").exit_code == 0
    assert run("export", str(target)).exit_code == 0
    second = {
        str(e["uid"]): int(e["sequence"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    }
    assert second == {"B10@2nd-dlcat-2019.dlcat": 2, "A17@2nd-dlcat-2019.dlcat": 2}


def test_export_to_stdout_with_picks_checks_like_plan() -> None:
    """`export - --pick` prints the calendar; a clash stops it like `plan` does."""
    result = run("export", "-", "--pick", "B10,C11")
    assert result.exit_code == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR")
    assert "SOURCE_DATE_EPOCH" not in result.stdout
    assert "DTSTAMP:20190701T000000Z" in result.stdout
    clash = run("export", "-", "--pick", "B10,C10")
    assert clash.exit_code == 1
    assert clash.stdout == ""
    assert "dlcat: clash: B10" in clash.stderr
    assert clash.stderr.splitlines()[-1] == "Nothing was exported."


def test_export_is_deterministic_with_source_date_epoch(tmp_path: Path) -> None:
    """Two exports of the same agenda are byte-identical when SOURCE_DATE_EPOCH pins DTSTAMP."""
    run("plan", "--pick", "E15,E16")
    run("export", str(tmp_path / "a.ics"))
    run("export", str(tmp_path / "b.ics"))
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()


def test_export_never_replaces_a_foreign_file_without_force(tmp_path: Path) -> None:
    """A file dlcat did not write is kept unless --force."""
    target = tmp_path / "mine.ics"
    target.write_text("my own calendar", encoding="utf-8")
    run("plan", "--pick", "B10")
    result = run("export", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"dlcat: {target} exists and was not written by dlcat; use --force")
    assert target.read_text(encoding="utf-8") == "my own calendar"
    assert run("export", str(target), "--force").exit_code == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/dir/a.ics", "the directory {parent} does not exist; create it first"),
        (".", "it is a directory"),
    ],
)
def test_export_to_a_bad_place_is_one_line(tmp_path: Path, where: str, message: str) -> None:
    """A missing directory or a directory as target: one line, exit 1."""
    run("plan", "--pick", "B10")
    target = tmp_path / where
    result = run("export", str(target))
    assert result.exit_code == 1
    assert message.format(parent=target.parent) in result.stderr
    assert result.stderr.count("\n") == 1


def test_export_options_alarm_and_walks(tmp_path: Path) -> None:
    """--alarm and --walks reach the file."""
    run("plan", "--pick", "B10,D11")
    target = tmp_path / "a.ics"
    assert run("export", str(target), "--alarm", "15", "--walks").exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("TRIGGER:-PT15M") == 2
    assert "SUMMARY:Walk UST -> ETRI\\, 10 min" in text


def test_bad_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SOURCE_DATE_EPOCH that is not a number is named."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("export", "-", "--pick", "B10")
    assert result.exit_code == 1
    assert result.stderr.startswith("dlcat: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds")


def test_walks_say_when_you_will_be_late(tmp_path: Path) -> None:
    """At --pace 1.2 the walk to ETRI takes 12 min of a 10-minute break: the walk event and B10's
    description say you will be 2 min late."""
    target = tmp_path / "late.ics"
    result = run("export", str(target), "--pick", "B10,D11", "--pace", "1.2", "--walks")
    assert result.exit_code == 0, result.output
    text = target.read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:Walk UST -> ETRI\\, 12 min (2 min late for D11)" in text
    assert "12 min walk\\, you will be 2 min late" in text


def test_a_session_dropped_since_the_last_export_is_cancelled_with_a_higher_sequence(tmp_path: Path) -> None:
    """export, drop D11, export again: D11 is in the file with its UID, STATUS:CANCELLED and SEQUENCE 2 (the
    agenda's revision, which rose), so a calendar that imported it removes it; icalendar and vobject agree."""
    import icalendar
    import vobject

    target = tmp_path / "agenda.ics"
    assert run("plan", "--pick", "B10,D11").exit_code == 0
    assert run("export", str(target)).exit_code == 0
    first = icalendar.Calendar.from_ical(target.read_bytes())
    (d11,) = [e for e in first.walk("VEVENT") if str(e["SUMMARY"]).startswith("I'm Kaggler")]
    assert run("plan", "--drop", "D11").exit_code == 0
    again = run("export", str(target))
    assert again.exit_code == 0
    assert "and cancelled 1 session dropped from your agenda" in again.stderr
    second = icalendar.Calendar.from_ical(target.read_bytes())
    (gone,) = [e for e in second.walk("VEVENT") if str(e["UID"]) == str(d11["UID"])]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert int(gone["SEQUENCE"]) == 2 > int(d11["SEQUENCE"])
    assert gone.decoded("DTSTART") == d11.decoded("DTSTART")
    parsed = vobject.readOne(target.read_text(encoding="utf-8"))
    statuses = {v.uid.value: getattr(v, "status", None) for v in parsed.vevent_list}
    assert statuses[str(d11["UID"])].value == "CANCELLED"
    third = run("export", str(target))  # nothing dropped since, but D11 is written cancelled again
    assert "and cancelled 1 session dropped from your agenda" in third.stderr


def test_a_cancelled_session_stays_cancelled_in_every_later_export_until_picked_again(tmp_path: Path) -> None:
    """A calendar that imported the first export and then only the third must still remove D11: every export
    after a drop writes it cancelled (same UID, the SEQUENCE of its cancelling), until D11 is picked again."""
    import icalendar

    def events(name: str) -> dict[str, icalendar.Event]:
        assert run("export", str(tmp_path / name)).exit_code == 0
        calendar = icalendar.Calendar.from_ical((tmp_path / name).read_bytes())
        return {str(e["SUMMARY"]).split(" ")[0]: e for e in calendar.walk("VEVENT")}

    assert run("plan", "--pick", "B10,D11,A13").exit_code == 0
    first = events("b1.ics")
    assert run("plan", "--drop", "D11").exit_code == 0
    second, third = events("b2.ics"), events("b3.ics")
    for later in (second, third):
        (gone,) = [e for e in later.values() if str(e["UID"]) == str(first["I'm"]["UID"])]
        assert str(gone["STATUS"]) == "CANCELLED"
        assert int(gone["SEQUENCE"]) == 2 > int(first["I'm"]["SEQUENCE"])
    assert run("plan", "--add", "D11").exit_code == 0
    back = [e for e in events("b4.ics").values() if str(e["UID"]) == str(first["I'm"]["UID"])]
    assert [str(e.get("STATUS", "CONFIRMED")) for e in back] == ["CONFIRMED"]


def test_a_session_the_program_moved_is_exported_with_a_higher_sequence(tmp_path: Path) -> None:
    """The agenda is the same (revision 1), but the program moved A1010 (10:15-10:50): the next export writes it
    with SEQUENCE 2, so calendars take the new time; an export with nothing changed keeps SEQUENCE 2."""
    import icalendar

    from helpers import PROGRAMS

    program = tmp_path / "first.yaml"
    text = (PROGRAMS / "first-dlcat-2018.yaml").read_text(encoding="utf-8")
    program.write_text(text, encoding="utf-8")
    target = tmp_path / "agenda.ics"

    def sequence_of_a1010() -> int:
        calendar = icalendar.Calendar.from_ical(target.read_bytes())
        (event,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("A1010@")]
        return int(event["SEQUENCE"])

    assert run("--program", str(program), "plan", "--pick", "A1010").exit_code == 0
    assert run("--program", str(program), "export", str(target)).exit_code == 0
    assert sequence_of_a1010() == 1
    moved = text.replace(
        '{id: A1010, room: A, start: "10:10", end: "10:55"',
        '{id: A1010, room: A, start: "10:15", end: "10:50"',
    )
    assert moved != text
    program.write_text(moved, encoding="utf-8")
    assert run("--program", str(program), "export", str(target)).exit_code == 0
    assert sequence_of_a1010() == 2
    assert run("--program", str(program), "export", str(target)).exit_code == 0
    assert sequence_of_a1010() == 2
