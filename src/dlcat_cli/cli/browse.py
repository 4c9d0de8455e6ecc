"""`dlcat list`, `search`, `show` and `grid`: what is on. Nothing here is saved or written.

No `from __future__ import annotations` here, for typer's sake: see app.py.
"""

from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from dlcat_cli.cli.app import DayOption, JsonOption, app, load, note
from dlcat_cli.cli.completion import complete_buildings, complete_ids, complete_tracks
from dlcat_cli.core.model import Day, Program
from dlcat_cli.errors import DlcatError
from dlcat_cli.i18n import N_, _, said

if TYPE_CHECKING:
    from dlcat_cli.core.search import Filters  # only for the annotation: search is imported when used


TimeOption = Annotated[
    str | None, typer.Option("--time", "-t", help="Sessions running at this time: 10, 10:30, 10시, 2pm.")
]
TrackOption = Annotated[
    str | None,
    typer.Option(
        "--track", autocompletion=complete_tracks, help="A track letter or room code: B, b, B-USTsci."
    ),
]
BuildingOption = Annotated[
    str | None, typer.Option("--building", autocompletion=complete_buildings, help="A building: UST, ETRI.")
]
SearchOption = Annotated[
    str | None, typer.Option("--search", "-s", help="Words in the title, speakers or tags (Hangul too).")
]


@app.command("list", epilog="Example: dlcat list --time 10 --building ETRI")
def list_sessions(
    ctx: typer.Context,
    at: TimeOption = None,
    track: TrackOption = None,
    building: BuildingOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Part of a speaker's name.")] = None,
    search: SearchOption = None,
    day: DayOption = None,
    as_json: JsonOption = False,
) -> None:
    """List sessions; the filters combine. With --time, --day says which day the time is on."""
    program = load(ctx)
    asked = Asked(at, track, building, speaker, search, day)
    _show_listings(program, asked, as_json=as_json, explain=False)


class Asked(NamedTuple):
    """The filters as typed on the command line (None: not given), for filters_of."""

    at: str | None = None
    track: str | None = None
    building: str | None = None
    speaker: str | None = None
    search: str | None = None
    day: str | None = None


def filters_of(program: Program, asked: Asked) -> "tuple[Filters, Day | None]":
    """The one reading of list's, search's and grid's filters: the Filters, and the day given with --day.

    A time is the instant T of the day (day 1 without --day): whatever runs then, of any day. Raises
    DlcatError for a time, track, building or day the program does not have, or an empty --search.
    """
    from dlcat_cli.core import search as finder
    from dlcat_cli.core.times import parse_moment

    finder.check_not_empty(program, asked.search, asked.speaker)
    on = finder.find_day(program, asked.day) if asked.day is not None else None
    moment = None
    if asked.at is not None:
        zone, hours = program.conference.time_zone, program.day_hours()
        moment = parse_moment(asked.at, day=on or program.days[0], zone=zone, day_hours=hours)
    filters = finder.Filters(
        moment=moment,
        room=finder.find_room(program, asked.track) if asked.track is not None else None,
        building=finder.find_building(program, asked.building) if asked.building is not None else None,
        speaker=asked.speaker,
        query=asked.search,
        day=on if moment is None else None,
    )
    return filters, on


def _show_listings(program: Program, asked: Asked, *, as_json: bool, explain: bool) -> None:
    """The sessions that pass the filters asked for, as a table or JSON; with `explain`, why each matched
    the search; when none does, why on stderr (exit 0)."""
    from dlcat_cli.cli.render import make_console, session_json, sessions_view, to_json
    from dlcat_cli.core import search as finder

    filters, on = filters_of(program, asked)
    listings = finder.select(program, filters)
    reasons = {}
    if explain and filters.query is not None:
        reasons = {item.session.id: finder.why(program, item.session, filters.query) for item in listings}
    if as_json:
        sessions = []
        for item in listings:
            document = session_json(program, item.session, item.showings)
            if explain:
                found = reasons.get(item.session.id)
                document["matched"] = {"by": found.by.value, "what": found.what} if found else None
            sessions.append(document)
        typer.echo(to_json("sessions", program, sessions=sessions))
    elif listings:
        console = make_console()
        notes = {key: _why_text(found) for key, found in reasons.items() if found is not None}
        console.print(sessions_view(program, listings, console.width, notes=notes))
    if not listings:
        make_console(stderr=True).print(_nothing_found(program, filters, on), soft_wrap=True)


_WHY = {  # how `search` says why a session matched, by what matched; looked up in the run's language when used
    "title": N_("matched: title"),
    "speaker": N_("matched: speaker {what}"),
    "tag": N_("matched: tag {what}"),
    "initials": N_("matched: Hangul initials"),
    "topic": N_("matched: topic {what}"),
    "typo": N_("matched: title or tag, allowing a typo"),
}


def _why_text(found: Any) -> str:
    """`matched: tag 강화학습`: a search.Why in words."""
    return said(_WHY[found.by.value], what=found.what)


