"""Read the open conference schedule formats (frab/pretalx "schedule" JSON and XML) into dlcat's program data.

The result is ProgramData (program_data.py), the shape a dlcat program file parses to, with each event's
start and end as exact instants and its day as the source lists it, plus warnings: program_file.py checks
it like any other program. Real files break their schema in small ways, so this reads leniently, by one
rule: an event that can't be understood is left out with a one-line warning naming it and why, and the
rest loads; what can be defaulted is, with a warning. A file is refused in one line only when nothing in
it can be read, or when it breaks a file limit (over 200 MB: files.py; nested deeper than 100 levels). XML is
parsed with defusedxml (no entity expansion, no DTD), so a "billion laughs" file is refused in one line.
Times and the conference's zone are schedule_times.py's; zone names zones.py's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import chain
from typing import Any, cast
from zoneinfo import ZoneInfo

from dlcat_cli.core.model import ids_in
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.files import check_size
from dlcat_cli.formats.limits import FIRST_YEAR, LARGEST_INTEGER, LAST_YEAR, LONGEST_NAME, MAX_DEPTH, WEEK
from dlcat_cli.formats.program_data import (
    BuildingData,
    ConferenceData,
    DayData,
    ProgramData,
    RoomData,
    SessionData,
    WalkingData,
)
from dlcat_cli.formats.schedule_times import (
    DAY,
    Zoning,
    choose_zone,
    day_of,
    duration,
    event_start,
    in_years,
    instant,
    listed_days,
    text_of,
)
from dlcat_cli.formats.text import as_utf8, clean_text, decode_entities
from dlcat_cli.i18n import _, shown

DEFAULT_WALK_MINUTES = 5
_VENUE = ""  # the one building of a schedule read without a venue file: rooms show by name alone


def looks_like_schedule(text: bytes) -> str | None:
    """ "json" or "xml" when `text` is a schedule file (UTF-8 or UTF-16, with or without BOM), else None
    (a dlcat YAML program)."""
    head = as_utf8(text[:65536], "", strict=False).lstrip()[:4096]
    if head.startswith(b"<"):
        return "xml"
    if head.startswith(b"{") and b'"schedule"' in as_utf8(text[:65536], "", strict=False):
        return "json"
    return None


def read_schedule(
    text: bytes, label: str, venue: Mapping[str, Any] | None = None, *, time_zone: ZoneInfo | None = None
) -> tuple[ProgramData, list[str]]:
    """(program data, warnings) for a schedule file's bytes; `venue` maps rooms to buildings, `time_zone`
    (--time-zone) reads and shows the times that have no offset."""
    check_size(text, label)
    text = as_utf8(text, label)
    kind = looks_like_schedule(text)
    notes: list[str] = []
    conference, listings, events = _from_xml(text, label, notes) if kind == "xml" else _from_json(text, label)
    if not events:
        raise DlcatError(_("{label}: no events found; is this a schedule file?").format(label=label))
    for position, event in enumerate(events):
        event["name"] = _event_name(event, position)
        event["moment"] = instant(event.get("date"))  # read once: the zone, the days and the event use it
    zoning = choose_zone(conference["time_zone_name"], events, time_zone, label)
    listed = listed_days(listings, events, conference, zoning, label, notes)
    left_out: list[str] = []
    sessions = list(_sessions(events, zoning, listed, _doors(events), label, notes, left_out))
    if not sessions:
        raise DlcatError(
            _("{label}: none of its {count} events could be read ({why}); is this a schedule file?").format(
                label=label, count=len(events), why=shown(left_out[0])
            )
        )
    # What matters most first (a summary shows the first few): how times were read, what was left out.
    counted = [
        f"{label}: {len(left_out)} of its {len(events)} events {'was' if len(left_out) == 1 else 'were'} left out"
    ]
    warnings = [
        *zoning.notes,
        *(counted if left_out else []),
        *(f"{label}: {why}" for why in left_out),
        *notes,
    ]
    days = [day for day in listed if day is not None]
    rooms = list(dict.fromkeys(s["room"] for s in sessions if "room" in s))
    capacities = conference.get("capacities", {})
    name = _name(conference.get("title")) or _name(conference.get("acronym")) or label
    short = _name(conference.get("acronym")) or _name(conference.get("title")) or label
    head: ConferenceData = {
        "id": _slug(text_of(conference.get("acronym")) or text_of(conference.get("title")) or "schedule"),
        "name": name,
        "short_name": short,
        "date": min(str(day["date"]) for day in days),
        "time_zone": zoning.zone.key,
    }
    if str(conference.get("url") or "").startswith(("https://", "http://")):
        head["url"] = _clean(conference["url"])
    room_data: list[RoomData] = []
    for room in rooms:
        room_data.append({"id": room, "name": room, "building": _VENUE})
        if capacities.get(room.casefold()):
            room_data[-1]["seats"] = capacities[room.casefold()]
    buildings, walking = _place_rooms(room_data, venue, label, name)
    data: ProgramData = {
        "schema": 1,
        "conference": head,
        "buildings": buildings,
        "walking": walking,
        "rooms": room_data,
        # Real schedules have events that overlap in one room (38C3 has two): keep them; the program
        # check then names each overlap as a note instead of refusing the file.
        "checks": {"room_overlaps": "warn"},
        "days": days,
        "sessions": sessions,
    }
    return data, warnings


# -- bytes: encodings and limits -------------------------------------------------------------


def _too_deep(node: Any, children: Any = None) -> bool:
    """Whether the tree under `node` is deeper than MAX_DEPTH levels, walked a level at a time (no recursion).
    `children` gives a node's children; without it a node is the iterable of its children (an XML element)."""
    level = [node]
    for _level in range(MAX_DEPTH):
        level = list(chain.from_iterable(level if children is None else map(children, level)))
        if not level:
            return False
    return True


