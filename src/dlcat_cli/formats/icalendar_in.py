"""Read iCalendar feeds (.ics, as Sched, Sessionize, Indico and pretalx publish them) into dlcat's program data.

The result is ProgramData (program_data.py) with exact instants, like schedule.py's, plus warnings:
program_file.py checks it like any other program. Each timed VEVENT (and each instance of a recurring
one, within the feed's own dates) is a session: SUMMARY its title, LOCATION its room, CATEGORIES its
tags (Sched's track is one), URL its page. DESCRIPTION, ORGANIZER and ATTENDEE are not read: feeds put
speakers in free text there, and a guessed name is worse than none. All-day events are not sessions
(nobody plans a day-long expo against a talk): they are left out, each named in a warning.

Ids: a UID is long (`SCHED-835ef6c0b2999746e9a5bdc11b3e528c@poss2024.sched.com`), so each session gets
a short one from a hash of its UID (and, for an instance of a recurring event, its original start):
five letters and digits a person can type in `--pick`, the same every time the feed is downloaded.

icalendar, x-wr-timezone and recurring-ical-events are imported only inside read_icalendar: this
module is imported to test a file's first bytes, and a listing never imports any of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dlcat_cli.core.model import start_of_date
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.limits import FIRST_YEAR, LAST_YEAR, LONGEST_NAME, WEEK
from dlcat_cli.formats.text import clean_text, decode_entities
from dlcat_cli.i18n import Sentence, _, say, shown

if TYPE_CHECKING:
    from icalendar import Calendar, Component

    from dlcat_cli.formats.program_data import ConferenceData, DayData, ProgramData, RoomData, SessionData

MOST_INSTANCES = 1000  # of one recurring event: more are left out, with a note
NO_ROOM = "(no room)"  # the room of an event without a LOCATION: kept, so that lunch still shows
SHORTEST_ID, LONGEST_ID = 5, 8
# Crockford's base 32: digits and capitals without I, L, O and U, which read as 1, 1, 0 and V.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_UNTIMED_MINUTES = 30  # an event with no end, as schedule.py takes an event with no duration
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
_VENUE = ""  # the one building of a feed: rooms show by name alone (as schedule.py's)
_WALK_MINUTES = 5


def looks_like_icalendar(text: bytes) -> bool:
    """Whether `text` is an iCalendar file: BEGIN:VCALENDAR first, after an optional BOM (UTF-8 or UTF-16)."""
    head = text[:256]
    if head.startswith(_UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return head.removeprefix(_UTF8_BOM).lstrip()[:15].upper() == b"BEGIN:VCALENDAR"


def read_icalendar(
    text: bytes, label: str, time_zone: ZoneInfo | None = None
) -> tuple[ProgramData, list[str]]:
    """(program data, warnings) for an iCalendar feed's bytes.

    `time_zone` (--time-zone) is the zone of clock times given without one (floating times) in a feed
    without X-WR-TIMEZONE, and the conference's zone when the feed names none; without it, floating
    times are read in the zone most of the feed's events name, or refused when it names none (_zones).
    The warnings are i18n.Sentences (English values, said in the run's language when shown); a DlcatError's
    message is in the run's language.
    """
    warnings: list[str] = []
    calendar = _calendar(_decoded(text, label, warnings), label)
    _leave_out_the_undated(calendar, label, warnings)
    zone, floating = _zones(calendar, time_zone, label, warnings)
    events = _events(calendar, floating, zone, label, warnings)
    if not events:
        raise DlcatError(
            _(
                "{label}: no timed events found (all-day events are not sessions); is this a conference's feed?"
            ).format(label=label)
        )
    sessions = _sessions(events, zone, label, warnings)
    days = _days(sessions, zone)
    name = _text(_one(calendar, "X-WR-CALNAME") or _one(calendar, "NAME")) or PurePath(label).stem or label
    head: ConferenceData = {"id": _slug(name), "name": name, "date": days[0]["date"], "time_zone": zone.key}
    url = _text(_one(calendar, "URL") or _one(calendar, "X-ORIGINAL-URL"))
    if url.startswith(("https://", "http://")):
        head["url"] = url
    rooms: list[RoomData] = [
        {"id": room, "name": room, "building": _VENUE} for room in dict.fromkeys(s["room"] for s in sessions)
    ]
    data: ProgramData = {
        "schema": 1,
        "conference": head,
        "buildings": {_VENUE: {"name": name}},
        "walking": {
            "within_building": {"minutes": _WALK_MINUTES},
            "note": f"an iCalendar feed: all rooms are taken as one building, {_WALK_MINUTES} min apart",
        },
        "rooms": rooms,
        "checks": {"room_overlaps": "warn"},  # feeds double-book rooms, as schedules do: notes, not refusal
        "days": days,
        "sessions": sessions,
    }
    return data, warnings


# -- bytes to a calendar -----------------------------------------------------------------------


def _decoded(text: bytes, label: str, warnings: list[str]) -> str:
    """The feed's text: UTF-16 with its BOM, or UTF-8 with or without one (a bad byte becomes U+FFFD)."""
    if text.startswith(_UTF16_BOMS):
        try:
            return text.decode("utf-16")
        except UnicodeDecodeError:
            raise DlcatError(
                _("{label}: starts as UTF-16 but is not; save the feed as UTF-8").format(label=label)
            ) from None
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        line = text[: bad.start].count(b"\n") + 1
        warnings.append(
            say(
                "{label}:{line}: not UTF-8 text (byte 0x{byte}); odd bytes are shown as \ufffd",
                label=label,
                line=line,
                byte=f"{text[bad.start]:02x}",
            )
        )
        return text.decode("utf-8-sig", errors="replace")


def _calendar(source: str, label: str) -> Calendar:
    import icalendar

    try:
        return icalendar.Calendar.from_ical(source)
    # ValueError for what the parser expects; the rest for what it does not (a VTIMEZONE with two TZIDs)
    except (ValueError, AttributeError, TypeError, KeyError, IndexError) as error:
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DlcatError(
            _("{label}: not a readable iCalendar file: {problem}").format(label=label, problem=problem)
        ) from None


def _leave_out_the_undated(calendar: Calendar, label: str, warnings: list[str]) -> None:
    """Events dated outside 1900-2200 are left out before anything converts their times (a year 1 or 9999
    in a zone is no instant a datetime can hold): the span, and so every instance, lies within it."""
    kept = []
    for component in calendar.subcomponents:
        odd = next(
            (
                moment
                for name in ("DTSTART", "DTEND", "RECURRENCE-ID")
                if isinstance(moment := _value(_one(component, name)), date)
                and not FIRST_YEAR <= moment.year <= LAST_YEAR
            ),
            None,
        )
        if component.name == "VEVENT" and odd is not None:
            warnings.append(
                say(
                    "{label}: {event} is dated {date}, outside {first}-{last}; left out",
                    label=label,
                    event=_named(component),
                    date=odd.isoformat()[:10],
                    first=FIRST_YEAR,
                    last=LAST_YEAR,
                )
            )
        else:
            kept.append(component)
    calendar.subcomponents[:] = kept


# -- zones -------------------------------------------------------------------------------------


def _zones(
    calendar: Calendar, time_zone: ZoneInfo | None, label: str, warnings: list[str]
) -> tuple[ZoneInfo, ZoneInfo | None]:
    """(the conference's zone, the zone of floating times or None).

    The conference's zone is X-WR-TIMEZONE (its times are then made standard by the x-wr-timezone
    library: UTC times kept as instants, floating times read in it), else the most common TZID of the
    events, else `time_zone`, else UTC. Floating times are read in X-WR-TIMEZONE, `time_zone` or that
    most common TZID, in this order; with none of these there is no zone for them (None).
    """
    named = _one(calendar, "X-WR-TIMEZONE")
    if named is not None:
        zone = _iana(str(named))
        if zone is not None:
            import x_wr_timezone  # type: ignore[import-untyped]  # no type hints shipped

            try:
                standard = x_wr_timezone.to_standard(calendar, timezone=zone)
            except (OverflowError, ValueError) as error:  # an RDATE or EXDATE at the end of time
                raise DlcatError(
                    _("{label}: X-WR-TIMEZONE {zone} can't be applied ({error}); fix the event dates").format(
                        label=label, zone=zone.key, error=error
                    )
                ) from None
            calendar.subcomponents[:] = standard.subcomponents
            return zone, zone
        warnings.append(
            say("{label}: X-WR-TIMEZONE {name!r} is not a time zone; ignored", label=label, name=str(named))
        )
    tzids = Counter(
        zone.key
        for event in _vevents(calendar)
        if (zone := _iana(str(_param(_one(event, "DTSTART"), "TZID") or ""))) is not None
    )
    floating = any(_is_floating(_one(event, "DTSTART")) for event in _vevents(calendar))
    if tzids:
        common = ZoneInfo(tzids.most_common(1)[0][0])
        if floating and time_zone is None:
            warnings.append(
                say(
                    "{label}: some events give clock times without a time zone; read in {zone}, "
                    "the zone most events name (--time-zone chooses another)",
                    label=label,
                    zone=common.key,
                )
            )
        return common, time_zone or common
    if time_zone is not None:
        return time_zone, time_zone
    if floating:
        return ZoneInfo("UTC"), None
    warnings.append(
        say(
            "{label}: the feed names no time zone (its times are UTC): days run midnight to midnight UTC "
            "and times show in UTC; give the conference's zone with --time-zone",
            label=label,
        )
    )
    return ZoneInfo("UTC"), None


def _iana(name: str) -> ZoneInfo | None:
    """The IANA zone a TZID or X-WR-TIMEZONE names (a Windows name through icalendar's table), or None."""
    name = name.strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe", a folder of tzdata, on 3.11
        pass
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    olson = WINDOWS_TO_OLSON.get(name)
    return ZoneInfo(olson) if olson else None


def _vevents(calendar: Calendar) -> list[Component]:
    """The calendar's events (VEVENTs at its top, the only place they belong)."""
    return [component for component in calendar.subcomponents if component.name == "VEVENT"]


def _one(component: Component, name: str) -> Any:
    """A property the feed should give once, as given; the first when it gives several."""
    value = component.get(name)
    return value[0] if isinstance(value, list) and value else value


def _param(prop: Any, key: str) -> str | None:
    params = getattr(prop, "params", None)
    value = params.get(key) if params is not None else None
    return str(value) if value is not None else None


def _is_date(value: Any) -> bool:
    """A DATE value (all day), not a DATE-TIME."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _is_floating(prop: Any) -> bool:
    value = _value(prop)
    return isinstance(value, datetime) and value.tzinfo is None


def _value(prop: Any) -> Any:
    """A date-time property's value (a date, a datetime), or None when missing or unreadable."""
    from icalendar.error import BrokenCalendarProperty

    try:
        return prop.dt if prop is not None else None
    except (AttributeError, BrokenCalendarProperty):
        return None


# -- events ------------------------------------------------------------------------------------


class _Event(NamedTuple):
    """One session to be; `key` names it for its short id: its UID, and an instance's original start."""

    key: str
    start: datetime  # in UTC
    end: datetime
    title: str
    room: str
    tags: tuple[str, ...]
    page: str | None
    all_day: bool = False  # DATE values: shown for its days, never planned


class _LeftOut(Exception):
    """Why one event is left out (`reason`, a clause whose subject is the event); the rest of the feed is read."""

    def __init__(self, reason: Sentence) -> None:
        super().__init__(reason)
        self.reason = reason


def _left_out(label: str, component: Component, why: _LeftOut) -> Sentence:
    return say("{label}: {event} {reason}; left out", label=label, event=_named(component), reason=why.reason)


def _events(
    calendar: Calendar, floating: ZoneInfo | None, zone: ZoneInfo, label: str, warnings: list[str]
) -> list[_Event]:
    """Every timed event of the feed: single ones as they are, recurring ones expanded within its dates."""
    single: list[Component] = []
    series: dict[str, list[Component]] = {}
    for component in _vevents(calendar):
        if str(_one(component, "STATUS") or "").upper() == "CANCELLED":
            warnings.append(
                say("{label}: {event} is cancelled; left out", label=label, event=_named(component))
            )
        elif component.get("RRULE") or component.get("RDATE") or _one(component, "RECURRENCE-ID"):
            series.setdefault(_uid(component), []).append(component)
        else:
            single.append(component)
    # A changed instance (RECURRENCE-ID) whose recurring event is not in the feed is an event of its own.
    for uid in [uid for uid, parts in series.items() if all("RECURRENCE-ID" in part for part in parts)]:
        single.extend(series.pop(uid))
    found: list[_Event] = []
    for component in single:
        key = _uid(component) + _instance(
            _value(_one(component, "RECURRENCE-ID")), floating, component, label
        )
        found.extend(_kept(component, key, None, floating, label, warnings))
    span = _span(found, [_master(parts) for parts in series.values()], floating, zone, label)
    for parts in series.values():
        try:
            found.extend(_instances(parts, span, floating, zone, label, warnings))
        except _LeftOut as reason:
            warnings.append(_left_out(label, _master(parts), reason))
    return found


def _kept(
    component: Component,
    key: str,
    times: tuple[datetime, datetime] | None,
    floating: ZoneInfo | None,
    label: str,
    warnings: list[str],
) -> list[_Event]:
    """The session to be for one event (or one instance at `times`): none, with a warning, when it can't be one."""
    try:
        start, end = times or _times(component, floating, label)
        if end - start >= WEEK:
            raise _LeftOut(say("lasts {days} days, a week or more: not a session", days=(end - start).days))
    except _LeftOut as reason:
        warnings.append(_left_out(label, component, reason))
        return []
    if end == start:
        warnings.append(
            say(
                "{label}: {event} has no end; taken as {minutes} minutes",
                label=label,
                event=_named(component),
                minutes=_UNTIMED_MINUTES,
            )
        )
        end = start + timedelta(minutes=_UNTIMED_MINUTES)
    url = _text(_one(component, "URL"))
    if url and not url.startswith(("https://", "http://")):
        warnings.append(
            say(
                "{label}: {event} has a URL that is not a web address ({url}); left out",
                label=label,
                event=_named(component),
                url=url,
            )
        )
    return [
        _Event(
            key=key,
            start=start,
            end=end,
            title=_text(_one(component, "SUMMARY")),
            room=_text(_one(component, "LOCATION")),
            tags=tuple(dict.fromkeys(tag for tag in map(_text, _categories(component)) if tag)),
            page=url if url.startswith(("https://", "http://")) else None,
            all_day=_is_date(_value(_one(component, "DTSTART"))),
        )
    ]


def _times(component: Component, floating: ZoneInfo | None, label: str) -> tuple[datetime, datetime]:
    """An event's start and end as instants in UTC: DTEND, else DTSTART + DURATION, else its start (RFC 5545)."""
    start = _value(_one(component, "DTSTART"))
    if start is None:
        raise _LeftOut(say("has no readable start (DTSTART)"))
    end = _value(_one(component, "DTEND"))
    if not isinstance(start, datetime):
        if not isinstance(start, date):  # a PERIOD or a TIME where a date-time belongs
            raise _LeftOut(say("has no readable start (DTSTART)"))
        zone = floating or ZoneInfo("UTC")  # an all-day event's dates are the conference's
        following = end if _is_date(end) and end > start else start + timedelta(days=1)
        return start_of_date(start, zone), start_of_date(following, zone)
    start = _aware(start, floating, component, label)
    duration = _value(_one(component, "DURATION"))
    if isinstance(end, datetime):
        end = _aware(end, floating, component, label)
    elif isinstance(duration, timedelta):
        end = start + duration
    elif "DTEND" in component or "DURATION" in component:
        raise _LeftOut(say("has no readable end (DTEND or DURATION)"))
    else:
        end = start
    if end < start:
        raise _LeftOut(say("ends at {end} UTC, before it starts", end=f"{end:%Y-%m-%d %H:%M}"))
    return start, end


def _aware(moment: datetime, floating: ZoneInfo | None, component: Component, label: str) -> datetime:
    """`moment` as an instant in UTC; a floating time is read in `floating`, or the feed is refused."""
    if moment.tzinfo is None:
        if floating is None:
            raise DlcatError(
                _(
                    "{label}: {event} has no time zone, and the feed names none; "
                    "give the conference's zone with --time-zone, e.g. --time-zone Europe/Berlin"
                ).format(label=label, event=shown(_named(component)))
            )
        moment = moment.replace(tzinfo=floating)
    return moment.astimezone(UTC)


def _instance(moment: Any, floating: ZoneInfo | None, component: Component, label: str) -> str:
    """The part of a key that names one instance of a recurring event: its original start in UTC."""
    if isinstance(moment, datetime):
        return f"/{_aware(moment, floating, component, label):%Y%m%dT%H%M%SZ}"
    return ""  # none, or an all-day instance's date: the event is left out as all-day


# -- recurring events --------------------------------------------------------------------------


def _master(parts: list[Component]) -> Component:
    """The recurring event itself, not one of its changed instances."""
    return next((part for part in parts if "RECURRENCE-ID" not in part), parts[0])


def _span(
    found: list[_Event], masters: list[Component], floating: ZoneInfo | None, zone: ZoneInfo, label: str
) -> tuple[datetime, datetime]:
    """The feed's own dates, midnight to midnight in its zone: from its first single event to the end of its
    last. Only a feed of recurring events alone is spanned by their first times (a weekly call that began
    years ago would otherwise stretch a conference's feed back to then)."""
    times = [(event.start, event.end) for event in found]
    for master in masters if not times else []:
        try:
            times.append(_times(master, floating, label))
        except _LeftOut:
            continue  # _instances says why
    if not times:
        return (datetime.min.replace(tzinfo=UTC), datetime.min.replace(tzinfo=UTC))
    first = min(start for start, _ in times).astimezone(zone).date()
    last = max(max(start, end - timedelta(microseconds=1)) for start, end in times).astimezone(zone).date()
    return start_of_date(first, zone), start_of_date(last + timedelta(days=1), zone)


def _instances(
    parts: list[Component],
    span: tuple[datetime, datetime],
    floating: ZoneInfo | None,
    zone: ZoneInfo,
    label: str,
    warnings: list[str],
) -> Iterator[_Event]:
    """A recurring event's instances within `span`, by the recurring-ical-events library (RRULE, RDATE,
    EXDATE and changed instances). Each lasts as long as the event itself, exactly (RFC 5545 3.8.5.3):
    the library's own end is a clock time, an hour off for an instance across a change of clocks."""
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]  # no type hints shipped

    master = _master(parts)
    start, end = _times(master, floating, label)
    changed = {
        _instance(_value(_one(part, "RECURRENCE-ID")), floating, part, label): part
        for part in parts
        if "RECURRENCE-ID" in part
    }
    calendar = icalendar.Calendar()
    for part in parts:
        calendar.add_component(part)
    try:
        query = recurring_ical_events.of(calendar)
        # At most MOST_INSTANCES of them, taken one by one: a FREQ=SECONDLY rule would otherwise make
        # 86,400 sessions a day (and take a minute and half a gigabyte).
        occurrences: list[Component] = []
        for occurrence in query.after(span[0]):
            if _start_of(occurrence, floating, label) >= span[1]:
                break
            if len(occurrences) == MOST_INSTANCES:
                warnings.append(
                    say(
                        "{label}: {event} repeats more than {most} times within the feed's dates; "
                        "only the first {most} are kept",
                        label=label,
                        event=_named(master),
                        most=f"{MOST_INSTANCES:,}",
                    )
                )
                break
            occurrences.append(occurrence)
        following = list(islice(query.after(span[1]), 10))
    except (
        recurring_ical_events.InvalidCalendar,
        recurring_ical_events.BadRuleStringFormat,
        # what the library raises on parts it does not expect (two UIDs, a changed instance without DTSTART)
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
        OverflowError,
    ) as error:
        raise _LeftOut(
            say(
                "repeats by a rule that can't be read ({kind}: {error})",
                kind=type(error).__name__,
                error=str(error),
            )
        ) from None
    if start < span[0]:
        warnings.append(
            say(
                "{label}: {event} repeats from {start}, before the feed's first date ({first}); "
                "only its times from then are kept",
                label=label,
                event=_named(master),
                start=f"{start.astimezone(zone):%Y-%m-%d}",
                first=f"{span[0].astimezone(zone):%Y-%m-%d}",
            )
        )
    if any(_start_of(o, floating, label) >= span[1] for o in following):
        warnings.append(
            say(
                "{label}: {event} repeats after the feed's last date ({last}); only its times up to then are kept",
                label=label,
                event=_named(master),
                last=f"{(span[1] - timedelta(seconds=1)).astimezone(zone):%Y-%m-%d}",
            )
        )
    uid = _uid(master)
    for occurrence in occurrences:
        instance = _instance(_value(_one(occurrence, "RECURRENCE-ID")), floating, occurrence, label)
        if instance in changed:
            times = None  # a changed instance has its own start and end
        else:
            begin = _start_of(occurrence, floating, label)
            times = (begin, begin + (end - start))
        yield from _kept(changed.get(instance, occurrence), uid + instance, times, floating, label, warnings)


