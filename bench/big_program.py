"""Generate a large program file of dlcat's schema, for benchmarks.

    python bench/big_program.py --sessions 10000 --rooms 100 > /tmp/big.yaml

Rooms are spread over a few buildings; each room holds back-to-back 50-minute sessions with
10-minute breaks, ten a day, over as many days as needed. Titles and tags mix Korean and English
topic words so that `--like` and search have something to find. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta

TOPICS = [
    ("rl", "강화학습"),
    ("nlp", "자연어처리"),
    ("gan", "생성모델"),
    ("vision", "비전"),
    ("audio", "오디오"),
    ("xai", "설명가능한 AI"),
    ("automl", "AutoML"),
    ("pytorch", "파이토치"),
    ("keras", "케라스"),
    ("graph", "그래프"),
]
WORDS = [
    "입문",
    "실전",
    "동향",
    "deep dive",
    "소개",
    "tutorial",
    "사례",
    "best practices",
    "hands-on",
    "개발기",
]


def generate(sessions: int, rooms: int, buildings: int, seed: int) -> str:
    rng = random.Random(seed)
    keys = [f"B{i}" for i in range(buildings)]
    lines = [
        "schema: 1",
        "conference: {id: generated, name: Generated, date: '2030-01-01', time_zone: Asia/Seoul}",
        "buildings:",
        *(f"  {key}: {{name: Building {key}}}" for key in keys),
        "walking:",
        "  within_building: {minutes: 2}",
        "  between:",
        *(
            f"    - {{buildings: [{a}, {b}], minutes: {rng.randint(4, 15)}}}"
            for i, a in enumerate(keys)
            for b in keys[i + 1 :]
        ),
        "rooms:",
        *(
            f"  - {{id: R{r}, name: Room {r}, building: {keys[r % buildings]}, seats: {rng.choice([20, 50, 100, 300])}}}"
            for r in range(rooms)
        ),
        "sessions:",
    ]
    per_room = -(-sessions // rooms)
    first = date(2030, 1, 1)
    made = 0
    for slot in range(per_room):
        day, hour = divmod(slot, 10)
        for room in range(rooms):
            if made == sessions:
                break
            english, korean = rng.choice(TOPICS)
            title = f"{rng.choice([english.upper(), korean])} {rng.choice(WORDS)} {made}"
            lines += [
                f"  - id: R{room}-{slot}",
                f"    room: R{room}",
                f"    date: '{first + timedelta(days=day)}'",
                f"    start: '{8 + hour:02d}:00'",
                f"    end: '{8 + hour:02d}:50'",
                f"    speakers: [Speaker {made % 997}]",
                f"    title: '{title}'",
                f"    tags: [{english}, {korean}]",
            ]
            made += 1
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--buildings", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    sys.stdout.write(generate(arguments.sessions, arguments.rooms, arguments.buildings, arguments.seed))


if __name__ == "__main__":
    main()