@app.command(
    epilog="Example: dlcat search 강화학습   |   dlcat search ㄱㅎㅎㅅ --building etri   |   "
    'dlcat search "reinforcement learning" --time 15'
)
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words, Hangul initials (ㅋㄹㅅ), a topic, or a name.")],
    at: TimeOption = None,
    track: TrackOption = None,
    building: BuildingOption = None,
    day: DayOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find sessions by title, speaker or topic, best match first, and say why each matched (list --search)."""
    program = load(ctx)
    asked = Asked(at=at, track=track, building=building, search=query, day=day)
    _show_listings(program, asked, as_json=as_json, explain=True)


def _some_starts(program: Program, day: Day | None, most: int = 12) -> str:
    """The start times of the day in question (or the first day with sessions), at most `most` of them."""
    sessions = program.sessions_on(day) if day is not None else ()
    if not sessions:
        sessions = program.sessions_on(program.day_numbered(program.sessions[0].day) or program.days[0])
    starts = list(dict.fromkeys(program.clock(s.start) for s in sessions))
    shown = ", ".join(starts[:most])
    if len(starts) > most:
        return _("{starts} and {more} more").format(starts=shown, more=len(starts) - most)
    return shown


def _days_with_sessions(program: Program) -> str:
    """`1 (2024-12-27), 3 (2024-12-29)`: the days that have sessions."""
    return ", ".join(day.label for day in program.days if program.sessions_on(day))


def _nothing_found(program: Program, filters: Any, asked: Day | None = None) -> str:
    """Why nothing is listed, and what to try; `asked` is the day given with --day."""
    if filters.moment is None:
        day = filters.day
        if day is not None and not program.sessions_on(day):
            return _("Day {day} has no sessions in {conference}; the days with sessions are {days}.").format(
                day=day.label, conference=program.conference.short_name, days=_days_with_sessions(program)
            )
        return _("No session matches. Sessions start at {starts}; try fewer filters.").format(
            starts=_some_starts(program, day)
        )
    local = filters.moment.astimezone(program.conference.time_zone)
    day = program.day_at(filters.moment)
    if day is None or not program.sessions_on(day):
        if asked is not None:  # --day N --time T outside day N's hours
            return _(
                "Nothing is on at {moment}: day {day} runs from {start} to {end}; give a time within it."
            ).format(
                moment=f"{local:%Y-%m-%d %H:%M}",
                day=asked.number,
                start=program.clock(asked.start),
                end=program.clock(asked.end),
            )
        dates = ", ".join(d.date.isoformat() for d in program.days if program.sessions_on(d))
        return _(
            "Nothing is on at {moment}: {conference} is on {dates}; give a time on one of those days."
        ).format(moment=f"{local:%Y-%m-%d %H:%M}", conference=program.conference.short_name, dates=dates)
    starts = _some_starts(program, day)
    at = program.clock(filters.moment)
    upcoming = [s for s in program.sessions if s.start > filters.moment]
    during = next((b for b in program.breaks if b.start <= filters.moment < b.end), None)
    if during is not None:
        reason = _(" ({name} {span})").format(name=during.name, span=program.span(during.start, during.end))
    elif upcoming and upcoming[0].day != day.number:
        reason = _(" (the day's sessions are over)")
    elif upcoming and any(s.end <= filters.moment for s in program.sessions):
        reason = _(" (a break between sessions)")
    else:
        reason = ""
    if upcoming:
        return _(
            "Nothing matches at {at}{reason}; the next start at {next}. Sessions start at {starts}."
        ).format(at=at, reason=reason, next=program.clock(upcoming[0].start), starts=starts)
    return _("Nothing matches at {at}{reason}. Sessions start at {starts}.").format(
        at=at, reason=reason, starts=starts
    )


@app.command(epilog="Example: dlcat show B10   (or a17, C17: the 17:00 talk in room C)")
def show(
    ctx: typer.Context,
    session_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", autocompletion=complete_ids, help="A timetable id such as B10 (any case)."
        ),
    ],
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
    epilog="Example: dlcat grid   (COLUMNS=80 dlcat grid for the narrow layout)   |   dlcat grid --day 2   |   "
    "dlcat grid --building ETRI --search 강화학습"
)
def grid(
    ctx: typer.Context,
    day: DayOption = None,
    track: TrackOption = None,
    building: BuildingOption = None,
    search: SearchOption = None,
) -> None:
    """The whole day as a time x room timetable, like the program page; your agenda stands out."""
    from dlcat_cli.cli.render import day_grid, make_console
    from dlcat_cli.core.search import select
    from dlcat_cli.formats.store import load_agenda

    program = load(ctx)
    filters, on = filters_of(program, Asked(track=track, building=building, search=search, day=day))
    try:
        saved = load_agenda(program)
    except DlcatError as error:  # the grid is still worth showing; say why nothing is marked
        note(_("warning: {message}").format(message=error))
        saved = None
    console = make_console()
    if on is not None and not program.sessions_on(on):
        note(
            _("Day {day} has no sessions; the days with sessions are {days}.").format(
                day=on.label, days=_days_with_sessions(program)
            )
        )
        return
    kept = None
    if track is not None or building is not None or search is not None:
        kept = frozenset(showing.id for item in select(program, filters) for showing in item.showings)
        if not kept:
            note(_nothing_found(program, filters, on))
            return
    console.print(day_grid(program, console.width, saved.ids if saved else (), on, kept))
