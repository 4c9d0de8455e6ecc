"""Progress shown on a terminal while dlcat works for more than a moment."""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import Any


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
