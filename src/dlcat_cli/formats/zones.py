"""Time zone names as files and people write them -> IANA zones.

Schedule files name their zone in several vocabularies: IANA (`Europe/Berlin`), Rails' ActiveSupport
(`Berlin`, `Eastern Time (US & Canada)`), Windows (`W. Europe Standard Time`), old IANA names
(`US/Eastern`, which tzdata keeps), an offset (`UTC+1`), or a city alone (`Kolkata`). resolve_zone tries
each in turn, cheapest first: a plain IANA name costs nothing more than ZoneInfo, and the Windows table
(icalendar ships it) and the list of all zones are loaded only for a name nothing else knows.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import Enum
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class Vocabulary(Enum):
    """Where a zone name was found: IANA's own names (old ones too), Rails', Windows', an offset, or a
    place matched by the last part of an IANA name (a guess worth a note)."""

    IANA = "IANA"
    RAILS = "Rails"
    WINDOWS = "Windows"
    OFFSET = "offset"
    PLACE = "place"


# Rails names that are not the last part of the IANA zone they mean (ActiveSupport::TimeZone::MAPPING);
# the others (Berlin, Mexico City, Buenos Aires) are found by matching an IANA zone's last part.
RAILS_ZONES = {
    "International Date Line West": "Pacific/Midway",
    "Midway Island": "Pacific/Midway",
    "American Samoa": "Pacific/Pago_Pago",
    "Hawaii": "Pacific/Honolulu",
    "Alaska": "America/Juneau",
    "Pacific Time (US & Canada)": "America/Los_Angeles",
    "Mountain Time (US & Canada)": "America/Denver",
    "Arizona": "America/Phoenix",
    "Central Time (US & Canada)": "America/Chicago",
    "Saskatchewan": "America/Regina",
    "Guadalajara": "America/Mexico_City",
    "Central America": "America/Guatemala",
    "Eastern Time (US & Canada)": "America/New_York",
    "Indiana (East)": "America/Indiana/Indianapolis",
    "Quito": "America/Lima",
    "Atlantic Time (Canada)": "America/Halifax",
    "Newfoundland": "America/St_Johns",
    "Brasilia": "America/Sao_Paulo",
    "Georgetown": "America/Guyana",
    "Greenland": "America/Godthab",
    "Mid-Atlantic": "Atlantic/South_Georgia",
    "Cape Verde Is.": "Atlantic/Cape_Verde",
    "Edinburgh": "Europe/London",
    "Bern": "Europe/Zurich",
    "West Central Africa": "Africa/Algiers",
    "Kyiv": "Europe/Kiev",
    "Pretoria": "Africa/Johannesburg",
    "St. Petersburg": "Europe/Moscow",
    "Abu Dhabi": "Asia/Muscat",
    "Ekaterinburg": "Asia/Yekaterinburg",
    "Islamabad": "Asia/Karachi",
    "Chennai": "Asia/Kolkata",
    "Mumbai": "Asia/Kolkata",
    "New Delhi": "Asia/Kolkata",
    "Astana": "Asia/Dhaka",
    "Sri Jayawardenepura": "Asia/Colombo",
    "Hanoi": "Asia/Bangkok",
    "Beijing": "Asia/Shanghai",
    "Osaka": "Asia/Tokyo",
    "Sapporo": "Asia/Tokyo",
    "Canberra": "Australia/Melbourne",
    "Solomon Is.": "Pacific/Guadalcanal",
    "New Caledonia": "Pacific/Noumea",
    "Marshall Is.": "Pacific/Majuro",
    "Wellington": "Pacific/Auckland",
    "Nuku'alofa": "Pacific/Tongatapu",
    "Tokelau Is.": "Pacific/Fakaofo",
    "Chatham Is.": "Pacific/Chatham",
    "Samoa": "Pacific/Apia",
}

# Zones that keep one offset that is not a whole hour (Etc/GMT names cover whole hours only).
_HALF_HOUR_ZONES = {
    -570: "Pacific/Marquesas",
    270: "Asia/Kabul",
    330: "Asia/Kolkata",
    345: "Asia/Kathmandu",
    390: "Asia/Yangon",
    525: "Australia/Eucla",
    570: "Australia/Darwin",
}
_UTC_KEYS = frozenset(
    [
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "GMT",
        "Etc/GMT",
        "GMT0",
        "Etc/GMT0",
        "GMT+0",
        "GMT-0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "Zulu",
        "Etc/Zulu",
        "Universal",
        "Etc/Universal",
        "Greenwich",
        "Etc/Greenwich",
    ]
)
_OFFSET_NAME = r"(?:UTC|GMT|Z)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?"  # compiled when a name needs it
# The areas of the IANA database whose zones are places; a last part is matched in these first.
_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


def resolve_zone(name: str) -> ZoneInfo | None:
    """The IANA zone `name` means, or None: an IANA name (any case), a Rails or Windows name, an
    offset such as `UTC+1` or `+05:30`, or the last part of an IANA name (`Kolkata`, `New York`)."""
    found = resolved(name)
    return found[0] if found is not None else None


def resolved(name: str) -> tuple[ZoneInfo, Vocabulary] | None:
    """The zone `name` means and the vocabulary it was found in, or None."""
    name = " ".join(name.split())
    if not name:
        return None
    zone = iana_zone(name)
    if zone is not None:
        return zone, Vocabulary.IANA
    rails = RAILS_ZONES.get(name)
    if rails is not None:
        zone = iana_zone(rails)
        return (zone, Vocabulary.RAILS) if zone is not None else None
    windows = _windows_zone(name)
    if windows is not None:
        zone = iana_zone(windows)
        return (zone, Vocabulary.WINDOWS) if zone is not None else None
    offset = re.fullmatch(_OFFSET_NAME, name, re.IGNORECASE)
    if offset is not None:
        sign, hours, minutes = offset.groups()
        total = (int(hours) * 60 + int(minutes or 0)) * (-1 if sign == "-" else 1)
        zone = zone_for_offset(timedelta(minutes=total)) if abs(total) <= 14 * 60 else None
        return (zone, Vocabulary.OFFSET) if zone is not None else None
    key = _by_folded_name().get(name.casefold().replace(" ", "_"))
    zone = iana_zone(key) if key is not None else None
    if zone is None:
        return None
    return zone, (
        Vocabulary.IANA if key is not None and key.casefold() == name.casefold() else Vocabulary.PLACE
    )


def is_utc(zone: ZoneInfo) -> bool:
    return zone.key in _UTC_KEYS


def zone_for_offset(offset: timedelta, at: datetime | None = None) -> ZoneInfo | None:
    """An IANA zone that is always `offset` from UTC (Etc/GMT-1 is UTC+01:00: the sign is POSIX's), or
    for an offset no Etc zone has, one that keeps it for the year around `at` (or 2000); None if none
    does. A zone with summer time is never taken for a fixed offset: -03:30 is not St John's, which is
    -02:30 in July, and would move every time read in it by an hour."""
    minutes = int(offset.total_seconds()) // 60
    hours, rest = divmod(minutes, 60)
    if not rest and -12 <= hours <= 14:
        return ZoneInfo("Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}")
    if minutes in _HALF_HOUR_ZONES:
        return ZoneInfo(_HALF_HOUR_ZONES[minutes])
    moment = (at or datetime(2000, 1, 1)).replace(tzinfo=None)
    year = [moment + timedelta(days=days) for days in range(-182, 183, 61)]
    return next(
        (
            zone
            for zone in map(ZoneInfo, _all_keys())
            if all(when.replace(tzinfo=zone).utcoffset() == offset for when in year)
        ),
        None,
    )


def offset_text(offset: timedelta | None) -> str:
    """+01:00, -03:30."""
    total = int(offset.total_seconds()) // 60 if offset is not None else 0
    hours, minutes = divmod(abs(total), 60)
    return f"{'+' if total >= 0 else '-'}{hours:02d}:{minutes:02d}"


def iana_zone(key: str) -> ZoneInfo | None:
    """The IANA zone `key` names, or None: for a name no zone has, a path, or one too long to be a file
    name (ZoneInfo raises three kinds of error for those)."""
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _windows_zone(name: str) -> str | None:
    """The IANA zone of a Windows zone name, from the table icalendar ships (imported only when asked)."""
    if not name.endswith(("Time", "Time)")) and "Standard" not in name:
        return None
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    folded = name.casefold()
    return next((iana for windows, iana in WINDOWS_TO_OLSON.items() if windows.casefold() == folded), None)


@cache
def _all_keys() -> tuple[str, ...]:
    """Every IANA name, places first (America/, Europe/, ...), shorter names before longer."""
    from zoneinfo import available_timezones

    return tuple(sorted(available_timezones(), key=lambda k: (not k.startswith(_AREAS), len(k), k)))


@cache
def _by_folded_name() -> dict[str, str]:
    """Every IANA name, and the last part of each, folded (`europe/berlin`, `berlin`, `new_york`) -> the
    name; a last part that several zones share names the first of _all_keys."""
    found: dict[str, str] = {}
    for key in _all_keys():
        found.setdefault(key.casefold(), key)
    for key in _all_keys():
        found.setdefault(key.rsplit("/", 1)[-1].casefold(), key)
    return found
