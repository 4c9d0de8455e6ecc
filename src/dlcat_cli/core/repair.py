"""The one change that makes a saved agenda hold again after the program changed. Pure: no I/O.

`dlcat update` and `dlcat agenda` offer it as one command line (`dlcat plan --drop X,Y --add Z`), so it must
pass when run: the agenda after it is checked with the planner, as `plan` checks it, before it is offered.
What is dropped: picks removed from the program or cancelled (core/changes.py), then, one at a time, picks
that no longer fit with the rest (a clash, a walk that can't be made); the changed picks go first, so that a
moved talk gives way rather than the ones that stayed. What is added: the picks found again under another
id, and, for an agenda chosen with `plan --like`, the best sessions for the same interests at the times
freed (core/optimize.py), none of them cancelled or just dropped.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from dlcat_cli.core.changes import Change, says_cancelled
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Plan, plan_agenda
from dlcat_cli.core.rules import Pace
from dlcat_cli.errors import DlcatError

Span = tuple[datetime, datetime]  # a start and an end, aware


class Repair(NamedTuple):
    """Drop `drops` from the saved agenda and add `adds` (showing ids): `plan` is the agenda then, checked."""

    drops: tuple[str, ...]
    adds: tuple[str, ...]
    plan: Plan

    def arguments(self) -> list[str]:
        """`plan`'s arguments for it: `["--drop", "D13,B10", "--add", "C13"]`."""
        found = []
        if self.drops:
            found += ["--drop", ",".join(self.drops)]
        if self.adds:
            found += ["--add", ",".join(self.adds)]
        return found


def repair(
    program: Program,
    saved: Sequence[str],
    pace: Pace,
    changed: Sequence[Change] = (),
    interests: Sequence[str] = (),
) -> Repair | None:
    """The repair of the saved picks `saved` (showing ids) with `pace`, given what `changed` (changes.changes);
    None when the agenda holds as it is: nothing removed, cancelled or renumbered, and no error in its plan.

    The repaired plan has no error (plan_agenda's); `adds` are empty without `interests`."""
    gone = {c.was.id.upper() for c in changed if c.gone}
    renumbered = {
        c.was.id.upper(): c.now_id for c in changed if c.now_id and c.was.id.upper() != c.now_id.upper()
    }
    touched = {c.was.id.upper() for c in changed}
    if not gone and not renumbered and not plan_agenda(program, saved, pace).errors:
        return None
    drops = [i for i in saved if i.upper() in gone or i.upper() in renumbered]
    candidates = [renumbered.get(i.upper(), i) for i in saved if i.upper() not in gone]
    candidates.sort(key=lambda i: i.upper() in touched or i in renumbered.values())  # changed ones last
    kept: list[str] = []
    for candidate in candidates:
        if program.find(candidate) is not None and not plan_agenda(program, [*kept, candidate], pace).errors:
            kept.append(candidate)
        elif candidate not in renumbered.values():
            drops.append(candidate)
    adds = [i for i in kept if i in renumbered.values()]
    kept = [i for i in kept if i not in adds]
    was = {c.was.id.upper(): (c.was.start, c.was.end) for c in changed}
    freed = [_span(program, i, was) for i in drops]
    adds += _replacements(program, [*kept, *adds], drops, [s for s in freed if s], pace, interests)
    plan = plan_agenda(program, [*kept, *adds], pace)
    assert not plan.errors, plan.errors  # every pick was kept or added only when the plan held
    return Repair(tuple(drops), tuple(adds), plan)


def _span(program: Program, dropped: str, was: dict[str, Span]) -> Span | None:
    """The time a dropped pick held: its session's now, else (removed) what it was."""
    found = program.find(dropped)
    return (found[0].start, found[0].end) if found is not None else was.get(dropped.upper())


def _replacements(
    program: Program,
    kept: list[str],
    drops: list[str],
    freed: list[Span],
    pace: Pace,
    interests: Sequence[str],
) -> list[str]:
    """The best sessions for `interests` at the times `freed` (that `drops` held), around `kept`; none when
    the optimiser can't keep `kept` or nothing matches (its DlcatError), or the additions would not hold."""
    if not interests or not freed:
        return []
    from dlcat_cli.core.optimize import best_agenda

    avoid = {s.id for s in program.sessions if says_cancelled(s.title)}
    avoid |= {found[0].id for found in map(program.find, drops) if found is not None}
    try:
        choice = best_agenda(program, interests, pace, kept, avoid=avoid)
    except DlcatError:
        return []
    present = {i.upper() for i in kept}
    adds = [
        pick.id
        for pick in choice.plan.picks
        if pick.id.upper() not in present
        and any(pick.start < end and start < pick.end for start, end in freed)
    ]
    if plan_agenda(program, [*kept, *adds], pace).errors:  # pragma: no cover - a subset of a held plan
        return []
    return adds
