"""search.py: the filters of `dlcat list`, Hangul matching and id suggestions."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlcat_cli.core.model import Program
from dlcat_cli.core.search import (
    Filters,
    closest_ids,
    find_building,
    find_day,
    find_room,
    initials,
    resolve,
    select,
)
from dlcat_cli.errors import DlcatError


def ids(program: Program, filters: Filters) -> list[str]:
    return [showing.id for listing in select(program, filters) for showing in listing.showings]


def at(program: Program, hour: int, minute: int = 0) -> datetime:
    return datetime(2019, 7, 4, hour, minute, tzinfo=program.conference.time_zone)


def test_time_filter_keeps_what_is_running(dlcat: Program) -> None:
    """At 10:30 the six 10:00 sessions run; at 10:50 (the break) nothing does; 17:00 shows all six rooms."""
    assert ids(dlcat, Filters(moment=at(dlcat, 10, 30))) == ["A10", "B10", "C10", "D10", "E10", "F10"]
    assert ids(dlcat, Filters(moment=at(dlcat, 10, 50))) == []
    assert ids(dlcat, Filters(moment=at(dlcat, 17))) == ["A17", "B17", "C17", "D17", "E17", "F17"]
    assert len(select(dlcat, Filters(moment=at(dlcat, 17)))) == 2  # the simulcast is one row


def test_room_and_building_filters_keep_only_those_rooms(dlcat: Program) -> None:
    """--track b and --building ETRI narrow the simulcast to its rooms there."""
    room = find_room(dlcat, "b")
    assert find_room(dlcat, "B-USTsci") == room == find_room(dlcat, " b-ustsci ")
    assert ids(dlcat, Filters(room=room))[-1] == "B17"
    etri = find_building(dlcat, "etri")
    assert ids(dlcat, Filters(moment=at(dlcat, 17), building=etri)) == ["D17", "E17", "F17"]


def test_unknown_track_or_building_lists_the_real_ones(dlcat: Program) -> None:
    """A wrong track names itself and every track there is."""
    with pytest.raises(DlcatError, match=r"no track 'G'; tracks are A \(A-USTaudi\), B \(B-USTsci\)"):
        find_room(dlcat, "G")
    with pytest.raises(DlcatError, match="no building 'KAIST'; buildings are UST, ETRI"):
        find_building(dlcat, "KAIST")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("강화학습", {"A10", "E10", "E11", "A15", "E15", "E16", "A16", "D16"}),
        ("강화 학습", {"A10", "E10", "E11", "A15", "E15", "E16", "A16", "D16"}),
        ("KERAS", {"C10", "F10", "F11", "A17"}),
        ("gan", {"B16"}),
        ("김태영", {"A17"}),
        ("이재원", {"F13", "F14"}),
        ("ｋａｇｇｌｅ", {"D11"}),  # full-width Latin, NFKC-folded
        ("ㄱㅎㅎㅅ", {"A10", "E10", "E11", "A15", "E15", "E16", "A16", "D16"}),  # Hangul initials
        ("ㅋㄹㅅ", {"C10", "F10", "F11", "A17"}),
        ("ㅋㄹㅅ ㅌㄴ", {"A17"}),
        ("reinforcement learning", {"A10", "E10", "E11", "A15", "E15", "E16", "A16", "D16"}),  # via topics
        ("Explainable AI", {"C11", "D16"}),
        ("knowledge distilation", {"B13"}),  # a typo, and the title's own "Knowlege"
        ("Graph Nueral", {"B11"}),
        ("xyzzy plugh", set()),
    ],
)
def test_search_matches_title_speakers_and_tags(dlcat: Program, query: str, expected: set[str]) -> None:
    """Search is a case-insensitive, normalised substring match that ignores spaces."""
    found = {listing.session.id for listing in select(dlcat, Filters(query=query))}
    assert found == expected


def test_speaker_filter(dlcat: Program) -> None:
    """--speaker matches part of a speaker's or co-presenter's name."""
    assert ids(dlcat, Filters(speaker="홍원의")) == ["C13", "C14"]
    assert ids(dlcat, Filters(speaker="박진우")) == ["E15", "E16"]


def test_filters_combine(dlcat: Program) -> None:
    """All given filters must hold at once."""
    etri = find_building(dlcat, "ETRI")
    assert ids(dlcat, Filters(query="강화학습", building=etri, moment=at(dlcat, 16, 10))) == ["D16", "E16"]


def test_resolve_is_case_insensitive_and_suggests(dlcat: Program) -> None:
    """`c17` names the talk in room C; `B12` offers the nearest ids."""
    session, showing = resolve(dlcat, " c17 ")
    assert showing.id == "C17"
    assert session.id == "A17"
    assert closest_ids(dlcat, "B12") == ["B11", "B13", "B10"]
    with pytest.raises(DlcatError, match=r"no session 'B12' in 2nd DLCAT; did you mean B11, B13, B10\?"):
        resolve(dlcat, "B12")


def test_search_ranks_title_matches_before_tag_matches(dlcat: Program) -> None:
    """A title hit outranks a tag-only hit: "강화학습" lists sessions titled so before E15/E16 (tagged only)."""
    found = [listing.session.id for listing in select(dlcat, Filters(query="강화학습"))]
    assert found[:6] == ["A10", "E10", "E11", "A15", "A16", "D16"]
    assert set(found[6:]) == {"E15", "E16"}


def test_initials_helper() -> None:
    """initials() keeps non-Hangul characters and maps each syllable to its first consonant."""
    assert initials("강화학습 SAC") == "ㄱㅎㅎㅅ SAC"


def test_a_day_of_thousands_of_digits_is_one_line(dlcat: Program) -> None:
    """--day 999...9 (5,000 digits) raised Python's digit-limit ValueError; it is a day that is not there."""
    with pytest.raises(DlcatError, match=r"^no day '9{10}"):
        find_day(dlcat, "9" * 5000)


