"""icalendar_in.py: iCalendar feeds (Sched, Sessionize, Indico, pretalx) read into a program, and used by the CLI."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.icalendar_in import (
    LONGEST_ID,
    NO_ROOM,
    SHORTEST_ID,
    looks_like_icalendar,
    read_icalendar,
    short_ids,
)
from dlcat_cli.formats.loader import load_program
from helpers import run

SCHEDULES = Path(__file__).parent / "schedules"
SCHED = SCHEDULES / "sched_like_feed.ics"  # 31 VEVENTs over 2024-11-02/03, UTC times, X-WR-TIMEZONE
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def _utc(text: str) -> datetime:
    """`20241102T150000Z` as an instant."""
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def _feed_events(path: Path) -> list[dict[str, str]]:
    """The VEVENTs of a feed as the file writes them, read without icalendar: lines unfolded, then split."""
    lines = re.sub(r"\r?\n[ \t]", "", path.read_text(encoding="utf-8")).splitlines()
    events: list[dict[str, str]] = []
    for line in lines:
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and ":" in line and not line.startswith("END:"):
            name, _, value = line.partition(":")
            events[-1].setdefault(name, value)
    return events


def _listed(*args: str) -> list[dict[str, Any]]:
    result = run(*args, "list", "--json")
    assert result.exit_code == 0, result.output
    sessions: list[dict[str, Any]] = json.loads(result.stdout)["sessions"]
    return sessions


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


# -- recognising a feed ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        b"\xef\xbb\xbfBEGIN:VCALENDAR\r\n",  # UTF-8 with a BOM
        "BEGIN:VCALENDAR\r\n".encode("utf-16"),  # UTF-16 with its BOM, little-endian here
        b"\xfe\xff" + "BEGIN:VCALENDAR\r\n".encode("utf-16-be"),
        b"\r\n\r\nbegin:vcalendar\r\n",  # blank lines first, lower case: RFC 5545 names ignore case
    ],
)
def test_a_feed_is_recognised_by_its_first_line(head: bytes) -> None:
    """BEGIN:VCALENDAR after an optional BOM, in UTF-8 or UTF-16, is an iCalendar feed."""
    assert looks_like_icalendar(head)


@pytest.mark.parametrize(
    "head",
    [
        b"schema: 1\nconference:\n",
        b"<?xml version='1.0'?><schedule>",
        b'{"schedule": {}}',
        b"",
        b"BEGIN:VEVENT",
    ],
)
def test_other_files_are_not_feeds(head: bytes) -> None:
    """A program file, a schedule (XML or JSON), an empty file and a lone VEVENT are not feeds."""
    assert not looks_like_icalendar(head)


# -- the Sched-like feed -----------------------------------------------------------------------


def _expected_sched_sessions() -> list[tuple[str, datetime, datetime]]:
    """(title, start, end) of every session the Sched-like feed holds, straight from its text.

    Its one recurring event, breakfast at 08:00 Los Angeles time, repeats daily twice: X-WR-TIMEZONE
    makes its rule run on Los Angeles clocks (the x-wr-timezone library), so the second breakfast, after
    the clocks went back on 2024-11-03, is at 16:00 UTC, not 15:00. The all-day expo is no session.
    """
    expected = []
    for event in _feed_events(SCHED):
        if "DTSTART;VALUE=DATE" in event:
            continue
        title = html.unescape(html.unescape(event["SUMMARY"]))
        start, end = _utc(event["DTSTART"]), _utc(event["DTEND"])
        expected.append((title, start, end))
        if "RRULE" in event:
            assert event["RRULE"] == "FREQ=DAILY;COUNT=2"
            local = start.astimezone(LOS_ANGELES) + timedelta(days=1)  # the same clock time a day on
            expected.append((title, local.astimezone(UTC), local.astimezone(UTC) + (end - start)))
    return sorted(expected)


def test_the_sched_feed_lists_each_event_at_the_feeds_instant() -> None:
    """`list --json` holds each timed event of the feed once, at the instants its DTSTART and DTEND say."""
    sessions = _listed("--program", str(SCHED))
    listed = sorted(
        (s["title"], _instant(s["start"]), _instant(s["end"])) for s in sessions if not s["all_day"]
    )
    assert listed == _expected_sched_sessions()
    assert len(listed) == 31
    assert ("Board Game Night", _utc("20241103T050000Z"), _utc("20241103T093000Z")) in listed  # into PST


def test_the_sched_feed_is_a_program_in_its_own_zone_and_days() -> None:
    """The conference: X-WR-CALNAME and X-WR-TIMEZONE; a day for each date with events, midnight to midnight."""
    program = load_program(SCHED)
    conference = program.conference
    assert (conference.id, conference.name) == (
        "pacific-open-source-summit-2024",
        "Pacific Open Source Summit 2024",
    )
    assert conference.time_zone.key == "America/Los_Angeles"
    assert [(d.number, str(d.date)) for d in program.days] == [(1, "2024-11-02"), (2, "2024-11-03")]
    assert program.days[1].end - program.days[1].start == timedelta(hours=25)  # the clocks went back
    night = next(s for s in program.sessions if s.title == "Board Game Night")
    assert night.day == 1  # it starts on 11-02, although it ends on 11-03
    assert [len([s for s in program.sessions if s.day == n]) for n in (1, 2)] == [20, 12]  # the expo on day 1
    assert len(program.rooms) == 8


def test_the_sched_feed_text_tags_rooms_and_pages() -> None:
    """Entities decoded (twice for &amp;amp;), CATEGORIES as tags, URL as page, no LOCATION as a room of its own."""
    program = load_program(SCHED)
    by_title = {s.title: s for s in program.sessions}
    assert "Rust & WebAssembly – From Zero to Production - Ana Silva" in by_title
    assert "Q&A with the Security Team" in by_title
    assert by_title["Embedded Rust on a Budget - Ola Nordmann"].tags == ("Rust", "Beginner")
    assert by_title["Fearless FFI - Max Weber"].page == "https://poss2024.sched.com/event/4c77/ffi"
    assert by_title["Lunch"].showings[0].room.name == NO_ROOM
    assert by_title["Fearless FFI - Max Weber"].speakers == ()  # the feed's DESCRIPTION is not guessed at
    notes = "\n".join(program.notes)
    assert f"(Lunch) has no LOCATION; put in a room named {NO_ROOM!r}" in notes


def test_the_all_day_expo_is_kept_as_all_day_and_never_planned() -> None:
    """An all-day event (DATE values, 11-02 to 11-03) is kept as all-day: midnight to midnight in the feed's
    zone, listed as '11-02–11-03 all day'; `plan --pick` of it is one line, and `plan --like` never takes it."""
    program = load_program(SCHED)
    (expo,) = [s for s in program.sessions if s.title == "Sponsor Expo"]
    assert expo.all_day
    assert (expo.start, expo.end) == (_utc("20241102T070000Z"), _utc("20241104T080000Z"))  # PDT, then PST
    listed = run("--program", str(SCHED), "list", "--day", "1")
    assert "11-02–11-03 all day" in listed.stdout
    picked = run("--program", str(SCHED), "plan", "--pick", expo.id, "--dry-run")
    assert picked.exit_code == 1
    assert f"{expo.id} (Sponsor Expo) is open all day in" in picked.stderr
    liked = run("--program", str(SCHED), "plan", "--like", "sponsor,expo,rust", "--dry-run", "--json")
    assert expo.id not in [p["id"] for p in json.loads(liked.stdout)["picks"]]


def test_ids_are_short_typeable_and_the_same_on_a_second_read() -> None:
    """Each id has 5 to 8 letters and digits, differs from every other, and reads the same twice."""
    first = read_icalendar(SCHED.read_bytes(), "feed.ics")[0]["sessions"]
    second = read_icalendar(SCHED.read_bytes(), "feed.ics")[0]["sessions"]
    ids = [s["id"] for s in first]
    assert ids == [s["id"] for s in second]
    assert len(set(ids)) == len(ids) == 32
    assert all(SHORTEST_ID <= len(i) <= LONGEST_ID and i.isascii() and i.isalnum() for i in ids)


def test_ids_stay_when_the_feed_is_downloaded_again_changed() -> None:
    """A feed downloaded again, its events in another order, one gone and one new: every other id stays."""
    text = SCHED.read_bytes().decode("utf-8")  # CRLF kept
    head, _, rest = text.partition("BEGIN:VEVENT")
    blocks = ("BEGIN:VEVENT" + rest).removesuffix("END:VCALENDAR\r\n").split("BEGIN:VEVENT")[1:]
    new = next(b for b in blocks if "Async Rust in Anger" in b)
    new = new.replace("SCHED-", "SCHED-NEW").replace("Async Rust in Anger", "A new talk")
    again = head + "".join("BEGIN:VEVENT" + b for b in [*reversed(blocks[1:]), new]) + "END:VCALENDAR\r\n"
    assert "Breakfast" in blocks[0]

    def ids(feed: str) -> dict[tuple[str, object], str]:
        sessions = read_icalendar(feed.encode(), "feed.ics")[0]["sessions"]
        return {(s["title"], s["start"]): s["id"] for s in sessions}

    before, after = ids(text), ids(again)
    assert len(after) == len(before) - 2 + 1  # both breakfasts gone, one talk new
    assert {k: after[k] for k in before if k[0] != "Breakfast"} == {
        k: v for k, v in before.items() if k[0] != "Breakfast"
    }


def test_export_pick_gives_the_feeds_dtstart_and_dtend_in_utc() -> None:
    """`export --pick` of two feed events: DTSTART and DTEND are the feed's instants (one across the change of clocks)."""
    import icalendar

    feed = {e["SUMMARY"]: e for e in _feed_events(SCHED)}
    sessions = {s["title"]: s["id"] for s in _listed("--program", str(SCHED))}
    night, rust = "Board Game Night", "Rust &amp; WebAssembly &#8211; From Zero to Production - Ana Silva"
    picks = f"{sessions[night]},{sessions[html.unescape(rust)]}"
    result = run("--program", str(SCHED), "export", "-", "--pick", picks)
    assert result.exit_code == 0, result.output
    exported = {
        str(e["SUMMARY"]): (e["DTSTART"].dt.astimezone(UTC), e["DTEND"].dt.astimezone(UTC), str(e["UID"]))
        for e in icalendar.Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    }
    for title, written in ((night, night), (html.unescape(rust), rust)):
        start, end, uid = exported[title]
        assert (start, end) == (_utc(feed[written]["DTSTART"]), _utc(feed[written]["DTEND"]))
        assert uid.endswith("@pacific-open-source-summit-2024.dlcat")  # dlcat's own UIDs, not the feed's


