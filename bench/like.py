"""`plan --like` on a generated program: 10,000 sessions in 100 rooms (goal: under a second).

    python bench/like.py               # 5 timed runs of the whole command, after one that fills the cache
    python bench/like.py --sessions 2000 --rooms 40

Prints the median wall time of `dlcat --program BIG plan --like "강화학습,GAN" --dry-run`, and of the
optimiser alone in-process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from big_program import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "big.yaml"
        program.write_text(generate(arguments.sessions, arguments.rooms, 5, 7), encoding="utf-8")
        env = {**os.environ, "DLCAT_HOME": folder}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, "-m", "dlcat_cli", "--program", str(program)]
        like = [*command, "plan", "--like", "강화학습,GAN", "--dry-run"]
        started = time.perf_counter()
        subprocess.run([*command, "list", "--time", "10"], env=env, check=True, capture_output=True)
        print(f"first load (parse + cache) and list: {time.perf_counter() - started:6.2f} s")
        times = []
        for _ in range(arguments.runs):
            started = time.perf_counter()
            subprocess.run(like, env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        print(f"plan --like, whole command (median of {arguments.runs}): {statistics.median(times):6.2f} s")

        os.environ["DLCAT_HOME"] = folder
        from dlcat_cli.core.optimize import best_agenda
        from dlcat_cli.formats.loader import load_program

        loaded = load_program(program)
        started = time.perf_counter()
        choice = best_agenda(loaded, ["강화학습", "GAN"])
        took = time.perf_counter() - started
        print(
            f"optimiser alone: {took:6.2f} s for {len(loaded.sessions)} sessions, {len(choice.plan.picks)} chosen"
        )


if __name__ == "__main__":
    main()