def _start_of(occurrence: Component, floating: ZoneInfo | None, label: str) -> datetime:
    start = _value(_one(occurrence, "DTSTART"))
    if not isinstance(start, datetime):
        raise _LeftOut(say("repeats as an all-day event; dlcat lists timed sessions only"))
    return _aware(start, floating, occurrence, label)


# -- sessions, ids and days --------------------------------------------------------------------


def _sessions(events: list[_Event], zone: ZoneInfo, label: str, warnings: list[str]) -> list[SessionData]:
    """The sessions in time order, each with its short id and its day (one per date, in the feed's zone)."""
    events = _distinct(sorted(events, key=lambda e: (e.start, e.room, e.title, e.key)), zone, label, warnings)
    numbers = {on: number for number, on in enumerate(sorted(_dates_of(events, zone)), 1)}
    sessions: list[SessionData] = []
    for event, short in zip(events, short_ids([event.key for event in events]), strict=True):
        title = _cut(event.title, "SUMMARY", short, label, warnings)
        room = _cut(event.room, "LOCATION", short, label, warnings)
        if not title:
            warnings.append(
                say(
                    "{label}: event {id} at {when} has no SUMMARY; shown as '(untitled)'",
                    label=label,
                    id=short,
                    when=_when(event.start, zone),
                )
            )
            title = "(untitled)"
        if not room:
            warnings.append(
                say(
                    "{label}: event {id} ({title}) has no LOCATION; put in a room named {room!r}",
                    label=label,
                    id=short,
                    title=title,
                    room=NO_ROOM,
                )
            )
            room = NO_ROOM
        session: SessionData = {
            "id": short,
            "room": room,
            "day": numbers[event.start.astimezone(zone).date()],
            "start": event.start,
            "end": event.end,
            "title": title,
            "tags": list(event.tags),
            "guid": event.key[:LONGEST_NAME],  # its UID (and an instance's start): core/changes.py follows it
        }
        if event.all_day:
            session["all_day"] = True
        if event.page:
            session["page"] = event.page
        sessions.append(session)
    return sessions