def _refuse_depth(label: str) -> DlcatError:
    return DlcatError(
        _("{label}: refused: nested deeper than {levels} levels; schedule files need a few").format(
            label=label, levels=MAX_DEPTH
        )
    )


# -- the two formats -------------------------------------------------------------------------


# What each reader gives: the conference's fields, the days as listed (index, date, start, end: text as
# the file has it), and the events, each with the position of the day it is listed under ("listing"), the
# name of the room it is listed under ("door"), and its own room and that room's slug ("aliases").
Read = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]


class _HugeInteger(str):
    """A JSON integer too long to be a number anything in a schedule counts (kept as its digits)."""


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits) <= 19 else _HugeInteger(digits)


def _huge(value: int | str) -> bool:
    """A JSON number over 10^9 (true and false are ints to Python, and no number)."""
    return isinstance(value, _HugeInteger) or (
        not isinstance(value, bool) and abs(int(value)) > LARGEST_INTEGER
    )


def _json_children(node: Any) -> Any:
    if isinstance(node, dict):
        return node.values()
    return node if isinstance(node, list) else ()


def json_document(text: bytes, label: str, kind: str = "schedule JSON") -> Any:
    """A JSON schedule's document (`kind`: either JSON format), within the file limits: nested no deeper
    than MAX_DEPTH, integers no longer than Python reads. Raises a one-line DlcatError."""
    try:
        document = json.loads(
            text, parse_int=_integer, strict=False
        )  # a raw control character in a string: cleaned later
    except RecursionError:
        raise _refuse_depth(label) from None
    except ValueError as error:
        raise DlcatError(f"{label}: not a {kind} file: {error}") from None
    if _too_deep(document, _json_children):
        raise _refuse_depth(label)
    return document