# -- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf8-bom.ics", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
        ("utf16.ics", lambda t: t.encode("utf-16")),
        ("utf16-be.ics", lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
    ],
)
def test_a_bom_or_utf_16_copy_loads_the_same(tmp_path: Path, name: str, encode: Any) -> None:
    """The feed saved with a UTF-8 BOM, or as UTF-16 with its BOM, lists the same sessions."""
    copy = tmp_path / name
    copy.write_bytes(encode(SCHED.read_text(encoding="utf-8")))
    assert _listed("--program", str(copy)) == _listed("--program", str(SCHED))


def test_a_stray_byte_is_read_with_a_warning_naming_its_line() -> None:
    """A byte that is not UTF-8 does not refuse the feed: it shows as U+FFFD, and a warning names the line."""
    text = SCHED.read_bytes().replace(b"Kai M\xc3\xbcller", b"Kai M\xfcller")
    data, warnings = read_icalendar(text, "feed.ics")
    assert any(s["title"] == "Rust Compile Times, Halved - Kai M\ufffdller" for s in data["sessions"])
    line = text[: text.index(b"Kai M\xfcller")].count(b"\n") + 1
    assert f"feed.ics:{line}: not UTF-8 text (byte 0xfc)" in warnings[0]


def test_a_file_that_is_not_the_utf_16_its_bom_says_is_refused_in_one_line() -> None:
    """A UTF-16 BOM followed by an odd number of bytes: one line that says how to save it."""
    with pytest.raises(DlcatError, match=r"^odd\.ics: starts as UTF-16 but is not; save the feed as UTF-8$"):
        read_icalendar(b"\xff\xfe" + "BEGIN:VCALENDAR".encode("utf-16-le") + b"\x00", "odd.ics")


