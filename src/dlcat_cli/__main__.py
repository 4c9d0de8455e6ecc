"""The `dlcat` command's entry point, also run by `python -m dlcat_cli`.

Start-up tuning, measured with bench/startup.py: importing typer and rich makes some 20,000
long-lived objects, and the cyclic garbage collector would walk them again and again while they
load, and once more as the interpreter exits. So the collector is off while the command line is
imported, what was imported is frozen out of later collections, and the collector is back on
before the command runs, which may build big programs. `dlcat list --time 10` took 108 ms without
this and 91 ms with it (medians of 30 runs; the final freeze is about 1.6 ms of the difference).
"""

import gc
import sys
from typing import NoReturn


def main() -> None:
    gc.disable()
    _streams()
    import os

    from dlcat_cli import i18n

    i18n.setup(i18n.choose(sys.argv[1:], os.environ))  # before typer builds any help: i18n.setup
    from dlcat_cli.cli import main as run

    gc.freeze()
    gc.enable()
    try:
        try:
            run()
        finally:
            sys.stdout.flush()  # what is still buffered fails here, inside the guard, not at the interpreter's exit
    except OSError as error:
        if error.filename is not None:  # a file's error, not the output's: the readers' own messages name it
            raise
        _unwritable(error)
    except Exception as error:  # outside a command (--help, --version): the one error class only
        from dlcat_cli.errors import DlcatError

        if not isinstance(error, DlcatError):
            raise
        print(f"dlcat: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        gc.freeze()  # nothing is collected after this; spare the exit its full collection


def _unwritable(error: OSError) -> NoReturn:
    """Standard output could not be written (`dlcat list > /dev/full`): one line on stderr and exit 1; a
    reader that left (`| head -1`) is no failure (terminal.reader_left). Never a traceback (issue 13)."""
    from contextlib import suppress

    from dlcat_cli.cli.terminal import reader_left, stdout_to_devnull, unwritable

    if isinstance(error, BrokenPipeError):
        reader_left()
    stdout_to_devnull()
    with suppress(OSError):  # standard error can't be written either: the exit code is all that is left
        print(f"dlcat: {unwritable(error)}", file=sys.stderr, flush=True)
    raise SystemExit(1) from None


def _streams() -> None:
    """Output that can't be written is reported, never a traceback (issue 13).

    A character the terminal's encoding can't hold (PYTHONIOENCODING=ascii) is written as `?` and the
    rest as it is (EUC-KR holds Hangul). A closed standard output (`dlcat list >&-`) is a stream that
    says so in one line when first written to; commands that would save first check it (cli.app).
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:
        import os

        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the life of the process)


class ClosedOutput:
    """Standard output when the process was started with it closed: writing to it is a DlcatError."""

    closed_output = True
    encoding = "utf-8"

    def write(self, text: str | bytes) -> int:
        from dlcat_cli.errors import DlcatError

        raise DlcatError(
            "standard output is closed, so nothing can be shown; run dlcat with its output open "
            "(e.g. dlcat list > sessions.txt)"
        )

    @property
    def buffer(self) -> "ClosedOutput":
        """Bytes written here (export -) are refused alike."""
        return self

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("standard output is closed")


if __name__ == "__main__":
    main()