def _from_json(text: bytes, label: str) -> Read:
    document = json_document(text, label)
    try:
        raw = document["schedule"]["conference"]
    except (KeyError, TypeError) as error:
        raise DlcatError(
            _("{label}: not a schedule JSON file ({kind}: {error}); expected schedule.conference").format(
                label=label, kind=type(error).__name__, error=error
            )
        ) from None
    if not isinstance(raw, dict):
        raise DlcatError(
            f"{label}: schedule.conference is {_shape(raw)}, not an object; is this a schedule file?"
        )
    rooms = [room for room in _listed(raw.get("rooms")) if isinstance(room, dict)]
    conference = {
        "acronym": text_of(raw.get("acronym")),
        "title": text_of(raw.get("title")),
        "time_zone_name": text_of(raw.get("time_zone_name")),
        "url": text_of(raw.get("url") or _mapping(document["schedule"]).get("base_url")),
        "day_change": text_of(raw.get("day_change")),
        "capacities": {
            _name(room.get("name")).casefold(): room.get("capacity")
            for room in rooms
            if _seats(room.get("capacity"))
        },
    }
    slugs = {text_of(room.get("slug")): text_of(room.get("name")) for room in rooms if room.get("slug")}
    # Parts not in the schedule's shape (a day that is not an object, a room's events that are not a
    # list) are passed over: whatever events remain are read, and none at all is an error later.
    listings: list[dict[str, Any]] = []
    events = []
    for entry in _listed(raw.get("days")):
        day = _mapping(entry)
        listings.append(
            {
                "index": day.get("index"),
                "date": text_of(day.get("date")),
                "start": text_of(day.get("day_start")),
                "end": text_of(day.get("day_end")),
            }
        )
        for room_name, room_events in _mapping(day.get("rooms")).items():
            for event in _listed(room_events):
                if isinstance(event, dict):
                    persons = [
                        text_of(p.get("public_name") or p.get("name")) if isinstance(p, dict) else text_of(p)
                        for p in _listed(event.get("persons"))
                    ]
                    own = text_of(event.get("room"))
                    events.append(
                        {
                            **event,
                            "too_large": next(
                                (
                                    (k, v)
                                    for k, v in event.items()
                                    if isinstance(v, int | _HugeInteger) and _huge(v)
                                ),
                                None,
                            ),
                            "door": room_name,
                            "aliases": (own, *(s for s, n in slugs.items() if n == room_name)),
                            "persons": persons,
                            "day": day.get("date"),
                            "listing": len(listings) - 1,
                        }
                    )
    return conference, listings, events


def _seats(capacity: Any) -> bool:
    """A capacity worth showing: a whole number of seats (not true, 0 or -3, which some files hold)."""
    return isinstance(capacity, int) and not isinstance(capacity, bool) and 0 < capacity <= LARGEST_INTEGER


