"""core/review.py: the saved agenda checked against the program as it is now, each change and problem marked
on the session it concerns; no CLI runner."""

from __future__ import annotations

from dlcat_cli.core.agenda import SavedAgenda
from dlcat_cli.core.changes import Kind
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Code, Level
from dlcat_cli.core.review import Checked, check_saved
from dlcat_cli.formats.store import changes_since_saved
from helpers import BUNDLED, FIRST, edited, first_dlcat_before_and_after, saved


def checked_now(program: Program, agenda: SavedAgenda) -> Checked:
    """check_saved as `dlcat agenda` calls it: with the changes since the agenda was saved."""
    return check_saved(program, agenda, changes_since_saved(program, agenda))


def test_a_room_change_is_told() -> None:
    """A1300 moved from room A to B: re-roomed, and marked so."""
    old, moved = first_dlcat_before_and_after("{id: A1300, room: A,", "{id: A1300, room: B,")
    agenda = saved(old, ["A1300"])
    (change,) = changes_since_saved(moved, agenda)
    assert (change.kind, change.message) == (
        Kind.ROOM,
        "A1300 moved from room A to B (UST 사이언스홀)",
    )
    assert [m.label for m in checked_now(moved, agenda).marks["A1300"]] == ["moved, was in room A"]


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
    checked = checked_now(lost, saved(old, ["A1010", "A1300"]))
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
    checked = checked_now(changed, agenda)
    assert [(m.code, m.label) for m in checked.marks["B10"]] == [
        (Code.CANCELLED, "cancelled"),
        (Code.CHANGED, "moved, was 10:00–10:50"),
    ]
    assert [(m.code, m.label) for m in checked.marks["D11"]] == [
        (Code.IMPOSSIBLE_WALK, "can't be reached in time from B10")
    ]
    assert {p.code for p in checked.errors} == {Code.CANCELLED, Code.IMPOSSIBLE_WALK}


def test_a_late_walk_and_the_same_talk_twice_are_marked(dlcat: Program) -> None:
    """A1010 -> B1055 back to back: 3 min late, marked on B1055; a hand-edited agenda holding a talk in two
    of its rooms: the first marked as the same talk as the second."""
    old, _ = first_dlcat_before_and_after("Seminar one", "Seminar one")
    late = check_saved(old, saved(old, ["A1010", "B1055"]))
    assert [(m.level, m.label) for m in late.marks["B1055"]] == [
        (Level.WARNING, "late after the walk from A1010")
    ]
    agenda = saved(dlcat, ["A17"])
    twice = agenda._replace(picks=(*agenda.picks, agenda.picks[0]._replace(id="D17", room="D")))
    assert [m.label for m in check_saved(dlcat, twice).marks["A17"]] == ["the same talk as D17"]


def test_two_lost_picks_are_named_together() -> None:
    """A1010 and A1300 both lost: one line naming them, `drop them`, and both marked removed."""
    old, one_lost = first_dlcat_before_and_after("id: A1010, room: A,", "id: A1011, room: A,")
    text = FIRST.read_text(encoding="utf-8").replace("id: A1010, room: A,", "id: A1011, room: A,")
    both_lost = edited(one_lost, text, "id: A1300, room: A,", "id: A1301, room: A,")
    checked = check_saved(both_lost, saved(old, ["A1010", "A1300"]))
    assert [str(p.message) for p in checked.errors] == [
        "your saved agenda has A1010,A1300, which 1st DLCAT no longer has; "
        "drop them with `dlcat plan --drop A1010,A1300`"
    ]
    assert sorted(checked.marks) == ["A1010", "A1300"]
