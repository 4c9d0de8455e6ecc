"""What people type as a time ("10", "10:30", "10시", "오후 2시", "2019-07-04 10:55") -> an aware datetime.

Every result carries the conference's zone; the machine's own zone never enters.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from dlcat_cli.errors import DlcatError

_HINT = "write it as 10, 10:30, 10시, 10시 30분, 2pm or 2019-07-04 10:55"

# "10", "10:30", "10시", "10시 30분", "10시반", "오후 2시", "2pm", "2:30 PM". Compiled on first use
# (by re's cache), not on import: most commands never read a typed time.
_CLOCK = r"""(?ix)  # ignore case, verbose
    ^\s*
    (?P<pre>오전|오후|am|pm)?\s*
    (?P<hour>\d{1,2})
    (?:\s*(?::|시)\s*(?:(?P<minute>\d{2})\s*분?|(?P<half>반))?)?
    \s*(?P<post>am|pm|a\.m\.|p\.m\.)?
    \s*$"""


def parse_clock(text: str, *, day_hours: tuple[time, time] | None = None) -> time | None:
    """A time of day written on its own, or None when `text` is not one.

    A bare hour that falls outside the program's hours while the same hour
    after noon falls inside them is taken after noon: at a 10:00-18:00
    conference "2" means 14:00.
    """
    match = re.match(_CLOCK, text)
    if match is None:
        return None
    hour = int(match["hour"])
    minute = 30 if match["half"] else int(match["minute"] or 0)
    marker = (match["pre"] or match["post"] or "").lower().replace(".", "")
    if minute > 59:
        raise DlcatError(f"can't read time {text!r}: minute {minute} is past 59; {_HINT}")
    if marker:
        if not 1 <= hour <= 12:
            raise DlcatError(f"can't read time {text!r}: {hour} is not a 12-hour clock hour; {_HINT}")
        hour = hour % 12 + (12 if marker in ("pm", "오후") else 0)
    elif hour > 23:
        raise DlcatError(f"can't read time {text!r}: hour {hour} is past 23; {_HINT}")
    elif day_hours is not None and 1 <= hour < 12:  # 0 is midnight, never 12 hours short of noon
        first, last = day_hours
        as_given, after_noon = time(hour, minute), time(hour + 12, minute)
        if not first <= as_given < last and first <= after_noon < last:
            hour += 12
    return time(hour, minute)


def parse_moment(
    text: str,
    *,
    day: date,
    zone: ZoneInfo,
    day_hours: tuple[time, time] | None = None,
) -> datetime:
    """A moment in the conference's zone. A time without a date falls on `day`.

    Anything beyond a time of day ("2019-07-04 10:55", "Thu 10:55", "10:55 UTC") must show its
    hours and minutes: dateutil would otherwise read "-1" as the 1st of the month and "2019" as midnight.
    """
    clock = parse_clock(text, day_hours=day_hours)
    if clock is not None:
        try:
            return instant(day, clock, zone).astimezone(zone)
        except ValueError as error:
            raise DlcatError(f"can't read time {text!r}: {error}") from None
    if re.search(r"\d:\d\d", text) is None:
        raise DlcatError(f"can't read time {text!r}: {_HINT}")
    from dateutil import parser  # only for full dates: a plain listing never pays for it

    default = datetime.combine(day, time(0), tzinfo=zone)
    try:
        moment = parser.parse(text, default=default)
    except (ValueError, OverflowError):
        raise DlcatError(f"can't read time {text!r}: {_HINT}") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def parse_clock_field(value: object) -> time:
    """A time of day in a program file: "HH:MM". Raises ValueError with the fix."""
    if not isinstance(value, str):
        raise ValueError(f'{value!r} is not a time; write it in quotes as "HH:MM", e.g. "10:50"')
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f'{value!r} is not a time; write it as "HH:MM", e.g. "10:50"')
    return time(int(match[1]), int(match[2]))


@lru_cache(maxsize=4096)  # a program has few distinct start and end times
def instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """`clock` on `day` in `zone`, as an exact instant in UTC; a ValueError for a time the clocks skip.

    Of a time the clocks pass twice (when they go back), the first. UTC, because Python subtracts and
    compares two times of one zone by their wall clocks, which is an hour off across a change of clocks.
    """
    local = datetime.combine(day, clock, tzinfo=zone)
    exact = local.astimezone(UTC)
    if exact.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValueError(
            f"{clock:%H:%M} does not exist on {day} in {zone.key}: the clocks go forward then; "
            "give the time as it is after the change"
        )
    return exact