# -- time zones --------------------------------------------------------------------------------


def test_floating_times_without_a_zone_are_refused_naming_time_zone() -> None:
    """Clock times with no zone, in a feed that names none: one line that names the event and --time-zone."""
    with pytest.raises(DlcatError) as refused:
        read_icalendar((SCHEDULES / "event_dt_floating.ics").read_bytes(), "floating.ics", None)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("floating.ics: event 'Opening' at 2024-06-27 10:00 has no time zone")
    assert "--time-zone" in message


def test_floating_times_are_read_in_the_zone_given() -> None:
    """With a zone given, the same feed's clock times are instants in it, and it is the conference's zone."""
    data, warnings = read_icalendar(
        (SCHEDULES / "event_dt_floating.ics").read_bytes(), "floating.ics", BERLIN
    )
    assert [(s["start"], s["end"]) for s in data["sessions"]] == [
        (datetime(2024, 6, 27, 8, 0, tzinfo=UTC), datetime(2024, 6, 27, 9, 0, tzinfo=UTC)),
        (
            datetime(2024, 6, 27, 9, 30, tzinfo=UTC),
            datetime(2024, 6, 27, 10, 15, tzinfo=UTC),
        ),  # DURATION:PT45M
    ]
    assert data["conference"]["time_zone"] == "Europe/Berlin"
    assert warnings == []