def _cut(text: str, what: str, short: str, label: str, warnings: list[str]) -> str:
    """A name of at most 1,000 characters: a longer one is cut, with a warning (no room or title is that long)."""
    if len(text) <= LONGEST_NAME:
        return text
    warnings.append(
        say(
            "{label}: event {id}'s {what} has {length} characters; cut to {longest}",
            label=label,
            id=short,
            what=what,
            length=f"{len(text):,}",
            longest=f"{LONGEST_NAME:,}",
        )
    )
    return text[:LONGEST_NAME]


def _distinct(events: list[_Event], zone: ZoneInfo, label: str, warnings: list[str]) -> list[_Event]:
    """Exact repeats dropped (with a note); events that share a key but differ get keys of their own
    from what they hold, so that their ids do not depend on the order of the feed."""
    counts = Counter(event.key for event in events)
    seen: set[_Event] = set()
    kept: list[_Event] = []
    for event in events:
        if counts[event.key] > 1:
            if event in seen:
                warnings.append(
                    say(
                        "{label}: event {title!r} at {when} is in the feed twice; one is kept",
                        label=label,
                        title=event.title,
                        when=_when(event.start, zone),
                    )
                )
                continue
            seen.add(event)
            event = event._replace(key=f"{event.key}|{event.start.isoformat()}|{event.title}|{event.room}")
        kept.append(event)
    return kept


