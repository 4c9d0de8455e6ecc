"""progress.py: a bar only on a terminal, only without --json, only once the work is slow, and gone after:
the download bar (DelayedBar) and the bar of a slow load (SlowWork)."""

from __future__ import annotations

import io
import sys

import pytest

from dlcat_cli.cli import progress
from dlcat_cli.cli.progress import DelayedBar, SlowWork, download_bar


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_no_bar_in_the_first_second() -> None:
    clock = Clock()
    bar = DelayedBar("Downloading", shown=True, clock=clock)
    clock.now += 0.5
    bar(10, 100)
    assert bar.bar is None


def test_the_bar_starts_after_a_second_and_follows_the_bytes() -> None:
    clock = Clock()
    bar = DelayedBar("Downloading", shown=True, clock=clock)
    clock.now += 1.5
    bar(10, 100)
    assert bar.bar is not None
    bar(60, 100)
    assert bar.bar.tasks[0].completed == 60
    assert bar.bar.tasks[0].total == 100
    bar.close()
    assert bar.bar is None


def test_nothing_when_not_shown() -> None:
    clock = Clock()
    bar = DelayedBar("Downloading", shown=False, clock=clock)
    clock.now += 10
    bar(10, None)
    assert bar.bar is None


@pytest.mark.parametrize(
    ("terminal", "as_json", "shown"), [(True, False, True), (True, True, False), (False, False, False)]
)
def test_shown_only_on_a_terminal_without_json(
    monkeypatch: pytest.MonkeyPatch, terminal: bool, as_json: bool, shown: bool
) -> None:
    monkeypatch.setattr(progress, "on_terminal", lambda: terminal)
    with download_bar("Downloading", as_json=as_json) as bar:
        assert bar.shown is shown


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