@pytest.mark.parametrize("given_zone", [None, NEW_YORK])
def test_x_wr_timezone_is_the_zone_of_floating_times(given_zone: ZoneInfo | None) -> None:
    """X-WR-TIMEZONE names the zone of the feed's clock times: a zone given for files that name none is not used."""
    path = SCHEDULES / "event_dt_floating_x_wr_timezone.ics"
    data, _ = read_icalendar(path.read_bytes(), "floating.ics", given_zone)
    assert data["sessions"][0]["start"] == datetime(2024, 6, 27, 8, 0, tzinfo=UTC)
    assert data["conference"]["time_zone"] == "Europe/Berlin"


@pytest.mark.parametrize(
    ("written", "zone", "note"),
    [
        ("Pacific Standard Time", "America/Los_Angeles", None),  # a Windows name, through icalendar's table
        ("Mars/Olympus_Mons", "UTC", "X-WR-TIMEZONE 'Mars/Olympus_Mons' is not a time zone; ignored"),
        ("Europe", "UTC", "X-WR-TIMEZONE 'Europe' is not a time zone; ignored"),  # a folder of zones
    ],
)
def test_x_wr_timezone_may_be_a_windows_name_and_an_unknown_one_is_ignored(
    written: str, zone: str, note: str | None
) -> None:
    """A Windows name in X-WR-TIMEZONE is its IANA zone; an unknown name is ignored with a note (the
    Sched feed's times are UTC, so they keep their instants either way)."""
    text = SCHED.read_bytes().replace(
        b"X-WR-TIMEZONE:America/Los_Angeles", f"X-WR-TIMEZONE:{written}".encode()
    )
    data, warnings = read_icalendar(text, "feed.ics")
    assert data["conference"]["time_zone"] == zone
    assert (note in warnings[0]) if note else not any("X-WR-TIMEZONE" in w for w in warnings)
    timed = [s for s in data["sessions"] if not s.get("all_day")]  # the expo's midnight is the zone's
    assert timed[1]["start"] == _utc("20241102T160000Z")


def test_the_most_common_tzid_is_the_conferences_zone() -> None:
    """pretalx writes TZID=Europe/Berlin: that is the zone; a UTC time keeps its instant; a floating one is
    read in Berlin with a note, or in the zone given."""
    path = SCHEDULES / "event_tzid_pretalx.ics"
    data, warnings = read_icalendar(path.read_bytes(), "democon.ics")
    assert data["conference"]["time_zone"] == "Europe/Berlin"
    assert data["conference"]["name"] == "democon"  # no X-WR-CALNAME: the file's name
    assert data["conference"].get("url") == "https://pretalx.example.org/democon/"  # RFC 7986 URL
    starts = {s["title"]: s["start"] for s in data["sessions"]}
    assert starts["Opening - Alice"] == datetime(2024, 6, 27, 8, 0, tzinfo=UTC)
    assert starts["Given in UTC"] == datetime(2024, 6, 27, 12, 0, tzinfo=UTC)
    assert starts["Floating clock time"] == datetime(2024, 6, 27, 13, 0, tzinfo=UTC)
    assert warnings == [
        "democon.ics: some events give clock times without a time zone; read in Europe/Berlin, "
        "the zone most events name (--time-zone chooses another)"
    ]
    data, warnings = read_icalendar(path.read_bytes(), "democon.ics", NEW_YORK)
    assert {s["title"]: s["start"] for s in data["sessions"]}["Floating clock time"] == datetime(
        2024, 6, 27, 19, 0, tzinfo=UTC
    )
    assert warnings == []


