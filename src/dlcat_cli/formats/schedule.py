"""Read the open conference schedule formats (frab/pretalx "schedule" JSON and XML) into dlcat's program data.

The result is ProgramData (program_data.py), the shape a dlcat program file parses to, with each event's
start and end as exact instants and its day as the source lists it, plus warnings: program_file.py checks
it like any other program. Real files break their schema in small ways, so this reads leniently: what can be
defaulted is, with a warning; only what can't be understood is refused, naming the event. XML is parsed
with defusedxml (no entity expansion, no DTD), so a "billion laughs" file is refused in one line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dlcat_cli.core.model import ids_in, start_of_date
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.program_data import (
    BuildingData,
    ConferenceData,
    DayData,
    ProgramData,
    RoomData,
    SessionData,
    WalkingData,
)
from dlcat_cli.formats.text import clean_text

DEFAULT_WALK_MINUTES = 5
_VENUE = ""  # the one building of a schedule read without a venue file: rooms show by name alone


def looks_like_schedule(text: bytes) -> str | None:
    """ "json" or "xml" when `text` is a schedule file, else None (a dlcat YAML program)."""
    head = text.lstrip()[:4096]
    if head.startswith(b"<"):
        return "xml"
    if head.startswith(b"{") and b'"schedule"' in text[:65536]:
        return "json"
    return None


def read_schedule(
    text: bytes, label: str, venue: Mapping[str, Any] | None = None
) -> tuple[ProgramData, list[str]]:
    """(program data, warnings) for a schedule file's bytes; `venue` maps rooms to buildings."""
    kind = looks_like_schedule(text)
    conference, listings, events = _from_xml(text, label) if kind == "xml" else _from_json(text, label)
    warnings: list[str] = []
    zone, note = _zone(conference, events, label)
    if note:
        warnings.append(note)
    listed = _days(listings, events, conference, zone, label, warnings)
    sessions = list(_sessions(events, zone, listed, label, warnings))
    if not sessions:
        raise DlcatError(f"{label}: no events found; is this a schedule file?")
    days = [day for day in listed if day is not None]
    rooms = list(dict.fromkeys(s["room"] for s in sessions if "room" in s))
    capacities = conference.get("capacities", {})
    name = conference.get("title") or conference.get("acronym") or label
    head: ConferenceData = {
        "id": _slug(conference.get("acronym") or conference.get("title") or "schedule"),
        "name": name,
        "short_name": conference.get("acronym") or conference.get("title") or label,
        "date": min(day["date"] for day in days),
        "time_zone": zone.key,
    }
    if str(conference.get("url") or "").startswith(("https://", "http://")):
        head["url"] = conference["url"]
    room_data: list[RoomData] = []
    for room in rooms:
        room_data.append({"id": room, "name": room, "building": _VENUE})
        if capacities.get(room):
            room_data[-1]["seats"] = capacities[room]
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


# -- the two formats -------------------------------------------------------------------------


# What each reader gives: the conference's fields, the days as listed (index, date, start, end: text as
# the file has it), and the events, each with the position of the day it is listed under ("listing").
Read = tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]


def _from_json(text: bytes, label: str) -> Read:
    try:
        document = json.loads(text)
        raw = document["schedule"]["conference"]
    except (ValueError, KeyError, TypeError) as error:
        raise DlcatError(
            f"{label}: not a schedule JSON file ({type(error).__name__}: {error}); expected schedule.conference"
        ) from None
    if not isinstance(raw, dict):
        raise DlcatError(
            f"{label}: schedule.conference is {_shape(raw)}, not an object; is this a schedule file?"
        )
    conference = {
        "acronym": _str(raw.get("acronym")),
        "title": _str(raw.get("title")),
        "time_zone_name": _str(raw.get("time_zone_name")),
        "url": _str(raw.get("url") or _mapping(document["schedule"]).get("base_url")),
        "day_change": _str(raw.get("day_change")),
        "capacities": {
            _str(room.get("name")): room.get("capacity")
            for room in _listed(raw.get("rooms"))
            if isinstance(room, dict) and _seats(room.get("capacity"))
        },
    }
    # Parts not in the schedule's shape (a day that is not an object, a room's events that are not a
    # list) are passed over: whatever events remain are read, and none at all is an error later.
    listings: list[dict[str, Any]] = []
    events = []
    for entry in _listed(raw.get("days")):
        day = _mapping(entry)
        listings.append(
            {
                "index": day.get("index"),
                "date": _str(day.get("date")),
                "start": _str(day.get("day_start")),
                "end": _str(day.get("day_end")),
            }
        )
        for room_name, room_events in _mapping(day.get("rooms")).items():
            for event in _listed(room_events):
                if isinstance(event, dict):
                    persons = [
                        _str(p.get("public_name") or p.get("name")) if isinstance(p, dict) else _str(p)
                        for p in _listed(event.get("persons"))
                    ]
                    events.append(
                        {
                            **event,
                            "room": event.get("room") or room_name,
                            "persons": persons,
                            "day": day.get("date"),
                            "listing": len(listings) - 1,
                        }
                    )
    return conference, listings, events


