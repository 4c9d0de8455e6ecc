"""`dlcat list`, `search`, `show` and `grid`: what is on. Nothing here is saved or written.

No `from __future__ import annotations` here, for typer's sake: see app.py.
"""

from typing import Annotated, Any

import typer

from dlcat_cli.cli.app import DayOption, JsonOption, app, load, note
from dlcat_cli.core.model import Day, Program
from dlcat_cli.errors import DlcatError


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
    day: DayOption = None,
    as_json: JsonOption = False,
) -> None:
    """List sessions; the filters combine. With --time, --day says which day the time is on."""
    from dlcat_cli.cli.render import make_console, session_json, sessions_view, to_json
    from dlcat_cli.core import search as finder
    from dlcat_cli.core.times import parse_moment

    program = load(ctx)
    finder.check_not_empty(program, search, speaker)
    on = finder.find_day(program, day) if day is not None else None
    moment = None
    if at is not None:  # the instant T of the day (day 1 without --day): whatever runs then, of any day
        moment = parse_moment(
            at,
            day=on or program.days[0],
            zone=program.conference.time_zone,
            day_hours=program.day_hours(),
        )
    filters = finder.Filters(
        moment=moment,
        room=finder.find_room(program, track) if track is not None else None,
        building=finder.find_building(program, building) if building is not None else None,
        speaker=speaker,
        query=search,
        day=on if moment is None else None,
    )
    listings = finder.select(program, filters)
    if as_json:
        sessions = [session_json(program, item.session, item.showings) for item in listings]
        typer.echo(to_json("sessions", program, sessions=sessions))
    elif listings:
        console = make_console()
        console.print(sessions_view(program, listings, console.width))
    if not listings:
        make_console(stderr=True).print(_nothing_found(program, filters, on), soft_wrap=True)


@app.command(
    epilog='Example: dlcat search 강화학습   |   dlcat search ㄱㅎㅎㅅ   |   dlcat search "reinforcement learning"'
)
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words, Hangul initials (ㅋㄹㅅ), a topic, or a name.")],
    as_json: JsonOption = False,
) -> None:
    """Find sessions by title, speaker or topic, best match first (the same as list --search)."""
    list_sessions(
        ctx, at=None, track=None, building=None, speaker=None, search=query, day=None, as_json=as_json
    )


def _some_starts(program: Program, day: Day | None, most: int = 12) -> str:
    """The start times of the day in question (or the first day with sessions), at most `most` of them."""
    sessions = program.sessions_on(day) if day is not None else ()
    if not sessions:
        sessions = program.sessions_on(program.day_numbered(program.sessions[0].day) or program.days[0])
    starts = list(dict.fromkeys(program.clock(s.start) for s in sessions))
    more = f" and {len(starts) - most} more" if len(starts) > most else ""
    return ", ".join(starts[:most]) + more


def _days_with_sessions(program: Program) -> str:
    """`1 (2024-12-27), 3 (2024-12-29)`: the days that have sessions."""
    return ", ".join(day.label for day in program.days if program.sessions_on(day))


def _nothing_found(program: Program, filters: Any, asked: Day | None = None) -> str:
    """Why nothing is listed, and what to try; `asked` is the day given with --day."""
    if filters.moment is None:
        day = filters.day
        if day is not None and not program.sessions_on(day):
            return (
                f"Day {day.label} has no sessions in {program.conference.short_name}; "
                f"the days with sessions are {_days_with_sessions(program)}."
            )
        return f"No session matches. Sessions start at {_some_starts(program, day)}; try fewer filters."
    local = filters.moment.astimezone(program.conference.time_zone)
    day = program.day_at(filters.moment)
    if day is None or not program.sessions_on(day):
        if asked is not None:  # --day N --time T outside day N's hours
            return (
                f"Nothing is on at {local:%Y-%m-%d %H:%M}: day {asked.number} runs from "
                f"{program.clock(asked.start)} to {program.clock(asked.end)}; give a time within it."
            )
        dates = ", ".join(d.date.isoformat() for d in program.days if program.sessions_on(d))
        return (
            f"Nothing is on at {local:%Y-%m-%d %H:%M}: {program.conference.short_name} is on {dates}; "
            "give a time on one of those days."
        )
    starts = _some_starts(program, day)
    at = program.clock(filters.moment)
    upcoming = [s for s in program.sessions if s.start > filters.moment]
    during = next((b for b in program.breaks if b.start <= filters.moment < b.end), None)
    if during is not None:
        reason = f" ({during.name} {program.span(during.start, during.end)})"
    elif upcoming and upcoming[0].day != day.number:
        reason = " (the day's sessions are over)"
    elif upcoming and any(s.end <= filters.moment for s in program.sessions):
        reason = " (a break between sessions)"
    else:
        reason = ""
    following = f"; the next start at {program.clock(upcoming[0].start)}" if upcoming else ""
    return f"Nothing matches at {at}{reason}{following}. Sessions start at {starts}."


@app.command(epilog="Example: dlcat show B10   (or a17, C17: the 17:00 talk in room C)")
def show(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="ID", help="A timetable id such as B10 (any case).")],
    as_json: JsonOption = False,
) -> None:
    """Everything about one session: time, room, speakers, series, slides."""
    from dlcat_cli.cli.render import make_console, session_detail, session_json, to_json
    from dlcat_cli.core.search import resolve

    program = load(ctx)
    session, showing = resolve(program, session_id)
    if as_json:
        ordered = (showing, *(s for s in session.showings if s != showing))
        typer.echo(to_json("session", program, session=session_json(program, session, ordered)))
    else:
        make_console().print(session_detail(program, session, showing))


@app.command(
    epilog="Example: dlcat grid   (COLUMNS=80 dlcat grid for the narrow layout)   |   dlcat grid --day 2"
)
def grid(ctx: typer.Context, day: DayOption = None) -> None:
    """The whole day as a time x room timetable, like the program page; your agenda stands out."""
    from dlcat_cli.cli.render import day_grid, make_console
    from dlcat_cli.core.search import find_day
    from dlcat_cli.formats.store import load_agenda

    program = load(ctx)
    try:
        saved = load_agenda(program)
    except DlcatError as error:  # the grid is still worth showing; say why nothing is marked
        note(f"warning: {error}")
        saved = None
    console = make_console()
    on = find_day(program, day) if day is not None else None
    if on is not None and not program.sessions_on(on):
        note(f"Day {on.label} has no sessions; the days with sessions are {_days_with_sessions(program)}.")
        return
    console.print(day_grid(program, console.width, saved.ids if saved else (), on))
