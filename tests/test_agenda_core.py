"""core/agenda.py: editing the saved agenda (replace, add, drop, --like, undo) and checking it again, with no
CLI runner, no file and no lock: values in, values out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcat_cli.core.agenda import (
    ChangeKind,
    PlanRefused,
    Request,
    SavedAgenda,
    changes_since_saved,
    check_saved,
    plan_request,
    revise,
    says_cancelled,
    to_saved,
)
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Code, Level, plan_agenda
from dlcat_cli.core.rules import Pace
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import parse_program

NOW = datetime(2019, 7, 1, 12, 0, tzinfo=UTC)
BUNDLED = Path(__file__).parents[1] / "src" / "dlcat_cli" / "data" / "program.yaml"
FIRST = Path(__file__).parent / "programs" / "first-dlcat-2018.yaml"


def saved(program: Program, ids: list[str], pace: Pace | None = None) -> SavedAgenda:
    """An agenda saved with `ids`, checked or not (a saved agenda the program later broke)."""
    return to_saved(program, plan_agenda(program, ids, pace or Pace()), None, NOW)


def edited(program: Program, text: str, old: str, new: str) -> Program:
    """`program`'s file text with `old` replaced by `new` (which must be there), read again."""
    assert old in text
    return parse_program(text.replace(old, new).encode("utf-8"), "changed.yaml")


# -- the request -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "said"),
    [
        (
            {"day": "1", "picks": ["B10"]},
            "--day 1 chooses the day for --like: dlcat plan --like TOPICS --day 1",
        ),
        ({"like": "gan", "add": ["B10"]}, "--like builds a new agenda; use it with --pick"),
        ({"like": "gan", "drop": ["B10"]}, "--like builds a new agenda; use it with --pick"),
        (
            {"undo": True, "picks": ["B10"]},
            "--undo brings back the version before, with its options; give it alone",
        ),
        (
            {"undo": True, "buffer": 5},
            "--undo brings back the version before, with its options; give it alone",
        ),
        (
            {"revision": 3},
            "--revision 3 chooses the version --undo brings back: dlcat plan --undo --revision 3",
        ),
        ({}, "nothing to plan: give sessions with --pick A10,A11 (or --add/--drop to change your agenda)"),
        ({"like": "gan", "day": "9"}, "no day '9' in 2nd DLCAT; its days are 1 (2019-07-04)"),
    ],
)
def test_what_cant_be_asked_together_is_one_line_naming_the_fix(
    dlcat: Program, asked: dict[str, object], said: str
) -> None:
    """Each rule about the request has its home in plan_request, before anything is read or planned."""
    with pytest.raises(DlcatError) as refused:
        plan_request(dlcat, **asked)  # type: ignore[arg-type]
    assert str(refused.value).startswith(said)
    assert "\n" not in str(refused.value)


def test_a_request_holds_typed_values(dlcat: Program) -> None:
    """Interests split at commas, the day as its number; --pick and --like replace, --add does not."""
    request = plan_request(dlcat, picks=["E16"], like="keras tuner,gan", day="2019-07-04")
    assert (request.like, request.day, request.replaces) == (("keras tuner", "gan"), 1, True)
    assert plan_request(dlcat, add=["B10"], buffer=5).replaces is False
    assert plan_request(dlcat, undo=True, revision=2) == Request(undo=True, revision=2)


# -- the edit ----------------------------------------------------------------------------------


def test_pick_replaces_the_saved_agenda_and_says_what_it_replaces(dlcat: Program) -> None:
    """--pick over B10,D11 names them; the old version goes into the history; the options start afresh."""
    before = saved(dlcat, ["B10", "D11"], Pace(buffer=0, late=10))
    revised = revise(dlcat, before, plan_request(dlcat, picks=["E10", "E11"]), NOW)
    assert revised.replaces == ("B10", "D11")
    assert revised.agenda.ids == ("E10", "E11")
    assert revised.agenda.pace == Pace()
    assert (revised.agenda.revision, revised.agenda.history) == (2, (before.version,))
    assert revised.plan.ids == ("E10", "E11")
    same = revise(dlcat, revised.agenda, plan_request(dlcat, picks=["E10", "E11"]), NOW)
    assert same.replaces == ()  # the same picks again replace nothing
    fresh = revise(dlcat, None, plan_request(dlcat, picks=["B10"]), NOW)
    assert (fresh.replaces, fresh.agenda.revision) == ((), 1)


