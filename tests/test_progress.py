"""cli/progress.py: rich's bar on stderr for a download that takes more than a second, only on a terminal."""

from __future__ import annotations

import pytest

from dlcat_cli.cli import progress
from dlcat_cli.cli.progress import DelayedBar, download_bar


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