def test_a_windows_tzid_is_read_by_its_vtimezone_and_named_by_its_iana_zone() -> None:
    """Outlook's `W. Europe Standard Time`: instants from the feed's VTIMEZONE, shown as Europe/Berlin."""
    data, _ = read_icalendar((SCHEDULES / "event_tzid_windows.ics").read_bytes(), "outlook.ics")
    assert data["conference"]["time_zone"] == "Europe/Berlin"
    assert [s["start"] for s in data["sessions"]] == [
        datetime(2024, 10, 26, 8, 0, tzinfo=UTC),  # 10:00 CEST
        datetime(2024, 10, 27, 9, 0, tzinfo=UTC),  # 10:00 CET, after the clocks went back
    ]


def test_a_utc_only_feed_is_shown_in_utc_with_a_note_or_in_the_zone_given() -> None:
    """No zone named: UTC, with a note naming --time-zone; with a zone given, its days are that zone's dates."""
    text = (SCHEDULES / "event_utc_only.ics").read_bytes()
    data, warnings = read_icalendar(text, "meetup.ics")
    assert data["conference"]["time_zone"] == "UTC"
    assert [d["date"] for d in data.get("days", [])] == ["2024-05-01", "2024-05-02"]
    assert "names no time zone" in warnings[0]
    assert "--time-zone" in warnings[0]
    data, warnings = read_icalendar(text, "meetup.ics", NEW_YORK)
    assert data["conference"]["time_zone"] == "America/New_York"
    assert [d["date"] for d in data.get("days", [])] == ["2024-05-01"]  # 18:00 and 20:00 in New York
    assert [s["start"] for s in data["sessions"]] == [
        datetime(2024, 5, 1, 22, 0, tzinfo=UTC),
        datetime(2024, 5, 2, 0, 0, tzinfo=UTC),
    ]
    assert warnings == []


# -- recurring events --------------------------------------------------------------------------


def test_a_recurring_event_is_expanded_within_the_feeds_dates() -> None:
    """A daily stand-up with no end, an EXDATE and a changed instance: kept on the feed's dates only, the
    changed one at its own time and title, with a note that it goes on after them. A weekly call since
    2020 is there once: the feed's dates are its single events', not the first of a series."""
    path = SCHEDULES / "event_rrule_changed_instance.ics"
    data, warnings = read_icalendar(path.read_bytes(), "sprint.ics")
    stand_ups = [
        (s["title"], s["start"], s["end"], s["room"]) for s in data["sessions"] if "Stand-up" in s["title"]
    ]
    assert stand_ups == [
        (
            "Stand-up",
            datetime(2024, 6, 26, 7, 0, tzinfo=UTC),
            datetime(2024, 6, 26, 7, 15, tzinfo=UTC),
            "Room A",
        ),
        (
            "Stand-up (late, longer)",
            datetime(2024, 6, 28, 8, 0, tzinfo=UTC),
            datetime(2024, 6, 28, 8, 30, tzinfo=UTC),
            "Room B",
        ),
    ]
    assert [d["date"] for d in data.get("days", [])] == ["2024-06-26", "2024-06-28"]
    assert warnings == [
        "sprint.ics: event 'Stand-up' at 2024-06-26 09:00 repeats after the feed's last date (2024-06-28); "
        "only its times up to then are kept",
        "sprint.ics: event 'Weekly call, since 2020' at 2020-01-08 16:00 repeats from 2020-01-08, before the "
        "feed's first date (2024-06-26); only its times from then are kept",
        "sprint.ics: event 'Weekly call, since 2020' at 2020-01-08 16:00 repeats after the feed's last date "
        "(2024-06-28); only its times up to then are kept",
    ]
    calls = [s["start"] for s in data["sessions"] if s["title"].startswith("Weekly call")]
    assert calls == [datetime(2024, 6, 26, 14, 0, tzinfo=UTC)]
    ids = [s["id"] for s in data["sessions"]]
    assert len(set(ids)) == 6
    orphan = next(s for s in data["sessions"] if s["title"].startswith("A changed instance"))
    assert orphan["start"] == datetime(2024, 6, 26, 12, 0, tzinfo=UTC)  # kept as an event of its own


