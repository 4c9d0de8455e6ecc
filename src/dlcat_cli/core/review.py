"""The saved agenda checked against the program as it is now: every problem, and what changed for each pick
(core/changes.py, the one home of those rules), marked on the session it concerns (`dlcat agenda`, issue 14,
point 3). Pure: no I/O, no printing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from dlcat_cli.core.agenda import SavedAgenda, SavedPick, gone_message
from dlcat_cli.core.changes import Change, Kind, says_cancelled
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Code, Level, Plan, Problem, at_level, plan_agenda


class Mark(NamedTuple):
    """A problem as it concerns one session of the agenda: shown on that session's line.

    `label` is short (`clash with C11`), the problem's full message goes with the problems.
    """

    level: Level
    code: Code
    label: str


class Checked(NamedTuple):
    """The saved agenda checked against the program as it is now.

    `plan`: the saved picks the program still has, checked with the saved options; `removed`: the saved
    picks it no longer has; `changes`: what changed for the picks; `problems`: the plan's and those of
    removed and cancelled picks, errors first-class; `marks`: per pick id (removed ones too), its marks.
    """

    plan: Plan
    removed: tuple[SavedPick, ...]
    changes: tuple[Change, ...]
    problems: tuple[Problem, ...]
    marks: dict[str, tuple[Mark, ...]]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return at_level(self.problems, Level.ERROR)


def check_saved(program: Program, saved: SavedAgenda, changes: Sequence[Change] = ()) -> Checked:
    """`dlcat agenda`: the saved agenda checked again, every problem marked on the session it concerns
    (a clash on both, a walk on the session walked to), a saved pick the program lost marked removed, one
    whose title says it is cancelled marked cancelled, and each of `changes` (core.changes.changes of the
    picks as saved) marked on its pick: moved, renamed, re-roomed, renumbered."""
    removed = tuple(pick for pick in saved.picks if program.find(pick.id) is None)
    plan = plan_agenda(program, [p.id for p in saved.picks if p not in removed], saved.pace)
    problems = list(plan.problems)
    if removed:
        gone = [pick.id for pick in removed]
        problems.append(Problem(Level.ERROR, Code.REMOVED, gone_message(program, gone), tuple(gone)))
    for pick in plan.picks:
        if says_cancelled(pick.session.title):
            message = (
                f"{pick.id} is cancelled ({pick.session.title}); drop it with `dlcat plan --drop {pick.id}`"
            )
            problems.append(Problem(Level.ERROR, Code.CANCELLED, message, (pick.id,)))
    marks: dict[str, list[Mark]] = {}
    names = {name: pick.id for pick in plan.picks for name in (pick.session.id, pick.id)}
    names.update({pick.id: pick.id for pick in removed})
    for problem in problems:
        for one, label in _labels(problem, names):
            marks.setdefault(one, []).append(Mark(problem.level, problem.code, label))
    for change in changes:
        told = _CHANGES.get(change.kind)
        if told is not None:  # removed and cancelled are problems, marked above
            mark = Mark(Level.WARNING, Code.CHANGED, told.format(before=change.before, after=change.after))
            marks.setdefault(change.was.id, []).append(mark)
    return Checked(plan, removed, tuple(changes), tuple(problems), {k: tuple(v) for k, v in marks.items()})


_CHANGES = {
    Kind.RENAMED: "renamed, was {before!r}",
    Kind.MOVED: "moved, was {before}",
    Kind.ROOM: "moved, was in room {before}",
    Kind.RENUMBERED: "now {after}",
}


_WALKS = {
    Code.IMPOSSIBLE_WALK: "can't be reached in time from {0}",
    Code.LATE_ARRIVAL: "late after the walk from {0}",
    Code.TIGHT_WALK: "tight walk from {0}",
}


def _labels(problem: Problem, names: dict[str, str]) -> list[tuple[str, str]]:
    """(pick id, short label) for each session of the agenda `problem` concerns; `names` maps the session
    and room ids of the agenda's picks to the pick's id."""
    ids, code = problem.ids, problem.code
    if code in _WALKS:
        found = [(ids[1], _WALKS[code].format(ids[0]))]
    elif code in (Code.CLASH, Code.SAME_TALK):
        what = "clash with" if code is Code.CLASH else "the same talk as"
        found = [(ids[0], f"{what} {ids[1]}"), (ids[1], f"{what} {ids[0]}")]
    elif code is Code.PARTIAL_SERIES:
        missing = ", ".join(one for one in ids if one not in names)
        found = [(one, f"part of a series; not picked: {missing}") for one in ids if one in names]
    elif code is Code.FARTHER_ROOM:
        found = [(ids[0], f"the same talk is nearer in {' or '.join(ids[1:])}")]
    else:
        found = [(one, _LABELS.get(code, code.value)) for one in ids]
    return [(names[one], label) for one, label in found if one in names]


_LABELS = {
    Code.SMALL_ROOM: "small room: arrive early",
    Code.REMOVED: "removed from the program",
    Code.CANCELLED: "cancelled",
    Code.ALL_DAY: "open all day: not a session to plan",
}
