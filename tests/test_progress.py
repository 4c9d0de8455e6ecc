"""progress.py: a bar only on a terminal, only without --json, only once the work is slow, and gone after."""

from __future__ import annotations

import io
import sys

import pytest

from dlcat_cli.cli.progress import SlowWork


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    """Piped or captured stderr never gets a bar, and no timer is started."""
    with SlowWork("Reading big.xml", after=0) as work:
        assert not work.shown
        assert work._timer is None


def test_no_bar_with_json_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """--json output is for programs: no bar, whatever stderr is."""
    monkeypatch.setattr(sys, "stderr", _Terminal())
    with SlowWork("Reading big.xml", quiet=True, after=0) as work:
        assert not work.shown


def test_the_bar_shows_once_slow_and_is_gone_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the timer is armed; when it fires (called here, not waited for) a transient bar runs
    with the description; the end of the work stops it and disarms everything."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with SlowWork("Reading big.xml", after=3600) as work:
        assert work.shown
        assert work._timer is not None
        work._show()
        assert work._bar is not None
        assert work._bar.tasks[0].description == "Reading big.xml"
    assert work._bar is None
    assert work._timer is None


def test_a_timer_that_fires_after_the_work_ended_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Quick work: the timer is cancelled; should it fire anyway, it finds the work over."""
    monkeypatch.setattr(sys, "stderr", _Terminal())
    with SlowWork("Reading small.xml", after=3600) as work:
        pass
    work._show()
    assert work._bar is None
