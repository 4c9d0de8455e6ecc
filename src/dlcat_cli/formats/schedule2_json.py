"""The c3voc "schedule 2" JSON (a flat list of events, as the 38C3 hub publishes) in the classic frab shape.

The format is documented in github.com/voc/schedule: `validator/json/schema2.json` ($id
https://c3voc.de/schema/schedule2), with `validator/json/examples/hub-schedule2.json` as its example.
Its events are one flat list, `schedule.events[]`, each with `start` and `end` as instants with offsets
and a `room` that refers to one of `schedule.conference.rooms[]` by guid; the days, `conference.days[]`,
carry no events. `to_classic_json` turns such a document into the classic one that schedule.py reads
(`schedule.conference.days[].rooms{name: [events]}`), so every rule of the frab reader (zones, durations,
text, rooms, ids, days) applies to it unchanged, in one place. What only this format has is decided here:
which room a guid names, which day an event is listed under, and what is not a session at all (breaks,
cancelled events).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.text import clean_text
from dlcat_cli.i18n import Sentence, _, say

_EVENTS_LIST = re.compile(rb'"events"\s*:\s*\[')
_ROOMS_BY_NAME = re.compile(rb'"rooms"\s*:\s*\{')  # a classic day's rooms; schedule 2 lists its rooms
_SCHEDULE = re.compile(rb'"schedule"\s*:\s*\{')
_ISO_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.\d+)?S)?)?")
# Event.type values that are not sessions (MetaEvent in schema2.json), and Event.state values of an
# event that will not take place.
_NOT_SESSIONS = frozenset({"BREAK", "META"})
_GONE = frozenset({"CANCELED", "CANCELLED", "WITHDRAWN", "DELETED", "REJECTED"})
_UTC_NAMES = frozenset({"UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Universal", "Zulu"})


def looks_like_schedule2(text: bytes) -> bool:
    """Whether `text` is a schedule 2 document: an object with a `schedule`, an `events` list, and no
    classic day's `rooms` object. Reads no JSON: a few scans of the bytes (UTF-16 is decoded first)."""
    body = _utf8(text)
    return (  # a classic file shows its day's rooms object early: that test comes first
        body.lstrip()[:1] == b"{"
        and _ROOMS_BY_NAME.search(body) is None
        and _SCHEDULE.search(body) is not None
        and _EVENTS_LIST.search(body) is not None
    )


def to_classic_json(text: bytes, label: str) -> tuple[dict[str, Any], list[str]]:
    """(the classic frab JSON document, warnings) for a schedule 2 file's bytes; `label` names the file."""
    from dlcat_cli.formats.schedule import json_document

    document = json_document(text, label, "schedule 2 JSON")  # the file limits, as for the classic JSON
    try:
        schedule = document["schedule"]
        conference = schedule["conference"]
    except (ValueError, KeyError, TypeError) as error:
        raise DlcatError(
            _(
                "{label}: not a schedule 2 JSON file ({kind}: {error}); expected schedule.conference and "
                "schedule.events"
            ).format(label=label, kind=type(error).__name__, error=error)
        ) from None
    if not isinstance(conference, dict):
        raise DlcatError(
            _("{label}: schedule.conference is not an object; is this a schedule 2 file?").format(label=label)
        )
    converter = _Converter(schedule, conference, label)
    for position, event in enumerate(_listed(schedule.get("events"))):
        if isinstance(event, dict):
            converter.add(event, position)
    return converter.document(), converter.finish()


