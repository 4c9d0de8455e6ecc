"""Real schedule files and growth: import 38C3 (1,007 events), then list, plan --like and export it; and
`list` on generated programs of 10,000 to 100,000 sessions, to show the cost grows linearly.

    python bench/schedules.py              # needs ../shared/fixtures/38c3-schedule.xml beside the repo
    python bench/schedules.py --sizes 10000,50000,100000

Goal (issue 6): each 38C3 command under a second on this machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from big_program import generate

FIXTURE = Path(__file__).parents[2] / "shared" / "fixtures" / "38c3-schedule.xml"


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,25000,50000,100000")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DLCAT_HOME": folder}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        dlcat = [sys.executable, "-m", "dlcat_cli"]
        if FIXTURE.is_file():
            converted = str(Path(folder) / "38c3.yaml")
            listing = [*dlcat, "--program", str(FIXTURE), "list", "--day", "2", "--time", "14:00"]
            steps = {
                "import 38C3 -> program.yaml": [*dlcat, "import", str(FIXTURE), "-o", converted],
                "list --day 2 --time 14:00 (first read)": listing,
                "list --day 2 --time 14:00 (cached)": listing,
                'plan --like "security,hardware"': [
                    *dlcat,
                    "--program",
                    str(FIXTURE),
                    "plan",
                    "--like",
                    "security,hardware",
                ],
                "export - (the saved agenda)": [*dlcat, "--program", str(FIXTURE), "export", "-"],
            }
            for name, command in steps.items():
                print(f"38C3 {name:<42} {timed(command, env):6.2f} s")
        else:
            print(f"({FIXTURE} not found: 38C3 cases skipped)")
        previous = None
        for size in (int(s) for s in arguments.sizes.split(",")):
            program = Path(folder) / f"gen-{size}.yaml"
            program.write_text(generate(size, 100, 5, 7), encoding="utf-8")
            command = [*dlcat, "--program", str(program), "list", "--day", "1", "--time", "10"]
            first = timed(command, env)
            cached = timed(command, env)
            growth = (
                f"  x{cached / previous[1]:.1f} for x{size / previous[0]:.1f} sessions" if previous else ""
            )
            print(f"generated {size:>7} sessions: list {first:6.2f} s first, {cached:6.2f} s cached{growth}")
            previous = (size, cached)


if __name__ == "__main__":
    main()
