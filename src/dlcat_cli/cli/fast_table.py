"""A long table printed as padded lines, without rich's cell-by-cell layout (issue 16).

rich's Table measures, wraps and pads every cell through its renderables: 2,000 rows of a big
conference's day took 1.6 s of a 2 s `list --day 1`. When every cell fits on its line (the usual case:
ids, times, names and titles of a few dozen columns), the table is only its lines: each cell padded to
its column's width in terminal cells (rich.cells.cell_len: a Hangul syllable is two), three spaces
between columns, the header in bold over a rule, and no trailing spaces. That is what this module
prints, as a rich renderable, so the console's styles, its safe-text gate (terminal.SafeConsole) and its
file are the same as for any other output. When a row would not fit the width, it returns None and the
caller keeps rich's Table, which wraps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

_GAP = "   "  # rich's Table with padding (0, 1) and box.SIMPLE_HEAD: pad, separator, pad


class Column(NamedTuple):
    """A column's header, and whether its cells are right-aligned (numbers)."""

    header: str
    right: bool = False


class Cell(NamedTuple):
    """A cell of one or more lines, each with the rich style it is shown in ("" for none)."""

    lines: tuple[tuple[str, str], ...]


def cell(text: str, style: str = "") -> Cell:
    """A cell of `text`, one line per line of it, all in `style`."""
    return Cell(tuple((line, style) for line in text.split("\n")))


class LineTable:
    """The table of `columns` and `rows` (each a Cell per column) as rich renders it, line for line.

    Build it with `line_table`, which says None when a row would need wrapping at `width` columns.
    """

    fits_width = True  # no line is wider than the console: terminal.SafeConsole need not crop

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], widths: list[int]) -> None:
        self.columns = columns
        self.rows = rows
        self.widths = widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str, Style] = {}

        def style_of(name: str) -> Style | None:
            if not name:
                return None
            if name not in styles:
                styles[name] = console.get_style(name)
            return styles[name]

        if console.color_system is None:  # no styles shown: a line is one segment
            style_of = _no_style
        header = [Cell(((column.header, "table.header"),)) for column in self.columns]
        yield from self._line(header, 0, style_of)
        yield Segment("─" * (sum(self.widths) + len(_GAP) * (len(self.widths) - 1)))
        yield Segment.line()
        for row in self.rows:
            for index in range(max(len(one.lines) for one in row)):
                yield from self._line(row, index, style_of)

    def _line(
        self, row: Sequence[Cell], index: int, style_of: Callable[[str], Style | None]
    ) -> Iterator[Segment]:
        """Segments of line `index` of `row`: each cell padded to its column, nothing after the last text;
        runs without a style (all of them, with `_no_style`) as one segment."""
        pending = ""  # padding held back until more text follows it: no trailing spaces
        done = ""  # text written but not yet yielded, without a style
        for number, (column, one, width) in enumerate(zip(self.columns, row, self.widths, strict=True)):
            text, name = one.lines[index] if index < len(one.lines) else ("", "")
            room = width - cell_len(text)
            if column.right:
                pending += " " * room
            if text:
                style = style_of(name)
                if style is None:
                    done += pending + text
                else:
                    if done or pending:
                        yield Segment(done + pending)
                    yield Segment(text, style)
                    done = ""
                pending = ""
            if not column.right:
                pending += " " * room
            if number < len(self.widths) - 1:
                pending += _GAP
        yield Segment(done + "\n")


def _no_style(name: str) -> Style | None:
    return None


def line_table(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int) -> LineTable | None:
    """The table as padded lines, or None when its natural width is over `width` terminal columns."""
    widths = [cell_len(column.header) for column in columns]
    for row in rows:
        for number, one in enumerate(row):
            for text, _ in one.lines:
                size = cell_len(text)
                if size > widths[number]:
                    widths[number] = size
    if sum(widths) + len(_GAP) * (len(widths) - 1) > width:
        return None
    return LineTable(columns, rows, widths)


class Blocks:
    """Blocks of text one after another, each its pieces of (text, rich style), as rich's Group of
    `Text.assemble(*pieces)` prints them, without wrapping what needs none.

    rich wraps every Text it prints, word by word in terminal cells, even when each of its lines is
    shorter than the terminal: 10,000 blocks of a big grid spent 1.9 s of 3.4 s there. A block whose lines
    all fit is written as its pieces; one with a longer line is left to rich, which wraps it as before.
    """

    fits_width = True  # lines that fit are as they are; rich wraps the others to the width

    def __init__(self, blocks: Sequence[Sequence[tuple[str, str]]]) -> None:
        self.blocks = blocks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        styles: dict[str, Style | None] = {"": None}
        plain_only = console.color_system is None  # no styles shown: a block is one segment
        for pieces in self.blocks:
            plain = "".join(text for text, _ in pieces)
            # a cell is at most two columns: measure only the lines that might not fit
            if all(len(line) * 2 <= width or cell_len(line) <= width for line in plain.split("\n")):
                if plain_only:
                    yield Segment(plain + "\n")
                    continue
                for text, name in pieces:
                    if name not in styles:
                        styles[name] = console.get_style(name)
                    yield Segment(text, styles[name])
                yield Segment.line()
            else:
                yield Text.assemble(*pieces)