def test_an_instance_across_the_change_of_clocks_lasts_as_long_as_the_event() -> None:
    """22:00 to 04:00 nightly, twice; the second night loses an hour to summer time, yet lasts 6 hours
    (RFC 5545 3.8.5.3: an exact duration), ending 05:00 CEST, not at the clock time 04:00."""
    path = SCHEDULES / "event_rrule_across_clock_change.ics"
    data, warnings = read_icalendar(path.read_bytes(), "night.ics")
    assert [(s["start"], s["end"]) for s in data["sessions"]] == [
        (datetime(2024, 3, 29, 21, 0, tzinfo=UTC), datetime(2024, 3, 30, 3, 0, tzinfo=UTC)),
        (datetime(2024, 3, 30, 21, 0, tzinfo=UTC), datetime(2024, 3, 31, 3, 0, tzinfo=UTC)),
    ]
    assert warnings == []


# -- what is left out, and why ----------------------------------------------------------------


def test_each_broken_event_is_left_out_or_mended_with_a_warning_naming_it() -> None:
    """One event of each broken kind: the rest loads, and each is named with what was done."""
    data, warnings = read_icalendar((SCHEDULES / "event_broken_parts.ics").read_bytes(), "broken.ics")
    assert [s["title"] for s in data["sessions"]] == [
        "Without a UID",
        "Good talk",
        "Repeats after the feed's dates",
        "No end",
        "In the feed twice",
        "One UID for two talks (A)",
        "One UID for two talks (B)",
        "(untitled)",
    ]
    no_end = data["sessions"][3]
    assert no_end["end"] - no_end["start"] == timedelta(minutes=30)
    assert "page" not in no_end  # ftp:// is no web page
    said = "\n".join(warnings)
    for expected in [
        "event 'Called off' at 2024-06-27 16:00 is cancelled; left out",
        "event 'Unreadable start' has no readable start (DTSTART); left out",
        "event 'Ends before it starts' at 2024-06-27 14:00 ends at 2024-06-27 11:00 UTC, before it starts; left out",
        "event 'No end' at 2024-06-27 15:00 has no end; taken as 30 minutes",
        "has a URL that is not a web address (ftp://example.org/slides); left out",
        "event 'All month long' at 2024-06-01 10:00 lasts 29 days, a week or more: not a session; left out",
        "event 'Far future' at 2500-06-27 08:00 is dated 2500-06-27, outside 1900-2200; left out",
        "event 'Year one' at 0001-01-01 00:00 is dated 0001-01-01, outside 1900-2200; left out",
        "event 'Starts with a period' has no readable start (DTSTART); left out",
        "event 'Repeats by a broken rule' at 2024-06-27 11:00 repeats by a rule that can't be read",
        "event 'In the feed twice' at 2024-06-27 17:00 is in the feed twice; one is kept",
        "at 2024-06-27 19:00 has no SUMMARY; shown as '(untitled)'",
        "event 'Unreadable end' at 2024-06-27 12:00 has no readable end (DTEND or DURATION); left out",
        "event \"Repeats after the feed's dates\" at 2024-06-27 13:00 repeats after the feed's last date",
    ]:
        assert expected in said
    assert len(warnings) == 15
    assert len({s["id"] for s in data["sessions"]}) == 8
    again, _ = read_icalendar((SCHEDULES / "event_broken_parts.ics").read_bytes(), "broken.ics")
    assert [s["id"] for s in again["sessions"]] == [s["id"] for s in data["sessions"]]  # no UID: still stable


def test_a_title_or_room_over_1000_characters_is_cut_with_a_warning() -> None:
    """A SUMMARY or LOCATION of 2,000 characters is cut to 1,000, and a warning names the event."""
    text = (SCHEDULES / "event_utc_only.ics").read_bytes()
    text = text.replace(b"SUMMARY:Lightning talks", b"SUMMARY:" + b"talk " * 400).replace(
        b"LOCATION:Hall", b"LOCATION:" + b"H" * 2000, 1
    )
    data, warnings = read_icalendar(text, "meetup.ics", NEW_YORK)
    first = data["sessions"][0]
    assert (len(first["title"]), len(first.get("room", ""))) == (1000, 1000)
    assert f"meetup.ics: event {first['id']}'s SUMMARY has 1,999 characters; cut to 1,000" in warnings
    assert f"meetup.ics: event {first['id']}'s LOCATION has 2,000 characters; cut to 1,000" in warnings