WORDS = """schema: 1
conference: {id: w, name: Words, date: "2024-01-02", time_zone: Europe/Berlin}
buildings: {A: {name: Alpha}}
walking: {within_building: {minutes: 1}}
rooms: [{id: R1, building: A}]
sessions:
  - {id: S1, room: R1, start: "10:00", end: "10:50", title: Art & Beauty}
  - {id: S2, room: R1, start: "11:00", end: "11:50", title: The artist}
  - {id: S3, room: R1, start: "12:00", end: "12:50", title: How to start}
  - {id: S4, room: R1, start: "13:00", end: "13:50", title: Party time}
  - {id: S5, room: R1, start: "14:00", end: "14:50", title: 강화학습 (RL)}
  - {id: S6, room: R1, start: "15:00", end: "15:50", title: 텐서플로우2.0 keras}
"""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("art", {"S1", "S2"}),  # at word starts, not inside "start" or "party"
        ("ART", {"S1", "S2"}),
        ("start", {"S3"}),
        ("학습", {"S5"}),  # Hangul keeps matching inside words
        ("rl", {"S5"}),  # after "(": a word start
        ("2.0", {"S6"}),  # after Hangul: a word start
        ("eras", set()),
    ],
)
def test_latin_words_match_at_word_starts_hangul_anywhere(query: str, expected: set[str]) -> None:
    """ "art" finds "Art & Beauty" and "artist", not "start" or "party"; 학습 is found inside 강화학습."""
    from dlcat_cli.formats.loader import parse_program

    program = parse_program(WORDS.encode(), "words.yaml")
    assert {item.session.id for item in select(program, Filters(query=query))} == expected


def test_why_names_what_matched(dlcat: Program) -> None:
    """why: the title, the speaker by name, the tag, initials, the topic, a typo; None for no match."""
    from dlcat_cli.core.search import MatchedBy, Why, why

    def of(session_id: str, query: str) -> Why | None:
        found = dlcat.find(session_id)
        assert found is not None
        return why(dlcat, found[0], query)

    assert of("E10", "강화학습") == Why(MatchedBy.TITLE)
    assert of("A17", "김태영") == Why(MatchedBy.SPEAKER, "김태영")
    assert of("E15", "강화학습") == Why(MatchedBy.TAG, "강화학습")
    assert of("C10", "ㅋㄹㅅ") == Why(MatchedBy.INITIALS)
    assert of("D16", "reinforcement learning") == Why(MatchedBy.TOPIC, "rl")
    assert of("B13", "knowledge distilation") == Why(MatchedBy.TYPO)
    assert of("B13", "xyzzy") is None


def test_each_session_is_folded_once_per_program(dlcat: Program, monkeypatch: pytest.MonkeyPatch) -> None:
    """The searchable text is folded in one pass per program load, not once per query per session (issue 16)."""
    from dlcat_cli.core import search

    program = Program(**{name: getattr(dlcat, name) for name in Program._FIELDS})  # a fresh index
    calls: list[int] = []
    real = search._fold_sessions
    monkeypatch.setattr(search, "_fold_sessions", lambda p: calls.append(1) or real(p))
    for query in ("강화 학습", "keras", "조수현", "ㄱㅎㅎㅅ"):
        assert select(program, Filters(query=query))
    assert calls == [1]


def test_folding_the_whole_program_at_once_is_folding_each_text() -> None:
    """One NFKC call over the joined texts gives what one call a text gives, full-width and Hangul jamo too;
    a text holding the separator itself is folded alone."""
    from dlcat_cli.core.search import _fold_all, fold

    texts = ["Ｋｅｒａｓ", "ᄀ\u1161ᆼ화", "\u0301accent", "Straße", "", "a\x00b"]
    assert _fold_all(texts) == [fold(text) for text in texts]
    assert _fold_all(texts[:-1]) == [fold(text) for text in texts[:-1]]
    assert _fold_all([]) == []


@given(
    texts=st.lists(st.text(alphabet="ab 강화\x00", max_size=6), max_size=6),
    pin=st.text(alphabet="ab 강화\x00", min_size=1, max_size=3),
)
def test_one_search_of_the_joined_texts_finds_the_texts_that_hold_the_query(
    texts: list[str], pin: str
) -> None:
    """_holding looks for a query once in all texts joined, and names exactly the texts holding it, even
    when a query or a text holds the separator (the query is then looked for text by text)."""
    from dlcat_cli.core.search import _SEPARATOR, _holding, _offsets

    found = _holding(_SEPARATOR.join(texts), _offsets(texts), pin)
    assert found == {number for number, text in enumerate(texts) if pin in text}


def test_a_blank_query_matches_nothing(dlcat: Program) -> None:
    """A query of spaces only scores 0 for every session (check_not_empty names it for --search)."""
    from dlcat_cli.core.search import relevance

    assert all(relevance(dlcat, session, "   ") == 0 for session in dlcat.sessions)
