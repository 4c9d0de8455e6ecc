"""Under Korean, the main output of every command holds no English word of dlcat's own (issue 15, point 1).

The words allowed are the program's own (titles, rooms, buildings, names, tags, breaks), ids, option names, the
command names, and a few names that are English in Korean text too (`KST`, `UTC`, `JSON`, `iCalendar`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