def test_a_feed_of_all_day_events_only_lists_them_as_all_day() -> None:
    """An expo alone (a DATE, no DTEND: one day) is a program of one all-day session, 2024-11-02, in UTC."""
    text = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20241102\r\n"
        b"SUMMARY:Expo\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    data, _ = read_icalendar(text, "expo.ics")
    (expo,) = data["sessions"]
    assert expo.get("all_day") is True
    assert (expo["start"], expo["end"]) == (_utc("20241102T000000Z"), _utc("20241103T000000Z"))


def test_an_unreadable_file_is_refused_in_one_line() -> None:
    """A file that starts like a feed but isn't one: one line, no traceback."""
    with pytest.raises(DlcatError, match=r"^broken\.ics: not a readable iCalendar file"):
        read_icalendar(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "broken.ics")
    two_tzids = (
        (SCHEDULES / "event_tzid_windows.ics")
        .read_bytes()
        .replace(
            b"TZID:W. Europe Standard Time\r\n", b"TZID:W. Europe Standard Time\r\nTZID:Europe/Berlin\r\n", 1
        )
    )  # icalendar's parser fails on it with an AttributeError
    with pytest.raises(DlcatError, match=r"^outlook\.ics: not a readable iCalendar file"):
        read_icalendar(two_tzids, "outlook.ics")


def test_a_property_given_twice_is_read_as_its_first() -> None:
    """Two DTSTARTs or two SUMMARYs (RFC 5545 allows one): the first is read, not a list shown as text."""
    text = (SCHEDULES / "event_tzid_windows.ics").read_bytes()
    text = text.replace(b"SUMMARY:Before the clocks change\r\n", b"SUMMARY:Before\r\nSUMMARY:Again\r\n")
    text = text.replace(
        b"DTSTART;TZID=W. Europe Standard Time:20241026T100000\r\n",
        b"DTSTART;TZID=W. Europe Standard Time:20241026T100000\r\nDTSTART:20241026T120000Z\r\n",
    )
    data, _ = read_icalendar(text, "outlook.ics")
    assert (data["sessions"][0]["title"], data["sessions"][0]["start"]) == (
        "Before",
        datetime(2024, 10, 26, 8, 0, tzinfo=UTC),
    )


_ODD_LINES = [
    "DTSTART:x",
    "DTEND;VALUE=DATE:20240101",
    "DTSTART;VALUE=PERIOD:20240627T100000Z/PT1H",
    "DTEND;VALUE=TIME:100000",
    "DURATION:-PT1H",
    "RRULE:FREQ=DAILY;COUNT=0",
    "RRULE:FREQ=YEARLY;BYMONTH=13",
    "RDATE;VALUE=PERIOD:20240627T100000Z/PT1H",
    "EXDATE:garbage",
    "RECURRENCE-ID:20240627T090000Z",
    "RECURRENCE-ID;VALUE=DATE:20240627",
    "DTSTART;TZID=Europe/Berlin:00010101T000000",
    "DTEND:99991231T235959Z",
    "X-WR-TIMEZONE:Europe",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "UID:",
    "STATUS:cancelled",
]
_FEEDS = sorted(SCHEDULES.glob("*.ics"))


@given(
    st.sampled_from(_FEEDS),
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(["drop", "repeat", *_ODD_LINES])),
        min_size=1,
        max_size=5,
    ),
)
@settings(max_examples=150, deadline=None)
def test_a_damaged_feed_loads_or_is_refused_in_one_line(feed: Path, damage: list[tuple[int, str]]) -> None:
    """Lines dropped, repeated or replaced by odd ones: the feed loads (with warnings), or is refused in
    one line; never a traceback (found so: a VTIMEZONE with two TZIDs, a zone named "Europe")."""
    lines = feed.read_bytes().decode("utf-8").split("\r\n")
    for where, what in damage:
        at = where % len(lines)
        if what == "drop":
            del lines[at]
        elif what == "repeat":
            lines.insert(at, lines[at])
        else:
            lines.insert(at, what)
    message = ""
    try:
        read_icalendar("\r\n".join(lines).encode(), "damaged.ics", BERLIN)
    except DlcatError as refused:
        message = str(refused)
    assert "\n" not in message


# -- short ids ---------------------------------------------------------------------------------