def short_ids(keys: list[str]) -> list[str]:
    """A short id for each key (all different): the first 5 characters of its hash in base 32, 6 to 8 where
    5 would be the same for two keys. The same keys give the same ids, whatever else the feed holds,
    unless a new event's hash shares the first 5 characters (one chance in 33 million for each pair)."""
    import base64
    import hashlib

    standard = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    codes = [
        base64.b32encode(hashlib.sha256(key.encode()).digest())
        .decode()
        .translate(str.maketrans(standard, _ALPHABET))
        for key in keys
    ]
    ids: dict[int, str] = {}
    pending = list(range(len(keys)))
    for size in range(SHORTEST_ID, LONGEST_ID + 1):
        groups: dict[str, list[int]] = {}
        for index in pending:
            groups.setdefault(codes[index][:size], []).append(index)
        pending = []
        for prefix, members in groups.items():
            if len(members) == 1 or size == LONGEST_ID:
                for offset, index in enumerate(sorted(members, key=keys.__getitem__)):
                    ids[index] = prefix if offset == 0 else codes[index][offset : offset + size]
            else:
                pending.extend(members)
    return [ids[index] for index in range(len(keys))]


def _dates_of(events: Iterable[_Event], zone: ZoneInfo) -> set[date]:
    return {event.start.astimezone(zone).date() for event in events}


