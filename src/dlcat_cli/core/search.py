"""Finding sessions: the filters of `dlcat list` and the matching of what people type. Pure."""

from __future__ import annotations

import enum
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from dlcat_cli.core.model import Building, Day, Program, Room, Session, Showing
from dlcat_cli.errors import DlcatError, Echo
from dlcat_cli.i18n import _


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
    return _folding(text)


def _folding(text: str) -> str:
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
    return text.translate(_initials_table())


@lru_cache(maxsize=1)
def _initials_table() -> dict[int, str]:
    """Each of the 11,172 Hangul syllables (U+AC00..) to its initial: 588 syllables share one (21 x 28)."""
    return {0xAC00 + code: _CHOSEONG[code // 588] for code in range(11172)}


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


class _Texts(NamedTuple):
    """Every session's searchable texts, folded once per program (issue 16): text number i is `folded[i]`;
    session s has texts `first[s]` (its title), then `people[s]` speakers and co-presenters, then its tags.
    `joined` and `compact` are all folded texts in one string (compact: without spaces), separated by
    _SEPARATOR, with `starts`/`compact_starts` the offset of each text: a query is looked for once in
    the whole program (str.find, in C) instead of once per text."""

    folded: list[str]
    owner: list[str]  # the id of the session of each text
    first: dict[str, int]  # by session id
    people: dict[str, int]
    joined: str
    starts: list[int]
    compact: str
    compact_starts: list[int]

    def containing(self, pin: str, compact: str) -> set[int]:
        """The numbers of the texts that hold `pin` by the rule of `_contains`, for every text at once: a pin
        that begins with a Latin letter or digit at a word's start only; any other anywhere, or `compact` once
        spaces are removed ("강화 학습" finds "강화학습")."""
        if pin[:1] and _in_latin_word(pin[0]):
            return _holding(self.joined, self.starts, pin, word_start=True)
        return _holding(self.joined, self.starts, pin) | _holding(self.compact, self.compact_starts, compact)


def _holding(joined: str, starts: list[int], pin: str, *, word_start: bool = False) -> set[int]:
    """The numbers of the texts in `joined` (separated, starting at `starts`) that hold `pin` (with
    `word_start`, where no Latin letter or digit comes just before it: _at_word_start)."""
    from bisect import bisect_right

    found: set[int] = set()
    if not starts:
        return found
    if _SEPARATOR in pin:  # a match could span two texts (no reader leaves the separator in one)
        ends = [*starts[1:], len(joined) + 1]
        held = _at_word_start if word_start else str.__contains__
        return {
            i
            for i, (start, end) in enumerate(zip(starts, ends, strict=True))
            if held(joined[start : end - 1], pin)
        }
    at = joined.find(pin)
    while at >= 0:
        if word_start and at > 0 and _in_latin_word(joined[at - 1]):  # inside a word: look further on
            at = joined.find(pin, at + 1)
            continue
        number = bisect_right(starts, at) - 1
        found.add(number)
        after = starts[number + 1] if number + 1 < len(starts) else len(joined)
        at = joined.find(pin, after)
    return found


def _offsets(texts: list[str]) -> list[int]:
    from itertools import accumulate

    return [0, *accumulate(len(text) + 1 for text in texts[:-1])] if texts else []


def _fold_sessions(program: Program) -> _Texts:
    """The program's _Texts. Its texts are folded in one call (`_fold_all`), not one call a text."""
    sessions = program.sessions
    texts: list[str] = []
    owner: list[str] = []
    first: dict[str, int] = {}
    people: dict[str, int] = {}
    for session in sessions:
        first[session.id] = len(texts)
        people[session.id] = len(session.speakers) + len(session.co_presenters)
        texts += (session.title, *session.speakers, *session.co_presenters, *session.tags)
        owner += [session.id] * (len(texts) - first[session.id])
    folded = _fold_all(texts)
    compact = [text.replace(" ", "") for text in folded]
    return _Texts(
        folded=folded,
        owner=owner,
        first=first,
        people=people,
        joined=_SEPARATOR.join(folded),
        starts=_offsets(folded),
        compact=_SEPARATOR.join(compact),
        compact_starts=_offsets(compact),
    )


_SEPARATOR = "\x00"  # a starter that composes with nothing, so NFKC of the joined texts is NFKC of each


def _fold_all(texts: list[str]) -> list[str]:
    """`fold` of each text, in one call."""
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # never from a reader (formats/text.py cleans controls)
        return [fold(text) for text in texts]
    return _folding(joined).split(_SEPARATOR) if texts else []


def _initials_of_sessions(program: Program) -> dict[str, tuple[str, ...]]:
    """The Hangul initials of each session's title and tags, spaces removed: built for an initials query."""
    return {
        session.id: tuple(
            initials(unicodedata.normalize("NFC", text)).replace(" ", "")
            for text in (session.title, *session.tags)
        )
        for session in program.sessions
    }


def relevance(program: Program, session: Session, query: str) -> float:
    """How well `session` matches `query`: substring (spaces ignored), Hangul initials, topic words, typos.

    0 is no match; higher is better (a title match 100, a speaker 90, a tag 80, initials 70, a topic
    word 60, a typo up to 50)."""
    return _matcher(program, query)(session)


class _Matcher:
    """relevance for one query over one program: what depends on the query alone is worked out once, and
    each session's folded text comes from the program's index (built once per program load)."""

    def __init__(self, program: Program, query: str) -> None:
        self.program = program
        self.query = query
        self.pin = fold(query).strip()
        self.compact = self.pin.replace(" ", "")
        self.raw = unicodedata.normalize("NFC", query).replace(" ", "")  # NFKC would make ㄱ a jamo
        self.by_initials = _is_initials_query(self.raw)
        self.latin = _latin_enough(self.pin)
        self.texts = program.derived("search.folded", _fold_sessions)
        self.hits = self.texts.containing(self.pin, self.compact) if self.pin else set()
        self.matched = {self.texts.owner[number] for number in self.hits}  # ids of sessions with a hit

    def __call__(self, session: Session) -> float:
        pin = self.pin
        if not pin:
            return 0
        hits, first = self.hits, self.texts.first[session.id]
        people = first + 1 + self.texts.people[session.id]
        after = people + len(session.tags)
        if session.id in self.matched:
            if first in hits:
                return _TITLE
            return _SPEAKER if any(number in hits for number in range(first + 1, people)) else _TAG
        program = self.program
        if self.by_initials:
            found = program.derived("search.initials", _initials_of_sessions)[session.id]
            return _INITIALS if any(self.raw in text for text in found) else 0
        if program.topics and _matches_topic(program, session, pin, fuzzy=False):
            return _TOPIC
        if not self.latin:
            return 0
        from rapidfuzz import fuzz

        # partial_ratio finds the query inside a longer text; a text shorter than the query (a tag "keras"
        # against "keras tuner") must match whole, or every longer query would match it.
        best = max(
            (fuzz.partial_ratio if len(text) >= len(pin) else fuzz.ratio)(pin, text)
            for text in (self.texts.folded[first], *self.texts.folded[people:after])
        )
        if best >= _FUZZY_THRESHOLD:
            return _FUZZY * best / 100
        return _TOPIC * 0.9 if _matches_topic(program, session, pin, fuzzy=True) else 0


_last: list[_Matcher] = []  # the matcher of the last query: relevance is asked session after session


def _matcher(program: Program, query: str) -> _Matcher:
    if not _last or _last[0].program is not program or _last[0].query != query:
        _last[:] = [_Matcher(program, query)]
    return _last[0]


def _matches_topic(program: Program, session: Session, pin: str, *, fuzzy: bool) -> str | None:
    """The topic (a tag of the program's topics) that `pin` names by one of its words and the session is
    tagged with, or None."""
    texts = program.derived("search.folded", _fold_sessions)
    first = texts.first[session.id] + 1 + texts.people[session.id]
    tags = set(texts.folded[first : first + len(session.tags)])
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
        raise DlcatError(_("--search is empty; give words to look for, e.g. --search {tag}").format(tag=tag))
    if speaker is not None and not speaker.strip():
        name = next((n for s in program.sessions for n in s.speakers), "Kim")
        raise DlcatError(
            _("--speaker is empty; give part of a name, e.g. --speaker {name}").format(name=name)
        )


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
    raise DlcatError(_("no track {text!r}; tracks are {known}").format(text=Echo(text), known=known))


def find_building(program: Program, text: str) -> Building:
    """A building by key or name, case-insensitively (`etri`, `ETRI`), or its key typed with the Korean
    layout on (`ㄷㅅ갸`: as_typed_or_keys); a DlcatError naming the buildings."""
    for wanted in as_typed_or_keys(text):
        for building in program.buildings.values():
            if wanted in (fold(building.key), fold(building.name)):
                return building
    known = ", ".join(program.buildings)
    raise DlcatError(_("no building {text!r}; buildings are {known}").format(text=Echo(text), known=known))


def select(program: Program, filters: Filters) -> list[Listing]:
    """The sessions that pass every filter given: in program order, or best match first for a query."""
    found: list[tuple[float, Listing]] = []
    matcher = _matcher(program, filters.query) if filters.query is not None else None
    for session in program.sessions:
        if filters.moment is not None and not session.is_running_at(filters.moment):
            continue
        if filters.day is not None and session.day != filters.day.number:
            continue
        if filters.speaker is not None and not matches_speaker(session, filters.speaker):
            continue
        score = matcher(session) if matcher is not None else 1
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
    fields = {"text": Echo(text), "conference": program.conference.short_name, "listed": listed}
    raise DlcatError(_("no day {text!r} in {conference}; its days are {listed}").format(**fields))


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
    return [i for (likeness, _distance), _order, i in scored if -likeness >= 0.5][:count]


def _trailing_number(text: str) -> int | None:
    digits = text[len(text.rstrip("0123456789")) :]
    return int(digits) if digits else None


def resolve(program: Program, text: str) -> tuple[Session, Showing]:
    """The session and room a timetable id names, or a DlcatError offering the closest ids."""
    found = program.find(text)
    if found is not None:
        return found
    close = closest_ids(program, text)
    fields = {
        "text": Echo(text.strip()),
        "conference": program.conference.short_name,
        "ids": ", ".join(close),
    }
    if close:
        raise DlcatError(_("no session {text!r} in {conference}; did you mean {ids}?").format(**fields))
    raise DlcatError(_("no session {text!r} in {conference}; see `dlcat list` for the ids").format(**fields))
