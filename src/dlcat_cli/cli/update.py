"""`dlcat update [URL]`: fetch the schedule again and say what changed for your agenda, with the one command
that repairs it. The handler parses, calls formats/program_source.py (fetch and keep) and the core
(core/changes.py, core/repair.py), and renders.

No `from __future__ import annotations` here, for typer's sake: see app.py.
"""

from typing import Annotated, Any

import typer

from dlcat_cli.cli.app import JsonOption, Options, app, fetching, note
from dlcat_cli.errors import DlcatError
from dlcat_cli.i18n import _


@app.command(
    epilog="Example: dlcat update https://pretalx.example.org/democon/schedule/export/schedule.json   |   "
    "dlcat update   |   dlcat update --forget"
)
def update(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Argument(
            metavar="[URL]",
            help="The schedule's http(s) address; it becomes the default program. [default: the current one]",
        ),
    ] = None,
    forget: Annotated[
        bool, typer.Option("--forget", help="Go back to the bundled 2nd DLCAT program as the default.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Fetch the schedule again and show what changed for your agenda, with the command that repairs it."""
    from dlcat_cli.formats import program_source as source

    options: Options = ctx.find_root().obj
    if forget:
        if url is not None:
            raise DlcatError(
                _("--forget goes back to the bundled program; give it alone: dlcat update --forget")
            )
        gone = source.forget_current()
        if gone:
            note(_("forgot {url}; the default program is the bundled 2nd DLCAT again").format(url=gone))
        else:
            note(_("the default program is the bundled 2nd DLCAT again"))
        return
    named = url if url is not None else options.program
    if named is not None and not source.is_address(named):
        raise DlcatError(
            _(
                "{named} is a file, not a web address: dlcat reads it as it is; `dlcat update URL` fetches a "
                "schedule"
            ).format(named=named)
        )
    target = named if named is not None else source.current_url()
    if target is None:
        note(
            _(
                "The bundled 2nd DLCAT program has no URL to update from; fetch a schedule with `dlcat update URL`"
            )
        )
        return
    target = source.check_url(target)
    try:
        updated = source.update(target, fetching(options, as_json=as_json))
    except DlcatError as error:
        kept = source.read_kept(target)
        if kept is None:
            raise
        from datetime import UTC, datetime

        age = source.describe_age(kept.fetched_at, datetime.now(UTC))
        raise DlcatError(
            _("{error}; the copy fetched {age} is kept and still used").format(error=error, age=age)
        ) from None
    if url is not None and options.program is None:
        source.remember_current(target)
    _report(ctx, options, target, updated, as_json)


def _report(ctx: typer.Context, options: Options, url: str, updated: Any, as_json: bool) -> None:
    """What changed for the saved agenda, rendered (cli/render_update.py)."""
    from dlcat_cli.cli.render_update import report_json, report_view
    from dlcat_cli.core.model import Program
    from dlcat_cli.formats import program_source as source
    from dlcat_cli.formats.loader import open_program, parse_program

    program = open_program(
        source.body_path(url), options.venue, time_zone=options.time_zone, label=url
    ).program
    before: Program | None = None
    if updated.old_body is not None and updated.changed:
        try:
            before = parse_program(updated.old_body, url, options.venue, options.time_zone)
        except DlcatError:
            before = None  # the copy before is read for its guids and new sessions only
    found = what_changed(program, before, command_prefix(ctx, url))
    if as_json:
        from dlcat_cli.cli.render import to_json

        typer.echo(to_json("update", program, **report_json(program, url, updated, found)))
        return
    from dlcat_cli.cli.render import make_console

    make_console().print(report_view(program, url, updated, found), soft_wrap=True)


def what_changed(program: Any, before: Any, prefix: list[str]) -> Any:
    """The saved agenda's changes, new sessions for its interests and its repair (render_update.ForYou)."""
    from dlcat_cli.cli.render_update import ForYou
    from dlcat_cli.core.changes import changes, new_sessions, with_guids
    from dlcat_cli.core.repair import repair
    from dlcat_cli.core.search import relevance
    from dlcat_cli.formats import store

    try:
        saved = store.load_agenda(program)
    except DlcatError as error:
        note(_("note: your saved agenda was not compared: {error}").format(error=error))
        saved = None
    if saved is None or not saved.picks:
        return ForYou(None, [], [], None, prefix)
    was = store.picks_as_saved(saved)
    if before is not None:
        was = with_guids(was, before)
    changed = changes(program, was)
    fresh = []
    if before is not None and saved.interests:
        fresh = [
            s
            for s in new_sessions(before, program)
            if any(relevance(program, s, interest) > 0 for interest in saved.interests)
        ]
    fix = repair(program, saved.ids, saved.pace, changed, saved.interests)
    return ForYou(saved, changed, fresh, fix, prefix)


def command_prefix(ctx: typer.Context, url: str | None = None) -> list[str]:
    """`dlcat` and the global options a command offered to run needs: `--program` when it was given on
    the command line (not when it is the default), and the venue and zone given."""
    options: Options = ctx.find_root().obj
    words = ["dlcat"]
    source = ctx.find_root().get_parameter_source("program")
    if options.program is not None and source is not None and source.name == "COMMANDLINE":
        words += ["--program", options.program]
    if options.venue is not None:
        words += ["--venue", str(options.venue)]
    if options.time_zone is not None:
        words += ["--time-zone", options.time_zone]
    return words
