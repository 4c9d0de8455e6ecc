"""terminal.py: the one gate between text and the terminal (issue 13, point 1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dlcat_cli.cli.terminal import json_visible, visible
from helpers import run

HIDDEN = {
    "\x1b[2J\x1b[3J": "\\x1b[2J\\x1b[3J",  # clear the screen and the scrollback
    "\x1b]52;c;aGk=\x07": "\\x1b]52;c;aGk=\\x07",  # write the clipboard (OSC 52)
    "\x1b]0;pwned\x07": "\\x1b]0;pwned\\x07",  # retitle the window
    "\x9b31m": "\\x9b31m",  # a one-byte CSI (C1)
    "abc\u202efed": "abc\\u202efed",  # right-to-left override
    "a\u2066b\u2069": "a\\u2066b\\u2069",  # an isolate
    "S\u200b1": "S\\u200b1",  # zero-width space
    "\ufeffB10": "\\ufeffB10",  # a BOM inside text
    "x\u2028y": "x\\u2028y",  # a line separator
}


@pytest.mark.parametrize(("raw", "shown"), HIDDEN.items())
def test_hidden_characters_are_shown_as_escapes(raw: str, shown: str) -> None:
    """Every kind of character that can act on a terminal or hide in text is written as its escape."""
    assert visible(raw) == shown


@pytest.mark.parametrize(
    "text", ["B10", "강화학습 (1)", "Ｂ１０", "a\u00a0b", "전\u3000각", "line\nbreak\ttab", "🦀"]
)
def test_printable_text_is_untouched(text: str) -> None:
    """Hangul, full-width forms, no-break and ideographic spaces, line breaks and emoji pass as they are."""
    assert visible(text) == text


def test_json_keeps_its_meaning_and_loses_the_raw_characters() -> None:
    """A JSON document still parses to the same value, with no hidden character left raw in it."""
    document = json.dumps({"title": "a\x7f\x9b\u202e\U000f0000b"}, ensure_ascii=False)
    safe = json_visible(document)
    assert json.loads(safe) == json.loads(document)
    assert safe.isprintable()


EVIL_TITLE = "Rock \u202e kcor \u200b \x1b]52;c;aGk=\x07"


def _evil_program(tmp_path: Path) -> str:
    path = tmp_path / "evil.yaml"
    path.write_text(
        "schema: 1\n"
        'conference: {id: evil, name: Evil, date: "2024-01-01", time_zone: UTC}\n'
        "buildings: {A: {name: A}}\n"
        "rooms: [{id: R1, building: A}]\n"
        "sessions:\n"
        f'  - {{id: S1, room: R1, start: "10:00", end: "11:00", title: {json.dumps(EVIL_TITLE)}}}\n',
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize(
    "args",
    [("list",), ("list", "--json"), ("show", "S1"), ("show", "S1", "--json"), ("grid",), ("search", "rock")],
)
def test_no_raw_character_of_a_title_reaches_the_output(tmp_path: Path, args: tuple[str, ...]) -> None:
    """A title with a bidi override, a zero-width space and an OSC 52 sequence: every command's output
    is printable text, with the characters shown as escapes."""
    result = run("--program", _evil_program(tmp_path), *args)
    assert result.exit_code == 0, result.output
    for line in (result.stdout + result.stderr).splitlines():
        assert line.isprintable(), repr(line)


def test_ids_from_a_hand_edited_agenda_and_file_names_are_shown_escaped(tmp_path: Path) -> None:
    """A saved pick id with an escape sequence, and an export target named with one: one line each, escaped."""
    assert run("plan", "--pick", "B10").exit_code == 0
    saved = Path(os.environ["DLCAT_HOME"]) / "agenda-2nd-dlcat-2019.json"
    document = json.loads(saved.read_text(encoding="utf-8"))
    document["picks"][0]["id"] = "B10\x1b[31m"
    saved.write_text(json.dumps(document), encoding="utf-8")
    result = run("agenda")
    assert result.exit_code == 1
    assert "this repairs it: dlcat plan --drop 'B10\\x1b[31m'" in result.stderr
    assert "\x1b" not in result.stderr
    assert "  B10\\x1b[31m  " in result.stdout  # marked removed, whole, escaped (and never markup)
    assert "\x1b" not in result.stdout
    target = tmp_path / "a\x1b[31m.ics"
    exported = run("export", str(target), "--pick", "B10")
    assert exported.exit_code == 0
    assert "a\\x1b[31m.ics" in exported.stderr
    assert "\x1b" not in exported.stderr


def test_a_program_id_with_a_hidden_character_is_refused(tmp_path: Path) -> None:
    """S\\u200b1 looks like S1 and can't be typed: one line naming the id, escaped."""
    path = tmp_path / "zw.yaml"
    evil = Path(_evil_program(tmp_path)).read_text(encoding="utf-8")
    path.write_text(evil.replace("id: S1", 'id: "S\\u200b1"'), encoding="utf-8")
    result = run("--program", str(path), "list")
    assert result.exit_code == 1
    assert "session id 'S\\u200b1' can't be typed in a --pick list" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "rooms: [{id: R1, building: A}]",
            'rooms: [{id: "R\\u200b1", building: A}]',
            "room id 'R\\u200b1' holds",
        ),
        (
            "buildings: {A: {name: A}}\nrooms: [{id: R1, building: A}]",
            'buildings: {"A\\e[31m": {name: A}}\nrooms: [{id: R1, building: "A\\e[31m"}]',
            "building key 'A\\x1b[31m' holds",
        ),
    ],
)
def test_a_room_id_or_building_key_with_a_hidden_character_is_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    """Room ids and building keys are typed (--track, --building) and shown: like session ids, one that holds
    a zero-width space or an escape is refused in one line naming it, escaped."""
    evil = Path(_evil_program(tmp_path)).read_text(encoding="utf-8")
    assert old in evil
    path = tmp_path / "keys.yaml"
    path.write_text(evil.replace(old, new), encoding="utf-8")
    result = run("--program", str(path), "list")
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.isprintable() or result.stderr.rstrip("\n").isprintable()


