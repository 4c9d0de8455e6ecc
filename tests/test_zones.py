"""zones.py: the zone names schedule files use (IANA, Rails, Windows, offsets, places) -> IANA zones."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from dlcat_cli.formats.zones import Vocabulary, is_utc, resolve_zone, resolved, zone_for_offset


@pytest.mark.parametrize(
    ("name", "key", "vocabulary"),
    [
        ("Europe/Berlin", "Europe/Berlin", Vocabulary.IANA),
        ("europe/berlin", "Europe/Berlin", Vocabulary.IANA),
        ("US/Eastern", "US/Eastern", Vocabulary.IANA),  # an old name tzdata keeps
        ("Eastern Time (US & Canada)", "America/New_York", Vocabulary.RAILS),
        ("Samoa", "Pacific/Apia", Vocabulary.RAILS),  # not US/Samoa, which is Pago Pago
        ("W. Europe Standard Time", "Europe/Berlin", Vocabulary.WINDOWS),
        ("Eastern Standard Time", "America/New_York", Vocabulary.WINDOWS),
        ("UTC+1", "Etc/GMT-1", Vocabulary.OFFSET),
        ("+05:30", "Asia/Kolkata", Vocabulary.OFFSET),
        ("Berlin", "Europe/Berlin", Vocabulary.PLACE),  # Rails' name, the last part of the IANA one
        ("New York", "America/New_York", Vocabulary.PLACE),
        ("  Mexico   City ", "America/Mexico_City", Vocabulary.PLACE),
    ],
)
def test_zone_names_in_every_vocabulary(name: str, key: str, vocabulary: Vocabulary) -> None:
    found = resolved(name)
    assert found is not None
    assert (found[0].key, found[1]) == (key, vocabulary)


@pytest.mark.parametrize(
    "name", ["", "Mars/Olympus", "Nowhere Standard Time", "UTC+15", "-02:30", "../../etc/passwd"]
)
def test_names_that_are_no_zone_are_none(name: str) -> None:
    assert resolve_zone(name) is None


def test_utc_in_its_many_names() -> None:
    assert all(is_utc(resolve_zone(n)) for n in ("UTC", "Etc/UTC", "GMT", "Zulu"))  # type: ignore[arg-type]
    assert not is_utc(resolve_zone("Europe/London"))  # type: ignore[arg-type]


def test_an_offset_no_zone_keeps_all_year_has_no_zone() -> None:
    """-02:30 is Newfoundland's summer time and -03:30 its winter time: St John's keeps neither all year,
    so taking it for a fixed offset would move times read in it by an hour half the year (found by a
    tester: --time-zone -03:30 showed a July 10:30 as 02:30 later). +05:30 is Kolkata all year."""
    for minutes in (-150, -210, 630):
        assert zone_for_offset(timedelta(minutes=minutes), datetime(2024, 7, 1)) is None
    kolkata = zone_for_offset(timedelta(hours=5, minutes=30), datetime(2024, 7, 1))
    assert kolkata is not None
    assert kolkata.key == "Asia/Kolkata"
