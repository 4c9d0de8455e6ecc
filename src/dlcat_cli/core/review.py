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
from dlcat_cli.i18n import say


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
            message = say(
                "{id} is cancelled ({title}); drop it with `dlcat plan --drop {id}`",
                id=pick.id,
                title=pick.session.title,
            )
            problems.append(Problem(Level.ERROR, Code.CANCELLED, message, (pick.id,)))
    marks: dict[str, list[Mark]] = {}
    names = {name: pick.id for pick in plan.picks for name in (pick.session.id, pick.id)}
    names.update({pick.id: pick.id for pick in removed})
    for problem in problems:
        for one, label in _labels(problem, names):
            marks.setdefault(one, []).append(Mark(problem.level, problem.code, label))
    for change in changes:
        told = _change_label(change)
        if told is not None:
            marks.setdefault(change.was.id, []).append(Mark(Level.WARNING, Code.CHANGED, told))
    return Checked(plan, removed, tuple(changes), tuple(problems), {k: tuple(v) for k, v in marks.items()})


def _labels(problem: Problem, names: dict[str, str]) -> list[tuple[str, str]]:
    """(pick id, short label) for each session of the agenda `problem` concerns; `names` maps the session
    and room ids of the agenda's picks to the pick's id. Labels are Sentences: English in JSON, the run's
    language on a terminal."""
    ids, code = problem.ids, problem.code
    found: list[tuple[str, str]]
    if code is Code.IMPOSSIBLE_WALK:
        found = [(ids[1], say("can't be reached in time from {id}", id=ids[0]))]
    elif code is Code.LATE_ARRIVAL:
        found = [(ids[1], say("late after the walk from {id}", id=ids[0]))]
    elif code is Code.TIGHT_WALK:
        found = [(ids[1], say("tight walk from {id}", id=ids[0]))]
    elif code is Code.CLASH:
        found = [(ids[0], say("clash with {id}", id=ids[1])), (ids[1], say("clash with {id}", id=ids[0]))]
    elif code is Code.SAME_TALK:
        found = [(ids[0], say("the same talk as {id}", id=ids[1]))]
    elif code is Code.PARTIAL_SERIES:
        missing = ", ".join(one for one in ids if one not in names)
        found = [
            (one, say("part of a series; not picked: {ids}", ids=missing)) for one in ids if one in names
        ]
    elif code is Code.FARTHER_ROOM:
        found = [(ids[0], say("the same talk is nearer in {ids}", ids=" or ".join(ids[1:])))]
    elif code is Code.SMALL_ROOM:
        found = [(ids[0], say("small room: arrive early"))]
    elif code is Code.REMOVED:
        found = [(one, say("removed from the program")) for one in ids]
    elif code is Code.CANCELLED:
        found = [(ids[0], say("cancelled"))]
    else:  # an all-day session, the one left (an unknown id is removed, above)
        found = [(one, say("open all day: not a session to plan")) for one in ids]
    return [(names[one], label) for one, label in found if one in names]


def _change_label(change: Change) -> str | None:
    """The mark of a change on its pick; None for removed and cancelled, which are problems."""
    if change.kind is Kind.RENAMED:
        return say("renamed, was {before!r}", before=change.before)
    if change.kind is Kind.MOVED:
        return say("moved, was {before}", before=change.before)
    if change.kind is Kind.ROOM:
        return say("moved, was in room {before}", before=change.before)
    if change.kind is Kind.RENUMBERED:
        return say("now {after}", after=change.after)
    return None
