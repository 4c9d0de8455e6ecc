"""No lost update: 30 real processes change one agenda at once (issue 14, point 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SESSIONS = 31


def _program(folder: Path) -> Path:
    """31 sessions one after another in one room: any of them can be added beside the others."""
    lines = [
        "schema: 1",
        'conference: {id: many, name: Many, date: "2024-05-10", time_zone: Europe/Vienna}',
        "buildings: {A: {name: Hall}}",
        "rooms: [{id: R1, building: A}]",
        "sessions:",
    ]
    for index in range(SESSIONS):
        hour, minute = divmod(8 * 60 + index * 30, 60)
        lines.append(
            f'  - {{id: S{index}, room: R1, start: "{hour:02d}:{minute:02d}", duration: 25, title: Talk {index}}}'
        )
    path = folder / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run_at_once(program: Path, home: Path, option: str, ids: list[str]) -> list[int]:
    """`dlcat plan OPTION ID` for every id, all started before any is waited for; their exit codes."""
    env = {**os.environ, "DLCAT_HOME": str(home)}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "dlcat_cli", "--program", str(program), "plan", option, one],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for one in ids
    ]
    return [child.wait(timeout=120) for child in children]


def _saved(home: Path) -> set[str]:
    document = json.loads((home / "agenda-many.json").read_text(encoding="utf-8"))
    return {pick["id"] for pick in document["picks"]}


def test_thirty_adds_and_thirty_drops_at_once_lose_nothing(tmp_path: Path) -> None:
    """30 `plan --add` of different ids at once: every one exits 0 and is in the agenda; then 30 `--drop`s
    at once: every one exits 0 and is gone. Without the lock, 9 of 30 additions survived."""
    program = _program(tmp_path)
    home = tmp_path / "home"
    first = subprocess.run(
        [sys.executable, "-m", "dlcat_cli", "--program", str(program), "plan", "--pick", "S0"],
        env={**os.environ, "DLCAT_HOME": str(home)},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    added = [f"S{index}" for index in range(1, SESSIONS)]
    assert _run_at_once(program, home, "--add", added) == [0] * len(added)
    assert _saved(home) == {"S0", *added}
    assert _run_at_once(program, home, "--drop", added) == [0] * len(added)
    assert _saved(home) == {"S0"}
