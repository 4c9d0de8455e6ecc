"""core/changes.py: what changed for an agenda between two versions of a program, and the cancelled-title rule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from dlcat_cli.core.changes import Kind, Was, changes, new_sessions, says_cancelled, with_guids
from dlcat_cli.core.model import Program, Session, Showing


def edited(
    program: Program, drop: tuple[str, ...] = (), add: tuple[Session, ...] = (), **fields: dict[str, Any]
) -> Program:
    """`program` with the sessions named in `fields` changed (`B10={"title": "x"}`), `drop` left out, `add` added."""
    sessions = tuple(s._replace(**fields.get(s.id, {})) for s in program.sessions if s.id not in drop) + add
    return Program(
        program.conference, program.buildings, program.rooms, program.walking, program.breaks,
        program.series, tuple(sorted(sessions, key=lambda s: s.start)), program.source, "changed",
        program.topics, program.notes, program.days,
    )  # fmt: skip


def picks(program: Program, *ids: str) -> list[Was]:
    found = []
    for i in ids:
        session, showing = program.find(i)  # type: ignore[misc]
        found.append(
            Was(
                showing.id,
                session.id,
                session.title,
                session.start,
                session.end,
                showing.room.id,
                session.guid,
            )
        )
    return found


@pytest.mark.parametrize(
    "title",
    [
        "CANCELLED: Rust for all",
        "Rust for all (abgesagt)",
        "[취소] 강화학습",
        "canceled - Rust",
        "Rust — Cancelled",
        "발표 취소됨",
    ],
)
def test_titles_that_say_cancelled(title: str) -> None:
    assert says_cancelled(title)


@pytest.mark.parametrize(
    "title", ["Cancellation policies at scale", "uncancelled", "Cancel culture", "강화학습"]
)
def test_titles_that_do_not(title: str) -> None:
    assert not says_cancelled(title)


def test_nothing_changed_is_no_change(dlcat: Program) -> None:
    assert changes(dlcat, picks(dlcat, "B10", "C11", "A17")) == []


def test_each_kind_of_change_is_told(dlcat: Program) -> None:
    """Moved, renamed, cancelled (by its title), re-roomed and removed, in the picks' order."""
    b10 = dlcat.find("B10")[0]  # type: ignore[index]
    e10 = dlcat.find("E10")[0]  # type: ignore[index]
    other_room = dlcat.find("C11")[1].room  # type: ignore[index]
    after = edited(
        dlcat,
        drop=("D13",),
        B10={"start": b10.start + timedelta(minutes=10), "end": b10.end + timedelta(minutes=10)},
        C11={"title": "XAI"},
        A13={"title": "CANCELLED: " + dlcat.find("A13")[0].title},  # type: ignore[index]
        E10={"showings": (Showing("E10", other_room),), "start": e10.start},
    )
    found = changes(after, picks(dlcat, "B10", "C11", "A13", "D13", "E10"))
    assert [(c.kind, c.was.id) for c in found] == [
        (Kind.MOVED, "B10"), (Kind.RENAMED, "C11"), (Kind.CANCELLED, "A13"), (Kind.REMOVED, "D13"), (Kind.ROOM, "E10"),
    ]  # fmt: skip
    assert found[0].message == "B10 moved from 10:00–10:50 to 10:10–11:00"
    assert found[1].message == "C11 was renamed: '설명가능한 AI for AI 윤리' is now 'XAI'"
    assert found[2].message.startswith("A13 is cancelled: 'CANCELLED: ")
    assert found[3].message.startswith("D13 (")
    assert found[3].message.endswith(") is no longer in the program")
    assert found[4].message == f"E10 moved from room E to {other_room.id} ({other_room.label})"
    assert [c.gone for c in found] == [False, False, True, True, False]


def test_a_session_is_followed_by_its_guid_under_a_new_id(dlcat: Program) -> None:
    """A renumbered schedule: the guid finds the pick again under its new id; without the guid it is removed."""
    b10 = dlcat.find("B10")[0]  # type: ignore[index]
    before = edited(dlcat, B10={"guid": "g-b10"})
    renamed = b10._replace(id="B99", showings=(Showing("B99", b10.showings[0].room),), guid="g-b10")
    after = edited(dlcat, drop=("B10",), add=(renamed,))
    followed = changes(after, with_guids(picks(dlcat, "B10"), before))
    assert [(c.kind, c.now_id) for c in followed] == [(Kind.RENUMBERED, "B99")]
    assert followed[0].message == f"B10 is now B99 (same session: {b10.title})"
    assert [c.kind for c in changes(after, picks(dlcat, "B10"))] == [Kind.REMOVED]


def test_another_session_under_the_same_id_is_not_the_same(dlcat: Program) -> None:
    """The id is reused for a session with another guid: the pick's own session was removed."""
    before = edited(dlcat, B10={"guid": "g-old"})
    after = edited(dlcat, B10={"guid": "g-new", "title": "Something else"})
    assert [c.kind for c in changes(after, with_guids(picks(dlcat, "B10"), before))] == [Kind.REMOVED]


def test_new_sessions_are_those_the_version_before_lacked(dlcat: Program) -> None:
    b10 = dlcat.find("B10")[0]  # type: ignore[index]
    extra = b10._replace(id="Z1", showings=(Showing("Z1", b10.showings[0].room),), title="New")
    assert [s.id for s in new_sessions(dlcat, edited(dlcat, add=(extra,)))] == ["Z1"]
    assert new_sessions(dlcat, dlcat) == []
