"""README.md: the examples of `list --search`, `search`, `grid`, `now`, `import` and the program-file errors
reproduce exactly as shown (issue 15, point 6), at the README's COLUMNS=120 (conftest's)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from helpers import run

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()


def shown_after(command: str) -> str:
    """What the README shows after `    $ COMMAND`: the fenced block that follows it, else the indented lines."""
    start = README.index(f"    $ {command}")
    rest = README[start + 1 :]
    if rest[0] == "" and rest[1].startswith("```"):
        end = rest.index("```", 2)
        return "\n".join(rest[2:end]) + "\n"
    lines = []
    for line in rest:
        if not line.startswith("    ") or line.startswith("    $ "):
            break
        lines.append(line[4:])
    return "\n".join(lines) + "\n"


def output_of(command: str) -> str:
    """`dlcat ...` as the README writes it, run in-process: what it printed (only one stream prints here)."""
    words = shlex.split(command)
    env = {}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words.pop(0) == "dlcat"
    if env:
        from typer.testing import CliRunner

        from dlcat_cli.cli import app

        result = CliRunner().invoke(app, words, env=env)
    else:
        result = run(*words)
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    "command",
    [
        'dlcat list --search "강화 학습" --building etri',
        "dlcat list --time 12:30",
        "dlcat search ㄱㅎㅎㅅ",
        'dlcat search "reinforcement learning" --time 15 --building etri',
        'dlcat search "knowledge distilation"',
        "COLUMNS=80 dlcat grid --building etri --search 강화학습",
        "dlcat --program examples/night-camp.yaml now --day 1 --at 01:50",
        "dlcat --program examples/broken.yaml list",
        "dlcat --program examples/night.yaml list",
    ],
)
def test_a_readme_example_reproduces(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's output is the README's, character for character."""
    monkeypatch.chdir(ROOT)
    assert output_of(command) == shown_after(command)


def test_the_readme_s_now_examples_reproduce(monkeypatch: pytest.MonkeyPatch) -> None:
    """`now --short` through the day on the --like agenda, and on the agenda with a walk."""
    monkeypatch.chdir(ROOT)
    assert run("plan", "--like", "강화학습,GAN").exit_code == 0
    for at in ("10:52", "12:10", "14:30", "16:55"):
        command = f"dlcat now --at {at} --short"
        assert output_of(command) == shown_after(command)
    assert run("plan", "--pick", "B10,D11,A13").exit_code == 0
    assert output_of("dlcat now --at 10:53 --short") == shown_after("dlcat now --at 10:53 --short")
    first = shown_after(
        "dlcat now --at 10:30      (first lines; then the sessions on now and those at 11:00)"
    )
    assert output_of("dlcat now --at 10:30").startswith(first)


def test_the_readme_s_import_example_reproduces(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`import examples/democon-schedule.json`, then a listing of the program it wrote."""
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "democon-schedule.json").write_bytes(
        (ROOT / "examples" / "democon-schedule.json").read_bytes()
    )
    monkeypatch.chdir(tmp_path)
    for command in (
        "dlcat import examples/democon-schedule.json -o democon.yaml",
        "dlcat --program democon.yaml list --day 2 --time 10:00",
    ):
        assert output_of(command) == shown_after(command)
