"""Finding sessions: the filters of `dlcat list` and the matching of what people type. Pure."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from dlcat_cli.errors import DlcatError
from dlcat_cli.model import Building, Program, Room, Session, Showing


@dataclass(frozen=True, slots=True)
class Listing:
    """A session with the rooms of it that the filters kept (all of them, unless a room filter applied)."""

    session: Session
    showings: tuple[Showing, ...]


@dataclass(frozen=True, slots=True)
class Filters:
    moment: datetime | None = None
    room: Room | None = None
    building: Building | None = None
    speaker: str | None = None
    query: str | None = None


def fold(text: str) -> str:
    """Text as compared: NFKC-normalised (composed Hangul, ASCII-width Latin) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def _contains(haystack: str, needle: str) -> bool:
    """Substring match that also ignores spaces, so "강화 학습" finds "강화학습"."""
    hay, pin = fold(haystack), fold(needle).strip()
    return pin in hay or pin.replace(" ", "") in hay.replace(" ", "")


def matches_query(session: Session, query: str) -> bool:
    fields = (session.title, *session.speakers, *session.co_presenters, *session.tags)
    return any(_contains(field, query) for field in fields)


def matches_speaker(session: Session, name: str) -> bool:
    return any(_contains(person, name) for person in (*session.speakers, *session.co_presenters))


def find_room(program: Program, text: str) -> Room:
    """A room by track letter or code, case-insensitively: `b`, `B`, `B-USTsci`."""
    wanted = fold(text.strip())
    for room in program.rooms:
        if wanted in (fold(room.id), fold(room.code)):
            return room
    known = ", ".join(
        f"{room.id} ({room.code})" if room.code != room.id else room.id for room in program.rooms
    )
    raise DlcatError(f"no track {text!r}; tracks are {known}")


def find_building(program: Program, text: str) -> Building:
    wanted = fold(text.strip())
    for building in program.buildings.values():
        if wanted in (fold(building.key), fold(building.name)):
            return building
    raise DlcatError(f"no building {text!r}; buildings are {', '.join(program.buildings)}")


def select(program: Program, filters: Filters) -> list[Listing]:
    """The sessions that pass every filter given, in program order."""
    found: list[Listing] = []
    for session in program.sessions:
        if filters.moment is not None and not session.is_running_at(filters.moment):
            continue
        if filters.speaker is not None and not matches_speaker(session, filters.speaker):
            continue
        if filters.query is not None and not matches_query(session, filters.query):
            continue
        showings = tuple(
            showing
            for showing in session.showings
            if (filters.room is None or showing.room == filters.room)
            and (filters.building is None or showing.room.building == filters.building)
        )
        if showings:
            found.append(Listing(session, showings))
    return found


def closest_ids(program: Program, text: str, count: int = 3) -> list[str]:
    """The timetable ids that look most like `text`, for "did you mean" hints.

    Ties in likeness go to the id whose number is nearest: after B12, B11 and B13 before B17.
    """
    from difflib import SequenceMatcher

    wanted = text.strip().upper()
    number = _trailing_number(wanted)

    def rank(candidate: str) -> tuple[float, int]:
        likeness = SequenceMatcher(None, wanted, candidate.upper()).ratio()
        other = _trailing_number(candidate)
        distance = abs(other - number) if number is not None and other is not None else 0
        return -round(likeness, 3), distance

    scored = sorted(program.showing_ids, key=rank)
    return [i for i in scored if -rank(i)[0] >= 0.5][:count]


def _trailing_number(text: str) -> int | None:
    digits = text[len(text.rstrip("0123456789")) :]
    return int(digits) if digits else None


def resolve(program: Program, text: str) -> tuple[Session, Showing]:
    """The session and room a timetable id names, or a DlcatError offering the closest ids."""
    found = program.find(text)
    if found is not None:
        return found
    close = closest_ids(program, text)
    hint = f"did you mean {', '.join(close)}?" if close else "see `dlcat list` for the ids"
    raise DlcatError(f"no session {text.strip()!r} in {program.conference.short_name}; {hint}")