def _mapping(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one in its place when the file has something else there."""
    return value if isinstance(value, dict) else {}


def _listed(value: Any) -> list[Any]:
    """A JSON array, or an empty one in its place when the file has something else there."""
    return value if isinstance(value, list) else []


def _shape(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _parsed_xml(text: bytes, label: str) -> Any:
    """The XML's root element; raises ParseError, or a DlcatError for a DTD, entities or an unknown encoding."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        if _without_dtd(text):
            from xml.etree.ElementTree import fromstring as parse_plain

            return parse_plain(text)
        return fromstring(text, forbid_dtd=True)
    except DefusedXmlException as error:
        raise DlcatError(
            _(
                "{label}: refused: the XML declares entities or a DTD ({kind}); schedule files need neither"
            ).format(label=label, kind=type(error).__name__)
        ) from None
    except LookupError as error:  # the declaration names an encoding Python doesn't know
        raise DlcatError(
            _("{label}: not valid XML: {error}; save the file as UTF-8").format(
                label=label, error=clean_text(str(error))[:80]
            )
        ) from None


_XML_ENTITIES = frozenset(("amp", "lt", "gt", "quot", "apos"))


def _mended_xml(text: bytes) -> tuple[bytes, int]:
    """(the XML with what generators get wrong put right, how many places): a control character XML 1.0
    forbids becomes a space, an HTML entity XML does not know (&nbsp;) its character reference, and a bare &
    (AT&T) &amp;. Only tried when the file as written does not parse."""
    import re
    from html.entities import name2codepoint

    mends = 0

    def control(found: re.Match[bytes]) -> bytes:
        nonlocal mends
        mends += 1
        return b" "

    def ampersand(found: re.Match[bytes]) -> bytes:
        nonlocal mends
        reference = found.group(1)
        if reference is not None:
            name = reference[:-1].decode("ascii")
            if name.startswith("#") or name in _XML_ENTITIES:
                return found.group(0)
            if name in name2codepoint:
                mends += 1
                return b"&#%d;" % name2codepoint[name]
        mends += 1
        return b"&amp;" + (reference or b"")

    mended = re.sub(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", control, text)
    mended = re.sub(rb"&(#[0-9]{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?", ampersand, mended)
    return mended, mends


def _without_dtd(text: bytes) -> bool:
    """Whether `text` can hold no DTD, and so no entity: it has no `<!DOCTYPE` or `<!ENTITY` anywhere, and
    expat reads it as UTF-8 (no NUL bytes that would make it UTF-16, no other encoding declared, in which
    those words would be other bytes). Such a file is parsed by ElementTree's C parser, as safe as defusedxml
    there and a third faster on 38C3 (defusedxml's parser builds the tree through Python callbacks)."""
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text or b"\x00" in text[:64]:
        return False
    head = text[:256].lstrip()
    if not head.startswith(b"<?xml"):
        return head.startswith(b"<")
    declaration = head.split(b"?>", 1)[0].lower()
    at = declaration.find(b"encoding")
    if at < 0:
        return True
    value = declaration[at + len(b"encoding") :].lstrip(b" \t\r\n=")  # b'"utf-8" standalone="yes"'
    return value[:1] in (b'"', b"'") and value[1:].split(value[:1], 1)[0] in (b"utf-8", b"utf8")


def _from_xml(text: bytes, label: str, notes: list[str]) -> Read:
    from defusedxml.ElementTree import ParseError

    try:
        root = _parsed_xml(text, label)
    except ParseError as error:
        mended, mends = _mended_xml(text)
        try:
            root = _parsed_xml(mended, label) if mends else None
        except ParseError:
            root = None
        if root is None:
            raise DlcatError(
                _("{label}: not valid XML: {error}; fix the file there").format(label=label, error=error)
            ) from None
        notes.append(
            f"{label}: not valid XML as written ({error}): {mends} read as meant "
            "(HTML entities such as &nbsp;, a bare &, control characters)"
        )
    if _too_deep(root):
        raise _refuse_depth(label)
    if root.tag != "schedule":
        raise DlcatError(
            _("{label}: the XML root is <{root}>, not <schedule>; is this a frab/pretalx schedule?").format(
                label=label, root=clean_text(str(root.tag))[:40]
            )
        )
    head = root.find("conference")
    conference = {
        "acronym": text_of(head.findtext("acronym")) if head is not None else "",
        "title": text_of(head.findtext("title")) if head is not None else "",
        "time_zone_name": text_of(head.findtext("time_zone_name")) if head is not None else "",
        "url": text_of(head.findtext("url") or head.findtext("base_url")) if head is not None else "",
        "day_change": text_of(head.findtext("day_change")) if head is not None else "",
    }
    listings: list[dict[str, Any]] = []
    events = []
    for day in root.iter("day"):
        listings.append(
            {
                "index": day.get("index"),
                "date": text_of(day.get("date")),
                "start": text_of(day.get("start")),
                "end": text_of(day.get("end")),
            }
        )
        for room in day.iter("room"):
            door = text_of(room.get("name"))
            for event in room.iter("event"):
                fields: dict[str, Any] = {
                    child.tag: text_of(child.text) for child in event if len(child) == 0
                }
                fields["persons"] = [text_of(p.text) for p in event.iter("person")]
                fields["id"] = event.get("id") or fields.get("id")
                fields["guid"] = event.get("guid") or fields.get("guid")
                fields["door"] = door
                fields["aliases"] = (text_of(fields.get("room")), text_of(room.get("slug")))
                fields["day"] = day.get("date")
                fields["listing"] = len(listings) - 1
                events.append(fields)
    stray = sum(1 for _ in root.iter("event")) - len(events)
    if stray > 0:  # directly under <day>, or outside any day: a frab file puts each in a room of a day
        notes.append(
            f"{label}: {stray} event{'' if stray == 1 else 's'} not inside a <room> of a <day>; left out "
            "(a schedule lists each event in the room of the day it is on)"
        )
    return conference, listings, events


# -- rooms -----------------------------------------------------------------------------------


def _doors(events: list[dict[str, Any]]) -> dict[str, str]:
    """Each way a room is named (its slug, an event's own room) -> the name on its door: the name of the
    room the file lists the event under. Keys are folded (case and spacing)."""
    doors: dict[str, str] = {}
    named = [(_name(event.get("door")), event.get("aliases", ())) for event in events]
    for door, _aliases in named:
        if door:
            doors.setdefault(door.casefold(), door)
    for door, aliases in named:
        if door:
            on_door = doors[door.casefold()]
            for alias in map(_name, aliases):
                if alias:
                    doors.setdefault(alias.casefold(), on_door)
    return doors


# -- events ----------------------------------------------------------------------------------


_TAGS = (("track", "its track"), ("type", "its type"), ("language", "its language"))  # tags, in order


class _LeftOut(Exception):
    """Why an event can't be read; it is left out with a warning."""


def _event_name(event: Mapping[str, Any], position: int) -> str:
    """`event 12` (its id, slug or guid, or its place in the file): how warnings name it."""
    given = text_of(event.get("id")) or text_of(event.get("slug")) or text_of(event.get("guid"))
    given = given if given.isprintable() else _clean(given)
    return f"event {given[:40] or position + 1}"


def _sessions(
    events: list[dict[str, Any]],
    zoning: Zoning,
    days: list[DayData | None],
    doors: Mapping[str, str],
    label: str,
    warnings: list[str],
    left_out: list[str],
) -> Iterator[SessionData]:
    seen_ids: dict[str, int] = {}
    seen_guids: set[str] = set()
    seen: set[tuple[Any, ...]] = set()
    for event in events:
        name = event["name"]
        notes: list[str] = []
        title = _name(event.get("title"), notes, name, "its title") or "(untitled)"
        named = f"{name} ({title[:80]})"
        try:
            session, given = _session(event, title, zoning, days[event["listing"]], doors, named, notes)
        except _LeftOut as why:
            left_out.append(f"{named} left out: {why}")
            continue
        if title == "(untitled)":
            notes.insert(0, f"{name} has no title; shown as '(untitled)'")
        same = (given, session["start"], session["end"], session["room"], title, *session.get("speakers", []))
        if same in seen:
            warnings.append(f"{label}: {named} is listed twice, exactly alike; one is kept")
            continue
        seen.add(same)
        event_id = "-".join(ids_in(given)) or str(len(seen))  # "13 b" -> "13-b": ids are typed in lists
        if event_id in seen_ids:
            seen_ids[event_id] += 1
            notes.append(f"{name} repeats an id; this one is {event_id}-{seen_ids[event_id]}")
            event_id = f"{event_id}-{seen_ids[event_id]}"
        else:
            seen_ids[event_id] = 1
        session["id"] = event_id
        guid = text_of(event.get("guid"))
        if guid and guid in seen_guids:
            notes.append(f"{name} repeats guid {_clean(guid)}")
        seen_guids.add(guid)
        if notes:
            warnings.extend(f"{label}: {note}" for note in notes)
        yield session


def _session(
    event: dict[str, Any],
    title: str,
    zoning: Zoning,
    day: DayData | None,
    doors: Mapping[str, str],
    named: str,
    notes: list[str],
) -> tuple[SessionData, str]:
    """The session `event` is, and the id it gives; raises _LeftOut saying why it can't be read."""
    too_large = event.get("too_large")
    if too_large is not None:
        key, value = too_large
        raise _LeftOut(f"its {_clean(key)[:20]} {str(value)[:24]} is a number over 10^9")
    given_id = text_of(event.get("id"))
    if given_id.isdecimal() and (len(given_id) > 10 or int(given_id) > LARGEST_INTEGER):
        raise _LeftOut(f"its id {given_id[:24]} is a number over 10^9")
    written = text_of(event.get("date"))
    moment = event["moment"]
    if (moment is not None and not in_years(moment)) or (moment is None and _out_of_years(written)):
        raise _LeftOut(f"its date {_clean(written)[:40]} is outside {FIRST_YEAR}-{LAST_YEAR}")
    if day is None:
        raise _LeftOut("its day has no readable date")
    start = event_start(event, day, zoning)
    if start is None:
        raise _LeftOut(
            f"it has no readable date or start time (date {_clean(written)[:40]!r}, "
            f"start {_clean(event.get('start'))[:20]!r})"
        )
    if written and moment is None and day_of(written) is None:
        notes.append(
            f"{named}: its date {_clean(written)[:40]!r} can't be read; taken as "
            f"{start.astimezone(zoning.zone):%Y-%m-%d %H:%M}, its start on its day"
        )
    length = duration(event.get("duration"))
    if length is None:
        notes.append(f"{named} has no usable duration {_clean(event.get('duration'))[:20]!r}; taken as 0:30")
        length_of = timedelta(minutes=30)
    elif length.length >= WEEK:
        raise _LeftOut(
            f"its duration {_clean(event.get('duration'))[:20]!r} ({length.reading}) is a week or more"
        )
    else:
        length_of = length.length
        if length_of > DAY:
            notes.append(
                f"{named} lasts {_lasting(length_of)}: {_clean(event.get('duration'))!r} read as {length.reading}"
            )
    room = _name(event.get("door"), notes, named, "its room")
    if not room:
        own = _name(next(iter(event.get("aliases", ())), ""), notes, named, "its room")
        room = doors.get(own.casefold(), own)
    if not room:
        raise _LeftOut("it has no room")
    written_id = text_of(event.get("id")) or text_of(event.get("slug")) or text_of(event.get("guid"))
    given = written_id if written_id.isprintable() else " ".join(clean_text(written_id).split())
    if given != written_id:
        typed = "-".join(ids_in(given))  # as _sessions makes it (before a repeat's -2)
        notes.append(f"{named}: its id held control or invisible characters; read as {typed!r}")
    end = start + length_of
    day_end = day.get("end")
    if isinstance(day_end, datetime) and end > day_end:
        past = "starts after" if start >= day_end else "runs past"
        notes.append(
            f"{named} {past} the end of day {day.get('number')} "
            f"({day_end.astimezone(zoning.zone):%Y-%m-%d %H:%M}); kept whole"
        )
    speakers = [
        p for p in (_name(x, notes, named, "a speaker's name") for x in event.get("persons") or []) if p
    ]
    session: SessionData = {
        "id": given,
        "room": room,
        "day": day.get("number", 1),
        "start": start.astimezone(UTC),
        "end": end.astimezone(UTC),
        "title": title,
        "speakers": list(dict.fromkeys(speakers)),
        "kind": _kind(text_of(event.get("type"))),
        "tags": list(
            dict.fromkeys(t for t in (_name(event.get(key), notes, named, what) for key, what in _TAGS) if t)
        ),
    }
    guid = _clean(event.get("guid"))[:LONGEST_NAME]
    if guid:
        session["guid"] = guid
    subtitle = _name(event.get("subtitle"), notes, named, "its subtitle")
    if subtitle:
        session["subtitle"] = subtitle
    url = _clean(event.get("url"))
    if url.startswith(("https://", "http://")):
        session["page"] = url
    elif url:
        notes.append(f"{named.split(' (')[0]} has a link that is not a web address ({url[:80]}); left out")
    return session, given


def _out_of_years(written: str) -> bool:
    """A date written with a year outside 1900-2200 (which a datetime may not even hold: 99999-01-01)."""
    found = re.match(r"\s*([+-]?\d{4,})-\d", written)
    return found is not None and not FIRST_YEAR <= int(found.group(1)[:9]) <= LAST_YEAR


def _lasting(length: timedelta) -> str:
    """`1 day 2 h`, `2 days`, `1 day 30 min`."""
    hours, seconds = divmod(length.seconds, 3600)
    parts = [f"{length.days} day{'s' if length.days != 1 else ''}"]
    if hours:
        parts.append(f"{hours} h")
    if seconds // 60:
        parts.append(f"{seconds // 60} min")
    return " ".join(parts)


def _kind(kind: str) -> str:
    lowered = kind.casefold()
    if "workshop" in lowered or "hands" in lowered or "lab" in lowered:
        return "hands-on"
    if "panel" in lowered:
        return "panel"
    return "talk"


# -- rooms to buildings ----------------------------------------------------------------------


def _place_rooms(
    rooms: list[RoomData], venue: Mapping[str, Any] | None, label: str, title: str
) -> tuple[dict[str, BuildingData], WalkingData]:
    """Buildings and walking times from the venue file (each room's building set in `rooms`), or one
    building with a default walk between rooms. The venue file's sections are checked with the program."""
    if venue is None:
        walking: WalkingData = {
            "within_building": {"minutes": DEFAULT_WALK_MINUTES},
            "note": f"no venue file: all rooms are taken as one building, {DEFAULT_WALK_MINUTES} min apart",
        }
        return {_VENUE: {"name": title or "Venue"}}, walking
    mapping = venue.get("rooms") or {}
    if not isinstance(mapping, dict):
        raise DlcatError(_("venue file: rooms must map each room name to a building, e.g. 'Saal 1: Main'"))
    for room in rooms:
        building = mapping.get(room["id"])
        if building is None:
            raise DlcatError(
                _(
                    "venue file: room {room!r} of {label} is not listed; add it under rooms with its building"
                ).format(room=room["id"], label=label)
            )
        room["building"] = str(building)
    return cast(dict[str, BuildingData], venue.get("buildings") or {}), cast(
        WalkingData, venue.get("walking") or {}
    )


# -- text ------------------------------------------------------------------------------------


def _clean(value: Any) -> str:
    """One line of text: no control or invisible characters (text.clean_text), XML's indentation folded away."""
    return " ".join(clean_text(text_of(value)).split())


def _name(value: Any, notes: list[str] | None = None, named: str = "", what: str = "") -> str:
    """A title, name or room as shown: HTML entities decoded, cleaned to one line, and cut at LONGEST_NAME
    characters (noted in `notes`: "`named`: `what` has 1,817 characters")."""
    text = _shown(value if type(value) is str else text_of(value))
    if len(text) > LONGEST_NAME:
        if notes is not None:
            notes.append(f"{named}: {what} has {len(text):,} characters; cut to {LONGEST_NAME:,}")
        text = text[: LONGEST_NAME - 1].rstrip() + "…"
    return text


@cache  # rooms, tracks, types and speakers repeat: each is made once
def _shown(text: str) -> str:
    """`text` decoded, cleaned and on one line; plain text, nearly all of it, takes the three quick tests."""
    text = text.strip()
    if "&" in text:
        text = decode_entities(text)
    if not text.isprintable():
        return " ".join(clean_text(text).split())
    return " ".join(text.split()) if "  " in text else text


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-").lower()[:60] or "schedule"
