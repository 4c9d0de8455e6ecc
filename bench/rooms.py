"""Scale attack: a schedule of many rooms must load in linear time (issue 13, point 4).

    python bench/rooms.py                    # 10,000 and 100,000 rooms, one event each
    python bench/rooms.py --sizes 2000,20000

Generates a frab schedule XML and a dlcat program YAML with N rooms (one event in each) and times
loading each, uncached, in this process. Prints the seconds and the ratio of each size to the first:
linear growth is a ratio near the size ratio (the goal: 100,000 rooms at most 12x 10,000).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def schedule_xml(rooms: int) -> str:
    events = "\n".join(
        f'<room name="Room {i}"><event id="{i + 1}" guid="g{i}"><date>2024-12-27T10:00:00+01:00</date>'
        f"<start>10:00</start><duration>00:30</duration><room>Room {i}</room><title>Talk {i}</title>"
        "</event></room>"
        for i in range(rooms)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><schedule><conference><acronym>big</acronym>'
        "<title>Big</title><time_zone_name>Europe/Berlin</time_zone_name></conference>"
        f'<day index="1" date="2024-12-27">{events}</day></schedule>'
    )


def program_yaml(rooms: int) -> str:
    lines = [
        "schema: 1",
        'conference: {id: big, name: Big, date: "2024-12-27", time_zone: Europe/Berlin}',
        "buildings: {A: {name: A}}",
        "rooms:",
        *(f"  - {{id: R{i}, building: A}}" for i in range(rooms)),
        "sessions:",
        *(
            f'  - {{id: S{i}, room: R{i}, start: "10:00", end: "10:30", title: Talk {i}}}'
            for i in range(rooms)
        ),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DLCAT_HOME"] = folder  # an empty cache: every load parses
        from dlcat_cli.formats.loader import load_program

        for name, make in (("schedule XML", schedule_xml), ("program YAML", program_yaml)):
            first = None
            for size in sizes:
                path = Path(folder) / f"rooms-{size}.{'xml' if 'XML' in name else 'yaml'}"
                path.write_text(make(size), encoding="utf-8")
                started = time.perf_counter()
                program = load_program(path)
                took = time.perf_counter() - started
                first = first or took
                print(
                    f"{name}: {size:>7,} rooms  {took:7.2f} s  {took / first:5.1f}x  ({len(program.rooms):,} loaded)"
                )
                for entry in Path(folder, "cache").glob("*"):
                    entry.unlink()


if __name__ == "__main__":
    main()
