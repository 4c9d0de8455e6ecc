"""A progress bar for work that takes more than a second (a download): rich's, on stderr, only when stderr
is a terminal and the output is not --json; nothing otherwise. rich is imported only when a bar is shown.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

DELAY_SECONDS = 1.0  # a download quicker than this shows no bar


class DelayedBar:
    """A progress callback `(bytes done, bytes in all or None)` that starts rich's bar once `delay` seconds
    have passed since it was made, and only if `shown` (a terminal, no --json). `close` removes the bar."""

    def __init__(
        self,
        label: str,
        *,
        shown: bool,
        delay: float = DELAY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.shown = shown
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int | None) -> None:
        if not self.shown:
            return
        if self.bar is None:
            if self.clock() - self.started < self.delay:
                return
            self._start(total)
        self.bar.update(self.task, completed=done, total=total)

    def _start(self, total: int | None) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        from dlcat_cli.cli.render import make_console

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=make_console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def on_terminal() -> bool:
    """stderr is a terminal: a bar there is seen, not written into a log."""
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


@contextmanager
def download_bar(label: str, *, as_json: bool = False) -> Iterator[DelayedBar]:
    """The bar for one download, removed at the end however it ends."""
    bar = DelayedBar(label, shown=on_terminal() and not as_json)
    try:
        yield bar
    finally:
        bar.close()
