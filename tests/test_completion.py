"""completion.py: shell completion of ids, tracks, buildings and days from the program, never a download."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dlcat_cli.cli import app
from helpers import NIGHT_CAMP_FILE
from http_servers import Site


def complete(line: str) -> list[str]:
    """What bash would be offered for the last word of `line` (an empty word when it ends in a space)."""
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_DLCAT_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(current)}
    result = CliRunner().invoke(app, [], env=env, prog_name="dlcat")
    assert result.exit_code == 0, result.output
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("dlcat show E1", ["E10", "E11", "E13", "E14", "E15", "E16", "E17"]),
        (
            "dlcat show e1",
            ["e10", "e11", "e13", "e14", "e15", "e16", "e17"],
        ),  # as begun: dlcat reads any case
        ("dlcat show ㄷ1", ["ㄷ10", "ㄷ11", "ㄷ13", "ㄷ14", "ㄷ15", "ㄷ16", "ㄷ17"]),  # the Korean layout
        (
            "dlcat plan --pick B10,C1",
            ["B10,C10", "B10,C11", "B10,C13", "B10,C14", "B10,C15", "B10,C16", "B10,C17"],
        ),
        ("dlcat list --track ", ["A", "B", "C", "D", "E", "F"]),
        ("dlcat search x --building ", ["UST", "ETRI"]),
        ("dlcat grid --building e", ["eTRI"]),
        ("dlcat grid --day ", ["1"]),
        (f"dlcat --program {NIGHT_CAMP_FILE} list --day ", ["1", "2", "3"]),
    ],
)
def test_completion_offers_what_the_program_has(line: str, offered: list[str]) -> None:
    """Ids (after a comma too), tracks, buildings and days of the program the command line names."""
    assert complete(line) == offered


@pytest.mark.parametrize("program", ["https://example.invalid/schedule.xml", "/no/such/file.yaml"])
def test_completion_never_downloads_and_never_fails_aloud(program: str) -> None:
    """A program given as a URL is not fetched, and one that can't be read offers nothing, with no error."""
    for rest in ("show ", "list --track ", "list --building ", "list --day "):
        assert complete(f"dlcat --program {program} {rest}") == []


def test_completion_reads_neither_standard_input_nor_the_web(site: Site, base: str) -> None:
    """`--program -` would wait on the terminal and a URL would fetch: both complete nothing; the server is
    never asked."""
    assert complete("dlcat --program - show ") == []
    assert complete(f"dlcat --program {base}/p.yaml show ") == []
    assert site.requests == []


def test_completion_reads_the_copy_update_kept(site: Site, base: str) -> None:
    """After `dlcat update URL`, the default program is the kept copy: completion offers its ids, offline."""
    from helpers import PROGRAMS, run

    site.files["/p.yaml"] = (PROGRAMS / "first-dlcat-2018.yaml").read_bytes()
    assert run("update", f"{base}/p.yaml").exit_code == 0
    asked = len(site.requests)
    assert complete("dlcat show A10") == ["A1010", "A1055"]
    assert len(site.requests) == asked
