"""What people type as a time ("10", "10:30", "10시", "오후 2시", "2019-07-04 10:55") -> an aware datetime.

Every result carries the conference's zone; the machine's own zone never enters.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dlcat_cli.core.model import Day
from dlcat_cli.errors import DlcatError, Echo
from dlcat_cli.i18n import _


def _unreadable(text: str, why: str = "") -> DlcatError:
    """The one error for a typed time dlcat can't read: what was typed, why (if known), and how to write it."""
    hint = _("write it as 10, 10:30, 10시, 10시 30분, 2pm or 2019-07-04 10:55")
    if why:
        return DlcatError(
            _("can't read time {text!r}: {why}; {hint}").format(text=Echo(text), why=why, hint=hint)
        )
    return DlcatError(_("can't read time {text!r}: {hint}").format(text=Echo(text), hint=hint))


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
        raise _unreadable(text, _("minute {minute} is past 59").format(minute=minute))
    if marker:
        if not 1 <= hour <= 12:
            raise _unreadable(text, _("{hour} is not a 12-hour clock hour").format(hour=hour))
        hour = hour % 12 + (12 if marker in ("pm", "오후") else 0)
    elif hour > 23:
        raise _unreadable(text, _("hour {hour} is past 23").format(hour=hour))
    elif day_hours is not None and 1 <= hour < 12:  # 0 is midnight, never 12 hours short of noon
        first, last = day_hours
        as_given, after_noon = time(hour, minute), time(hour + 12, minute)
        if not first <= as_given < last and first <= after_noon < last:
            hour += 12
    return time(hour, minute)


def parse_moment(
    text: str,
    *,
    day: Day | date,
    zone: ZoneInfo,
    day_hours: tuple[time, time] | None = None,
) -> datetime:
    """A moment in the conference's zone. A time without a date falls on `day`: on a calendar date,
    or on a conference Day by on_day's rule (01:00 of a day that runs to 04:00 is the next morning).

    Anything beyond a time of day ("2019-07-04 10:55", "Thu 10:55", "10:55 UTC") must show its
    hours and minutes: dateutil would otherwise read "-1" as the 1st of the month and "2019" as midnight.
    Full-width digits and colons (`１０：００`, as a Korean or Japanese keyboard may type them) are read as ASCII.
    """
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    clock = parse_clock(text, day_hours=day_hours)
    if clock is not None:
        try:
            exact = on_day(day, clock, zone) if isinstance(day, Day) else instant(day, clock, zone)
        except ValueError as error:
            raise DlcatError(
                _("can't read time {text!r}: {error}").format(text=Echo(text), error=error)
            ) from None
        return exact.astimezone(zone)
    if re.fullmatch(_CLOCK_FIELD, text.strip()):  # "01:20-05:00": a clock time naming its pass
        clock, offset = parse_clock_with_offset(text)
        if offset is not None:
            try:
                return on_day_at_offset(day, clock, zone, offset, given=text.strip()).astimezone(zone)
            except ValueError as error:
                raise DlcatError(
                    _("can't read time {text!r}: {error}").format(text=Echo(text), error=error)
                ) from None
    if isinstance(day, Day):
        day = day.date
    if re.search(r"\d:\d\d", text) is None:
        raise _unreadable(text)
    from dateutil import parser  # only for full dates: a plain listing never pays for it

    default = datetime.combine(day, time(0), tzinfo=zone)
    try:
        moment = parser.parse(text, default=default)
    except (ValueError, OverflowError) as error:
        if "out of range" in str(error) or "must be in" in str(
            error
        ):  # dateutil: "day is out of range for month", "month must be in 1..12"
            raise _unreadable(text, _("there is no such date")) from None
        raise _unreadable(text) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def on_day(day: Day, clock: time, zone: ZoneInfo) -> datetime:
    """`clock` of a conference day, as an exact instant in UTC: on the day's date, or on the next date
    when the time is before the day's start there and the same time the next morning is before its end
    (so 01:00 of a day that runs from 09:00 to 04:00 is the next morning). A ValueError for a skipped time."""
    exact = instant(day.date, clock, zone)
    if exact < day.start:
        following = instant(day.date + timedelta(days=1), clock, zone)
        if following < day.end:
            return following
    return exact


