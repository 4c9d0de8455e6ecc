"""Finding sessions: the filters of `dlcat list` and the matching of what people type. Pure."""

from __future__ import annotations

import enum
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from dlcat_cli.core.model import Building, Day, Program, Room, Session, Showing
from dlcat_cli.errors import DlcatError


class Listing(NamedTuple):
    """A session with the rooms of it that the filters kept (all of them, unless a room filter applied)."""

    session: Session
    showings: tuple[Showing, ...]


class Filters(NamedTuple):
    moment: datetime | None = None
    room: Room | None = None
    building: Building | None = None
    speaker: str | None = None
    query: str | None = None
    day: Day | None = None  # the sessions the source lists under this day


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Text as compared: NFKC-normalised (composed Hangul, ASCII-width Latin) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def _contains(haystack: str, needle: str) -> bool:
    """Does `needle` occur in `haystack`? A needle that begins with a Latin letter or digit matches at the
    start of a word only ("art" finds "Art & Beauty" and "artist", not "start" or "party"); one in Hangul
    anywhere, spaces ignored, so "강화 학습" finds "강화학습" (Korean words are compounds: 학습 is in
    강화학습)."""
    hay, pin = fold(haystack), fold(needle).strip()
    if pin[:1] and _in_latin_word(pin[0]):
        return _at_word_start(hay, pin)
    return pin in hay or pin.replace(" ", "") in hay.replace(" ", "")


def _in_latin_word(char: str) -> bool:
    """A letter or digit of an alphabet written with spaces between words (Latin, Greek, Cyrillic: every
    script below the Hangul Jamo block, U+1100)."""
    return char.isalnum() and ord(char) < 0x1100


def _at_word_start(hay: str, pin: str) -> bool:
    """`pin` occurs in `hay` where no Latin letter or digit comes just before it."""
    index = hay.find(pin)
    while index >= 0:
        if index == 0 or not _in_latin_word(hay[index - 1]):
            return True
        index = hay.find(pin, index + 1)
    return False


_CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def initials(text: str) -> str:
    """The initial consonant of each Hangul syllable (강화학습 -> ㄱㅎㅎㅅ); other characters stay."""
    out = []
    for char in text:
        code = ord(char) - 0xAC00
        out.append(_CHOSEONG[code // 588] if 0 <= code < 11172 else char)
    return "".join(out)


def _is_initials_query(letters: str) -> bool:
    """Only Hangul compatibility consonants (ㄱ..ㅎ), as Korean users type to search by initials."""
    return bool(letters) and all("\u3131" <= char <= "\u314e" for char in letters)


def _latin_enough(query: str) -> bool:
    """Fuzzy matching is for Latin words of some length, where a typo is likely and still telling."""
    letters = [c for c in query if c.isalpha()]
    return len(letters) >= 5 and all(c.isascii() for c in letters)


# Relevance by how a query matched; higher is better. 0 means no match.
_TITLE, _SPEAKER, _TAG, _INITIALS, _TOPIC, _FUZZY = 100, 90, 80, 70, 60, 50
_FUZZY_THRESHOLD = 85


def relevance(program: Program, session: Session, query: str) -> float:
    """How well `session` matches `query`: substring (spaces ignored), Hangul initials, topic words, typos."""
    pin = fold(query).strip()
    if not pin:
        return 0
    if _contains(session.title, pin):
        return _TITLE
    if matches_speaker(session, pin):
        return _SPEAKER
    if any(_contains(tag, pin) for tag in session.tags):
        return _TAG
    raw = unicodedata.normalize("NFC", query).replace(" ", "")  # NFKC would turn ㄱ into a conjoining jamo
    if _is_initials_query(raw):
        texts = (session.title, *session.tags)
        found = any(raw in initials(unicodedata.normalize("NFC", t)).replace(" ", "") for t in texts)
        return _INITIALS if found else 0
    if _matches_topic(program, session, pin, fuzzy=False):
        return _TOPIC
    if not _latin_enough(pin):
        return 0
    from rapidfuzz import fuzz

    # partial_ratio finds the query inside a longer text; a text shorter than the query (a tag "keras"
    # against "keras tuner") must match whole, or every longer query would match it.
    best = max(
        (fuzz.partial_ratio if len(text) >= len(pin) else fuzz.ratio)(pin, text)
        for text in map(fold, (session.title, *session.tags))
    )
    if best >= _FUZZY_THRESHOLD:
        return _FUZZY * best / 100
    return _TOPIC * 0.9 if _matches_topic(program, session, pin, fuzzy=True) else 0


def _matches_topic(program: Program, session: Session, pin: str, *, fuzzy: bool) -> str | None:
    """The topic (a tag of the program's topics) that `pin` names by one of its words and the session is
    tagged with, or None."""
    tags = {fold(tag) for tag in session.tags}
    for tag, words in program.topics.items():
        if fold(tag) not in tags:
            continue
        for word in (tag, *words):
            folded = fold(word)
            if not fuzzy and (pin == folded or pin.replace(" ", "") == folded.replace(" ", "")):
                return tag
            if fuzzy:
                from rapidfuzz import fuzz

                if fuzz.ratio(pin, folded) >= _FUZZY_THRESHOLD:
                    return tag
    return None


class MatchedBy(enum.Enum):
    """What of a session a query matched (relevance's order); the values are the words of `--json`."""

    TITLE = "title"
    SPEAKER = "speaker"
    TAG = "tag"
    INITIALS = "initials"
    TOPIC = "topic"
    TYPO = "typo"


class Why(NamedTuple):
    """Why a session matched a query: what matched, and the speaker, tag or topic it was (else "")."""

    by: MatchedBy
    what: str = ""


def why(program: Program, session: Session, query: str) -> Why | None:
    """Why `session` matches `query` (relevance's verdict, by its score), or None when it does not."""
    score = relevance(program, session, query)
    pin = fold(query).strip()
    if not score:
        return None
    if score == _TITLE:
        return Why(MatchedBy.TITLE)
    if score == _SPEAKER:
        people = (*session.speakers, *session.co_presenters)
        return Why(MatchedBy.SPEAKER, next(p for p in people if _contains(p, pin)))
    if score == _TAG:
        return Why(MatchedBy.TAG, next(t for t in session.tags if _contains(t, pin)))
    if score == _INITIALS:
        return Why(MatchedBy.INITIALS)
    topic = _matches_topic(program, session, pin, fuzzy=score != _TOPIC)
    if score >= _TOPIC * 0.9 and topic is not None:
        return Why(MatchedBy.TOPIC, topic)
    return Why(MatchedBy.TYPO)


def matches_speaker(session: Session, name: str) -> bool:
    return any(_contains(person, name) for person in (*session.speakers, *session.co_presenters))


def common_tags(program: Program, most: int = 5) -> list[str]:
    """The tags most sessions carry: examples for a hint."""
    from collections import Counter

    return [tag for tag, _ in Counter(t for s in program.sessions for t in s.tags).most_common(most)]


def check_not_empty(program: Program, query: str | None, speaker: str | None) -> None:
    """An empty --search or --speaker would match everything or nothing; either way it is a mistake."""
    if query is not None and not query.strip():
        tag = next(iter(common_tags(program, 1)), "robot")
        raise DlcatError(f"--search is empty; give words to look for, e.g. --search {tag}")
    if speaker is not None and not speaker.strip():
        name = next((n for s in program.sessions for n in s.speakers), "Kim")
        raise DlcatError(f"--speaker is empty; give part of a name, e.g. --speaker {name}")


def as_typed_or_keys(text: str) -> tuple[str, ...]:
    """`text` folded as typed, then, when it holds Hangul, as the Latin keys it was typed on (keyboard.py):
    the readings of a track, room code or building key, the first that names something wins."""
    typed = fold(text.strip())
    if text.isascii():
        return (typed,)
    from dlcat_cli.core.keyboard import has_hangul, latin_keys

    return (typed, fold(latin_keys(text.strip()))) if has_hangul(text) else (typed,)


def find_room(program: Program, text: str) -> Room:
    """A room by track letter or code, case-insensitively: `b`, `B`, `B-USTsci`, or typed with the Korean
    layout on (`ㅠ`: as_typed_or_keys)."""
    for wanted in as_typed_or_keys(text):
        for room in program.rooms:
            if wanted in (fold(room.id), fold(room.code)):
                return room
    known = ", ".join(
        f"{room.id} ({room.code})" if room.code != room.id else room.id for room in program.rooms
    )
    raise DlcatError(f"no track {text!r}; tracks are {known}")


def find_building(program: Program, text: str) -> Building:
    """A building by key or name, case-insensitively (`etri`, `ETRI`), or its key typed with the Korean
    layout on (`ㄷㅅ갸`: as_typed_or_keys); a DlcatError naming the buildings."""
    for wanted in as_typed_or_keys(text):
        for building in program.buildings.values():
            if wanted in (fold(building.key), fold(building.name)):
                return building
    raise DlcatError(f"no building {text!r}; buildings are {', '.join(program.buildings)}")


def select(program: Program, filters: Filters) -> list[Listing]:
    """The sessions that pass every filter given: in program order, or best match first for a query."""
    found: list[tuple[float, Listing]] = []
    for session in program.sessions:
        if filters.moment is not None and not session.is_running_at(filters.moment):
            continue
        if filters.day is not None and session.day != filters.day.number:
            continue
        if filters.speaker is not None and not matches_speaker(session, filters.speaker):
            continue
        score = relevance(program, session, filters.query) if filters.query is not None else 1
        if not score:
            continue
        showings = tuple(
            showing
            for showing in session.showings
            if (filters.room is None or showing.room == filters.room)
            and (filters.building is None or showing.room.building == filters.building)
        )
        if showings:
            found.append((score, Listing(session, showings)))
    found.sort(key=lambda pair: -pair[0])  # stable: equal scores keep program order
    return [listing for _, listing in found]


def find_day(program: Program, text: str) -> Day:
    """A day of the program by its number (as the source numbers it, 1 the first) or its date (2024-12-28)."""
    wanted = text.strip()
    found = None
    if wanted.isdecimal() and len(wanted) <= 6:  # full-width ２ is 2 (int reads it); a superscript ¹ is not
        found = program.day_numbered(int(wanted))
    else:
        try:
            found = program.day_dated(date.fromisoformat(wanted))
        except ValueError:
            found = None
    if found is not None:
        return found
    listed = ", ".join(day.label for day in program.days)
    raise DlcatError(f"no day {text!r} in {program.conference.short_name}; its days are {listed}")


def closest_ids(program: Program, text: str, count: int = 3) -> list[str]:
    """The timetable ids that look most like `text`, for "did you mean" hints.

    Ties in likeness go to the id whose number is nearest: after B12, B11 and B13 before B17.
    """
    from difflib import SequenceMatcher

    wanted = as_typed_or_keys(text)[-1].upper()
    number = _trailing_number(wanted)

    def rank(candidate: str) -> tuple[float, int]:
        likeness = SequenceMatcher(None, wanted, candidate.upper()).ratio()
        other = _trailing_number(candidate)
        distance = abs(other - number) if number is not None and other is not None else 0
        return -round(likeness, 3), distance

    scored = sorted((rank(i), order, i) for order, i in enumerate(program.showing_ids))  # ties: program order
    return [i for (likeness, _), _, i in scored if -likeness >= 0.5][:count]


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
