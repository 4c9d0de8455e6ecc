"""`dlcat plan`, `agenda` and `now`: build, check and keep the attendee's agenda, and use it on the day.

No `from __future__ import annotations` here, for typer's sake: see app.py.
"""

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dlcat_cli.cli.app import (
    JSON_META,
    BufferOption,
    DayOption,
    JsonOption,
    LateOption,
    PaceOption,
    PickOption,
    app,
    check_output_open,
    load,
    note,
    split_ids,
)
from dlcat_cli.cli.terminal import shown_before_saving
from dlcat_cli.core.model import Program
from dlcat_cli.errors import DlcatError
from dlcat_cli.i18n import _, shown

if TYPE_CHECKING:
    from dlcat_cli.core.agenda import Revised, SavedAgenda
    from dlcat_cli.core.optimize import Choice
    from dlcat_cli.core.planner import Plan


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
    revision: Annotated[
        int | None,
        typer.Option(
            "--revision", min=1, help="With --undo: bring back this revision (see dlcat agenda --history)."
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check, but save nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Build, check and save your agenda: clashes, walks between buildings, series, rooms."""
    from datetime import UTC

    from dlcat_cli.core.agenda import plan_request, revise
    from dlcat_cli.formats import store

    ctx.meta[JSON_META] = as_json
    program = load(ctx)
    request = plan_request(
        program,
        picks=split_ids(pick),
        add=split_ids(add),
        drop=split_ids(drop),
        like=like,
        day=day,
        undo=undo,
        revision=revision,
        buffer=buffer,
        pace=pace,
        late=late,
    )
    if not dry_run:
        check_output_open()
    now = datetime.now(UTC)
    saved_to = None if dry_run else store.agenda_path(program)

    def shown(saved: "SavedAgenda | None") -> "Revised":
        """The revised agenda, shown (and its output flushed) before change_agenda saves it: output that
        can't be written saves nothing (terminal.shown_before_saving)."""
        revised = revise(program, saved, request, now)
        with shown_before_saving():
            show_plan(program, revised.plan, as_json, saved_to=saved_to, choice=revised.choice)
        return revised

    changed = store.change_agenda(program, shown, replacing=request.replaces, save=not dry_run)
    revised = changed.revised
    if revised.replaces and changed.saved_to is not None:
        replaced = " ".join(revised.replaces)
        note(_("replaces your saved agenda: {ids} (`dlcat plan --undo` brings it back)").format(ids=replaced))
    if changed.kept_aside is not None:
        note(_("the damaged agenda file was kept as {path}").format(path=changed.kept_aside))
    if revised.undone is not None:
        before = revised.undone
        note(
            _("brings back revision {revision} of {saved_at} as revision {new}").format(
                revision=before.revision, saved_at=before.saved_at, new=revised.agenda.revision
            )
        )
    report_saved(program, revised.plan, saved_to=changed.saved_to, dry_run=dry_run)


def show_plan(
    program: Program,
    result: "Plan",
    as_json: bool,
    *,
    saved_to: Path | None,
    choice: "Choice | None" = None,
) -> None:
    """Print a plan that has no errors on standard output: the timeline (the document with --json, which
    says it is saved to `saved_to`)."""
    from dlcat_cli.cli.render import make_console, to_json
    from dlcat_cli.cli.render_agenda import agenda_timeline, choice_json, choice_view, plan_json

    if as_json:
        document = plan_json(program, result)
        if choice is not None:
            document["like"] = choice_json(choice)
        typer.echo(
            to_json("agenda", program, saved=saved_to is not None, path=str(saved_to or ""), **document)
        )
    else:
        console = make_console()
        if choice is not None:
            console.print(choice_view(choice))
        console.print(agenda_timeline(program, result))


def report_saved(program: Program, result: "Plan", *, saved_to: Path | None, dry_run: bool) -> None:
    """After show_plan, on stderr: the plan's warnings, and where it was saved."""
    from dlcat_cli.cli.render import make_console
    from dlcat_cli.cli.render_agenda import report_problems

    report_problems(program, result.picks, result.problems)
    err = make_console(stderr=True)
    if dry_run:
        err.print(_("Checked; nothing saved (--dry-run)."), soft_wrap=True)
    elif saved_to is not None:
        err.print(_("Saved to {path}").format(path=saved_to), soft_wrap=True)


@app.command(epilog="Example: dlcat agenda   |   dlcat agenda --json   |   dlcat agenda --history")
def agenda(
    ctx: typer.Context,
    as_json: JsonOption = False,
    history: Annotated[
        bool,
        typer.Option("--history", help="The versions kept (ten), the latest first, with time and picks."),
    ] = False,
) -> None:
    """Your saved agenda, checked again against the program as it is now, each problem marked on its session."""
    from dlcat_cli.cli.render import make_console, to_json
    from dlcat_cli.cli.render_agenda import agenda_timeline, checked_json, report_problems
    from dlcat_cli.core.agenda import no_saved_agenda
    from dlcat_cli.core.review import check_saved
    from dlcat_cli.formats.store import changes_since_saved, load_agenda

    program = load(ctx)
    saved = load_agenda(program)
    if saved is None or not (saved.picks or history):
        raise no_saved_agenda(program, "yet")
    if history:  # also of an agenda emptied by --drop, which --undo brings back
        from rich.cells import cell_len

        console = make_console()
        current = _("now ")  # marks the version in use; the others are indented as far
        for number, version in enumerate((saved.version, *saved.history)):
            ids = " ".join(version.ids) or _("(empty)")
            line = _("revision {revision}  {saved_at}  {ids}").format(
                revision=version.revision, saved_at=version.saved_at, ids=ids
            )
            console.print(f"{current if number == 0 else ' ' * cell_len(current)}{line}", soft_wrap=True)
        return
    from dlcat_cli.cli.render_update import repair_line
    from dlcat_cli.cli.update import command_prefix
    from dlcat_cli.core.repair import repair

    changed = changes_since_saved(program, saved)
    for change in changed:
        note(_("changed since you saved: {change}").format(change=shown(change.message)))
    checked = check_saved(program, saved, changed)
    if as_json:
        typer.echo(to_json("agenda", program, saved=False, path="", **checked_json(program, checked)))
    else:
        make_console().print(
            agenda_timeline(program, checked.plan, marks=checked.marks, removed=checked.removed)
        )
    report_problems(program, saved.picks, checked.problems)
    fix = repair(program, saved.ids, saved.pace, changed, saved.interests)
    if checked.errors or fix is not None:  # then the one command line that repairs it (core/repair.py)
        if fix is not None:
            line = _("Your saved agenda no longer holds as the program is now; this repairs it: {command}")
            line = line.format(command=repair_line(command_prefix(ctx), fix))
        else:
            line = _("Your saved agenda no longer holds as the program is now; ")
        make_console(stderr=True).print(line, soft_wrap=True)
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
            _("--day {day} is the day of a time given with --at: dlcat now --at 10:55 --day {day}").format(
                day=day
            )
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
