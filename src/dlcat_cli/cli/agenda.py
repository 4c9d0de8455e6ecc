"""`dlcat plan`, `agenda` and `now`: build, check and keep the attendee's agenda, and use it on the day.

No `from __future__ import annotations` here, for typer's sake: see app.py.
"""

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from dlcat_cli.cli.app import (
    BufferOption,
    DayOption,
    JsonOption,
    LateOption,
    PaceOption,
    PickOption,
    app,
    check_output_open,
    check_still_there,
    example_ids,
    load,
    note,
    peek,
    saved_agenda,
    split_ids,
)
from dlcat_cli.core.model import Program
from dlcat_cli.errors import DlcatError


@app.command(
    epilog="Example: dlcat plan --pick B10,C11   |   dlcat plan --add D13 --buffer 5   |   "
    'dlcat plan --drop C11   |   dlcat plan --like "강화학습,GAN"'
)
def plan(
    ctx: typer.Context,
    pick: PickOption = None,
    add: Annotated[list[str] | None, typer.Option("--add", help="Add sessions to the saved agenda.")] = None,
    drop: Annotated[
        list[str] | None, typer.Option("--drop", help="Drop sessions from the saved agenda.")
    ] = None,
    buffer: BufferOption = None,
    pace: PaceOption = None,
    late: LateOption = None,
    like: Annotated[
        str | None,
        typer.Option(
            "--like", help="Interests, comma-separated: choose the best agenda for them (keeps --pick)."
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--day", help="With --like: choose among the sessions of this day (its number or date)."
        ),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help="Bring back the version before (again: one further back).")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check, but save nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Build, check and save your agenda: clashes, walks between buildings, series, rooms."""
    from datetime import UTC

    from dlcat_cli.core import planner
    from dlcat_cli.core.rules import Pace
    from dlcat_cli.formats import store

    program = load(ctx)
    picked, added, dropped = split_ids(pick), split_ids(add), split_ids(drop)
    if day is not None and like is None:
        raise DlcatError(f"--day {day} chooses the day for --like: dlcat plan --like TOPICS --day {day}")
    if like is not None and (added or dropped):
        raise DlcatError(
            "--like builds a new agenda; use it with --pick (sessions to keep), not --add or --drop"
        )
    if undo and (picked or added or dropped or like is not None):
        raise DlcatError("--undo brings back the version before; give it alone: dlcat plan --undo")
    if undo:
        _undo(program, dry_run=dry_run, as_json=as_json)
        return
    if not (picked or added or dropped or like is not None):
        raise DlcatError(
            f"nothing to plan: give sessions with --pick {example_ids(program)} "
            "(or --add/--drop to change your agenda)"
        )
    from contextlib import nullcontext

    # The read, check and write of a change hold the agenda (store.agenda_lock): two `plan --add` at
    # once each add their session. A dry run writes nothing and needs no lock.
    with nullcontext() if dry_run else store.agenda_lock(program):
        fresh = bool(picked) or like is not None
        saved = store.load_agenda(program) if not fresh else peek(program)
        if not fresh and saved is None:
            raise DlcatError(
                f"there is no saved agenda to change; make one with `dlcat plan --pick {example_ids(program)}`"
            )
        base = picked or list(saved.ids if saved else ())
        kept = planner.without(program, base, dropped)
        if not picked:
            check_still_there(program, kept)
        ids = kept + added
        previous = saved.pace if saved is not None and not fresh else Pace()
        chosen = previous.overridden(buffer, pace, late)
        choice = None
        if like is not None:
            from dlcat_cli.core.optimize import best_agenda, interests_in
            from dlcat_cli.core.search import find_day

            on = find_day(program, day).number if day is not None else None
            choice = best_agenda(program, interests_in(program, like), chosen, picked, day=on)
            result = choice.plan
        else:
            result = planner.plan_agenda(program, ids, chosen)
        saved_to = None
        if not result.errors and not dry_run:
            check_output_open()
            interests = (
                choice.interests if choice is not None else () if fresh else None
            )  # --add/--drop keep them
            agenda = store.to_saved(program, result, saved, datetime.now(UTC), interests)
            if fresh and saved is not None and saved.picks and saved.ids != agenda.ids:
                note(
                    f"replaces your saved agenda: {' '.join(saved.ids)} (`dlcat plan --undo` brings it back)"
                )
            kept_aside = store.save_agenda(program, agenda)
            saved_to = store.agenda_path(program)
            if kept_aside is not None:
                note(f"the damaged agenda file was kept as {kept_aside}")
    show_plan(program, result, as_json, saved_to=saved_to, dry_run=dry_run, choice=choice)


def _undo(program: Program, *, dry_run: bool, as_json: bool) -> None:
    """`plan --undo`: the version before, checked like any plan and saved as a new revision."""
    from datetime import UTC

    from dlcat_cli.core import planner
    from dlcat_cli.formats import store

    saved_to = None
    with store.agenda_lock(program):
        saved = saved_agenda(program, "to undo")
        if not saved.history:
            raise DlcatError(
                f"nothing to undo: your saved agenda has no earlier version (revision {saved.revision})"
            )
        before = saved.history[0]
        result = planner.plan_agenda(program, before.ids, before.pace)
        if not result.errors and not dry_run:
            check_output_open()
            store.save_agenda(program, store.undone(program, result, saved, datetime.now(UTC)))
            saved_to = store.agenda_path(program)
    note(f"brings back revision {before.revision} of {before.saved_at} as revision {saved.revision + 1}")
    show_plan(program, result, as_json, saved_to=saved_to, dry_run=dry_run)


def show_plan(
    program: Program,
    result: Any,
    as_json: bool,
    *,
    saved_to: Path | None,
    dry_run: bool,
    refused: str = "Nothing was saved; your saved agenda is unchanged.",
    choice: Any = None,
    always_show: bool = False,
) -> None:
    """Print a checked plan: the timeline (also with errors when `always_show`), then its problems on stderr;
    exit 1 with `refused` when it has errors."""
    from dlcat_cli.cli.render import make_console, to_json
    from dlcat_cli.cli.render_agenda import agenda_timeline, choice_json, choice_view, plan_json

    if as_json:
        document = plan_json(program, result)
        if choice is not None:
            document["like"] = choice_json(choice)
        typer.echo(
            to_json("agenda", program, saved=saved_to is not None, path=str(saved_to or ""), **document)
        )
    elif always_show or not result.errors:
        console = make_console()
        if choice is not None:
            console.print(choice_view(choice))
        console.print(agenda_timeline(program, result))
    err = make_console(stderr=True)
    if program.walking.note and result.picks:
        err.print(f"note: {program.walking.note}", soft_wrap=True)
    from dlcat_cli.i18n import _, shown

    for problem in result.warnings:
        err.print(
            _("warning: {message}").format(message=shown(problem.message)), soft_wrap=True, style="yellow"
        )
    for problem in result.errors:
        err.print(f"dlcat: {shown(problem.message)}", soft_wrap=True, style="red")
    if result.errors:
        err.print(refused, soft_wrap=True)
        raise typer.Exit(1)
    if dry_run:
        err.print("Checked; nothing saved (--dry-run).", soft_wrap=True)
    elif saved_to is not None:
        err.print(f"Saved to {saved_to}", soft_wrap=True)


@app.command(epilog="Example: dlcat agenda   |   dlcat agenda --json   |   dlcat agenda --history")
def agenda(
    ctx: typer.Context,
    as_json: JsonOption = False,
    history: Annotated[
        bool,
        typer.Option("--history", help="The versions kept (ten), the latest first, with time and picks."),
    ] = False,
) -> None:
    """Your saved agenda, checked again against the program as it is now."""
    from dlcat_cli.core import planner
    from dlcat_cli.formats import store

    program = load(ctx)
    saved = saved_agenda(program, "yet")
    if history:
        from dlcat_cli.cli.render import make_console

        console = make_console()
        for number, version in enumerate((saved.version, *saved.history)):
            mark = "now " if number == 0 else "    "
            console.print(
                f"{mark}revision {version.revision}  {version.saved_at}  {' '.join(version.ids) or '(empty)'}",
                soft_wrap=True,
            )
        return
    from dlcat_cli.cli.render_update import repair_line
    from dlcat_cli.cli.update import command_prefix
    from dlcat_cli.core.repair import repair

    changed = store.changes_since_saved(program, saved)
    for change in changed:
        note(f"changed since you saved: {change.message}")
    fix = repair(program, saved.ids, saved.pace, changed, saved.interests)
    repaired = f"this repairs it: {repair_line(command_prefix(ctx), fix)}" if fix is not None else ""
    result = planner.plan_agenda(program, [i for i in saved.ids if program.find(i) is not None], saved.pace)
    refused = f"Your saved agenda no longer holds as the program is now; {repaired}"
    show_plan(program, result, as_json, saved_to=None, dry_run=False, refused=refused, always_show=True)
    if fix is not None:  # no error among the picks still there, but one was removed, cancelled or renumbered
        note(refused)
        raise typer.Exit(1)


@app.command(
    epilog='Example: dlcat now   |   dlcat now --short   |   dlcat now --at 10:55   |   dlcat now --at "2019-07-04 16:52"'
)
def now(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Pretend it is this time (in the conference's zone): 10:55, '2019-07-04 10:55'."
        ),
    ] = None,
    day: DayOption = None,
    short: Annotated[
        bool,
        typer.Option("--short", help="Only the first line: where next and when to leave (a status bar)."),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Where you go next and when to leave (with a saved agenda), then what is on and what starts next."""
    from datetime import UTC

    from dlcat_cli.cli.render import make_console, to_json
    from dlcat_cli.cli.render_agenda import now_json, now_line, now_view
    from dlcat_cli.core import planner
    from dlcat_cli.core.situation import situation
    from dlcat_cli.core.times import parse_moment
    from dlcat_cli.formats import store

    program = load(ctx)
    zone = program.conference.time_zone
    if at is None and day is not None:
        raise DlcatError(
            f"--day {day} is the day of a time given with --at: dlcat now --at 10:55 --day {day}"
        )
    if at is None:
        moment = datetime.now(UTC).astimezone(zone)
    else:
        from dlcat_cli.core.search import find_day

        on = find_day(program, day) if day is not None else program.days[0]
        moment = parse_moment(at, day=on, zone=zone, day_hours=program.day_hours())
    saved = store.load_agenda(program)
    plan = planner.plan_agenda(program, saved.ids, saved.pace) if saved is not None and saved.picks else None
    found = situation(program, moment, plan)
    if as_json:
        typer.echo(to_json("now", program, **now_json(program, found)))
        return
    console = make_console()
    console.print(now_line(program, found), soft_wrap=True, style="bold green")
    if not short:
        console.print(now_view(program, found, console.width))
