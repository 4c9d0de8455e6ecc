"""Under Korean, the main output of every command holds no English word of dlcat's own (issue 15, point 1).

The words allowed are the program's own (titles, rooms, buildings, names, tags, breaks), ids, option names, the
command names, and a few names that are English in Korean text too (`KST`, `UTC`, `JSON`, `iCalendar`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from dlcat_cli.core.model import Program
from helpers import run
from test_i18n import _help

COMMANDS = ("list", "search", "show", "grid", "plan", "agenda", "now", "update", "export", "import")
NAMES = {"dlcat", "DLCAT", "KST", "UTC", "JSON", "iCalendar", "ID"}  # Korean text writes these in Latin too
# In --help: typer writes "Usage:" and the usage line's OPTIONS, COMMAND and ARGS itself, with no gettext lookup
# to set; the options' value names (metavars: PATH|URL, ZONE, <file>,
# <en|ko>) and environment variables (DLCAT_PROGRAM, LC_ALL, LANG) are what is typed; the zones are examples of
# names typed (Europe/Berlin, W. Europe Standard Time); XML and http(s) are names as Korean writes them.
HELP = {"Usage", "OPTIONS", "COMMAND", "ARGS", "PATH", "URL", "ZONE", "file", "en", "ko", "LANG"}
HELP |= {"Europe", "Berlin", "Standard", "Time", "XML", "http"}
_VARIABLE = re.compile(r"\b[A-Z]+(?:_[A-Z]+)+\b")
_WORD = re.compile(r"[A-Za-z]{2,}")
_NOT_WORDS = re.compile(
    r"https?://\S+|(?<![\w/])[\w.~-]*/[\w./-]*|[\w-]+\.(?:ics|json|yaml)(?![A-Za-z])|--?[a-z][a-z-]*|\b[A-Za-z]{1,2}\d+\b"
)


def _program_words(program: Program) -> set[str]:
    """Every ASCII word of the program's own data: what dlcat shows but does not say."""
    texts = [program.conference.name, program.conference.short_name]
    for session in program.sessions:
        texts += [session.title, session.subtitle or "", *session.speakers, *session.co_presenters]
        texts += [*session.tags, session.series or "", session.prep or "", *session.code]
    for room in program.rooms:
        texts += [room.name, room.code, room.building.key, room.building.name, room.building.address or ""]
    texts += [pause.name for pause in program.breaks]
    texts += [series.title for series in program.series.values()]
    return {word for text in texts for word in _WORD.findall(text)}


def _english(text: str, allowed: set[str]) -> list[str]:
    """The ASCII words in `text` that are none of `allowed`, after URLs, paths, options and ids are taken out."""
    return sorted({word for word in _WORD.findall(_NOT_WORDS.sub(" ", text)) if word not in allowed})


@pytest.fixture
def korean_run(korean: None, dlcat: Program) -> set[str]:
    """Korean for the test, and the words it may show: the program's, ids, command names."""
    return _program_words(dlcat) | NAMES | set(COMMANDS)


@pytest.mark.parametrize(
    "arguments",
    [
        ("plan", "--pick", "B10,D11,C11", "--buffer", "5"),
        ("plan", "--pick", "B10,C11,E15"),
        ("agenda",),
        ("now", "--at", "12:10"),
        ("show", "B10"),
        ("list", "--time", "10"),
        ("plan", "--pick", "B10,C11,E15", "--dry-run"),
        ("plan", "--pick", "B10,C11,E15", "--buffer", "5"),
        ("plan", "--like", "강화학습,GAN"),
        ("plan", "--undo"),
        ("agenda", "--history"),
        ("show", "b12"),
        ("show", "A17"),
        ("grid",),
        ("export", "agenda.ics"),
        ("list", "--building", "없는건물"),
    ],
    ids=" ".join,
)
def test_a_korean_run_says_nothing_in_english(
    korean_run: set[str], arguments: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command after a saved agenda of B10, C11, E15: stdout and stderr, minus the program's words."""
    monkeypatch.chdir(tmp_path)  # export's file
    assert run("plan", "--pick", "B10,C11,E15").exit_code == 0
    result = run(*arguments)
    assert _english(result.stdout + result.stderr, korean_run) == [], result.stdout + result.stderr


def test_korean_help_says_nothing_in_english(korean_run: set[str]) -> None:
    """`dlcat --help` under LANG=ko_KR.UTF-8, in a process of its own (typer reads its panel titles once, when
    it is first imported): only typer's usage line and what is typed (HELP) are in Latin letters."""
    shown = _help(LANG="ko_KR.UTF-8")
    assert "─ 옵션 ─" in shown
    assert _english(_VARIABLE.sub(" ", shown), korean_run | HELP) == [], shown


def test_the_check_finds_english_words_of_dlcats_own() -> None:
    """The check itself can fail: a sentence of dlcat's in English is caught, a title's words, ids and options not."""
    allowed = {"Atelier", "AI"}
    assert _english("B10 AI Atelier: 3 min to spare", allowed) == ["min", "spare", "to"]
    assert _english("see /tmp/x/agenda.json, --dry-run, E15, https://a.b/c, out.ics", allowed) == ["see"]


def test_the_timeline_says_its_moves_and_free_time_in_korean(korean: None) -> None:
    """plan's heading, its moves (a buffer, a room next door, a walk between buildings) and free time, in Korean."""
    result = run("plan", "--pick", "B10,C11,E15", "--buffer", "5")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0] == "2nd DLCAT: 내 일정 (세션 3개; 여유 5분, 걷는 속도 x1)"
    assert "→ UST 대회의실, UST 안에서 3분 + 여유 5분 (2분 남음)" in lines
    assert "→ UST → ETRI 도보 10분 + 여유 5분 (175분 남음)" in lines
    assert "13:00–15:00                            빈 시간" in result.stdout
    assert result.stderr.splitlines()[-1].startswith("저장했습니다: ")


def test_show_gives_a_korean_day_and_korean_labels(korean: None) -> None:
    """show A17: its day as Korean writes it, its labels, and the rooms that show the same talk."""
    result = run("show", "A17")
    assert result.exit_code == 0, result.output
    assert "일시         7월 4일 (목) 17:00–17:50 KST (UTC+0900)" in result.stdout
    assert "다른 강의실  B17: UST 사이언스홀, 65석" in result.stdout
    assert "(같은 시간, 같은 발표: 이 가운데 어느 강의실에서 들어도 됩니다)" in result.stdout


def test_both_table_paths_give_the_korean_headers_aligned(korean: None, dlcat: Program) -> None:
    """A long listing (fast_table's lines, from render._LONG rows) reads exactly as rich's Table does in Korean:
    the same translated headers, measured in terminal cells, over the same columns."""
    from rich.console import Console

    from dlcat_cli.cli import render
    from dlcat_cli.cli.fast_table import LineTable
    from dlcat_cli.core.search import Listing

    listings = [Listing(s, s.showings) for s in dlcat.sessions] * 3  # over render._LONG rows
    fast = render.sessions_view(dlcat, listings, 200)
    assert isinstance(fast, LineTable)
    printed = []
    for renderable in (fast, render.sessions_table(dlcat, listings, set())):
        console = Console(width=200, color_system=None)
        with console.capture() as captured:
            console.print(renderable)
        printed.append([line.rstrip() for line in captured.get().splitlines()])  # rich pads to the width
    assert printed[0] == printed[1]
    header, row = printed[0][0], printed[0][2]
    assert header.split() == ["ID", "시간", "강의실", "좌석", "발표자", "제목"]
    assert cell_len(header[: header.index("시간")]) == cell_len(row[: row.index(row.split()[1])])
