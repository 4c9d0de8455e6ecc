"""The domain: a conference program as small immutable values. Pure: no I/O, no printing.

The values are NamedTuples rather than frozen dataclasses: defining one costs about 0.2 ms
instead of 0.65 ms, and every command's start-up defines them all (bench/startup.py). No
`from __future__ import annotations` here: NamedTuple would compile every string annotation
into a ForwardRef (40 of them, ~3 M instructions of a listing).
"""

import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, NamedTuple, TypeVar, cast
from zoneinfo import ZoneInfo

_T = TypeVar("_T")

# What an attendee may ask for (--buffer, --pace), and what a saved agenda may hold.
BUFFER_MINUTES = (0, 24 * 60)  # minutes wanted in a new room before a session starts
PACE_FACTORS = (0.1, 100.0)  # walks take this many times the program's walking minutes
LATE_MINUTES = (0, 60)  # minutes late an attendee may accept after a walk (rules.py)


class Kind(enum.Enum):
    """What happens in a session; the values are the words of the program file."""

    TALK = "talk"
    HANDS_ON = "hands-on"
    THEORY = "theory"
    PANEL = "panel"


class Conference(NamedTuple):
    id: str
    name: str
    short_name: str
    time_zone: ZoneInfo
    first_day: date
    url: str | None


class Day(NamedTuple):
    """One day of the conference, as its source numbers and bounds it.

    `start` and `end` are exact instants in UTC: midnight to midnight in the conference's zone unless
    the source says otherwise (a day from 09:00 to 02:00 the next morning, 38C3's 06:00 to 06:00).
    """

    number: int  # 1-based, as the source numbers it; an empty day keeps its number
    date: date  # its calendar date in the conference's zone
    start: datetime
    end: datetime

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    @property
    def label(self) -> str:
        """`2 (2024-12-28)`: how a day is named in messages."""
        return f"{self.number} ({self.date.isoformat()})"


def start_of_date(on: date, zone: ZoneInfo) -> datetime:
    """The first instant of a calendar date in `zone`, in UTC (01:00 where the clocks skip midnight)."""
    return datetime.combine(on, time(0), tzinfo=zone).astimezone(UTC)


def calendar_days(dates: Iterable[date], zone: ZoneInfo) -> tuple[Day, ...]:
    """Each date a day from midnight to midnight, numbered in date order: a program without a days list."""
    return tuple(
        Day(number, on, start_of_date(on, zone), start_of_date(on + timedelta(days=1), zone))
        for number, on in enumerate(sorted(dates), 1)
    )


class Building(NamedTuple):
    key: str
    name: str
    address: str | None

    @property
    def label(self) -> str:
        """`ETRI 융합기술연구생산센터`: the short key, then the full name."""
        return f"{self.key} {self.name}" if self.name != self.key else self.key


class Room(NamedTuple):
    id: str
    code: str
    name: str
    building: Building
    seats: int | None

    @property
    def label(self) -> str:
        """`ETRI 212호 대회의실`: building key, then room name (just the name where the key is empty)."""
        return f"{self.building.key} {self.name}".strip()


class Walking(NamedTuple):
    """Minutes to walk between rooms, from the program file's walking table."""

    within_building: int
    between: Mapping[frozenset[str], int]
    note: str | None = None  # said alongside plans, e.g. when the walking times are only assumed

    def minutes(self, origin: Room, destination: Room) -> int:
        if origin.id == destination.id:
            return 0
        return self.between_buildings(origin.building, destination.building)

    def between_buildings(self, origin: Building, destination: Building) -> int:
        """Minutes from a room in one building to another room, in the same building or not."""
        if origin.key == destination.key:
            return self.within_building
        return self.between[frozenset((origin.key, destination.key))]


class Break(NamedTuple):
    name: str
    start: datetime
    end: datetime


class Series(NamedTuple):
    """Sessions that continue one another (part 1, part 2, ...)."""

    key: str
    title: str
    parts: tuple[str, ...]