def test_add_and_drop_change_the_saved_agenda_and_keep_its_options(dlcat: Program) -> None:
    """--add starts from the saved picks and options (a buffer of 5 makes B10 -> D11 impossible: refused,
    with every problem); --buffer 0 overrides it; --drop takes a room of the talk."""
    before = saved(dlcat, ["B10"], Pace(buffer=5))
    with pytest.raises(PlanRefused) as refused:
        revise(dlcat, before, plan_request(dlcat, add=["D11"]), NOW)
    assert str(refused.value) == "Nothing was saved; your saved agenda is unchanged."
    assert [p.code for p in refused.value.plan.errors] == [Code.IMPOSSIBLE_WALK]
    assert "5 min buffer" in refused.value.plan.errors[0].message
    added = revise(dlcat, before, plan_request(dlcat, add=["d11"], buffer=0), NOW)
    assert (added.agenda.ids, added.agenda.pace.buffer, added.replaces) == (("B10", "D11"), 0, ())
    dropped = revise(dlcat, added.agenda, plan_request(dlcat, drop=["b10"]), NOW)
    assert dropped.agenda.ids == ("D11",)
    assert dropped.agenda.revision == 3


def test_a_change_that_cant_be_made_is_one_line(dlcat: Program) -> None:
    """--add with no saved agenda; --drop of what is not there; --add over a pick the program lost."""
    with pytest.raises(
        DlcatError, match="there is no saved agenda to change; make one with `dlcat plan --pick A10,A11`"
    ):
        revise(dlcat, None, plan_request(dlcat, add=["B10"]), NOW)
    with pytest.raises(DlcatError, match=r"C11 is not in your agenda \(B10\); nothing was changed"):
        revise(dlcat, saved(dlcat, ["B10"]), plan_request(dlcat, drop=["C11"]), NOW)
    first = FIRST.read_text(encoding="utf-8")
    old = parse_program(first.encode("utf-8"), "first.yaml")
    lost = edited(old, first, "id: A1010,", "id: A1011,")
    with pytest.raises(
        DlcatError, match="your saved agenda has A1010, which 1st DLCAT no longer has; drop it"
    ):
        revise(lost, saved(old, ["A1010", "A1300"]), plan_request(lost, add=["B1010"]), NOW)
    dropped = revise(lost, saved(old, ["A1010", "A1300"]), plan_request(lost, drop=["A1010"]), NOW)
    assert dropped.agenda.ids == ("A1300",)


def test_like_keeps_the_picks_and_says_why(dlcat: Program) -> None:
    """--like "keras tuner" --pick E16: E16 stays, with its series and the best of the rest."""
    revised = revise(
        dlcat, saved(dlcat, ["B10"]), plan_request(dlcat, picks=["E16"], like="keras tuner"), NOW
    )
    assert revised.agenda.ids == ("E15", "E16", "D17")
    assert revised.choice is not None
    assert revised.choice.points == 1
    assert revised.replaces == ("B10",)


def test_undo_brings_back_any_kept_version_as_a_new_revision(dlcat: Program) -> None:
    """Three versions: undo brings back the one before; --revision 1 the first, with its options; the number
    only rises and what is further back stays to undo again; a revision not kept is one line."""
    agenda = saved(dlcat, ["B10"], Pace(late=10))
    for ids in (["C10"], ["D10"]):
        agenda = revise(dlcat, agenda, plan_request(dlcat, picks=ids), NOW).agenda
    assert [v.revision for v in agenda.history] == [2, 1]
    back = revise(dlcat, agenda, plan_request(dlcat, undo=True), NOW)
    assert (back.agenda.ids, back.agenda.revision, back.undone.revision if back.undone else None) == (
        ("C10",),
        4,
        2,
    )
    assert [v.revision for v in back.agenda.history] == [1]
    first = revise(dlcat, agenda, plan_request(dlcat, undo=True, revision=1), NOW).agenda
    assert (first.ids, first.pace.late, first.revision, first.history) == (("B10",), 10, 4, ())
    with pytest.raises(
        DlcatError,
        match=r"revision 7 is not kept; the earlier versions kept are 2, 1 \(dlcat agenda --history\)",
    ):
        revise(dlcat, agenda, plan_request(dlcat, undo=True, revision=7), NOW)
    with pytest.raises(DlcatError, match="revision 3 is your agenda as it is now"):
        revise(dlcat, agenda, plan_request(dlcat, undo=True, revision=3), NOW)