def _seats(capacity: Any) -> bool:
    """A capacity worth showing: a whole number of seats (not true, 0 or -3, which some files hold)."""
    return isinstance(capacity, int) and not isinstance(capacity, bool) and capacity > 0


def _mapping(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one in its place when the file has something else there."""
    return value if isinstance(value, dict) else {}


def _listed(value: Any) -> list[Any]:
    """A JSON array, or an empty one in its place when the file has something else there."""
    return value if isinstance(value, list) else []


def _shape(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _from_xml(text: bytes, label: str) -> Read:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(text, forbid_dtd=True)
    except DefusedXmlException as error:
        raise DlcatError(
            f"{label}: refused: the XML declares entities or a DTD ({type(error).__name__}); schedule files need neither"
        ) from None
    except ParseError as error:
        raise DlcatError(f"{label}: not valid XML: {error}") from None
    if root.tag != "schedule":
        raise DlcatError(
            f"{label}: the XML root is <{root.tag}>, not <schedule>; is this a frab/pretalx schedule?"
        )
    head = root.find("conference")
    conference = {
        "acronym": _str(head.findtext("acronym")) if head is not None else "",
        "title": _str(head.findtext("title")) if head is not None else "",
        "time_zone_name": _str(head.findtext("time_zone_name")) if head is not None else "",
        "url": _str(head.findtext("url") or head.findtext("base_url")) if head is not None else "",
        "day_change": _str(head.findtext("day_change")) if head is not None else "",
    }
    listings: list[dict[str, Any]] = []
    events = []
    for day in root.iter("day"):
        listings.append(
            {
                "index": day.get("index"),
                "date": _str(day.get("date")),
                "start": _str(day.get("start")),
                "end": _str(day.get("end")),
            }
        )
        for room in day.iter("room"):
            for event in room.iter("event"):
                fields: dict[str, Any] = {child.tag: _str(child.text) for child in event if len(child) == 0}
                fields["persons"] = [_str(p.text) for p in event.iter("person")]
                fields["id"] = event.get("id") or fields.get("id")
                fields["guid"] = event.get("guid") or fields.get("guid")
                fields["room"] = fields.get("room") or room.get("name")
                fields["day"] = day.get("date")
                fields["listing"] = len(listings) - 1
                events.append(fields)
    return conference, listings, events


# -- times -----------------------------------------------------------------------------------


def _zone(
    conference: Mapping[str, Any], events: list[dict[str, Any]], label: str
) -> tuple[ZoneInfo, str | None]:
    """The conference's zone: time_zone_name, unless the events' own offsets say otherwise."""
    name = conference.get("time_zone_name") or ""
    try:
        named: ZoneInfo | None = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        named = None
    stamped: list[tuple[dict[str, Any], datetime]] = []
    for event in events:
        moment = _instant(event.get("date"))
        if moment is not None and moment.tzinfo is not None:
            stamped.append((event, moment))
    if named is not None and all(_clock_agrees(e, moment, named) for e, moment in stamped):
        return named, None
    offsets = {moment.utcoffset() for _, moment in stamped}
    if len(offsets) == 1:
        (offset,) = offsets
        assert offset is not None
        fixed = _fixed_zone(offset)
        if fixed is not None:
            said = f"time_zone_name is {name!r}" if name else "there is no time_zone_name"
            example = stamped[0][0]
            return fixed, (
                f"{label}: {said}, but the event times carry {_offset(offset)} (event {example.get('id')} at "
                f"{example.get('date')}); trusting the offsets: times are in UTC{_offset(offset)}"
            )
    if named is not None:
        return named, f"{label}: some event times disagree with time_zone_name {name!r}; using {name}"
    raise DlcatError(
        f"{label}: no usable time zone: time_zone_name {name!r} is unknown and the event offsets vary; fix time_zone_name"
    )


def _instant(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _clock_agrees(event: Mapping[str, Any], moment: datetime, zone: ZoneInfo) -> bool:
    start = _str(event.get("start"))
    return not start or moment.astimezone(zone).strftime("%H:%M") == _hhmm(start)


def _hhmm(text: str) -> str:
    parts = text.split(":")
    return (
        f"{int(parts[0]):02d}:{int(parts[1]):02d}"
        if len(parts) >= 2 and parts[0].isdecimal() and parts[1].isdecimal()
        else text
    )


def _fixed_zone(offset: timedelta) -> ZoneInfo | None:
    """An IANA zone for a whole-hour offset (Etc/GMT-1 is UTC+01:00: the sign is POSIX's)."""
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest:
        return None
    return ZoneInfo("Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}")


def _offset(offset: timedelta) -> str:
    """+01:00, -03:30."""
    total = int(offset.total_seconds()) // 60
    hours, minutes = divmod(abs(total), 60)
    return f"{'+' if total >= 0 else '-'}{hours:02d}:{minutes:02d}"


def _minutes(text: Any) -> int | None:
    """Minutes in a duration "HH:MM" or "HH:MM:SS"; None if unreadable."""
    parts = _str(text).split(":")
    if len(parts) not in (2, 3) or not all(p.isdecimal() for p in parts):
        return None
    return int(parts[0]) * 60 + int(parts[1])


# -- days ------------------------------------------------------------------------------------


def _days(
    listings: list[dict[str, Any]],
    events: list[dict[str, Any]],
    conference: Mapping[str, Any],
    zone: ZoneInfo,
    label: str,
    warnings: list[str],
) -> list[DayData | None]:
    """The conference's own days, one for each day the file lists, in its order: its number (the file's
    index), date, and span: the day's own start and end, else the conference's day_change ("04:00": from
    that hour to the same hour the next day), else midnight to midnight. None for a day with no readable
    date and no events to date it by.
    """
    indices = [_index(listing.get("index")) for listing in listings]
    numbered = [i for i in indices if i is not None]
    own = len(numbered) == len(indices) and all(a < b for a, b in pairwise([0, *numbered]))
    if listings and not own:
        warnings.append(
            f"{label}: the days' indices ({', '.join(str(listing.get('index')) for listing in listings)}) "
            "are not numbers from 1 up, in order; days are numbered as listed"
        )
    change = _clock(conference.get("day_change"))
    days: list[DayData | None] = []
    for position, listing in enumerate(listings):
        on = _date(listing.get("date"))
        if on is None:
            starts = [_start(e, zone) for e in events if e.get("listing") == position]
            first = min((s for s in starts if s is not None), default=None)
            if first is None:
                warnings.append(
                    f"{label}: day {listing.get('index')} has no readable date and no events; left out"
                )
                days.append(None)
                continue
            on = first.astimezone(zone).date()
        start = _moment_or(listing.get("start"), zone, _at(on, change, zone))
        end = _moment_or(listing.get("end"), zone, _at(on + timedelta(days=1), change, zone), day_end=True)
        if end <= start:
            warnings.append(
                f"{label}: day {listing.get('index')} ends before it starts; taken as a whole day"
            )
            start, end = _at(on, change, zone), _at(on + timedelta(days=1), change, zone)
        before = next((day for day in reversed(days) if day is not None), None)
        overlapped = before.get("end") if before is not None else None
        if before is not None and isinstance(overlapped, datetime) and overlapped > start:
            warnings.append(
                f"{label}: day {before.get('number')} ends after day {listing.get('index')} starts; "
                f"taken to end at {start.astimezone(zone):%Y-%m-%d %H:%M}"
            )
            before["end"] = start
        number = indices[position] if own else None
        days.append({"number": number or position + 1, "date": on.isoformat(), "start": start, "end": end})
    return days


def _index(value: Any) -> int | None:
    text = _str(value)
    return int(text) if text.isdecimal() and text.isascii() else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(_str(value)[:10])
    except ValueError:
        return None


def _clock(value: Any) -> time | None:
    """A time of day "04:00" or "04:00:00" (a day_change), or None."""
    try:
        return datetime.strptime(_hhmm(_str(value)), "%H:%M").time()
    except ValueError:
        return None


def _at(on: date, clock: time | None, zone: ZoneInfo) -> datetime:
    """`clock` on `on` in the conference's zone, as an instant in UTC; midnight (the date's start) without one."""
    if clock is None:
        return start_of_date(on, zone)
    return datetime.combine(on, clock, tzinfo=zone).astimezone(UTC)


def _moment_or(value: Any, zone: ZoneInfo, default: datetime, *, day_end: bool = False) -> datetime:
    """A day's start or end as the file gives it (an offset's, or else the conference's zone), or `default`.

    pretalx and frab end a day a minute or a second before the next begins (03:59 for 04:00, 21:29:59
    for 21:30): a `day_end` on a 59th minute or second is taken as the whole minute after it.
    """
    moment = _instant(value)
    if moment is None:
        return default
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    moment = moment.astimezone(UTC)
    if day_end and (moment.second == 59 or (moment.second == 0 and moment.minute == 59)):
        moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment


# -- events ----------------------------------------------------------------------------------


def _sessions(
    events: list[dict[str, Any]], zone: ZoneInfo, days: list[DayData | None], label: str, warnings: list[str]
) -> Iterator[SessionData]:
    seen_ids: dict[str, int] = {}
    seen_guids: set[str] = set()
    for index, event in enumerate(events):
        name = f"event {event.get('id') or event.get('guid') or index + 1}"
        title = _clean(event.get("title"))
        if not title:
            warnings.append(f"{label}: {name} has no title; shown as '(untitled)'")
            title = "(untitled)"
        start = _start(event, zone)
        if start is None:
            raise DlcatError(
                f"{label}: {name} ({title}) has no readable date or start time; fix or remove it"
            )
        minutes = _minutes(event.get("duration"))
        if minutes is None or minutes <= 0:
            warnings.append(
                f"{label}: {name} ({title}) has no usable duration {event.get('duration')!r}; taken as 0:30"
            )
            minutes = 30
        room = _clean(event.get("room"))
        if not room:
            raise DlcatError(f"{label}: {name} ({title}) has no room; fix or remove it")
        given = _clean(str(event.get("id") or "")) or _clean(event.get("slug")) or _clean(event.get("guid"))
        event_id = "-".join(ids_in(given)) or str(index + 1)  # "13 b" -> "13-b": ids are typed in lists
        if event_id in seen_ids:
            seen_ids[event_id] += 1
            warnings.append(f"{label}: {name} repeats an id; this one is {event_id}-{seen_ids[event_id]}")
            event_id = f"{event_id}-{seen_ids[event_id]}"
        else:
            seen_ids[event_id] = 1
        guid = _str(event.get("guid"))
        if guid and guid in seen_guids:
            warnings.append(f"{label}: {name} repeats guid {guid}")
        seen_guids.add(guid)
        start = start.astimezone(UTC)
        end = start + timedelta(minutes=minutes)
        day = days[event["listing"]]
        assert day is not None  # a day with events is always dated
        day_end = day.get("end")
        if isinstance(day_end, datetime) and end > day_end:
            warnings.append(
                f"{label}: {name} ({title}) runs past the end of day {day.get('number')} "
                f"({day_end.astimezone(zone):%Y-%m-%d %H:%M}); kept whole"
            )
        session: SessionData = {
            "id": event_id,
            "room": room,
            "day": day.get("number", 1),
            "start": start,
            "end": end,
            "title": title,
            "speakers": [p for p in (_clean(x) for x in event.get("persons") or []) if p],
            "kind": _kind(_str(event.get("type"))),
            "tags": list(
                dict.fromkeys(t for t in (_clean(event.get(k)) for k in ("track", "type", "language")) if t)
            ),
        }
        subtitle = _clean(event.get("subtitle"))
        if subtitle:
            session["subtitle"] = subtitle
        url = _clean(event.get("url"))
        if url.startswith(("https://", "http://")):
            session["page"] = url
        elif url:
            warnings.append(f"{label}: {name} has a link that is not a web address ({url}); left out")
        yield session


def _start(event: Mapping[str, Any], zone: ZoneInfo) -> datetime | None:
    moment = _instant(event.get("date"))
    if moment is not None and moment.tzinfo is not None:
        return moment
    day = _str(event.get("day"))
    clock = _hhmm(_str(event.get("start")))
    try:
        return datetime.combine(
            date.fromisoformat(day), datetime.strptime(clock, "%H:%M").time(), tzinfo=zone
        )
    except ValueError:
        return moment.replace(tzinfo=zone) if moment is not None else None


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
        raise DlcatError("venue file: rooms must map each room name to a building, e.g. 'Saal 1: Main'")
    for room in rooms:
        building = mapping.get(room["id"])
        if building is None:
            raise DlcatError(
                f"venue file: room {room['id']!r} of {label} is not listed; add it under rooms with its building"
            )
        room["building"] = str(building)
    return cast(dict[str, BuildingData], venue.get("buildings") or {}), cast(
        WalkingData, venue.get("walking") or {}
    )


# -- text ------------------------------------------------------------------------------------


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _clean(value: Any) -> str:
    """One line of text: no control characters (program.clean_text), and XML's indentation folded away."""
    return " ".join(clean_text(_str(value)).split())


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-").lower() or "schedule"