class Showing(NamedTuple):
    """One room a session is held in, named by its timetable id (B10, or A17..E17 for a simulcast)."""

    id: str
    room: Room


class Session(NamedTuple):
    id: str
    showings: tuple[Showing, ...]
    start: datetime  # exact instants in UTC (program.py); shown in the conference's zone
    end: datetime
    title: str
    speakers: tuple[str, ...]
    kind: Kind
    tags: tuple[str, ...] = ()
    co_presenters: tuple[str, ...] = ()
    series: str | None = None
    page: str | None = None
    slides: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    prep: str | None = None
    subtitle: str | None = None
    day: int = 1  # the number of the conference Day the source lists it under (Program.day_numbered)
    all_day: bool = False  # shown for its days (an exhibition), never planned
    guid: str | None = (
        None  # the source's lasting name for it (frab/pretalx guid, iCalendar UID): core/changes.py
    )

    @property
    def is_simulcast(self) -> bool:
        return len(self.showings) > 1

    def overlaps(self, other: "Session") -> bool:
        return self.start < other.end and other.start < self.end

    def is_running_at(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


class Program:
    """A whole conference program; `sessions` are in time order, then room order. Not changed once made."""

    _FIELDS = (
        "conference", "buildings", "rooms", "walking", "breaks", "series", "sessions",
        "source", "fingerprint", "topics", "notes", "days",
    )  # fmt: skip
    __slots__ = (*_FIELDS, "_by_showing", "_day_by_number", "_dated", "_slot_starts", "_derived")

    def __init__(
        self,
        conference: Conference,
        buildings: Mapping[str, Building],
        rooms: tuple[Room, ...],
        walking: Walking,
        breaks: tuple[Break, ...],
        series: Mapping[str, Series],
        sessions: tuple[Session, ...],
        source: str,
        fingerprint: str,
        topics: Mapping[str, tuple[str, ...]] | None = None,  # tag -> words that mean it
        notes: tuple[str, ...] = (),  # what was lenient about reading it (overlaps kept, a schedule's quirks)
        days: tuple[Day, ...] | None = None,  # by number; None: each date with sessions, 00:00 to 24:00
    ) -> None:
        self.conference: Final = conference
        self.buildings: Final = buildings
        self.rooms: Final = rooms
        self.walking: Final = walking
        self.breaks: Final = breaks
        self.series: Final = series
        self.sessions: Final = sessions
        self.source: Final = source
        self.fingerprint: Final = fingerprint
        self.topics: Final[Mapping[str, tuple[str, ...]]] = topics or {}
        self.notes: Final = notes
        self._by_showing: Final = {
            _id_key(showing.id): (s, showing) for s in sessions for showing in s.showings
        }
        zone = conference.time_zone
        dates = {s.start.astimezone(zone).date() for s in sessions}
        self.days: Final[tuple[Day, ...]] = (
            days if days is not None else calendar_days(dates or {conference.first_day}, zone)
        )
        self._day_by_number: Final = {day.number: day for day in self.days}
        # Times show their date when the program has several days, or its sessions several dates.
        self._dated: Final = len(self.days) > 1 or len(dates) > 1
        self._slot_starts: Final = tuple(sorted({s.start for s in sessions}))
        self._derived: Final[dict[str, object]] = {}

    def derived(self, name: str, build: "Callable[[Program], _T]") -> _T:
        """What `build(self)` gives, built on the first call with this `name` and kept with the program:
        indexes a command needs once per program, not once per use (search's folded texts)."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return cast(_T, self._derived[name])

    def __eq__(self, other: object) -> bool:
        """Equal when everything read from the files is; the indexes follow from that."""
        if not isinstance(other, Program):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._FIELDS)

    __hash__ = None  # type: ignore[assignment]  # equal by value, yet holds dicts

    def day_numbered(self, number: int) -> Day | None:
        """The conference day with this number (1 is the first), if there is one."""
        return self._day_by_number.get(number)

    def day_dated(self, on: date) -> Day | None:
        """The conference day whose calendar date is `on`, if there is one."""
        return next((day for day in self.days if day.date == on), None)

    def day_at(self, moment: datetime) -> Day | None:
        """The conference day whose span holds `moment` (01:00 of a day that runs to 04:00 is still that day)."""
        return next((day for day in self.days if day.holds(moment)), None)

    def sessions_on(self, day: Day) -> tuple[Session, ...]:
        """The sessions the source lists under `day`, in time order."""
        return tuple(s for s in self.sessions if s.day == day.number)

    def clock(self, moment: datetime) -> str:
        """`10:00` in the conference's zone; `07-05 10:00` when the program spans several days; in an hour
        the clocks pass twice, with the zone's name for the pass: `01:15 EST` (after `01:15 EDT`)."""
        local = moment.astimezone(self.conference.time_zone)
        shown = f"{local:%m-%d %H:%M}" if self._dated else f"{local:%H:%M}"
        return f"{shown} {local:%Z}" if _repeated(local) else shown

    def until(self, start: datetime, end: datetime) -> str:
        """How the end of a span from `start` shows: `10:50`; `24:00` at the midnight after the start's date;
        `05-11 12:00` (with its date) a day or more after the start."""
        zone = self.conference.time_zone
        first, last = start.astimezone(zone), end.astimezone(zone)
        if last.time() == time(0) and last.date() == first.date() + timedelta(days=1):
            return "24:00"
        if last.date() != first.date() and end - start >= timedelta(days=1):
            return f"{last:%m-%d %H:%M}"
        return f"{last:%H:%M} {last:%Z}" if _repeated(last) else f"{last:%H:%M}"

    def span(self, start: datetime, end: datetime) -> str:
        """`10:00–10:50`, `00:00–24:00`, `05-10 10:00–05-11 12:00`: a start and end in the conference's zone."""
        return f"{self.clock(start)}–{self.until(start, end)}"

    def find(self, showing_id: str) -> tuple[Session, Showing] | None:
        """The session and room a timetable id names, case-insensitively, full-width forms too (Ｂ１０),
        and typed with the Korean keyboard layout on (`ㄷ10` is E10: core/keyboard.py), or None."""
        found = self._by_showing.get(_id_key(showing_id))
        if found is None and not showing_id.isascii():
            from dlcat_cli.core.keyboard import has_hangul, latin_keys

            if has_hangul(showing_id):
                found = self._by_showing.get(_id_key(latin_keys(showing_id)))
        return found

    @property
    def showing_ids(self) -> tuple[str, ...]:
        return tuple(showing.id for s in self.sessions for showing in s.showings)

    @property
    def slot_starts(self) -> tuple[datetime, ...]:
        """Every distinct start time, in order."""
        return self._slot_starts

    def day_hours(self) -> tuple[time, time] | None:
        """The earliest start and latest end, as local times of day."""
        if not self.sessions:
            return None
        zone = self.conference.time_zone
        return (
            min(s.start.astimezone(zone).time() for s in self.sessions),
            max(s.end.astimezone(zone).time() for s in self.sessions),
        )

    def series_of(self, session: Session) -> Series | None:
        return self.series.get(session.series) if session.series else None

    def part_of(self, session: Session) -> tuple[int, int] | None:
        """(n, m): this session is part n of m of its series."""
        series = self.series_of(session)
        if series is None:
            return None
        return series.parts.index(session.id) + 1, len(series.parts)


def _repeated(local: datetime) -> bool:
    """`local` falls in an hour the clocks pass twice (when they go back), so its clock time alone is ambiguous."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _id_key(showing_id: str) -> str:
    """How ids are compared: `b10`, ` B10 ` and `Ｂ１０` are all B10."""
    return unicodedata.normalize("NFKC", showing_id).strip().upper()


def ids_in(text: str) -> list[str]:
    """The ids in a typed list: `B10,C11 D13`, `B10;C11`, and a Korean keyboard's `B10，C11` or `B10、C11`."""
    return [part for part in re.split(r"[\s,;、]+", unicodedata.normalize("NFKC", text)) if part]