def test_short_ids_grow_only_where_five_characters_repeat() -> None:
    """Among 20,000 keys some share their first 5 characters: those, and only those, get longer ids."""
    keys = [f"event-{n}@example.org" for n in range(20_000)]
    ids = short_ids(keys)
    assert len(set(ids)) == len(ids)
    longer = [i for i in ids if len(i) > SHORTEST_ID]
    assert longer  # the birthday problem: about 6 pairs are expected here
    prefixes = [i[:SHORTEST_ID] for i in ids]
    assert all(prefixes.count(i[:SHORTEST_ID]) > 1 for i in longer)


@given(st.lists(st.text(max_size=30), unique=True, max_size=40), st.randoms(use_true_random=False))
def test_short_ids_are_unique_typeable_and_independent_of_order(keys: list[str], shuffle: Any) -> None:
    """For any keys: distinct ids of 5 to 8 letters and digits, each the same whatever the keys' order."""
    ids = dict(zip(keys, short_ids(keys), strict=True))
    assert len(set(ids.values())) == len(keys)
    assert all(SHORTEST_ID <= len(i) <= LONGEST_ID and i.isascii() and i.isalnum() for i in ids.values())
    shuffled = list(keys)
    shuffle.shuffle(shuffled)
    assert dict(zip(shuffled, short_ids(shuffled), strict=True)) == ids


# -- the CLI -----------------------------------------------------------------------------------


def test_import_converts_a_feed_into_a_program_that_reads_back_the_same(tmp_path: Path) -> None:
    """`dlcat import feed.ics -o program.yaml`: the same ids, instants, rooms and titles as the feed."""
    target = tmp_path / "poss.yaml"
    result = run("import", str(SCHED), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr
    assert "all_day: true" in target.read_text(encoding="utf-8")  # the expo, kept as all-day
    assert (
        f"Wrote {target}: 32 sessions in 8 rooms over 2 days, time zone America/Los_Angeles" in result.stderr
    )

    def shown(path: Path) -> list[tuple[str, datetime, datetime, str, str]]:
        return [
            (s.id, s.start, s.end, s.showings[0].room.name, s.title, s.all_day)
            for s in load_program(path).sessions
        ]

    assert shown(target) == shown(SCHED)


def test_a_venue_file_with_a_feed_is_refused_in_one_line(tmp_path: Path) -> None:
    """--venue maps a schedule's rooms; a feed is read without one, and saying so beats ignoring it."""
    result = run("--program", str(SCHED), "--venue", str(SCHEDULES / "frab_quirks_venue.yaml"), "list")
    assert result.exit_code == 1
    assert "--venue is for schedule files" in result.stderr
    assert "is an iCalendar feed" in result.stderr


def test_reading_a_feed_and_listing_imports_the_libraries_only_when_needed(tmp_path: Path) -> None:
    """The bundled program, read afresh or cached, imports none of the feed libraries; a feed read
    once is cached, and listed again without them too."""
    script = (
        "import sys\n"
        "from dlcat_cli.__main__ import main\n"
        "sys.argv = ['dlcat', *sys.argv[1:], 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "print('LOADED', sorted(loaded & {'icalendar', 'x_wr_timezone', 'recurring_ical_events'}))\n"
    )

    def loaded(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
        )
        return done.stdout.splitlines()[-1]

    assert loaded() == "LOADED []"  # the first run reads program.yaml: program_data tests it for a feed
    assert loaded("--program", str(SCHED)) == "LOADED ['icalendar', 'recurring_ical_events', 'x_wr_timezone']"
    assert loaded("--program", str(SCHED)) == "LOADED []"  # from the cache


def test_a_rule_that_repeats_every_second_is_capped_not_waited_on() -> None:
    """RRULE:FREQ=SECONDLY over two days would be 172,800 sessions (a minute, half a gigabyte): the first
    1,000 are kept, with a note, and the other event is read as usual."""
    from dlcat_cli.formats.icalendar_in import MOST_INSTANCES, read_icalendar

    text = (Path(__file__).parent / "schedules" / "event_repeats_every_second.ics").read_bytes()
    data, warnings = read_icalendar(text, "tick.ics", None)
    titles = [s["title"] for s in data["sessions"]]
    assert titles.count("Tick") == MOST_INSTANCES
    assert titles.count("Talk") == 1
    assert any("repeats more than 1,000 times" in w for w in warnings)
