"""Start-up benchmark: `dlcat list --time 10` against `python -c "import typer, rich.table"`.

Run with the Python of the environment dlcat is installed in:

    python bench/startup.py            # 30 runs each, prints medians and the ratio
    python bench/startup.py --runs 100

Uses hyperfine when it is on PATH (more careful statistics), else repeated subprocess runs.
Goal (issue 2): the listing costs at most 1.3x the bare import of typer and rich.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = [sys.executable, "-c", "import typer, rich.table"]
# Printing anything with rich needs rich.console, which `import rich.table` alone does not load.
BASELINES = {
    "import typer, rich.table": BASELINE,
    "import typer, rich.console, rich.table": [sys.executable, "-c", "import typer, rich.console, rich.table"],
}
CASES = {
    "list --time 10": [sys.executable, "-m", "dlcat_cli", "list", "--time", "10"],
    "show A17": [sys.executable, "-m", "dlcat_cli", "show", "A17"],
    "grid": [sys.executable, "-m", "dlcat_cli", "grid"],
}


def median_seconds(command: list[str], runs: int) -> float:
    if shutil.which("hyperfine"):
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report.json"
            subprocess.run(
                ["hyperfine", "--style", "none", "--warmup", "3", "--runs", str(runs), "--export-json", str(report),
                 "--", " ".join(f"'{part}'" for part in command)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            return float(json.loads(report.read_text())["results"][0]["median"])
    for _ in range(3):
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    os.environ.setdefault("COLUMNS", "120")
    # An installed package has its bytecode compiled; let the warm-up runs write it for a checkout too.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    base = median_seconds(BASELINE, runs)
    print(f"{'command':<40} {'median':>9}   ratio to the first line")
    for name, command in BASELINES.items():
        took = base if command is BASELINE else median_seconds(command, runs)
        print(f"{name:<40} {took * 1000:6.1f} ms   {took / base:.2f}x")
    for name, command in CASES.items():
        took = median_seconds(command, runs)
        print(f"{'dlcat ' + name:<40} {took * 1000:6.1f} ms   {took / base:.2f}x")


if __name__ == "__main__":
    main()
