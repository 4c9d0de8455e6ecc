"""`dlcat now` on the agenda E10,E11,E15,E16 through the day, compared with golden files (issue 15, point 3).

The first line answers "where next, and when do I leave"; `now --short` prints it alone. To write the
files again after a deliberate change: DLCAT_WRITE_GOLDEN=1 pytest tests/test_now_golden.py, then read
the diff.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dlcat_cli import i18n
from helpers import run

GOLDEN = Path(__file__).parent / "golden" / "now"
MOMENTS = {
    "10:52": "in the break after E10, E11 next in the same room",
    "12:10": "at lunch, a free slot after it, E15 next",
    "14:30": "free while others' sessions run, E15 next",
    "16:55": "after the last pick, the day's last sessions to come",
    "18:00": "after the day",
}


@pytest.fixture(params=["en", "ko"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each golden test in English and in Korean (the language a Korean locale or --lang ko sets)."""
    i18n.setup(request.param)
    try:
        yield request.param
    finally:
        i18n.setup("en")


@pytest.mark.parametrize("at", MOMENTS)
def test_now_through_the_day_matches_the_golden_file(at: str, language: str) -> None:
    """The whole of `now --at T` at 120 columns, and `now --short` is its first line alone."""
    assert run("plan", "--pick", "E10,E11,E15,E16").exit_code == 0
    result = run("now", "--at", at)
    assert result.exit_code == 0, result.output
    suffix = "" if language == "en" else f"_{language}"
    golden = GOLDEN / f"e10_e11_e15_e16_at_{at.replace(':', '')}{suffix}.txt"
    if os.environ.get("DLCAT_WRITE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8"), MOMENTS[at]
    short = run("now", "--at", at, "--short")
    assert short.exit_code == 0
    assert short.stdout == result.stdout.splitlines(keepends=True)[0]