def _lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("command", [["grid"], ["list"], ["list", "--time", "10"], ["search", "keras"]])
def test_piped_output_at_80_columns_fits_and_ends_no_line_in_spaces(
    monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    """`dlcat grid | less` at COLUMNS=80: no line wider than 80 cells, none ending in a space."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    result = run(*command)
    assert result.exit_code == 0, result.output
    lines = _lines(result.stdout)
    assert len(lines) > 5
    assert max(cell_len(line) for line in lines) <= 80
    assert [line for line in lines if line != line.rstrip()] == []


def test_piped_output_without_columns_or_a_terminal_is_80_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """No COLUMNS and no terminal anywhere: 80 columns (the grid's widest line is 80), not 120."""
    from rich.cells import cell_len

    monkeypatch.delenv("COLUMNS")
    result = run("grid")
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in _lines(result.stdout)) == 80


def test_piped_output_takes_the_width_of_a_terminal_on_stderr(tmp_path: Path) -> None:
    """`dlcat list | less` on a 100-column terminal: stdout is a pipe, stderr the terminal; 100 columns."""
    import fcntl
    import pty
    import struct
    import subprocess
    import sys
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "dlcat_cli", "list", "--time", "10"],
            stdout=subprocess.PIPE,
            stderr=follower,
            env=env,
            check=True,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)
    lines = done.stdout.decode().splitlines()
    assert lines[0].startswith("ID")  # a table, not the blocks of a terminal narrower than 90
    assert max(len(line) for line in lines) <= 100 < len("─" * 101)
    assert set(lines[1]) == {"─"}
    assert 90 <= len(lines[1]) <= 100


@pytest.mark.parametrize(("columns", "expected"), [("", 80), ("132", 132), ("abc", 80), ("٣", 80)])
def test_output_width_of_a_pipe(monkeypatch: pytest.MonkeyPatch, columns: str, expected: int) -> None:
    """COLUMNS when it is a plain number, else (no terminal on stderr here) 80."""
    import io

    from dlcat_cli.cli.terminal import output_width

    monkeypatch.setenv("COLUMNS", columns)
    assert output_width(io.StringIO()) == expected


