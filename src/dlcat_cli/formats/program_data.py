"""The hand-off from any reader to the program check: the shape of a program's plain data.

A dlcat YAML program file parses into this shape with clock text (`start: "10:00"` on the session's
`date`, or `"01:15-05:00"` for the second pass of a repeated hour); the schedule reader (schedule.py)
builds it with exact instants (aware datetimes) and each session's `day` number, so that no time
travels between modules as wall-clock text. program_file.py checks either into a Program.

Only types live here: program_file.py imports this module for its annotations alone, so that a
listing's start-up never loads it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, NotRequired, TypedDict

# A time in the data: clock text on the item's date ("10:00", "01:15-05:00") or an exact instant.
Moment = str | datetime
# A date in the data: "2024-12-27" as written, or a date (YAML reads an unquoted one as a date).
DateValue = str | date


class ConferenceData(TypedDict):
    id: str
    name: str
    short_name: NotRequired[str]
    date: DateValue  # the first day; a session without a date or day is on it
    time_zone: str  # an IANA name
    url: NotRequired[str]


class BuildingData(TypedDict, total=False):
    name: str
    address: str


class MinutesData(TypedDict):
    minutes: int


class WalkData(TypedDict):
    buildings: list[str]  # two building keys
    minutes: int


class WalkingData(TypedDict, total=False):
    within_building: MinutesData
    between: list[WalkData]
    note: str


class RoomData(TypedDict):
    id: str
    code: NotRequired[str]
    name: NotRequired[str]
    building: str
    seats: NotRequired[int]


class DayData(TypedDict):
    """A conference day: its date, and where it begins and ends when not midnight to midnight."""

    date: DateValue
    start: NotRequired[Moment]  # a clock time on `date`, or an instant; default midnight
    end: NotRequired[Moment]  # a clock time at or before `start` is the next morning; default midnight
    number: NotRequired[int]  # a source's own number; without it, the next after the day before (1 first)


class BreakData(TypedDict):
    name: str
    start: Moment
    end: Moment


class SeriesData(TypedDict):
    title: str
    parts: list[str]


class SessionData(TypedDict):
    id: str
    room: NotRequired[str]
    rooms: NotRequired[dict[str, str]]  # one session in several rooms: showing id -> room id
    day: NotRequired[int]  # the number of the day the source lists it under; else the day holding its start
    date: NotRequired[DateValue]  # the date of clock times; default the conference's first day
    start: Moment
    end: NotRequired[Moment]
    duration: NotRequired[int | str]  # minutes, or "H:MM", instead of end
    title: str
    subtitle: NotRequired[str]
    speakers: NotRequired[list[str]]
    co_presenters: NotRequired[list[str]]
    kind: NotRequired[str]
    all_day: NotRequired[bool]  # an exhibition, a hackspace open all day: shown for its days, never planned
    tags: NotRequired[list[str]]
    page: NotRequired[str]
    slides: NotRequired[list[str]]
    code: NotRequired[list[str]]
    prep: NotRequired[str]
    guid: NotRequired[str]  # the source's lasting name for the session, followed across versions


class ChecksData(TypedDict, total=False):
    room_overlaps: Literal["error", "warn"]


class ProgramData(TypedDict, total=False):
    """A whole program: every section the program file may have (see data/program.yaml's header)."""

    schema: int
    conference: ConferenceData
    buildings: dict[str, BuildingData]
    walking: WalkingData
    rooms: list[RoomData]
    timing: dict[str, int]
    days: list[DayData]
    breaks: list[BreakData]
    series: dict[str, SeriesData]
    topics: dict[str, list[str]]
    checks: ChecksData
    sessions: list[SessionData]
