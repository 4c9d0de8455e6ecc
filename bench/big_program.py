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
from datetime import UTC, date, timedelta

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


def generate(
    sessions: int,
    rooms: int,
    buildings: int,
    seed: int,
    *,
    per_day: int = 10,
    slot: int = 60,
    length: int = 50,
) -> str:
    """The program in dlcat YAML: `per_day` sessions a room a day of `length` minutes, one every `slot`
    minutes from 08:00 (the issue 16 shape is per_day=20, slot=40, length=30: 08:00-21:10)."""
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
    for number in range(per_room):
        day, index = divmod(number, per_day)
        starts = 8 * 60 + index * slot
        for room in range(rooms):
            if made == sessions:
                break
            english, korean = rng.choice(TOPICS)
            title = f"{rng.choice([english.upper(), korean])} {rng.choice(WORDS)} {made}"
            lines += [
                f"  - id: R{room}-{number}",
                f"    room: R{room}",
                f"    date: '{first + timedelta(days=day)}'",
                f"    start: '{_clock(starts)}'",
                f"    end: '{_clock(starts + length)}'",
                f"    speakers: [Speaker {made % 997}]",
                f"    title: '{title}'",
                f"    tags: [{english}, {korean}]",
            ]
            made += 1
    return "\n".join(lines) + "\n"


def _events(program_yaml: str) -> tuple[list[str], dict[str, list[dict[str, str]]]]:
    """(room names, date -> the day's events) of a generated program, for the schedule formats."""
    import yaml

    data = yaml.load(program_yaml, Loader=yaml.CSafeLoader)
    names = {room["id"]: room["name"] for room in data["rooms"]}
    days: dict[str, list[dict[str, str]]] = {}
    for number, one in enumerate(data["sessions"]):
        start_h, start_m = map(int, one["start"].split(":"))
        end_h, end_m = map(int, one["end"].split(":"))
        minutes = end_h * 60 + end_m - start_h * 60 - start_m
        days.setdefault(one["date"], []).append(
            {
                "id": str(number + 1),
                "guid": f"00000000-0000-0000-0000-{number + 1:012d}",
                "date": f"{one['date']}T{one['start']}:00+09:00",
                "start": one["start"],
                "duration": _clock(minutes),
                "room": names[one["room"]],
                "title": one["title"],
                "track": one["tags"][0],
                "person": one["speakers"][0],
            }
        )
    return list(names.values()), days


def as_frab_json(program_yaml: str) -> str:
    """The generated program as a frab/pretalx schedule.json (the same sessions, times and rooms)."""
    import json

    rooms, days = _events(program_yaml)
    dates = sorted(days)
    schedule = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "generated",
                "title": "Generated",
                "start": dates[0],
                "end": dates[-1],
                "daysCount": len(dates),
                "time_zone_name": "Asia/Seoul",
                "rooms": [{"name": name} for name in rooms],
                "days": [
                    {
                        "index": index,
                        "date": on,
                        "day_start": f"{on}T06:00:00+09:00",
                        "day_end": f"{on}T23:59:00+09:00",
                        "rooms": _by_room(days[on]),
                    }
                    for index, on in enumerate(dates, 1)
                ],
            },
        }
    }
    return json.dumps(schedule, ensure_ascii=False, indent=1)


def _by_room(events: list[dict[str, str]]) -> dict[str, list[dict[str, object]]]:
    rooms: dict[str, list[dict[str, object]]] = {}
    for event in events:
        one: dict[str, object] = {k: v for k, v in event.items() if k != "person"}
        one["type"] = "Talk"
        one["persons"] = [{"public_name": event["person"]}]
        rooms.setdefault(event["room"], []).append(one)
    return rooms


def as_frab_xml(program_yaml: str) -> str:
    """The generated program as a frab/pretalx schedule.xml."""
    from xml.sax.saxutils import escape, quoteattr

    _, days = _events(program_yaml)
    dates = sorted(days)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<schedule>",
        "  <conference>",
        "    <acronym>generated</acronym><title>Generated</title>",
        f"    <start>{dates[0]}</start><end>{dates[-1]}</end><days>{len(dates)}</days>",
        "    <time_zone_name>Asia/Seoul</time_zone_name>",
        "  </conference>",
    ]
    for index, on in enumerate(dates, 1):
        out.append(f'  <day index="{index}" date="{on}">')
        for room, events in _by_room(days[on]).items():
            out.append(f"    <room name={quoteattr(room)}>")
            for event in events:
                person = event["persons"][0]["public_name"]  # type: ignore[index]
                out += [
                    f'      <event id="{event["id"]}" guid="{event["guid"]}">',
                    f"        <date>{event['date']}</date><start>{event['start']}</start>",
                    f"        <duration>{event['duration']}</duration><room>{escape(room)}</room>",
                    f"        <title>{escape(str(event['title']))}</title><track>{event['track']}</track>",
                    f'        <type>Talk</type><persons><person id="1">{escape(str(person))}</person></persons>',
                    "      </event>",
                ]
            out.append("    </room>")
        out.append("  </day>")
    out.append("</schedule>")
    return "\n".join(out) + "\n"


def as_icalendar(program_yaml: str) -> str:
    """The generated program as an iCalendar feed (UTC times, the room as LOCATION)."""
    from datetime import datetime, timedelta

    _, days = _events(program_yaml)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//dlcat bench//EN", "X-WR-TIMEZONE:Asia/Seoul"]
    for events in days.values():
        for event in events:
            start = datetime.fromisoformat(event["date"]).astimezone(UTC)
            hours, minutes = map(int, event["duration"].split(":"))
            end = start + timedelta(hours=hours, minutes=minutes)
            out += [
                "BEGIN:VEVENT",
                f"UID:{event['guid']}@bench",
                "DTSTAMP:20300101T000000Z",
                f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
                f"DTEND:{end:%Y%m%dT%H%M%SZ}",
                f"SUMMARY:{event['title']}",
                f"LOCATION:{event['room']}",
                "END:VEVENT",
            ]
    out.append("END:VCALENDAR")
    return "\r\n".join(out) + "\r\n"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


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
