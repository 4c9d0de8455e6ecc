"""core/agenda.py: editing the saved agenda (replace, add, drop, --like, undo), with no CLI runner, no file
and no lock: values in, values out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlcat_cli.core.agenda import PlanRefused, Request, SavedAgenda, plan_request, revise
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Code, plan_agenda
from dlcat_cli.core.rules import Pace
from dlcat_cli.errors import DlcatError
from helpers import BUNDLED, edited, first_dlcat_before_and_after, saved

NOW = datetime(2019, 7, 1, 12, 0, tzinfo=UTC)


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
    old, lost = first_dlcat_before_and_after("id: A1010,", "id: A1011,")
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
    only rises, every version stays in the history (the one undone too: nothing saved is lost to an undo),
    undo again goes one further back, and past the earliest is one line; a revision not kept is one line."""
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
    assert [v.revision for v in back.agenda.history] == [3, 2, 1]
    again = revise(dlcat, back.agenda, plan_request(dlcat, undo=True), NOW)
    assert (again.agenda.ids, again.agenda.revision, again.undone.revision if again.undone else None) == (
        ("B10",),
        5,
        1,
    )
    assert [v.revision for v in again.agenda.history] == [4, 3, 2, 1]
    with pytest.raises(DlcatError, match="nothing further back to undo: revision 5 brought back revision 1"):
        revise(dlcat, again.agenda, plan_request(dlcat, undo=True), NOW)
    assert revise(dlcat, again.agenda, plan_request(dlcat, undo=True, revision=3), NOW).agenda.ids == ("D10",)
    after = revise(
        dlcat, again.agenda, plan_request(dlcat, add=["C11"]), NOW
    ).agenda  # a plan ends the undoing
    assert revise(dlcat, after, plan_request(dlcat, undo=True), NOW).agenda.ids == ("B10",)
    first = revise(dlcat, agenda, plan_request(dlcat, undo=True, revision=1), NOW).agenda
    assert (first.ids, first.pace.late, first.revision) == (("B10",), 10, 4)
    assert [v.revision for v in first.history] == [3, 2, 1]
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
