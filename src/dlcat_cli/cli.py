"""The `dlcat` command: parse, call the core, render. The one place errors become exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from dlcat_cli import __version__
from dlcat_cli.errors import DlcatError
from dlcat_cli.model import Program


class _Group(TyperGroup):
    """Turns a DlcatError from any command into one line on stderr and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DlcatError as error:
            fail(str(error))


def fail(message: str) -> NoReturn:
    from dlcat_cli.render import make_console

    make_console(stderr=True).print(f"dlcat: {message}", soft_wrap=True, style="red")
    raise typer.Exit(1) from None


app = typer.Typer(
    cls=_Group,
    help="Plan your day at a multi-track conference: what is on, clashes, and walks between buildings.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dlcat {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    program: Annotated[
        Path | None,
        typer.Option(
            "--program",
            envvar="DLCAT_PROGRAM",
            help="A program file to use instead of the bundled 2nd DLCAT program.",
            dir_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = program


def _load(ctx: typer.Context) -> Program:
    from dlcat_cli.program import load_program

    path: Path | None = ctx.find_root().obj
    return load_program(path)


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (stable keys, ISO 8601 times) instead of a table.")
]


@app.command("list", epilog="Example: dlcat list --time 10 --building ETRI")
def list_sessions(
    ctx: typer.Context,
    at: Annotated[
        str | None, typer.Option("--time", "-t", help="Sessions running at this time: 10, 10:30, 10시, 2pm.")
    ] = None,
    track: Annotated[
        str | None, typer.Option("--track", help="A track letter or room code: B, b, B-USTsci.")
    ] = None,
    building: Annotated[str | None, typer.Option("--building", help="A building: UST, ETRI.")] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Part of a speaker's name.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Words in the title, speakers or tags (Hangul too).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List sessions; the filters combine."""
    from dlcat_cli import search as finder
    from dlcat_cli.render import make_console, session_json, sessions_view, to_json
    from dlcat_cli.times import parse_moment

    program = _load(ctx)
    moment = None
    if at is not None:
        moment = parse_moment(
            at,
            day=program.days[0],
            zone=program.conference.time_zone,
            day_hours=program.day_hours(),
        )
    filters = finder.Filters(
        moment=moment,
        room=finder.find_room(program, track) if track is not None else None,
        building=finder.find_building(program, building) if building is not None else None,
        speaker=speaker,
        query=search,
    )
    listings = finder.select(program, filters)
    if as_json:
        sessions = [session_json(program, item.session, item.showings) for item in listings]
        typer.echo(to_json("sessions", program, sessions=sessions))
    elif listings:
        console = make_console()
        console.print(sessions_view(program, listings, console.width))
    if not listings:
        make_console(stderr=True).print(_nothing_found(program, filters), soft_wrap=True)


def _nothing_found(program: Program, filters: Any) -> str:
    from dlcat_cli.render import clock

    starts = ", ".join(dict.fromkeys(clock(program, start) for start in program.slot_starts))
    if filters.moment is None:
        return f"No session matches. Sessions start at {starts}; try fewer filters."
    at = clock(program, filters.moment)
    upcoming = [s for s in program.slot_starts if s > filters.moment]
    during = next((b for b in program.breaks if b.start <= filters.moment < b.end), None)
    if during is not None:
        reason = f" ({during.name} {clock(program, during.start)}–{clock(program, during.end)})"
    elif upcoming and any(s.end <= filters.moment for s in program.sessions):
        reason = " (a break between sessions)"
    else:
        reason = ""
    following = f"; the next start at {clock(program, upcoming[0])}" if upcoming else ""
    return f"Nothing matches at {at}{reason}{following}. Sessions start at {starts}."


@app.command(epilog="Example: dlcat show B10   (or a17, C17: the 17:00 talk in room C)")
def show(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="ID", help="A timetable id such as B10 (any case).")],
    as_json: JsonOption = False,
) -> None:
    """Everything about one session: time, room, speakers, series, slides."""
    from dlcat_cli.render import make_console, session_detail, session_json, to_json
    from dlcat_cli.search import resolve

    program = _load(ctx)
    session, showing = resolve(program, session_id)
    if as_json:
        ordered = (showing, *(s for s in session.showings if s != showing))
        typer.echo(to_json("session", program, session=session_json(program, session, ordered)))
    else:
        make_console().print(session_detail(program, session, showing))


@app.command(epilog="Example: dlcat grid   (COLUMNS=80 dlcat grid for the narrow layout)")
def grid(ctx: typer.Context) -> None:
    """The whole day as a time x room timetable, like the program page."""
    from dlcat_cli.render import day_grid, make_console

    program = _load(ctx)
    console = make_console()
    console.print(day_grid(program, console.width))


def main() -> None:
    app(prog_name="dlcat")