class _Converter:
    """The classic document built up event by event, with the warnings found on the way."""

    def __init__(self, schedule: Mapping[str, Any], conference: Mapping[str, Any], label: str) -> None:
        self.label = label
        self.warnings: list[
            str
        ] = []  # i18n.Sentences: notes kept with the program, shown in a later run's language
        self.left_out: list[str] = []  # breaks and other entries that are not sessions (titles, or Sentences)
        self.undated: list[dict[str, Any]] = []  # events without a readable start
        self.schedule = schedule
        self.conference = conference
        self.zone = _zone(conference.get("time_zone_name"))
        # Clock text in the named zone, so that the frab reader takes that zone. Under UTC or no name,
        # each event's own offset: then the frab reader's rule "the offsets win" decides, as for a
        # classic file.
        self.clock_zone = (
            self.zone if self.zone and self.zone.key.removeprefix("Etc/") not in _UTC_NAMES else None
        )
        self.day_change = _clock(conference.get("day_change"))
        self.language = str(_mapping(conference.get("defaults")).get("language") or "en")
        rooms = [r for r in _listed(conference.get("rooms")) if isinstance(r, dict)]
        self.rooms = {str(r["guid"]): _text(r.get("name")) for r in rooms if r.get("guid")}
        self.room_list = [
            {key: r[key] for key in ("name", "guid", "capacity") if key in r} for r in rooms if r.get("name")
        ]
        self.tracks = {
            str(t["slug"]): _text(t.get("name")) or str(t["slug"])
            for t in _listed(conference.get("tracks"))
            if isinstance(t, dict) and t.get("slug")
        }
        self.persons = {
            str(p["guid"]): _text(p.get("public_name") or p.get("name"))
            for p in _listed(schedule.get("persons"))
            if isinstance(p, dict) and p.get("guid")
        }
        own = [d for d in _listed(conference.get("days")) if isinstance(d, dict)]
        self.days: list[dict[str, Any]] = [_classic_day(d) for d in own]
        self.spans = [(self._moment(d.get("start")), self._moment(d.get("end"))) for d in own]
        self.dates = [str(d.get("date") or "")[:10] for d in own]
        self.own_days = bool(own)

    # -- one event ---------------------------------------------------------------------------

    def add(self, event: Mapping[str, Any], position: int) -> None:
        """Lists one event under its day and room, or leaves it out (a break; a cancelled event)."""
        title = _text(event.get("title"), self.language)
        given = event.get("code") or event.get("id") or event.get("slug") or event.get("guid") or position + 1
        named = (
            say("event {id} ({title})", id=clean_text(str(given)), title=clean_text(title))
            if title
            else say("event {id}", id=clean_text(str(given)))
        )
        if str(event.get("type") or "").upper() in _NOT_SESSIONS:
            self.left_out.append(clean_text(title) or named)
            return
        state = str(event.get("state") or "")
        if state.upper() in _GONE:
            self.warnings.append(
                say(
                    "{label}: {named} is {state}; left out",
                    label=self.label,
                    named=named,
                    state=state.lower(),
                )
            )
            return
        start = self._moment(event.get("start"))
        classic = self._classic_event(event, title, start, named)
        if start is None:  # unreadable, or no offset and no zone: the frab reader's rules decide
            self.undated.append(classic)
            return
        self.days[self._day_for(start, named)]["rooms"].setdefault(classic["room"], []).append(classic)

    def _classic_event(
        self, event: Mapping[str, Any], title: str, start: datetime | None, named: Sentence
    ) -> dict[str, Any]:
        classic: dict[str, Any] = {
            "guid": event.get("guid"),
            "date": start.isoformat() if start else event.get("start"),
            "duration": self._duration(event, start),
            "room": self._room(event.get("room"), named),
            "slug": event.get("slug"),
            "url": event.get("url"),
            "title": title,
            "subtitle": _text(event.get("subtitle"), self.language),
            "track": self._track(event.get("track")),
            "type": _type(event.get("type")),
            "language": event.get("language"),
            "persons": [self._person(p) for p in _listed(event.get("participants") or event.get("persons"))],
        }
        ident = event.get("id") or event.get("code")  # else the frab reader takes the slug, then the guid
        if ident:
            classic["id"] = ident
        if start is not None:
            local = start.astimezone(self.clock_zone) if self.clock_zone else start
            classic["start"] = f"{local:%H:%M}"
        return classic

    def _moment(self, value: Any) -> datetime | None:
        """An instant from ISO 8601 text; one without an offset is in the conference's zone."""
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return None
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.zone) if self.zone else None
        return moment

    def _duration(self, event: Mapping[str, Any], start: datetime | None) -> Any:
        """`end` minus `start` as the frab reader's "HH:MM"; else the deprecated `duration` (ISO 8601 or
        as written: the frab reader warns about what it can't read)."""
        end = self._moment(event.get("end"))
        if start is not None and end is not None and end > start:
            return _hours_minutes(end - start)
        given = event.get("duration")
        match = _ISO_DURATION.fullmatch(str(given or ""))
        if match and any(match.groups()):
            days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
            return _hours_minutes(timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds))
        return given

    def _room(self, reference: Any, named: Sentence) -> str:
        """The name on the door of the room a reference's guid names; a reference by name alone or to a
        room not listed keeps its own name (with a warning); none at all is a room the frab reader lacks."""
        if isinstance(reference, str):
            return reference
        reference = _mapping(reference)
        guid = str(reference.get("guid") or "")
        if guid in self.rooms:
            return self.rooms[guid]
        own = _text(reference.get("name"))
        if guid:
            kept = (
                say("kept in room {room!r}, the name it gives", room=clean_text(own))
                if own
                else say("it has no room")
            )
            self.warnings.append(
                say(
                    "{label}: {named} refers to room {guid}, which conference.rooms does not list; {kept}",
                    label=self.label,
                    named=named,
                    guid=guid,
                    kept=kept,
                )
            )
        return own

    def _track(self, reference: Any) -> str:
        if isinstance(reference, dict):
            slug = str(reference.get("slug") or "")
            return self.tracks.get(slug) or _text(reference.get("name")) or slug
        return _text(reference)

    def _person(self, participant: Any) -> dict[str, str]:
        if isinstance(participant, dict):
            name = _text(participant.get("public_name") or participant.get("name"))
            return {"name": name or self.persons.get(str(participant.get("guid")), "")}
        return {"name": _text(participant)}

    # -- days --------------------------------------------------------------------------------

    def _day_for(self, start: datetime, named: Sentence) -> int:
        """The position of the day an event is listed under: the listed day whose span holds its start,
        else the one of its date (before day_change, the day before), else a new day for that date.
        An event outside every day the file lists is put under the nearest day before it, with a warning."""
        for position, (begin, end) in enumerate(self.spans):
            if begin is not None and end is not None and begin <= start < end:
                return position
        on = self._date_of(start)
        if on in self.dates:
            return self.dates.index(on)
        if not self.own_days:
            self.days.append({"index": None, "date": on, "rooms": {}})
            self.dates.append(on)
            return len(self.days) - 1
        before = [p for p, listed in enumerate(self.dates) if listed <= on]
        position = before[-1] if before else 0
        self.warnings.append(
            say(
                "{label}: {named} starts on {date}, outside every day the schedule lists; listed under day {day}",
                label=self.label,
                named=named,
                date=on,
                day=self.days[position].get("index") or position + 1,
            )
        )
        return position

    def _date_of(self, start: datetime) -> str:
        """The date an event's start falls on in the conference's zone: before day_change, the day before."""
        local = start.astimezone(self.zone) if self.zone else start
        if self.day_change is not None and local.time() < self.day_change:
            local -= timedelta(days=1)
        return local.date().isoformat()

    # -- the document ------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        days = self.days
        if not self.own_days:  # days made from the events' dates: in date order, numbered from 1
            days = sorted(days, key=lambda day: str(day["date"]))
            for number, day in enumerate(days, 1):
                day["index"] = number
        head = {key: self.conference.get(key) for key in ("acronym", "title", "time_zone_name", "url")}
        if self.conference.get("day_change"):
            head["day_change"] = self.conference["day_change"]
        if self.undated:
            if not days:
                days = [{"index": 1, "date": None, "rooms": {}}]
            for event in self.undated:
                days[0]["rooms"].setdefault(event["room"], []).append(event)
        names = [room["name"] for room in self.room_list]
        for day in days:  # each day's rooms in the conference's order, so that the room list keeps it
            day["rooms"] = {
                **{name: day["rooms"][name] for name in names if name in day["rooms"]},
                **day["rooms"],
            }
        return {
            "schedule": {
                "version": self.schedule.get("version"),
                "base_url": self.schedule.get("base_url"),
                "conference": {**head, "rooms": self.room_list, "days": days},
            }
        }

    def finish(self) -> list[str]:
        if self.left_out:
            listed = _listing(self.left_out[:3], more=len(self.left_out) > 3)
            count = len(self.left_out)
            self.warnings.append(
                say(
                    "{label}: {count} break or meta entry is not a session ({listed}); left out",
                    label=self.label,
                    count=count,
                    listed=listed,
                )
                if count == 1
                else say(
                    "{label}: {count} break or meta entries are not a session ({listed}); left out",
                    label=self.label,
                    count=count,
                    listed=listed,
                )
            )
        return self.warnings


