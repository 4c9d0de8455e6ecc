"""Start-up benchmark: `dlcat list --time 10` against `python -c "import typer, rich.table"`.

Run with the Python of the environment dlcat is installed in:

    python bench/startup.py            # 30 rounds, prints medians and the ratio to the first line
    python bench/startup.py --runs 100
    python bench/startup.py --instructions   # instructions counted by valgrind: repeatable on a busy machine

Times the `dlcat` console script beside this Python (what people run), else `python -m dlcat_cli`.
Uses hyperfine when it is on PATH (more careful statistics), else rounds of plain subprocess runs,
every command once per round, so that a machine getting busier mid-run weighs on all lines alike.
Goal (issue 2): the listing costs at most 1.3x the bare import of typer and rich.table; in Korean too
(issue 15: the help and messages are looked up in the catalogue).

The third baseline imports what any rich output needs, with the garbage-collector tuning that
dlcat's entry point does (__main__.py): the gap between it and dlcat is dlcat's own work.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
SCRIPT = Path(PY).with_name("dlcat")
DLCAT = [str(SCRIPT)] if SCRIPT.exists() else [PY, "-m", "dlcat_cli"]
COMMANDS = {
    "import typer, rich.table": [PY, "-c", "import typer, rich.table"],
    "import typer, rich.console, rich.table": [PY, "-c", "import typer, rich.console, rich.table"],
    "  the same, collector tuned as dlcat's": [
        PY,
        "-c",
        "import gc; gc.disable(); import typer, rich.console, rich.table; gc.freeze()",
    ],
    "dlcat list --time 10": [*DLCAT, "list", "--time", "10"],
    "dlcat --lang ko list --time 10": [*DLCAT, "--lang", "ko", "list", "--time", "10"],
    "dlcat show A17": [*DLCAT, "show", "A17"],
    "dlcat grid": [*DLCAT, "grid"],
}


def hyperfine_median(command: list[str], runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                "hyperfine",
                "--style",
                "none",
                "--warmup",
                "3",
                "--runs",
                str(runs),
                "--export-json",
                str(report),
                "--",
                " ".join(f"'{part}'" for part in command),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return float(json.loads(report.read_text())["results"][0]["median"])


def interleaved_medians(commands: list[list[str]], runs: int) -> list[float]:
    for command in commands:  # warm-up: bytecode written, caches filled
        for _ in range(3):
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, taken in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def instructions(command: list[str]) -> float:
    """Instructions the command executes, counted by valgrind's callgrind (the same count run after run)."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # bytecode written, caches filled
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = re.search(r"Collected : (\d+)", counted.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind for {command}")
    return float(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with valgrind instead"
    )
    arguments = parser.parse_args()
    runs = arguments.runs
    os.environ.setdefault("COLUMNS", "120")
    # An installed package has its bytecode compiled; let the warm-up runs write it for a checkout too.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = list(COMMANDS.values())
    if arguments.instructions:
        counts = [instructions(command) for command in commands]
        print(f"{'command':<40} {'instructions':>12}   ratio to the first line")
        for name, count in zip(COMMANDS, counts, strict=True):
            print(f"{name:<40} {count / 1e6:10.1f} M   {count / counts[0]:.2f}x")
        return
    if shutil.which("hyperfine"):
        medians = [hyperfine_median(command, runs) for command in commands]
    else:
        medians = interleaved_medians(commands, runs)
    print(f"{'command':<40} {'median':>9}   ratio to the first line")
    for name, took in zip(COMMANDS, medians, strict=True):
        print(f"{name:<40} {took * 1000:6.1f} ms   {took / medians[0]:.2f}x")


if __name__ == "__main__":
    main()