def _days(sessions: list[SessionData], zone: ZoneInfo) -> list[DayData]:
    """One day for each date with a session, midnight to midnight in the conference's zone."""
    dates = sorted({s["start"].astimezone(zone).date() for s in sessions if isinstance(s["start"], datetime)})
    return [{"number": number, "date": on.isoformat()} for number, on in enumerate(dates, 1)]


# -- text --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """One line of text: HTML entities decoded (twice at most, for `&amp;amp;`), no control characters."""
    text = decode_entities("" if value is None else str(value))
    return " ".join(clean_text(text).split())


def _categories(component: Component) -> list[str]:
    """CATEGORIES, however many times the event has the property."""
    found = component.get("CATEGORIES")
    found = found if isinstance(found, list) else [found] if found is not None else []
    return [str(category) for prop in found for category in getattr(prop, "cats", [])]


def _uid(component: Component) -> str:
    """The event's UID; without one, its title and start as written (stable while they are)."""
    uid = str(_one(component, "UID") or "").strip()
    if uid:
        return uid
    start = _one(component, "DTSTART")
    written = start.to_ical().decode() if hasattr(start, "to_ical") else ""
    return f"(no UID) {_one(component, 'SUMMARY') or ''} {written}"


def _named(component: Component) -> Sentence:
    """How a warning names an event: its title, and its start as the feed gives it."""
    title = _text(_one(component, "SUMMARY")) or "(untitled)"
    start = _value(_one(component, "DTSTART"))
    if isinstance(start, datetime):  # isoformat: strftime writes the year 1 as "1"
        return say(
            "event {title!r} at {date} {time}",
            title=title,
            date=start.date().isoformat(),
            time=f"{start:%H:%M}",
        )
    return say("event {title!r}", title=title)


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def _dates(first: date, last: date) -> str:
    return f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-").lower() or "calendar"