def _listing(items: list[str], *, more: bool) -> str:
    """`a, b, c` (and ` …` when `more` are left unsaid): a Sentence when an item is one, so that each item
    is said in the language of the run, else plain text."""
    if not any(isinstance(item, Sentence) for item in items):
        return ", ".join(items) + (" …" if more else "")
    listed: str = items[0]
    for item in items[1:]:
        listed = say("{first}, {then}", first=listed, then=item)
    return say("{listed} …", listed=listed) if more else listed


def _classic_day(day: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "index": day.get("index"),
        "date": day.get("date"),
        "day_start": day.get("start") or day.get("day_start"),
        "day_end": day.get("end") or day.get("day_end"),
        "rooms": {},
    }


def _zone(name: Any) -> ZoneInfo | None:
    """The IANA zone the file names, or None: a name the frab reader may still map (its rule); here,
    each event keeps its own offset."""
    from dlcat_cli.formats.zones import iana_zone

    return iana_zone(str(name)) if name else None


def _clock(value: Any) -> time | None:
    """A day_change such as "04:00" or "04:00:00", or None."""
    parts = str(value or "").split(":")
    try:
        return time(int(parts[0]), int(parts[1])) if len(parts) >= 2 else None
    except ValueError:
        return None


def _hours_minutes(length: timedelta) -> str:
    minutes = int(length.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _type(value: Any) -> str:
    """An Event.type enum value as the frab files write a type: "LIGHTNING_TALK" -> "Lightning talk"."""
    text = _text(value)
    return text.replace("_", " ").capitalize() if text.isupper() else text


def _text(value: Any, language: str = "en") -> str:
    """A string, or a LocalizableString's text in `language` (else English, else the first)."""
    if isinstance(value, dict):
        value = value.get(language) or value.get("en") or next(iter(value.values()), "")
    return "" if value is None else str(value).strip()


def _utf8(text: bytes) -> bytes:
    """The bytes as UTF-8 without a byte-order mark: UTF-16 and UTF-32 are decoded and encoded again."""
    if text.startswith(b"\xef\xbb\xbf"):
        return text[3:]
    if text[:4].count(0):
        try:
            return text.decode(json.detect_encoding(text)).encode()
        except (UnicodeDecodeError, LookupError):
            return text
    return text


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