def on_day_at_offset(
    day: Day | date, clock: time, zone: ZoneInfo, offset: timedelta, *, given: str
) -> datetime:
    """`clock` at the UTC `offset` of a conference day (on_day's rule: the day's date, or the next morning
    while the day runs), or of a calendar date; a ValueError naming `given` when neither has it."""
    dates = (day.date, day.date + timedelta(days=1)) if isinstance(day, Day) else (day,)
    found, first_error = [], None
    for on in dates:
        try:
            found.append(instant_at_offset(on, clock, zone, offset, given=given))
        except ValueError as error:
            first_error = first_error or error
    if not found:
        assert first_error is not None
        raise first_error
    if isinstance(day, Day):
        return next((exact for exact in found if day.holds(exact)), found[0])
    return found[0]


_CLOCK_FIELD = r"(\d{1,2}):(\d{2})(?:\s*(Z|[+-]\d{2}:?\d{2}))?"


def parse_clock_with_offset(value: object) -> tuple[time, timedelta | None]:
    """A time of day in a program file, "HH:MM", with the UTC offset it may carry for a time the clocks
    pass twice ("01:15-05:00", "10:00+09:00", "08:00Z"). Raises ValueError with the fix."""
    if not isinstance(value, str):
        raise ValueError(
            _('{value!r} is not a time; write it in quotes as "HH:MM", e.g. "10:50"').format(value=value)
        )
    return _clock_with_offset(value)


@lru_cache(maxsize=4096)  # a program has few distinct clock times, written again and again
def _clock_with_offset(value: str) -> tuple[time, timedelta | None]:
    match = re.fullmatch(_CLOCK_FIELD, value.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(
            _('{value!r} is not a time; write it as "HH:MM", e.g. "10:50" (or "01:15-05:00")').format(
                value=value
            )
        )
    clock = time(int(match[1]), int(match[2]))
    if match[3] is None:
        return clock, None
    if match[3] == "Z":
        return clock, timedelta(0)
    digits = match[3][1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError(
            _("{value!r}: {offset} is not a UTC offset; write it as -05:00, +09:00 or Z").format(
                value=value, offset=match[3]
            )
        )
    offset = timedelta(hours=hours, minutes=minutes)
    return clock, -offset if match[3][0] == "-" else offset


def instant_at_offset(
    day: date, clock: time, zone: ZoneInfo, offset: timedelta, *, given: str | None = None
) -> datetime:
    """`clock` on `day` at the UTC offset given, as an exact instant in UTC: the offset says which of the
    two passes of a repeated hour is meant. A ValueError, naming the time as `given` (as written) and the
    offsets `zone` has then, for any other."""
    passes = []
    for fold in (0, 1):
        local = datetime.combine(day, clock, tzinfo=zone).replace(fold=fold)
        exact = local.astimezone(UTC)
        if exact.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
            continue  # a time the clocks skip has no offset at all
        if local.utcoffset() == offset:
            return exact
        passes.append(_offset_text(local.utcoffset() or timedelta(0)))
    if not passes:
        raise _skipped(day, clock, zone)
    given = given or f"{clock:%H:%M}{_offset_text(offset)}"
    fields = {"given": given, "zone": zone.key, "day": day, "clock": f"{clock:%H:%M}", "first": passes[0]}
    if passes[0] == passes[-1]:
        raise ValueError(
            _(
                '{given} is not a time of {zone} on {day}: {clock} there is at {first}; write "{clock}" '
                '(or "{clock}{first}")'
            ).format(**fields)
        )
    raise ValueError(
        _(
            "{given} is not a time of {zone} on {day}: {clock} there is at {first} (the first pass) or {second} "
            '(the second); write "{clock}{first}" or "{clock}{second}"'
        ).format(**fields, second=passes[1])
    )


def _offset_text(offset: timedelta) -> str:
    """-05:00, +09:00, +05:30."""
    total = int(offset.total_seconds()) // 60
    hours, minutes = divmod(abs(total), 60)
    return f"{'+' if total >= 0 else '-'}{hours:02d}:{minutes:02d}"


@lru_cache(maxsize=4096)  # a program has few distinct start and end times
def instant(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """`clock` on `day` in `zone`, as an exact instant in UTC; a ValueError for a time the clocks skip.

    Of a time the clocks pass twice (when they go back), the first. UTC, because Python subtracts and
    compares two times of one zone by their wall clocks, which is an hour off across a change of clocks.
    """
    local = datetime.combine(day, clock, tzinfo=zone)
    exact = local.astimezone(UTC)
    if exact.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise _skipped(day, clock, zone)
    return exact


def _skipped(day: date, clock: time, zone: ZoneInfo) -> ValueError:
    return ValueError(
        _(
            "{clock} does not exist on {day} in {zone}: the clocks go forward then; give the time as it is "
            "after the change"
        ).format(clock=f"{clock:%H:%M}", day=day, zone=zone.key)
    )
