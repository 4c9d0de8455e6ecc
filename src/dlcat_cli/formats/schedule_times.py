"""Times in schedule files: durations, clock times, instants, the conference's zone, and its days.

Every reading here is lenient and total: text that can't be read gives None, never an exception, and
schedule.py decides whether that leaves an event out. Instants leave this module in UTC.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from dlcat_cli.core.model import start_of_date
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.limits import FIRST_YEAR, LAST_YEAR, WEEK
from dlcat_cli.formats.program_data import DayData
from dlcat_cli.formats.text import clean_text
from dlcat_cli.formats.zones import Vocabulary, is_utc, offset_text, resolved, zone_for_offset
from dlcat_cli.i18n import _, say

DAY = timedelta(days=1)
# Compiled on first use (re caches it): most files have no ISO 8601 duration, and a compile costs 0.3 ms.
_ISO_DURATION = r"[Pp](?:(\d{1,6})[Dd])?(?:[Tt](?:(\d{1,6})[Hh])?(?:(\d{1,6})[Mm])?(?:(\d{1,6})[Ss])?)?"


def text_of(value: Any) -> str:
    return "" if value is None else str(value).strip()


# -- durations and clock times -----------------------------------------------------------------


class Duration(NamedTuple):
    length: timedelta
    reading: str  # how the text was read, for a note on a long one: "days:hours:minutes"


def duration(value: Any) -> Duration | None:
    """A duration as schedule files write it, or None if unreadable or not above zero.

    `HH:MM` (minutes may pass 59: `0:90` is 90 min), ISO 8601 (`PT1H30M`), a number of minutes, or
    three fields: pretalx's `D:HH:MM` when the first has no leading zero and the middle is below 24
    (`1:02:00` = 26 h), else `H:MM:SS` (`00:45:00` = 45 min, `1:30:00` = 90 min).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return Duration(timedelta(minutes=value), "minutes") if 0 < value <= 10**9 else None
    text = text_of(value)
    iso = re.fullmatch(_ISO_DURATION, text) if text[:1] in ("P", "p") else None
    if iso is not None and text[1:] not in ("", "T", "t"):
        days, hours, minutes, seconds = (int(part or 0) for part in iso.groups())
        found = Duration(timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds), "ISO 8601")
        return found if found.length > timedelta(0) else None
    parts = text.split(":")
    if not all(p.isdecimal() and p.isascii() and len(p) <= 6 for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if len(parts) == 2:
        found = Duration(timedelta(hours=numbers[0], minutes=numbers[1]), "hours:minutes")
    elif len(parts) == 3 and not parts[0].startswith("0") and numbers[1] < 24:
        found = Duration(
            timedelta(days=numbers[0], hours=numbers[1], minutes=numbers[2]), "days:hours:minutes"
        )
    elif len(parts) == 3:
        found = Duration(
            timedelta(hours=numbers[0], minutes=numbers[1], seconds=numbers[2]), "hours:minutes:seconds"
        )
    else:
        return None
    return found if found.length > timedelta(0) else None


def clock(value: Any) -> timedelta | None:
    """A clock time "10:00" or "10:00:00" as the time since the day's midnight; "24:30" is the next
    day's 00:30 (a day and 30 minutes). None if unreadable."""
    parts = text_of(value).split(":")
    if len(parts) not in (2, 3) or not all(p.isdecimal() and p.isascii() and len(p) <= 2 for p in parts):
        return None
    hours, minutes, seconds = (int(p) for p in (*parts, "0")[:3])
    if hours >= 48 or minutes >= 60 or seconds >= 60:
        return None
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def instant(value: Any) -> datetime | None:
    """An ISO 8601 date and time, with its offset if it has one; None if unreadable."""
    if isinstance(value, datetime):
        return value
    text = text_of(value)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None


def moment_of(event: Mapping[str, Any]) -> datetime | None:
    """An event's date and time: read once by schedule.py (its "moment"), else from its date."""
    return event["moment"] if "moment" in event else instant(event.get("date"))


def day_of(value: Any) -> date | None:
    """The date an ISO 8601 date (or date and time) names, or None."""
    try:
        return date.fromisoformat(text_of(value)[:10])
    except ValueError:
        return None


def in_years(moment: date) -> bool:
    return FIRST_YEAR <= moment.year <= LAST_YEAR


# -- the conference's zone ------------------------------------------------------------------------


class Zoning(NamedTuple):
    """How a schedule's times are read: `zone` reads clock times without an offset and shows all times;
    with `z_is_local`, offsets of Z or +00:00 are a generator's slip and also read in `zone`. `notes` are
    i18n.Sentences: English values, said in the run's language when shown."""

    zone: ZoneInfo
    z_is_local: bool
    notes: tuple[str, ...]

    def moment(self, value: Any) -> datetime | None:
        """A date and time of the file as an instant in UTC, or None: its own offset kept, else in `zone`."""
        found = instant(value)
        if found is None or not in_years(found):
            return None
        offset = found.utcoffset()
        if offset is None or (self.z_is_local and not offset):
            found = found.replace(tzinfo=self.zone)
        return found.astimezone(UTC)


class Stamp(NamedTuple):
    """An event's date with its offset, and the <start> clock time beside it, for choosing the zone."""

    name: str  # "event 41"
    moment: datetime
    start: timedelta | None


def stamps(events: list[dict[str, Any]]) -> tuple[list[Stamp], bool]:
    """The events' dates that carry an offset, and whether any event's date has none."""
    found: list[Stamp] = []
    unstamped = False
    for event in events:
        moment = moment_of(event)
        if moment is None or not in_years(moment):
            unstamped = unstamped or bool(event.get("start"))
        elif moment.utcoffset() is None:
            unstamped = True
        else:
            found.append(Stamp(event["name"], moment, clock(event.get("start"))))
    return found, unstamped


def choose_zone(name: str, events: list[dict[str, Any]], option: ZoneInfo | None, label: str) -> Zoning:
    """The zone a schedule's times are read and shown in; see the README's "Any conference" for the rules.

    Events with an offset keep their instants, whatever the zone, except when the file names a real zone
    and every offset is Z on the same clock times as <start>: then the generator wrote local times as UTC.
    """
    found = resolved(name) if name else None
    named = found[0] if found is not None else None
    notes: list[str] = []
    if found is not None and found[1] is Vocabulary.PLACE:
        notes.append(
            say(
                "{label}: time_zone_name {name!r} is taken as {zone}",
                label=label,
                name=name,
                zone=found[0].key,
            )
        )
    stamped, unstamped = stamps(events)
    offsets = Counter(stamp.moment.utcoffset() for stamp in stamped)
    if named is not None and not is_utc(named) and _z_on_local_times(stamped, named):
        zone = option or named
        example = next(stamp for stamp in stamped if stamp.start is not None)
        local = example.moment.replace(tzinfo=zone)
        notes.append(
            say(
                "{label}: every event time carries Z (+00:00) on the clock time of its start; read as {zone} "
                "times (the generator wrote local times as UTC): {event} at {written}Z is {local} {zone} = "
                "{utc} UTC",
                label=label,
                zone=zone.key,
                event=example.name,
                written=f"{example.moment:%Y-%m-%d %H:%M}",
                local=f"{local:%H:%M}",
                utc=f"{local.astimezone(UTC):%H:%M}",
            )
        )
        return Zoning(zone, True, tuple(notes))
    if option is not None:
        if named is not None and named.key != option.key:
            notes.append(
                say(
                    "{label}: time_zone_name is {named}; times are read and shown in --time-zone {option}",
                    label=label,
                    named=named.key,
                    option=option.key,
                )
            )
        return Zoning(option, False, tuple(notes))
    if named is not None and all(_agrees(stamp, named) for stamp in stamped):
        return Zoning(named, False, tuple(notes))
    if not stamped:
        if named is not None:
            return Zoning(named, False, tuple(notes))
        if name:
            raise DlcatError(
                _(
                    "{label}: its times have no UTC offset and its time_zone_name {name!r} is not a time zone "
                    "dlcat knows; give the conference's zone with --time-zone, e.g. --time-zone Europe/Brussels"
                ).format(label=label, name=name)
            )
        raise DlcatError(
            _(
                "{label}: its times have no UTC offset and it names no time zone; give the conference's zone "
                "with --time-zone, e.g. --time-zone Europe/Brussels"
            ).format(label=label)
        )
    if named is not None and not is_utc(named) and len(offsets) > 1:
        notes.append(
            say(
                "{label}: some event times disagree with time_zone_name {zone}; each keeps its own offset, "
                "and times are shown in {zone}",
                label=label,
                zone=named.key,
            )
        )
        return Zoning(named, False, tuple(notes))
    shown, at = _most_common_local_offset(stamped)
    zone = zone_for_offset(shown, at.replace(tzinfo=None) + shown) or ZoneInfo("Etc/UTC")
    if not name:
        said = say("there is no time_zone_name")
    elif named is None:
        said = say("time_zone_name {name!r} is not a time zone dlcat knows", name=name)
    else:
        said = say("time_zone_name is {name!r}", name=name)
    if len(offsets) == 1:
        example = stamped[0]
        text = say(
            "{label}: {said}, but the event times carry {offset} ({event} at {moment}); trusting the offsets: "
            "times are in UTC{offset}",
            label=label,
            said=said,
            offset=offset_text(shown),
            event=example.name,
            moment=example.moment.isoformat(),
        )
    else:
        text = say(
            "{label}: {said} and the event times carry {offsets}: each event keeps its own offset, and times "
            "are shown at UTC{offset}, the most common",
            label=label,
            said=said,
            offsets=", ".join(offset_text(offset) for offset, _count in offsets.most_common()),
            offset=offset_text(shown),
        )
    if unstamped:
        text = say(
            "{note}; times without an offset are read at UTC{offset}", note=text, offset=offset_text(shown)
        )
    notes.append(text)
    return Zoning(zone, False, tuple(notes))


def _agrees(stamp: Stamp, zone: ZoneInfo) -> bool:
    """The clock time of `stamp`'s instant in `zone` is its <start> (or it has none to compare)."""
    if stamp.start is None:
        return True
    local = stamp.moment.astimezone(zone)
    return timedelta(hours=local.hour, minutes=local.minute, seconds=local.second) == stamp.start % DAY


def _z_on_local_times(stamped: list[Stamp], named: ZoneInfo) -> bool:
    """Every offset is zero, each on the clock time of its <start>, and not all those agree with `named`."""
    if not stamped or any(stamp.moment.utcoffset() for stamp in stamped):
        return False
    if all(stamp.start is None for stamp in stamped):
        return False
    utc = ZoneInfo("Etc/UTC")
    return all(_agrees(stamp, utc) for stamp in stamped) and not all(_agrees(s, named) for s in stamped)


def _most_common_local_offset(stamped: list[Stamp]) -> tuple[timedelta, datetime]:
    """The offset of local time most events show, and an instant at it: the offset their <start> clock
    says (a merged sub-schedule may write 10:45+00:00 for an 11:45 start), else their own."""
    counted: Counter[timedelta] = Counter()
    first: dict[timedelta, datetime] = {}
    for stamp in stamped:
        offset = stamp.moment.utcoffset() or timedelta(0)
        if stamp.start is not None:
            utc = stamp.moment.astimezone(UTC)
            said = (stamp.start - timedelta(hours=utc.hour, minutes=utc.minute, seconds=utc.second)) % DAY
            said = said - DAY if said > timedelta(hours=14) else said
            offset = said if said.total_seconds() % 900 == 0 else offset
        counted[offset] += 1
        first.setdefault(offset, stamp.moment.astimezone(UTC))
    shown = counted.most_common(1)[0][0]
    return shown, first[shown]


# -- the conference's days ----------------------------------------------------------------------


def listed_days(
    listings: list[dict[str, Any]],
    events: list[dict[str, Any]],
    conference: Mapping[str, Any],
    zoning: Zoning,
    label: str,
    warnings: list[str],
) -> list[DayData | None]:
    """The conference's own days, one for each day the file lists, in its order: its number (the file's
    index), date, and span: the day's own start and end, else the conference's day_change ("04:00": from
    that hour to the same hour the next day), else midnight to midnight. None for a day with no readable
    date and no events to date it by.
    """
    zone = zoning.zone
    indices = [_index(listing.get("index")) for listing in listings]
    numbered = [i for i in indices if i is not None]
    own = len(numbered) == len(indices) and all(a < b for a, b in pairwise([0, *numbered]))
    if listings and not own:
        shown = ", ".join(clean_text(text_of(listing.get("index")))[:12] for listing in listings[:10])
        warnings.append(
            say(
                "{label}: the days' indices ({indices}) are not numbers from 1 up, in order; days are numbered "
                "as listed",
                label=label,
                indices=shown + (", ..." if len(listings) > 10 else ""),
            )
        )
    change = clock(conference.get("day_change"))
    change = change if change is not None and change < DAY else None
    days: list[DayData | None] = []
    for position, listing in enumerate(listings):
        on = day_of(listing.get("date"))
        name = say("day {index}", index=clean_text(text_of(listing.get("index")))[:12] or position + 1)
        if on is None or not in_years(on):
            starts = [zoning.moment(moment_of(e)) for e in events if e.get("listing") == position]
            first = min((s for s in starts if s is not None), default=None)
            if first is None:
                warnings.append(
                    say("{label}: {day} has no readable date and no events; left out", label=label, day=name)
                )
                days.append(None)
                continue
            on = first.astimezone(zone).date()
        start = zoning.moment(listing.get("start")) or _at(on, change, zone)
        end = _day_end(zoning.moment(listing.get("end"))) or _at(on + DAY, change, zone)
        if end <= start or end - start > WEEK:
            warnings.append(
                say("{label}: {day} ends before it starts; taken as a whole day", label=label, day=name)
                if end <= start
                else say("{label}: {day} lasts more than a week; taken as a whole day", label=label, day=name)
            )
            start, end = _at(on, change, zone), _at(on + DAY, change, zone)
        before = next((day for day in reversed(days) if day is not None), None)
        overlapped = before.get("end") if before is not None else None
        if before is not None and isinstance(overlapped, datetime) and overlapped > start:
            warnings.append(
                say(
                    "{label}: {before} ends after {day} starts; taken to end at {end}",
                    label=label,
                    before=say("day {index}", index=before.get("number")),
                    day=name,
                    end=f"{start.astimezone(zone):%Y-%m-%d %H:%M}",
                )
            )
            before["end"] = start
        number = indices[position] if own else None
        days.append({"number": number or position + 1, "date": on.isoformat(), "start": start, "end": end})
    return days


def _index(value: Any) -> int | None:
    text = text_of(value)
    return int(text) if text.isdecimal() and text.isascii() and len(text) < 10 else None


def _at(on: date, clock_time: timedelta | None, zone: ZoneInfo) -> datetime:
    """`clock_time` on `on` in the conference's zone, as an instant in UTC; the date's start without one."""
    if clock_time is None:
        return start_of_date(on, zone)
    return (datetime.combine(on, datetime.min.time()) + clock_time).replace(tzinfo=zone).astimezone(UTC)


def _day_end(moment: datetime | None) -> datetime | None:
    """pretalx and frab end a day a minute or a second before the next begins (03:59 for 04:00, 21:29:59
    for 21:30): a day's end on a 59th minute or second is taken as the whole minute after it."""
    if moment is not None and (moment.second == 59 or (moment.second == 0 and moment.minute == 59)):
        return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment


def event_start(event: Mapping[str, Any], day: DayData | None, zoning: Zoning) -> datetime | None:
    """An event's start as an instant in UTC, or None: its date with its offset, else its <start> clock
    time on its own date or its day's (`24:30` is the next day's 00:30; a time before its day's start,
    such as 01:00 on a day running 04:00 to 04:00, is the next morning), else its date without one."""
    moment = moment_of(event)
    if moment is not None and moment.utcoffset() is not None and in_years(moment):
        return zoning.moment(moment)
    at = clock(event.get("start"))
    on = day_of(event.get("date")) or (day_of(day.get("date")) if day is not None else None)
    if at is None or on is None or not in_years(on):
        return zoning.moment(moment) if moment is not None else None
    start = _at(on, at, zoning.zone)
    begins, ends = (day.get("start"), day.get("end")) if day is not None else (None, None)
    if at < DAY and isinstance(begins, datetime) and isinstance(ends, datetime) and start < begins:
        following = _at(on + DAY, at, zoning.zone)
        if following < ends:
            return following
    return start