def test_undo_after_dropping_everything_and_with_nothing_to_undo(dlcat: Program) -> None:
    """An agenda emptied by --drop can be undone; a first version has nothing to undo; none at all is one line."""
    emptied = revise(dlcat, saved(dlcat, ["B10"]), plan_request(dlcat, drop=["B10"]), NOW).agenda
    assert emptied.ids == ()
    assert revise(dlcat, emptied, plan_request(dlcat, undo=True), NOW).agenda.ids == ("B10",)
    with pytest.raises(
        DlcatError, match=r"nothing to undo: your saved agenda has no earlier version \(revision 1\)"
    ):
        revise(dlcat, saved(dlcat, ["B10"]), plan_request(dlcat, undo=True), NOW)
    with pytest.raises(DlcatError, match="you have no saved agenda to undo; make one with"):
        revise(dlcat, None, plan_request(dlcat, undo=True), NOW)


def test_undo_of_a_version_the_program_has_made_impossible_is_refused(dlcat: Program) -> None:
    """The version before holds B10 -> D11, which a walk of 20 minutes made impossible: PlanRefused, not saved."""
    agenda = revise(dlcat, saved(dlcat, ["B10", "D11"]), plan_request(dlcat, picks=["A10"]), NOW).agenda
    text = BUNDLED.read_text(encoding="utf-8")
    slower = edited(
        dlcat, text, "buildings: [UST, ETRI]\n      minutes: 10", "buildings: [UST, ETRI]\n      minutes: 20"
    )
    with pytest.raises(PlanRefused) as refused:
        revise(slower, agenda, plan_request(slower, undo=True), NOW)
    assert refused.value.program is slower
    assert [p.code for p in refused.value.plan.errors] == [Code.IMPOSSIBLE_WALK]


def test_saved_at_is_utc_whatever_zone_now_is_in(dlcat: Program) -> None:
    """`now` in Seoul is saved as the same instant in UTC."""
    seoul = NOW.astimezone(dlcat.conference.time_zone)
    assert (
        revise(dlcat, None, plan_request(dlcat, picks=["B10"]), seoul).agenda.saved_at
        == "2019-07-01T12:00:00+00:00"
    )
    later = revise(dlcat, None, plan_request(dlcat, picks=["B10"]), NOW + timedelta(hours=1))
    assert later.agenda.saved_at == "2019-07-01T13:00:00+00:00"


# -- the saved agenda against the program as it is now ---------------------------------------


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
    text = FIRST.read_text(encoding="utf-8")
    old = parse_program(text.encode("utf-8"), "first.yaml")
    moved = edited(old, text, "{id: A1300, room: A,", "{id: A1300, room: B,")
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
    text = FIRST.read_text(encoding="utf-8")
    old = parse_program(text.encode("utf-8"), "first.yaml")
    lost = edited(old, text, "id: A1010,", "id: A1011,")
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


# -- an invariant ----------------------------------------------------------------------------

IDS = ["A10", "B10", "C10", "D11", "C11", "E10", "E11", "A13", "F16", "A17", "D17", "B14"]
CHANGES = st.one_of(
    st.builds(lambda ids: {"picks": ids}, st.lists(st.sampled_from(IDS), min_size=1, max_size=4)),
    st.builds(lambda ids: {"add": ids}, st.lists(st.sampled_from(IDS), min_size=1, max_size=2)),
    st.builds(lambda ids: {"drop": ids}, st.lists(st.sampled_from(IDS), min_size=1, max_size=2)),
    st.builds(lambda b: {"add": ["B14"], "buffer": b}, st.integers(0, 15)),
    st.just({"undo": True}),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(CHANGES, min_size=1, max_size=8))
def test_a_saved_agenda_never_holds_an_error_and_its_revision_only_rises(
    dlcat: Program, changes: list[dict[str, object]]
) -> None:
    """Any run of changes, each made or refused: what would be saved checks clean with its own options, the
    revision never falls, the history holds at most nine versions, and a refused change leaves it as it was."""
    agenda: SavedAgenda | None = None
    for asked in changes:
        try:
            agenda_after = revise(dlcat, agenda, plan_request(dlcat, **asked), NOW).agenda  # type: ignore[arg-type]
        except DlcatError:
            continue  # refused: `agenda` is what stays saved
        assert plan_agenda(dlcat, agenda_after.ids, agenda_after.pace).errors == ()
        assert agenda is None or agenda_after.revision >= agenda.revision
        assert len(agenda_after.history) <= 9
        agenda = agenda_after
