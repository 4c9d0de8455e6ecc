"""errors.py: what a user's mistake becomes, and how much of what they typed a message quotes back."""

from __future__ import annotations

import pytest

from dlcat_cli.errors import ECHO_CHARS, Echo
from helpers import run

LONG = "Z" * 5000


def test_an_echo_is_the_text_but_its_repr_is_cut() -> None:
    """The value stays whole (it is still looked up, compared, stored); only its quoting is cut."""
    echo = Echo(LONG)
    assert echo == LONG
    assert repr(echo) == repr("Z" * (ECHO_CHARS - 1) + "…")
    assert len(repr(echo)) == ECHO_CHARS + 2  # the quotes
    assert repr(Echo("B10")) == "'B10'"
    assert repr(Echo("Z" * ECHO_CHARS)) == repr("Z" * ECHO_CHARS)  # exactly the limit: whole


@pytest.mark.parametrize(
    "args",
    [
        ("show", LONG),
        ("plan", "--pick", LONG),
        ("list", "--track", LONG),
        ("list", "--building", LONG),
        ("list", "--time", LONG),
        ("now", "--at", LONG),
        ("list", "--day", LONG),
        ("plan", "--like", LONG),
        ("export", "--pick", LONG, "-"),
    ],
)
def test_five_thousand_characters_typed_come_back_as_forty(args: tuple[str, ...]) -> None:
    """A 5,000-character bad id (a paste gone wrong) was quoted whole: now its first 39 characters and `…`."""
    result = run(*args)
    assert result.exit_code == 1
    assert "Z" * ECHO_CHARS not in result.stderr
    assert "Z" * (ECHO_CHARS - 1) + "…'" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 300
