"""core/review.py: the saved agenda checked against the program as it is now, each change and problem marked
on the session it concerns; no CLI runner."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Code, Level
from dlcat_cli.core.review import ChangeKind, changes_since_saved, check_saved, says_cancelled
from helpers import BUNDLED, edited, first_dlcat_before_and_after, saved


def test_changes_in_the_program_are_told_one_typed_change_each(dlcat: Program) -> None:
    """A moved, renamed or removed session is one change of its kind; an unchanged program has none."""
    agenda = saved(dlcat, ["B10", "C11", "D13"])
    assert changes_since_saved(dlcat, agenda) == ()
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace(
        'id: B10\n    room: B\n    start: "10:00"\n    end: "10:50"',
        'id: B10\n    room: B\n    start: "10:00"\n    end: "10:45"',
    )
    text = text.replace("title: 설명가능한 AI for AI 윤리", "title: 설명가능한 AI")
    changed = edited(dlcat, text, "  - id: D13\n", "  - id: D13x\n")
    found = changes_since_saved(changed, agenda)
    assert [(c.id, c.kind) for c in found] == [
        ("B10", ChangeKind.MOVED),
        ("C11", ChangeKind.RENAMED),
        ("D13", ChangeKind.REMOVED),
    ]
    assert [c.message for c in found] == [
        "B10 moved from 10:00–10:50 to 10:00–10:45",
        "C11 was renamed: '설명가능한 AI for AI 윤리' is now '설명가능한 AI'",
        "D13 (빽 투 더 Representation Learning: Visual Self-supervision을 중심으로) is no longer in the program",
    ]


def test_a_room_change_is_told() -> None:
    """A1300 moved from room A to B: re-roomed, and marked so."""
    old, moved = first_dlcat_before_and_after("{id: A1300, room: A,", "{id: A1300, room: B,")
    agenda = saved(old, ["A1300"])
    (change,) = changes_since_saved(moved, agenda)
    assert (change.kind, change.message) == (
        ChangeKind.REROOMED,
        "A1300 moved from room A to B (UST 사이언스홀)",
    )
    assert [m.label for m in check_saved(moved, agenda).marks["A1300"]] == ["moved, was in room A"]


def test_each_problem_is_marked_on_the_session_it_concerns(dlcat: Program) -> None:
    """A clash on both sessions; a tight walk on the one walked to; series and small rooms on theirs."""
    checked = check_saved(dlcat, saved(dlcat, ["B10", "C10", "D11", "F16"]))
    labels = {one: [(m.level, m.label) for m in marks] for one, marks in checked.marks.items()}
    assert labels["B10"] == [(Level.ERROR, "clash with C10")]
    assert labels["C10"][0] == (Level.ERROR, "clash with B10")
    assert (Level.WARNING, "tight walk from C10") in labels["D11"]
    assert (Level.WARNING, "part of a series; not picked: F15, F17") in labels["F16"]
    assert (Level.WARNING, "small room: arrive early") in labels["F16"]
    assert [p.code for p in checked.errors] == [Code.CLASH]
    assert checked.removed == ()
    simulcast = check_saved(dlcat, saved(dlcat, ["F16", "A17"]))
    assert [m.label for m in simulcast.marks["A17"]] == [
        "tight walk from F16",
        "the same talk is nearer in D17 or E17",
    ]


def test_a_saved_pick_the_program_lost_is_marked_removed_and_the_rest_checked() -> None:
    """A1010 is gone: one error naming the --drop to use, A1010 marked removed, A1300 still planned."""
    old, lost = first_dlcat_before_and_after("id: A1010,", "id: A1011,")
    checked = check_saved(lost, saved(old, ["A1010", "A1300"]))
    assert checked.plan.ids == ("A1300",)
    assert [r.id for r in checked.removed] == ["A1010"]
    assert [(p.code, p.message) for p in checked.errors] == [
        (
            Code.REMOVED,
            "your saved agenda has A1010, which 1st DLCAT no longer has; drop it with `dlcat plan --drop A1010`",
        )
    ]
    assert [(m.code, m.label) for m in checked.marks["A1010"]] == [(Code.REMOVED, "removed from the program")]
    assert "A1300" not in checked.marks


def test_a_cancelled_or_moved_pick_is_marked(dlcat: Program) -> None:
    """A title that now says it is called off is an error on that session; a moved one is marked with where
    it was; a walk the move made impossible is marked on the session walked to."""
    agenda = saved(dlcat, ["B10", "D11"])
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace(
        "title: AI시대의 예술작품 - AI Atelier를 이용하여", "title: '[취소] AI시대의 예술작품'"
    )
    changed = edited(
        dlcat,
        text,
        'id: B10\n    room: B\n    start: "10:00"\n    end: "10:50"',
        'id: B10\n    room: B\n    start: "10:10"\n    end: "11:00"',
    )
    checked = check_saved(changed, agenda)
    assert [(m.code, m.label) for m in checked.marks["B10"]] == [
        (Code.CANCELLED, "cancelled"),
        (Code.CHANGED, "renamed, was 'AI시대의 예술작품 - AI Atelier를 이용하여'"),
        (Code.CHANGED, "moved, was 10:00–10:50"),
    ]
    assert [(m.code, m.label) for m in checked.marks["D11"]] == [
        (Code.IMPOSSIBLE_WALK, "can't be reached in time from B10")
    ]
    assert {p.code for p in checked.errors} == {Code.CANCELLED, Code.IMPOSSIBLE_WALK}


@pytest.mark.parametrize(
    ("title", "cancelled"),
    [
        ("CANCELLED: Rust for robots", True),
        ("Canceled - GAN", True),
        ("Abgesagt: Vortrag", True),
        ("[취소] 강화학습", True),
        ("강화학습 순한맛", False),
        ("Cancel culture in ML", False),
    ],
)
def test_a_title_that_says_it_is_called_off(title: str, cancelled: bool) -> None:
    """The words of issue 14 in any case; a word that only starts like one is not."""
    assert says_cancelled(title) is cancelled


def test_the_same_instant_written_with_another_offset_is_no_move(dlcat: Program) -> None:
    """A pick saved as 10:00+09:00 and read back as 01:00+00:00 (a hand-edited file) has not moved."""
    agenda = saved(dlcat, ["B10"])
    pick = agenda.picks[0]
    in_utc = [datetime.fromisoformat(t).astimezone(UTC).isoformat() for t in (pick.start, pick.end)]
    edited_by_hand = pick._replace(start=in_utc[0], end=in_utc[1])
    assert edited_by_hand.start == "2019-07-04T01:00:00+00:00"
    other = agenda._replace(fingerprint="another file", picks=(edited_by_hand,))
    assert changes_since_saved(dlcat, other) == ()
    moved = other._replace(picks=(edited_by_hand._replace(start="2019-07-04T01:05:00+00:00"),))
    assert [c.kind for c in changes_since_saved(dlcat, moved)] == [ChangeKind.MOVED]