def test_trailing_spaces_go_but_inner_spaces_and_styles_stay() -> None:
    """Only the spaces before a line break are left out; blank lines stay, and so does the text's style."""
    from rich.segment import Segment
    from rich.style import Style

    from dlcat_cli.cli.terminal import _without_trailing_spaces

    bold = Style(bold=True)
    from rich.segment import ControlType

    home = Segment("", None, [(ControlType.HOME,)])
    segments = [
        Segment("a b ", bold),
        Segment("  "),
        Segment("\n"),
        Segment("   \n\nc"),
        home,
        Segment(" d  "),
    ]
    out = list(_without_trailing_spaces(segments))
    assert home in out  # a control segment passes as it is
    assert "".join(s.text for s in out) == "a b\n\n\nc d  "  # the last line is unfinished: kept as given
    assert out[0] == Segment("a b", bold)


def _printed_in(encoding: str, renderable: object, width: int = 60) -> str:
    """What a SafeConsole writing to a stream in `encoding` (errors="replace", as __main__ sets) prints."""
    import io

    from dlcat_cli.cli.terminal import SafeConsole

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="\n")
    SafeConsole(file=stream, width=width, highlight=False, markup=False, emoji=False).print(renderable)
    stream.flush()
    return raw.getvalue().decode(encoding)


def _table() -> object:
    from rich.table import Table

    table = Table("ID", "Room", "Seats")
    table.add_row("A10", "UST 강당", "300")
    table.add_row("B10", "UST Science Hall", "65")
    return table


def test_columns_stay_aligned_in_an_encoding_without_hangul() -> None:
    """PYTHONIOENCODING=ascii wrote each Hangul syllable as one `?` where two cells were laid out, so
    every column after it drifted left: the cells it lost are given back, and each `|` stays in place."""
    lines = _printed_in("ascii", _table()).splitlines()
    assert "| A10 | UST ??           | 300   |" in lines
    bars = {
        tuple(at for at, char in enumerate(line) if char == "|") for line in lines if line.startswith("| ")
    }
    assert len(bars) == 1
    assert len({len(line) for line in lines}) == 1


def test_a_long_listing_stays_aligned_in_ascii_too() -> None:
    """fast_table writes a line as one segment: the lost cells go back at the gap after the cell."""
    from dlcat_cli.cli.fast_table import Column, cell, line_table

    rows = [[cell("A10"), cell("강당 10:00–10:50"), cell("300")], [cell("B10"), cell("Hall"), cell("65")]]
    table = line_table([Column("ID"), Column("Room"), Column("Seats", right=True)], rows, 60)
    header, rule, *body = _printed_in("ascii", table).splitlines()
    assert header.split() == ["ID", "Room", "Seats"]
    assert body == ["A10   ?? 10:00-10:50       300", "B10   Hall                  65"]
    assert set(rule) == {"-"}


def test_euc_kr_keeps_hangul_and_writes_a_hyphen_for_the_en_dash() -> None:
    """EUC-KR holds Hangul (as it is, two cells) but no en dash: `-`, not `?`."""
    printed = _printed_in("euc-kr", "10:00–10:50 UST 강당 → ETRI ✗")
    assert printed == "10:00-10:50 UST 강당 → ETRI x\n"  # EUC-KR has the arrow


def test_control_segments_pass_through_an_encoding_untouched() -> None:
    """A cursor movement (a progress bar's) is no text to replace."""
    from rich.segment import ControlType, Segment

    from dlcat_cli.cli.terminal import _in_encoding

    erase = Segment("", None, [(ControlType.ERASE_IN_LINE, 2)])
    assert list(_in_encoding([erase, Segment("강당–")], "ascii")) == [erase, Segment("??-  ")]


class _FullOutput:
    """A standard output whose every flush fails as /dev/full's does, and that has no file descriptor."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        raise self.error

    def fileno(self) -> int:
        raise OSError("no descriptor")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            OSError(28, "No space left on device"),
            "standard output can't be written (No space left on device)",
        ),
        (
            BrokenPipeError(32, "Broken pipe"),
            "the reader of standard output left before the agenda was shown",
        ),
    ],
)
def test_what_could_not_be_shown_raises_before_anything_is_saved(
    monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    """shown_before_saving flushes inside, and turns a failed flush into a DlcatError that says nothing was
    saved (cli.agenda.plan saves only after it)."""
    from dlcat_cli.cli.terminal import shown_before_saving
    from dlcat_cli.errors import DlcatError

    monkeypatch.setattr("sys.stdout", _FullOutput(error))
    with pytest.raises(DlcatError, match="nothing was saved") as raised, shown_before_saving():
        print("10:00  B10")
    assert str(raised.value).startswith(message)
