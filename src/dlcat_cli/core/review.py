"""The saved agenda checked against the program as it is now: what changed for each pick, and every problem
marked on the session it concerns (`dlcat agenda`, issue 14, point 3). Pure: no I/O, no printing."""

from __future__ import annotations

import enum
from typing import NamedTuple

from dlcat_cli.core.agenda import SavedAgenda, SavedPick, gone_message
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Code, Level, Plan, Problem, at_level, plan_agenda


class ChangeKind(enum.Enum):
    """How the program changed for a saved pick; the values are `--json`'s."""

    REMOVED = "removed"
    RENAMED = "renamed"
    MOVED = "moved"  # its time
    REROOMED = "re-roomed"


class PickChange(NamedTuple):
    """One change of the program for one saved pick: `was` is the pick as saved, `message` one line."""

    id: str
    kind: ChangeKind
    was: SavedPick
    message: str


def changes_since_saved(program: Program, agenda: SavedAgenda) -> tuple[PickChange, ...]:
    """What changed in the program for the saved picks (matched by id), in pick order; none when the
    program's fingerprint is the one saved."""
    if agenda.fingerprint == program.fingerprint:
        return ()
    found: list[PickChange] = []
    for saved in agenda.picks:
        here = program.find(saved.id)
        if here is None:
            message = f"{saved.id} ({saved.title}) is no longer in the program"
            found.append(PickChange(saved.id, ChangeKind.REMOVED, saved, message))
            continue
        session, showing = here
        if session.title != saved.title:
            message = f"{saved.id} was renamed: {saved.title!r} is now {session.title!r}"
            found.append(PickChange(saved.id, ChangeKind.RENAMED, saved, message))
        if (session.start, session.end) != saved.span:  # instants: an offset written otherwise is no move
            was = program.span(*saved.span)
            message = f"{saved.id} moved from {was} to {program.span(session.start, session.end)}"
            found.append(PickChange(saved.id, ChangeKind.MOVED, saved, message))
        if showing.room.id != saved.room:
            message = f"{saved.id} moved from room {saved.room} to {showing.room.id} ({showing.room.label})"
            found.append(PickChange(saved.id, ChangeKind.REROOMED, saved, message))
    return tuple(found)


# What a title says when the session is called off (issue 14: "CANCELLED", "abgesagt", "취소").
CANCELLED_WORDS = ("cancelled", "canceled", "abgesagt", "entfällt", "취소")


def says_cancelled(title: str) -> bool:
    """A title that says the session is called off, in any case: `CANCELLED: Rust for robots`, `[취소] GAN`."""
    folded = title.casefold()
    return any(word in folded for word in CANCELLED_WORDS)


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
    changes: tuple[PickChange, ...]
    problems: tuple[Problem, ...]
    marks: dict[str, tuple[Mark, ...]]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return at_level(self.problems, Level.ERROR)


def check_saved(program: Program, saved: SavedAgenda) -> Checked:
    """`dlcat agenda`: the saved agenda checked again, every problem marked on the session it concerns
    (a clash on both, a walk on the session walked to), a saved pick the program lost marked removed, one
    whose title now says it is cancelled marked cancelled, and a moved, renamed or re-roomed one marked."""
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
    changes = changes_since_saved(program, saved)
    marks: dict[str, list[Mark]] = {}
    names = {name: pick.id for pick in plan.picks for name in (pick.session.id, pick.id)}
    names.update({pick.id: pick.id for pick in removed})
    for problem in problems:
        for one, label in _labels(problem, names):
            marks.setdefault(one, []).append(Mark(problem.level, problem.code, label))
    for change in changes:
        if change.kind is not ChangeKind.REMOVED:
            mark = Mark(Level.WARNING, Code.CHANGED, _change_label(program, change))
            marks.setdefault(change.id, []).append(mark)
    return Checked(plan, removed, changes, tuple(problems), {k: tuple(v) for k, v in marks.items()})


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


def _change_label(program: Program, change: PickChange) -> str:
    was = change.was
    if change.kind is ChangeKind.RENAMED:
        return f"renamed, was {was.title!r}"
    if change.kind is ChangeKind.MOVED:
        return f"moved, was {program.span(*was.span)}"
    return f"moved, was in room {was.room}"
