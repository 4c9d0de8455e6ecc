"""Big conferences (issue 16): every command on generated programs of 1,000, 10,000 and 100,000 sessions,
as a ratio to `python -c "import typer, rich.table"` and to each reader's floor, with peak memory.

    python bench/big.py                       # 1,000 and 10,000 sessions, 5 interleaved rounds
    python bench/big.py --sizes 1000,10000,100000 --rounds 3
    python bench/big.py --markdown            # the table for the README

The shapes are the issue's: 100 rooms in 5 buildings (1,000 rooms in 20 at 100,000; 10 in 2 at 1,000),
20 sessions a room a day from 08:00, over as many days as needed (5), written by big_program.py as dlcat
YAML, frab XML and JSON and iCalendar. Each round runs every command once (interleaved, so a machine that
gets busier weighs on all alike); the figure is the median. Peak memory is the child's maximum resident set
(os.wait4). Cached commands run on a program already in the cache; a first load runs with an empty cache,
against its floor: the least any reader must do with that file (the issue's definitions, FLOORS below).
Goals: cached commands within 2.5x of the reference, first loads within 2x of their floor, `import`
within 3x, at most 12x growth from 10,000 to 100,000 sessions. Not run by the tests (no timed tests).
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

sys.path.insert(0, str(Path(__file__).parent))
from big_program import as_frab_json, as_frab_xml, as_icalendar, generate

PY = sys.executable
SCRIPT = Path(PY).with_name("dlcat")
DLCAT = [str(SCRIPT)] if SCRIPT.exists() else [PY, "-m", "dlcat_cli"]
REFERENCE = [PY, "-c", "import typer, rich.table"]
SHAPES = {1_000: (10, 2), 10_000: (100, 5), 100_000: (1_000, 20)}  # sessions: (rooms, buildings)

# The least any reader must do with each file: what a first load is measured against.
FLOORS = {
    "yaml": "import json,sys; d=json.load(open(sys.argv[1])); [s['title'] for s in d['sessions']]",
    "xml": "import sys, xml.etree.ElementTree as E\nfor _, e in E.iterparse(sys.argv[1]): e.tag",
    "json": "import json,sys; d=json.load(open(sys.argv[1]))\n"
    "for day in d['schedule']['conference']['days']:\n"
    " for events in day['rooms'].values():\n  [e['title'] for e in events]",
    "ics": "import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read())\n"
    "for e in c.walk('VEVENT'): e.get('SUMMARY')",
}


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB) of one run of `command`; a failure stops the benchmark.

    CPU time (user + system, os.wait4) is what the command itself costs: on a busy shared machine wall
    time also counts the waits for a core, and the goals are judged on CPU time (on an idle machine the
    two agree for these CPU-bound commands)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}: {errors.decode()[-500:]}")
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def files_for(size: int, folder: Path) -> dict[str, Path]:
    """The generated program of `size` sessions in each format, written under `folder` by a child process:
    a child's peak memory counts its parent's at the fork, so this process stays small."""
    subprocess.run([PY, __file__, "--write", str(size), str(folder)], check=True)
    kinds = ("yaml", "xml", "json", "ics", "yaml.json")
    return {kind: folder / f"big-{size}.{kind}" for kind in kinds}


def write_files(size: int, folder: Path) -> None:
    rooms, buildings = SHAPES.get(size, (max(1, size // 100), 5))
    program = generate(size, rooms, buildings, 7, per_day=20, slot=40, length=30)
    import yaml

    paths = {kind: folder / f"big-{size}.{kind}" for kind in ("yaml", "xml", "json", "ics")}
    paths["yaml"].write_text(program, encoding="utf-8")
    paths["xml"].write_text(as_frab_xml(program), encoding="utf-8")
    paths["json"].write_text(as_frab_json(program), encoding="utf-8")
    paths["ics"].write_bytes(as_icalendar(program).encode())
    floor = folder / f"big-{size}.yaml.json"  # the same sessions as JSON: the program file's floor
    floor.write_text(json.dumps(yaml.load(program, Loader=yaml.CSafeLoader)), encoding="utf-8")


def cached_commands(program: Path) -> dict[str, list[str]]:
    with_program = [*DLCAT, "--program", str(program)]
    return {
        "list --day 1": [*with_program, "list", "--day", "1"],
        "search 강화학습": [*with_program, "search", "강화학습"],
        "plan --like rl,nlp,gan --day 1": [*with_program, "plan", "--like", "rl,nlp,gan", "--day", "1"],
        "grid": [*with_program, "grid"],
        "export -": [*with_program, "export", "-"],
        "now --at 10:10": [*with_program, "now", "--at", "2030-01-01 10:10"],
        "show R5-3": [*with_program, "show", "R5-3"],
    }


def rounds(commands: dict[str, list[str]], env: dict[str, str], count: int, fresh: Path | None = None):
    """Medians of (wall, CPU seconds) and the most MB per command over `count` interleaved rounds;
    `fresh`: a folder emptied before each command but the floors (the cache, for first loads)."""
    taken: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(count):
        for name, command in commands.items():
            if fresh is not None and not name.startswith("floor"):
                shutil.rmtree(fresh, ignore_errors=True)
            taken[name].append(run(command, env))
    return {
        name: (
            statistics.median(t for t, _, _ in runs),
            statistics.median(c for _, c, _ in runs),
            max(m for _, _, m in runs),
        )
        for name, runs in taken.items()
    }


Row = tuple[str, float, float, float, float, float, str]  # what, wall s, its ratio, CPU s, its ratio, MB, to


def measure(size: int, folder: Path, count: int, first_count: int) -> list[Row]:
    """Rows for one size: cached commands in `count` rounds, first loads and imports in `first_count`."""
    paths = files_for(size, folder)
    home = folder / f"home-{size}"
    env = {**os.environ, "DLCAT_HOME": str(home), "COLUMNS": "120"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {"reference": REFERENCE, **cached_commands(paths["yaml"])}
    for command in commands.values():  # warm-up: bytecode written, the program cached, an agenda saved
        run(command, env)
    rows: list[Row] = []
    cached = rounds(commands, env, count)
    wall, cpu, mb = cached.pop("reference")
    rows.append(("import typer, rich.table", wall, 1.0, cpu, 1.0, mb, "reference"))
    rows += [(name, w, w / wall, c, c / cpu, m, "reference") for name, (w, c, m) in cached.items()]
    first: dict[str, list[str]] = {}
    for kind in ("yaml", "xml", "json", "ics"):
        floor_file = paths["yaml.json"] if kind == "yaml" else paths[kind]
        first[f"floor {kind}"] = [PY, "-c", FLOORS[kind], str(floor_file)]
        first[f"first load {kind}"] = [*DLCAT, "--program", str(paths[kind]), "list", "--time", "08:10"]
        if kind != "yaml":
            first[f"import {kind}"] = [*DLCAT, "import", str(paths[kind]), "-o", str(folder / "out.yaml")]
    loads = rounds(first, env, first_count, fresh=home / "cache")
    for kind in ("yaml", "xml", "json", "ics"):
        wall, cpu, mb = loads[f"floor {kind}"]
        rows.append((f"floor {kind}", wall, 1.0, cpu, 1.0, mb, f"floor {kind}"))
        for what in ("first load", "import"):
            if f"{what} {kind}" in loads:
                w, c, m = loads[f"{what} {kind}"]
                rows.append((f"{what} {kind}", w, w / wall, c, c / cpu, m, f"floor {kind}"))
        (folder / "out.yaml").unlink(missing_ok=True)
    return rows


def goal(name: str, size: int) -> float | None:
    """The issue's goal for a row, as a ratio to its reference or floor; None for the references, and for
    cached commands beyond 10,000 sessions (there the goal is the growth, at most 12x)."""
    if name.startswith(("floor", "import typer")):
        return None
    if name.startswith("import"):
        return 3.0
    if name.startswith("first load"):
        return 2.0
    return 2.5 if size <= 10_000 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--markdown", action="store_true", help="print only the README's table")
    parser.add_argument("--write", nargs=2, help=argparse.SUPPRESS)  # SIZE FOLDER: files_for's child
    arguments = parser.parse_args()
    if arguments.write:
        write_files(int(arguments.write[0]), Path(arguments.write[1]))
        return
    sizes = [int(size) for size in arguments.sizes.split(",")]
    results: dict[int, list[Row]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            big = size >= 100_000  # a first load of 100,000 sessions takes many seconds: one round
            results[size] = measure(
                size,
                Path(folder),
                min(arguments.rounds, 3) if big else arguments.rounds,
                1 if big else arguments.rounds,
            )
            if not arguments.markdown:
                print(f"-- {size:,} sessions", file=sys.stderr)
                for name, wall, ratio, cpu, cpu_ratio, mb, against in results[size]:
                    print(
                        f"{name:<34} {wall:7.2f} s {ratio:6.2f}x   CPU {cpu:6.2f} s {cpu_ratio:6.2f}x"
                        f"   {against:<11} {mb:7.1f} MB",
                        file=sys.stderr,
                    )
    header = "| command | " + " | ".join(f"{size:,} sessions" for size in sizes)
    growth = len(sizes) > 1 and sizes[-1] // sizes[-2] == 10
    print(header + (f" | CPU growth {sizes[-2]:,} → {sizes[-1]:,} |" if growth else " |"))
    print("|---" * (len(sizes) + 1 + growth) + "|")
    names = [row[0] for row in results[sizes[0]]]
    for index, name in enumerate(names):
        cells = []
        for size in sizes:
            _, wall, ratio, cpu, cpu_ratio, mb, _ = results[size][index]
            limit = goal(name, size)
            mark = "" if limit is None else (" ✓" if cpu_ratio <= limit else f" ✗ (goal {limit}x)")
            cells.append(f"CPU {cpu:.2f} s, {cpu_ratio:.2f}x{mark}; wall {ratio:.2f}x; {mb:.0f} MB")
        line = f"| {name} | " + " | ".join(cells)
        if growth:
            grew = results[sizes[-1]][index][3] / results[sizes[-2]][index][3]
            judged = not name.startswith(("floor", "import typer"))
            line += f" | {grew:.1f}x{' ✓' if judged and grew <= 12 else ' ✗' if judged else ''}"
        print(line + " |")


if __name__ == "__main__":
    main()
