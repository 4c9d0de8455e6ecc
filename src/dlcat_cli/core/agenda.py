"""Editing the saved agenda, and checking it against the program as it is now. Pure: no I/O, no printing.

`revise(program, saved, request, now)` is every change `dlcat plan` makes: replace (--pick), add, drop,
--like (which keeps the picks) and undo (any version kept). It returns the agenda to save with the checked
plan and what it replaces, or raises PlanRefused (a DlcatError) with the plan and its problems; the store
(formats/store.py) holds the lock around reading, this function and the atomic write.

The saved agenda checked against the program as it is now (`dlcat agenda`) is core/review.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, NamedTuple

from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Plan, plan_agenda, without
from dlcat_cli.core.rules import Pace
from dlcat_cli.errors import DlcatError
from dlcat_cli.i18n import N_, _, said, say

if TYPE_CHECKING:
    from dlcat_cli.core.optimize import Choice

VERSIONS_KEPT = 10  # the agenda as it is and the nine before it (issue 14, point 2)


# -- the saved agenda as a value -----------------------------------------------------------------


class SavedPick(NamedTuple):
    """A pick as it was when saved, so later changes to the program can be told.

    `start` and `end` are ISO 8601 with the conference's UTC offset, as the agenda file holds them;
    `room` is the room's id.
    """

    id: str
    session: str
    title: str
    start: str
    end: str
    room: str

    @property
    def span(self) -> tuple[datetime, datetime]:
        """(start, end) as aware datetimes."""
        return datetime.fromisoformat(self.start), datetime.fromisoformat(self.end)


class Version(NamedTuple):
    """An earlier version of the agenda, kept so that `plan --undo` can bring it back."""

    revision: int
    saved_at: str  # ISO 8601, UTC
    ids: tuple[str, ...]
    pace: Pace


class SavedAgenda(NamedTuple):
    """The attendee's agenda for one conference as saved: picks, options, revision and earlier versions.

    `revision` only rises (a calendar's SEQUENCE comes from it); `history` holds the versions before this
    one, the latest first, at most VERSIONS_KEPT - 1 of them. `restored` is the revision an undo brought back
    to make this one (None when this one was planned): undo again goes to the version before that one, and
    the versions an undo passes over stay in the history, so nothing saved is lost to an undo.
    """

    program_id: str
    fingerprint: str
    picks: tuple[SavedPick, ...]
    pace: Pace
    revision: int
    saved_at: str
    history: tuple[Version, ...] = ()
    interests: tuple[str, ...] = ()  # what `plan --like` chose it for: `update` finds new sessions by them
    restored: int | None = None

    @property
    def version(self) -> Version:
        """This agenda as a version of the history."""
        return Version(self.revision, self.saved_at, self.ids, self.pace)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(pick.id for pick in self.picks)


def to_saved(
    program: Program,
    plan: Plan,
    previous: SavedAgenda | None,
    now: datetime,
    interests: tuple[str, ...] | None = None,
) -> SavedAgenda:
    """The agenda to save for `plan` over `previous`; its revision grows, and `previous` joins the history
    (VERSIONS_KEPT in all), only when the picks, their rooms or times, or the options change. `interests`
    are those of `plan --like` (None: the previous agenda's, as `--add` and `--drop` keep them)."""
    zone = program.conference.time_zone
    picks = tuple(
        SavedPick(
            id=pick.id,
            session=pick.session.id,
            title=pick.session.title,
            start=pick.start.astimezone(zone).isoformat(),
            end=pick.end.astimezone(zone).isoformat(),
            room=pick.room.id,
        )
        for pick in plan.picks
    )
    revision = 1
    history: tuple[Version, ...] = ()
    if previous is not None:
        changed = (previous.picks, previous.pace) != (picks, plan.pace)
        revision = previous.revision + (1 if changed else 0)
        history = ((previous.version, *previous.history) if changed else previous.history)[
            : VERSIONS_KEPT - 1
        ]
    return SavedAgenda(
        program_id=program.conference.id,
        fingerprint=program.fingerprint,
        picks=picks,
        pace=plan.pace,
        revision=revision,
        saved_at=now.astimezone(UTC).isoformat(timespec="seconds"),
        history=history,
        interests=interests if interests is not None else previous.interests if previous is not None else (),
    )


# -- what the attendee asks for ----------------------------------------------------------------


class Request(NamedTuple):
    """One change to the agenda, as `dlcat plan` was asked for it; build it with `plan_request`, which
    holds the rules about what may be asked together.

    `picks` replace the saved agenda (with `like`: the sessions to keep); `add` and `drop` change it; `like`
    holds the interests (None: no --like) and `day` the conference day number to choose among; `undo`
    brings back the version of `revision` (None: the one before). `buffer`, `pace` and `late` override the
    saved options (None: keep them; minutes, a walking factor, minutes).
    """

    picks: tuple[str, ...] = ()
    add: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    like: tuple[str, ...] | None = None
    day: int | None = None
    undo: bool = False
    revision: int | None = None
    buffer: int | None = None
    pace: float | None = None
    late: int | None = None

    @property
    def replaces(self) -> bool:
        """A new agenda (--pick or --like) rather than a change of the saved one."""
        return bool(self.picks) or self.like is not None


def plan_request(
    program: Program,
    *,
    picks: Sequence[str] = (),
    add: Sequence[str] = (),
    drop: Sequence[str] = (),
    like: str | None = None,
    day: str | None = None,
    undo: bool = False,
    revision: int | None = None,
    buffer: int | None = None,
    pace: float | None = None,
    late: int | None = None,
) -> Request:
    """The request `dlcat plan` was given, or a DlcatError naming what can't be asked together and the fix.

    `like` is the interests as typed, comma-separated; `day` a day's number or date (search.find_day).
    """
    if day is not None and like is None:
        raise DlcatError(
            _("--day {day} chooses the day for --like: dlcat plan --like TOPICS --day {day}").format(day=day)
        )
    if like is not None and (add or drop):
        raise DlcatError(
            _("--like builds a new agenda; use it with --pick (sessions to keep), not --add or --drop")
        )
    if revision is not None and not undo:
        raise DlcatError(
            _(
                "--revision {revision} chooses the version --undo brings back: dlcat plan --undo --revision {revision}"
            ).format(revision=revision)
        )
    options = (buffer, pace, late)
    if undo and (picks or add or drop or like is not None or options != (None, None, None)):
        raise DlcatError(
            _("--undo brings back the version before, with its options; give it alone: dlcat plan --undo")
        )
    if not (undo or picks or add or drop or like is not None):
        raise DlcatError(
            _(
                "nothing to plan: give sessions with --pick {example} (or --add/--drop to change your agenda)"
            ).format(example=example_ids(program))
        )
    from dlcat_cli.core.optimize import interests_in

    on = None
    if day is not None:
        from dlcat_cli.core.search import find_day

        on = find_day(program, day).number
    return Request(
        picks=tuple(picks),
        add=tuple(add),
        drop=tuple(drop),
        like=tuple(interests_in(program, like)) if like is not None else None,
        day=on,
        undo=undo,
        revision=revision,
        buffer=buffer,
        pace=pace,
        late=late,
    )


def example_ids(program: Program) -> str:
    """Ids of this program to show in a hint: the first sessions of its first two start times (`A10,A11`)."""
    firsts = {s.start: s.showings[0].id for s in reversed(program.sessions)}
    return ",".join(firsts[start] for start in sorted(firsts)[:2])


# The line for a command that needs a saved agenda when there is none, by what it needs it for (msgids).
_NO_AGENDA = {
    "yet": N_("you have no saved agenda yet; make one with `dlcat plan --pick {example}`"),
    "to undo": N_("you have no saved agenda to undo; make one with `dlcat plan --pick {example}`"),
    "to export": N_(
        "you have no saved agenda to export; make one with `dlcat plan --pick {example}` "
        "or export sessions directly with --pick"
    ),
}


def no_saved_agenda(program: Program, use: str) -> DlcatError:
    """The one line for a command that needs a saved agenda when there is none: `use` says what for, one of
    `yet`, `to undo`, `to export` (a KeyError for any other: each is a whole sentence to translate)."""
    return DlcatError(said(_NO_AGENDA[use], example=example_ids(program)))


def check_still_there(program: Program, saved_ids: Iterable[str]) -> None:
    """Saved picks the program no longer has (its file changed) stop a change with the way out (DlcatError)."""
    gone = [i for i in saved_ids if program.find(i) is None]
    if gone:
        raise DlcatError(gone_message(program, gone))


def gone_message(program: Program, gone: Sequence[str]) -> str:
    """The one line for saved picks the program no longer has: which, and the --drop that lets them go."""
    names, conference = ",".join(gone), program.conference.short_name
    if len(gone) == 1:
        return say(
            "your saved agenda has {ids}, which {conference} no longer has; drop it with `dlcat plan --drop {ids}`",
            ids=names,
            conference=conference,
        )
    return say(
        "your saved agenda has {ids}, which {conference} no longer has; drop them with `dlcat plan --drop {ids}`",
        ids=names,
        conference=conference,
    )


# -- the edit ----------------------------------------------------------------------------------


class PlanRefused(DlcatError):
    """A plan with errors (a clash, an impossible walk, an unknown id): nothing is saved.

    `plan` holds every problem, `program` the program it was checked against; the message is the line
    that ends the report. Raised once, where the plan is made; the CLI's one edge reports it and exits 1.
    """

    def __init__(
        self,
        program: Program,
        plan: Plan,
        outcome: str | None = None,
    ) -> None:
        super().__init__(
            _("Nothing was saved; your saved agenda is unchanged.") if outcome is None else outcome
        )
        self.program = program
        self.plan = plan


class Revised(NamedTuple):
    """What a change makes of the agenda: `agenda` to save, `plan` its checked picks (no errors), `replaces`
    the ids of the saved agenda it replaces (empty when it only changes it, or replaces nothing), `choice`
    why --like chose, `undone` the version an undo brought back."""

    agenda: SavedAgenda
    plan: Plan
    replaces: tuple[str, ...] = ()
    choice: Choice | None = None
    undone: Version | None = None


def revise(program: Program, saved: SavedAgenda | None, request: Request, now: datetime) -> Revised:
    """The agenda after `request`, over `saved` (None: there is none, or a damaged one a new agenda may
    replace), saved at `now` (aware).

    Raises PlanRefused when the result has errors, and a DlcatError for a change that can't be made:
    --add or --drop with no saved agenda, dropping what is not there, a saved pick the program lost,
    nothing to undo, picks --like can't keep.
    """
    if request.undo:
        return _undo(program, saved, request.revision, now)
    if not request.replaces and saved is None:
        raise DlcatError(
            _("there is no saved agenda to change; make one with `dlcat plan --pick {example}`").format(
                example=example_ids(program)
            )
        )
    base = list(request.picks) or list(saved.ids if saved else ())
    kept = without(program, base, request.drop)
    if not request.picks:
        check_still_there(program, kept)
    previous = saved.pace if saved is not None and not request.replaces else Pace()
    pace = previous.overridden(request.buffer, request.pace, request.late)
    choice = None
    if request.like is not None:
        from dlcat_cli.core.optimize import best_agenda

        choice = best_agenda(program, request.like, pace, request.picks, day=request.day)
        plan = choice.plan
    else:
        plan = plan_agenda(program, [*kept, *request.add], pace)
    if plan.errors:
        raise PlanRefused(program, plan)
    interests = choice.interests if choice is not None else () if request.replaces else None
    agenda = to_saved(program, plan, saved, now, interests)
    replaced = saved is not None and request.replaces and saved.ids != agenda.ids
    return Revised(agenda, plan, saved.ids if saved is not None and replaced else (), choice)


def _undo(program: Program, saved: SavedAgenda | None, revision: int | None, now: datetime) -> Revised:
    """`plan --undo`: the version of `revision` (None: the one before), checked like any plan and saved as a
    new revision, so the number only rises; the history keeps what is further back (undo again: one more)."""
    if saved is None:
        raise no_saved_agenda(program, "to undo")
    if not saved.history:
        raise DlcatError(
            _("nothing to undo: your saved agenda has no earlier version (revision {revision})").format(
                revision=saved.revision
            )
        )
    kept = [version.revision for version in saved.history]
    if revision is None and saved.restored is not None:  # undo again: one further back than the last undo
        index = next((i for i, number in enumerate(kept) if number < saved.restored), -1)
        if index < 0:
            raise DlcatError(
                f"nothing further back to undo: revision {saved.revision} brought back revision "
                f"{saved.restored}, the earliest kept; see them with dlcat agenda --history, and bring back any "
                "with dlcat plan --undo --revision N"
            )
    else:
        index = 0 if revision is None else kept.index(revision) if revision in kept else -1
    if index < 0:
        listed = ", ".join(map(str, kept))
        if revision == saved.revision:
            why = _("revision {revision} is your agenda as it is now; the earlier versions kept are {listed}")
        else:
            why = _("revision {revision} is not kept; the earlier versions kept are {listed}")
        raise DlcatError(why.format(revision=revision, listed=listed) + " (dlcat agenda --history)")
    before = saved.history[index]
    plan = plan_agenda(program, before.ids, before.pace)
    if plan.errors:
        raise PlanRefused(program, plan)
    history = (saved.version, *saved.history)[: VERSIONS_KEPT - 1]  # the version undone stays, as every other
    agenda = to_saved(program, plan, saved, now)._replace(
        revision=saved.revision + 1, history=history, restored=before.revision
    )
    return Revised(agenda, plan, undone=before)
