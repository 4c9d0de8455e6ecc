"""The one gate between text and the terminal: nothing from a file, a name or the environment reaches it raw.

The readers already turn control characters in names and titles into spaces (formats/text.py); this is
the second line, for everything else that is shown: ids, keys, file names, dates quoted in notes, saved
agendas. A character that could move the cursor, recolour or retitle the terminal, write the clipboard
(OSC 52) or reorder a printed line (bidi overrides and isolates), or hide in an id (zero-width), is shown
as its escape instead: `\\x1b`, `\\u202e`, `\\u200b`. Line breaks and tabs stay; every other letter, Hangul
and spaces of every width included, is shown as it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any, NoReturn

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


class SafeConsole(Console):
    """A rich Console whose every segment of text passes through `visible`; rich's own styling is added
    after rendering (as control codes of its own), so colours still work on a terminal."""

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
        for segment in super().render(renderable, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)


def reader_left() -> NoReturn:
    """The reader of standard output left (`dlcat list | head -2`): it took what it wanted, and what the
    command did stands (an agenda saved stays saved), so exit 0 quietly, as shell tools do. Standard output
    then points at /dev/null, so that the interpreter's last flush can't fail again at exit."""
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)
