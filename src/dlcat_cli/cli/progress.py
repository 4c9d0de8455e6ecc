"""Progress bars for work that takes more than a second: a download (DelayedBar) and a first load or an import
of a big file (SlowWork). Rich's, on stderr, only when stderr is a terminal and the output is not --json;
nothing otherwise. rich is imported only when a bar is shown.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType
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


class SlowWork:
    """A pulsing bar on stderr, shown only once the work inside has taken `after` seconds (issue 16: a
    first load or an import of a big file takes a few), and only when stderr is a terminal and the
    command prints no JSON. It is gone when the work ends (transient), so nothing of it stays in the
    terminal's scrollback or in piped output.

        with SlowWork("Reading big.xml", quiet=json_output):
            program = open_program(...)
    """

    def __init__(self, description: str, *, quiet: bool = False, after: float = 1.0) -> None:
        self.description = description
        self.after = after
        self.shown = not quiet and sys.stderr.isatty()  # whether a bar may be shown at all
        self._lock = threading.Lock()
        self._bar: Any = None
        self._timer: threading.Timer | None = None

    def __enter__(self) -> SlowWork:
        if self.shown:
            self._timer = threading.Timer(self.after, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _show(self) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        from dlcat_cli.cli.render import make_console

        with self._lock:
            if self._timer is None:  # the work ended meanwhile
                return
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=make_console(stderr=True),
                transient=True,
            )
            self._bar.add_task(self.description, total=None)
            self._bar.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._bar is not None:
                self._bar.stop()
                self._bar = None
