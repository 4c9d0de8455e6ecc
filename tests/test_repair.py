"""core/repair.py: the one change that makes a saved agenda hold again, checked like any plan."""

from __future__ import annotations

from datetime import timedelta

from dlcat_cli.core.changes import changes
from dlcat_cli.core.model import Program, Showing
from dlcat_cli.core.planner import plan_agenda, without
from dlcat_cli.core.repair import repair
from dlcat_cli.core.rules import Pace
from test_changes import edited, picks


def applied(program: Program, saved: list[str], drops: tuple[str, ...], adds: tuple[str, ...]) -> list[str]:
    """What `dlcat plan --drop DROPS --add ADDS` makes of `saved` (as the plan handler does)."""
    return without(program, saved, list(drops)) + list(adds)


def test_an_agenda_that_holds_needs_no_repair(dlcat: Program) -> None:
    assert repair(dlcat, ["B10", "C11"], Pace()) is None


def test_removed_and_cancelled_picks_are_dropped(dlcat: Program) -> None:
    saved = ["B10", "C11", "D13"]
    title = dlcat.find("C11")[0].title  # type: ignore[index]
    after = edited(dlcat, drop=("D13",), C11={"title": f"{title} (취소)"})
    fix = repair(after, saved, Pace(), changes(after, picks(dlcat, *saved)))
    assert fix is not None
    assert fix.drops == ("C11", "D13")
    assert fix.adds == ()
    assert fix.arguments() == ["--drop", "C11,D13"]
    assert not plan_agenda(after, applied(after, saved, fix.drops, fix.adds), Pace()).errors


def test_a_moved_pick_that_now_clashes_gives_way(dlcat: Program) -> None:
    """B10 moves onto C11's hour: the moved one is dropped, the one that stayed is kept."""
    saved = ["B10", "C11"]
    c11 = dlcat.find("C11")[0]  # type: ignore[index]
    after = edited(dlcat, B10={"start": c11.start, "end": c11.end})
    fix = repair(after, saved, Pace(), changes(after, picks(dlcat, *saved)))
    assert fix is not None
    assert fix.drops == ("B10",)
    assert fix.plan.ids == ("C11",)


def test_a_clash_without_a_change_is_repaired_too(dlcat: Program) -> None:
    """An agenda that stopped holding for another reason (here: a slower pace) is repaired alike."""
    saved = ["B10", "D11"]  # UST then ETRI: a 10-minute walk in a 10-minute break
    fix = repair(dlcat, saved, Pace(factor=3.0))
    assert fix is not None
    assert fix.drops == ("D11",)
    assert not plan_agenda(dlcat, applied(dlcat, saved, fix.drops, fix.adds), Pace(factor=3.0)).errors


def test_replacements_come_from_the_same_interests(dlcat: Program) -> None:
    """The cancelled 강화학습 talk is replaced by the best other one at that hour; never by a cancelled one."""
    saved = ["A10", "B13"]  # 3분 강화학습 순한맛 SAC at 10:00
    a10 = dlcat.find("A10")[0]  # type: ignore[index]
    after = edited(dlcat, A10={"title": "CANCELLED: " + a10.title})
    fix = repair(after, saved, Pace(), changes(after, picks(dlcat, *saved)), ["강화학습"])
    assert fix is not None
    assert fix.drops == ("A10",)
    assert fix.adds == ("E10",)  # (실습)유니티 기반 드론 강화학습 (1), the other 강화학습 session at 10:00
    ids = applied(after, saved, fix.drops, fix.adds)
    assert not plan_agenda(after, ids, Pace()).errors
    assert sorted(ids) == sorted(fix.plan.ids)


def test_a_renumbered_pick_is_dropped_and_added_under_its_new_id(dlcat: Program) -> None:
    b10 = dlcat.find("B10")[0]  # type: ignore[index]
    before = edited(dlcat, B10={"guid": "g-b10"})
    moved = b10._replace(
        id="B99",
        showings=(Showing("B99", b10.showings[0].room),),
        guid="g-b10",
        start=b10.start + timedelta(0),
    )
    after = edited(dlcat, drop=("B10",), add=(moved,))
    from dlcat_cli.core.changes import with_guids

    fix = repair(
        after, ["B10", "C11"], Pace(), changes(after, with_guids(picks(dlcat, "B10", "C11"), before))
    )
    assert fix is not None
    assert (fix.drops, fix.adds) == (("B10",), ("B99",))
    assert fix.plan.ids == ("B99", "C11")
