"""The one gate between text and the terminal: nothing from a file, a name or the environment reaches it raw.

The readers already turn control characters in names and titles into spaces (formats/text.py); this is
the second line, for everything else that is shown: ids, keys, file names, dates quoted in notes, saved
agendas. A character that could move the cursor, recolour or retitle the terminal, write the clipboard
(OSC 52) or reorder a printed line (bidi overrides and isolates), or hide in an id (zero-width), is shown
as its escape instead: `\\x1b`, `\\u202e`, `\\u200b`. Line breaks and tabs stay; every other letter, Hangul
and spaces of every width included, is shown as it is.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TextIO

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

# Unicode categories never shown raw: controls (C0, DEL, C1), format characters (bidi controls, zero-width
# characters, the BOM), line and paragraph separators, surrogates and private use.
_HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs", "Co"))
_LAYOUT = frozenset("\n\t")
_NO_LAYOUT = dict.fromkeys(map(ord, _LAYOUT))  # str.translate: line breaks and tabs removed


def visible(text: str) -> str:
    """`text` with every hidden character written as its escape (`\\x1b`, `\\u202e`); the same str when
    there is none, which is nearly always (str.isprintable answers without a loop in Python code; a line
    break or a tab, which stay, would make it say no, so a text with them is asked again without them)."""
    if text.isprintable() or text.translate(_NO_LAYOUT).isprintable():
        return text
    return "".join(_shown(char) for char in text)


def _shown(char: str) -> str:
    if char in _LAYOUT or unicodedata.category(char) not in _HIDDEN:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def json_visible(text: str) -> str:
    """A JSON document with every hidden character still raw in it written as a JSON escape (`\\u001b`);
    json.dumps(ensure_ascii=False) leaves DEL, the C1 controls and bidi controls raw."""
    if text.isprintable():
        return text
    return "".join(
        char
        if char in _LAYOUT or unicodedata.category(char) not in _HIDDEN
        else "".join(f"\\u{unit:04x}" for unit in _utf16_units(char))
        for char in text
    )


def _utf16_units(char: str) -> tuple[int, ...]:
    data = char.encode("utf-16-be", "surrogatepass")
    return tuple(int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2))


PIPED_WIDTH = 80  # columns for output that goes to no terminal, when nothing says otherwise


def output_width(stream: TextIO) -> int | None:
    """The columns to lay out output for `stream`: None on a terminal (rich measures it, COLUMNS first);
    else `COLUMNS` when it is a number, else the width of a terminal on stderr (`dlcat grid | less`
    shows in that terminal), else PIPED_WIDTH."""
    import os

    if stream.isatty():
        return None
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit():
        return int(columns)
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (
        OSError,
        ValueError,
        AttributeError,
    ):  # no terminal there, or no file descriptor (a test's capture)
        return PIPED_WIDTH


class SafeConsole(Console):
    """A rich Console whose every segment of text passes through `visible`; rich's own styling is added
    after rendering (as control codes of its own), so colours still work on a terminal. Written to
    anything but a terminal, no line ends in spaces (rich pads every cell of a table to its width)."""

    def print(self, *objects: Any, **options: Any) -> None:
        """Console.print; a renderable that keeps to the width itself (fast_table's, `fits_width`) is not
        cropped, which would measure every segment again in terminal cells (issue 16)."""
        if len(objects) == 1 and getattr(objects[0], "fits_width", False):
            options.setdefault("crop", False)
        super().print(*objects, **options)

    def on_broken_pipe(self) -> None:
        """Rich would exit 1: see reader_left."""
        reader_left()

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
        shown: Iterable[Segment] = (
            segment
            if segment.control or segment.text.isprintable()
            else Segment(visible(segment.text), segment.style, segment.control)
            for segment in super().render(renderable, options)
        )
        encoding = self.encoding
        if not encoding.startswith("utf"):  # PYTHONIOENCODING=ascii, a EUC-KR terminal
            shown = _in_encoding(shown, encoding)
        return shown if self.is_terminal else _without_trailing_spaces(shown)


# What dlcat's own output writes for a character an encoding lacks, where one of the same width says it
# better than `?`: the en dash of times (10:00–10:50), the rule under a header, the marks of an agenda.
_FALLBACKS = {"–": "-", "—": "-", "─": "-", "·": "-", "→": ">", "▶": ">", "✗": "x"}
_GAP = re.compile(r"( {2,})")  # two spaces or more: between columns, where lost cells are given back


def _in_encoding(segments: Iterable[Segment], encoding: str) -> Iterator[Segment]:
    """`segments` as `encoding` can write them (issue 13): a character it lacks is written as its
    _FALLBACKS or `?` (what the stream's errors="replace" would write), and the cells a wide one loses
    (a Hangul syllable is two, `?` one) are given back as spaces at the next gap between columns, else at
    the end of the segment, so that columns stay aligned as they were laid out."""
    for segment in segments:
        text = segment.text
        if segment.control:
            yield segment
            continue
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            yield Segment("\n".join(_line_in(line, encoding) for line in text.split("\n")), segment.style)
        else:
            yield segment


def _line_in(line: str, encoding: str) -> str:
    """One line of a segment as _in_encoding writes it."""
    from rich.cells import cell_len

    written: list[str] = []
    lost = 0  # cells taken by what was replaced, not yet given back
    for part in _GAP.split(line):
        if part.startswith("  ") and not part.strip(" "):
            written.append(part + " " * lost)
            lost = 0
            continue
        for char in part:
            try:
                char.encode(encoding)
                written.append(char)
            except UnicodeEncodeError:
                fallback = _FALLBACKS.get(char, "?")  # one the encoding lacks too: "?" by errors="replace"
                written.append(fallback)
                lost += max(cell_len(char) - cell_len(fallback), 0)
    written.append(" " * lost)
    return "".join(written)


def safe_typer_consoles() -> None:
    """Make the consoles typer prints its help and usage errors with SafeConsoles, so that help piped
    (`dlcat --help | cat`) has no line ending in spaces (typer pads each line to the width) and shows no
    hidden character raw. typer.rich_utils builds a console for each help (_get_rich_console): that
    builder is wrapped, once per process, and typer's files stay as they are. Imports typer.rich_utils:
    call it only when help will be shown (cli.app._Group.main)."""
    from typer import rich_utils

    build = rich_utils._get_rich_console
    if getattr(build, "_dlcat_safe", False):
        return

    def safe(stderr: bool = False) -> Console:
        console = build(stderr=stderr)
        console.__class__ = SafeConsole  # the same console, rendered through SafeConsole.render
        return console

    setattr(safe, "_dlcat_safe", True)  # noqa: B010 (a mark on a function; mypy refuses the attribute)
    rich_utils._get_rich_console = safe


def _without_trailing_spaces(segments: Iterable[Segment]) -> Iterator[Segment]:
    """`segments` with the spaces before each line break left out; a line's segments are held back only
    while they are blank, so a long table still streams."""
    blanks: list[Segment] = []
    for segment in segments:
        text = segment.text
        if segment.control:
            yield segment
            continue
        if "\n" in text:
            lines = text.split("\n")
            for line in lines[:-1]:
                kept = line.rstrip(" ")
                if kept:
                    yield from blanks
                    yield Segment(kept, segment.style)
                blanks.clear()
                yield Segment("\n")
            text = lines[-1]
            if not text:
                continue
            segment = Segment(text, segment.style)
        if text.strip(" "):
            yield from blanks
            blanks.clear()
            trailing = len(text) - len(text.rstrip(" "))
            if trailing:
                yield Segment(text[:-trailing], segment.style)
                blanks.append(Segment(text[-trailing:], segment.style))
            else:
                yield segment
        else:
            blanks.append(segment)
    yield from blanks


class ReaderLeft(SystemExit):
    """reader_left's exit (code 0); `shown_before_saving` tells it from any other exit."""


def reader_left() -> NoReturn:
    """The reader of standard output left (`dlcat list | head -2`): it took what it wanted, and what the
    command did stands (an agenda saved stays saved), so exit 0 quietly, as shell tools do. Standard output
    then points at /dev/null, so that the interpreter's last flush can't fail again at exit. Raises ReaderLeft."""
    stdout_to_devnull()
    raise ReaderLeft(0)


def stdout_to_devnull() -> None:
    """Point standard output's file descriptor at /dev/null, so that what is still buffered for it (and the
    interpreter's flush at exit) is written nowhere rather than failing again."""
    import os

    try:
        fileno = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # closed from the start (ClosedOutput), or a test's capture
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def unwritable(error: OSError) -> str:
    """The line for an `error` in writing standard output (`dlcat list > /dev/full`): what failed, and the fix."""
    from dlcat_cli.i18n import _

    return _(
        "standard output can't be written ({reason}); free some space, or send the output elsewhere "
        "(e.g. dlcat list > ~/sessions.txt)"
    ).format(reason=error.strerror or type(error).__name__)


@contextmanager
def shown_before_saving() -> Iterator[None]:
    """Output written inside is flushed before the block ends, so that what follows (a save) happens only
    once the attendee was shown it. Output that can't be written (a full disk, a reader that left before
    anything was shown, a closed standard output) raises a DlcatError saying nothing was saved, and leaves
    standard output pointing at /dev/null."""
    from dlcat_cli.errors import DlcatError
    from dlcat_cli.i18n import _

    try:
        yield
        sys.stdout.flush()
    except (ReaderLeft, BrokenPipeError):
        stdout_to_devnull()
        raise DlcatError(
            _("the reader of standard output left before the agenda was shown; nothing was saved")
        ) from None
    except OSError as error:
        stdout_to_devnull()
        raise DlcatError(
            _(
                "standard output can't be written ({reason}), so the agenda could not be shown; nothing was saved "
                "(free some space, or send the output elsewhere)"
            ).format(reason=error.strerror)
        ) from None
