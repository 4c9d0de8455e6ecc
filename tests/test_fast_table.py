"""fast_table.py: a long listing printed as lines reads exactly as rich's Table, Hangul aligned, no trailing space."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from dlcat_cli.cli import render
from dlcat_cli.cli.fast_table import Column, LineTable, cell, line_table
from dlcat_cli.core.model import Program
from dlcat_cli.core.search import Filters, Listing, select
from dlcat_cli.formats.loader import load_program
from helpers import run

COLUMNS = [Column("ID"), Column("Time"), Column("Room"), Column("Seats", right=True)]
COLUMNS += [Column("Speakers"), Column("Title")]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _printed(renderable: object, *, colour: bool, width: int = 200) -> list[str]:
    console = Console(width=width, force_terminal=colour, color_system="standard" if colour else None)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get().splitlines()


def _both(program: Program, listings: list[Listing], *, colour: bool) -> tuple[list[str], list[str]]:
    lines = line_table(COLUMNS, render.session_cells(program, listings, {"B10"}), 200)
    assert isinstance(lines, LineTable)
    table = render.sessions_table(program, listings, {"B10"})
    return _printed(table, colour=colour), _printed(lines, colour=colour)


def test_the_lines_read_as_riches_table_for_the_bundled_program(dlcat: Program) -> None:
    """Every session of the 2nd DLCAT, Hangul titles and two-line cells included: the same text, line for
    line, as rich's Table gives (without the spaces rich pads the last column with)."""
    listings = select(dlcat, Filters())
    table, lines = _both(dlcat, listings, colour=False)
    assert [line.rstrip() for line in table] == lines
    assert len(lines) > len(listings) + 2  # the hands-on and part lines are there


def test_the_styles_are_riches_too(dlcat: Program, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the ids are bold cyan, speakers green, a picked title bold, as in rich's Table."""
    monkeypatch.delenv("NO_COLOR")
    table, lines = _both(dlcat, select(dlcat, Filters()), colour=True)
    assert [ANSI.sub("", line).rstrip() for line in table] == [ANSI.sub("", line) for line in lines]
    joined = "\n".join(lines)
    assert "\x1b[1;36mB10\x1b[0m" in joined
    assert "\x1b[32m" in joined  # green speakers
    assert "\x1b[1m" in joined  # the bold header and the picked title


def test_hangul_is_aligned_and_no_line_ends_in_a_space() -> None:
    """A wide Hangul cell takes two columns a syllable: the next column starts at the same cell on every line."""
    rows = [[cell("강당"), cell("300"), cell("x")], [cell("Hall"), cell("5"), cell("y")]]
    table = line_table([Column("Room"), Column("Seats", right=True), Column("T")], rows, 80)
    lines = _printed(table, colour=False)
    assert lines == ["Room   Seats   T", "────────────────", "강당     300   x", "Hall       5   y"]
    assert {cell_len(line) for line in lines} == {16}


def test_empty_cells_at_the_end_leave_no_spaces() -> None:
    """A row whose last cells are empty ends at its last text."""
    rows = [[cell("A1"), cell(""), cell("")], [cell("B2\nB3"), cell("x"), cell("title")]]
    lines = _printed(line_table([Column("ID"), Column("S"), Column("Title")], rows, 80), colour=False)
    assert lines[2] == "A1"
    assert lines[3:] == ["B2   x   title", "B3"]


def test_a_table_too_wide_is_left_to_rich() -> None:
    """When a row would not fit the width, line_table says None: rich's Table wraps it."""
    rows = [[cell("A1"), cell("a title of some length")]]
    assert line_table([Column("ID"), Column("Title")], rows, 20) is None
    assert line_table([Column("ID"), Column("Title")], rows, 40) is not None


def test_a_long_listing_is_printed_as_lines(tmp_path: Path) -> None:
    """`list` of a big program (hundreds of rows) goes through fast_table and reads as a table."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from big_program import generate

    program_file = tmp_path / "big.yaml"
    program_file.write_text(generate(300, 10, 2, 7), encoding="utf-8")
    program = load_program(program_file)
    listings = select(program, Filters(day=program.days[0]))
    assert len(listings) >= 100
    assert isinstance(render.sessions_view(program, listings, 120), LineTable)
    result = run("--program", str(program_file), "list", "--day", "1")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Time", "Room", "Seats", "Speakers", "Title"]
    assert len(lines) == len(listings) + 2
    assert not any(line.endswith(" ") for line in lines)
    assert lines[2].startswith("R0-0 ")


def test_blocks_print_as_riches_group(dlcat: Program, monkeypatch: pytest.MonkeyPatch) -> None:
    """The narrow layout's blocks print the same as rich's Group of them, styles included, and a block with
    a line longer than the terminal is still wrapped by rich."""
    from rich.console import Group
    from rich.text import Text

    from dlcat_cli.cli.fast_table import Blocks

    monkeypatch.delenv("NO_COLOR")
    blocks = [render._session_block(dlcat, listing, {"B10"}) for listing in select(dlcat, Filters())]
    blocks.append([("a line far longer than forty columns, so that rich must wrap it here", "bold")])
    texts = [Text.assemble(*pieces) for pieces in blocks]
    for colour in (False, True):
        fast = _printed(Blocks(blocks), colour=colour, width=40)
        assert fast == _printed(Group(*texts), colour=colour, width=40)
    assert "a line far longer than forty columns, so" in fast[-2]  # wrapped


def test_a_long_narrow_grid_is_printed_as_blocks(tmp_path: Path) -> None:
    """`grid` of a big program on a narrow terminal goes through Blocks and shows every session."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from big_program import generate

    from dlcat_cli.cli.fast_table import Blocks

    program_file = tmp_path / "big.yaml"
    program_file.write_text(generate(300, 10, 2, 7), encoding="utf-8")
    program = load_program(program_file)
    assert isinstance(render.day_grid(program, 60), Blocks)
    assert isinstance(render.sessions_view(program, select(program, Filters()), 60), Blocks)
    result = run("--program", str(program_file), "grid")
    assert result.exit_code == 0, result.stderr
    assert all(f"R{room}-0 " in result.stdout for room in range(10))


def test_a_long_listing_too_wide_for_lines_is_riches_table(dlcat: Program) -> None:
    """Hundreds of rows whose titles would need wrapping at 90 columns keep rich's Table, which wraps."""
    from rich.table import Table

    listings = select(dlcat, Filters()) * 3
    assert len(listings) >= 100
    assert isinstance(render.sessions_view(dlcat, listings, 90), Table)
    assert isinstance(render.sessions_view(dlcat, listings, 200), LineTable)
