"""The `dlcat` command: parse, call the core, render. The one place errors become exit codes.

No `from __future__ import annotations` here: typer reads these signatures at every start, and
string annotations would make it evaluate each one again (7 ms of a listing's start-up).
"""

import os
import sys
from collections.abc import Iterable
from datetime import datetime
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
    venue: Annotated[
        Path | None,
        typer.Option(
            "--venue",
            envvar="DLCAT_VENUE",
            help="With a schedule file as --program: which building each room is in, and the walks between.",
            dir_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = (program, venue)


def _load(ctx: typer.Context) -> Program:
    from dlcat_cli.program import load_program

    path, venue = ctx.find_root().obj
    program = load_program(path, venue)
    if program.notes:
        more = (
            f" (and {len(program.notes) - 1} more; `dlcat import` lists them all)"
            if len(program.notes) > 1
            else ""
        )
        _note(f"note: read leniently: {program.notes[0]}{more}")
    return program


DayOption = Annotated[
    str | None,
    typer.Option(
        "--day", help="One day of a multi-day program: its number (1, 2, ...) or date (2024-12-28)."
    ),
]
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
    day: DayOption = None,
    as_json: JsonOption = False,
) -> None:
    """List sessions; the filters combine."""
    from dlcat_cli import search as finder
    from dlcat_cli.render import make_console, session_json, sessions_view, to_json
    from dlcat_cli.times import parse_moment

    program = _load(ctx)
    on = finder.find_day(program, day) if day is not None else None
    moment = None
    if at is not None:
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
        day=on,
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


def _some_starts(program: Program, moment: datetime | None, most: int = 12) -> str:
    """The start times of the day in question (or the first day), at most `most` of them."""
    zone = program.conference.time_zone
    day = moment.astimezone(zone).date() if moment is not None else program.days[0]
    if day not in program.days:
        day = program.days[0]
    starts = list(
        dict.fromkeys(program.clock(s) for s in program.slot_starts if s.astimezone(zone).date() == day)
    )
    more = f" and {len(starts) - most} more" if len(starts) > most else ""
    return ", ".join(starts[:most]) + more


def _nothing_found(program: Program, filters: Any) -> str:
    starts = _some_starts(program, filters.moment)
    if filters.moment is None:
        return f"No session matches. Sessions start at {starts}; try fewer filters."
    local = filters.moment.astimezone(program.conference.time_zone)
    if local.date() not in program.days:
        days = ", ".join(day.isoformat() for day in program.days)
        return (
            f"Nothing is on at {local:%Y-%m-%d %H:%M}: {program.conference.short_name} is on {days}; "
            "give a time on one of those days."
        )
    at = program.clock(filters.moment)
    upcoming = [s for s in program.slot_starts if s > filters.moment]
    during = next((b for b in program.breaks if b.start <= filters.moment < b.end), None)
    if during is not None:
        reason = f" ({during.name} {program.span(during.start, during.end)})"
    elif upcoming and any(s.end <= filters.moment for s in program.sessions):
        reason = " (a break between sessions)"
    else:
        reason = ""
    following = f"; the next start at {program.clock(upcoming[0])}" if upcoming else ""
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
def grid(ctx: typer.Context, day: DayOption = None) -> None:
    """The whole day as a time x room timetable, like the program page; your agenda stands out."""
    from dlcat_cli.render import day_grid, make_console
    from dlcat_cli.search import find_day
    from dlcat_cli.store import load_agenda

    program = _load(ctx)
    try:
        saved = load_agenda(program)
    except DlcatError as error:  # the grid is still worth showing; say why nothing is marked
        _note(f"warning: {error}")
        saved = None
    console = make_console()
    on = find_day(program, day) if day is not None else None
    console.print(day_grid(program, console.width, saved.ids if saved else (), on))


BufferOption = Annotated[
    int | None,
    typer.Option("--buffer", min=0, help="Minutes you want in a new room before it starts. [default: 0]"),
]
PaceOption = Annotated[
    float | None,
    typer.Option(
        "--pace", min=0.1, help="Walking-time factor: 1.5 means walks take you 50% longer. [default: 1]"
    ),
]
PickOption = Annotated[
    list[str] | None,
    typer.Option("--pick", "-p", help="Session ids, separated by commas or spaces; may be repeated."),
]


def _split_ids(values: list[str] | None) -> list[str]:
    """`--pick B10,c11 --pick " D13 "` -> ["B10", "c11", "D13"]; also "B10 C11", "B10;C11", "B10，C11", "B10、C11"."""
    import re
    import unicodedata

    return [
        part
        for value in values or []
        for part in re.split(r"[,;、\s]+", unicodedata.normalize("NFKC", value))  # NFKC: "，" -> ","
        if part
    ]


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
    like: Annotated[
        str | None,
        typer.Option(
            "--like", help="Interests, comma-separated: choose the best agenda for them (keeps --pick)."
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check, but save nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Build, check and save your agenda: clashes, walks between buildings, series, rooms."""
    from datetime import UTC

    from dlcat_cli import planner, store

    program = _load(ctx)
    picked, added, dropped = _split_ids(pick), _split_ids(add), _split_ids(drop)
    if like is not None and (added or dropped):
        raise DlcatError(
            "--like builds a new agenda; use it with --pick (sessions to keep), not --add or --drop"
        )
    if not (picked or added or dropped or like is not None):
        raise DlcatError(
            f"nothing to plan: give sessions with --pick {_example_ids(program)} "
            "(or --add/--drop to change your agenda)"
        )
    fresh = bool(picked) or like is not None
    saved = store.load_agenda(program) if not fresh else _peek(program)
    if not fresh and saved is None:
        raise DlcatError(
            f"there is no saved agenda to change; make one with `dlcat plan --pick {_example_ids(program)}`"
        )
    base = picked or list(saved.ids if saved else ())
    kept = planner.without(program, base, dropped)
    if not picked:
        _check_still_there(program, kept)
    ids = kept + added
    previous = saved.pace if saved is not None and not fresh else planner.Pace()
    chosen = planner.Pace(
        buffer=previous.buffer if buffer is None else buffer,
        factor=previous.factor if pace is None else pace,
    )
    choice = None
    if like is not None:
        from dlcat_cli.optimize import best_agenda

        choice = best_agenda(program, like.split(","), chosen, picked)
        result = choice.plan
    else:
        result = planner.plan_agenda(program, ids, chosen)
    saved_to = None
    if not result.errors and not dry_run:
        agenda = store.to_saved(program, result, saved, datetime.now(UTC))
        kept_aside = store.save_agenda(program, agenda)
        saved_to = store.agenda_path(program)
        if kept_aside is not None:
            _note(f"the damaged agenda file was kept as {kept_aside}")
    _show_plan(program, result, as_json, saved_to=saved_to, dry_run=dry_run, choice=choice)


def _example_ids(program: Program) -> str:
    """Ids of this program to show in a hint: the first sessions of its first two start times."""
    firsts = {s.start: s.showings[0].id for s in reversed(program.sessions)}
    return ",".join(firsts[start] for start in sorted(firsts)[:2])


def _check_still_there(program: Program, saved_ids: Iterable[str]) -> None:
    """Saved picks the program no longer has (its file changed) stop the command with the way out."""
    gone = [i for i in saved_ids if program.find(i) is None]
    if gone:
        names = ",".join(gone)
        raise DlcatError(
            f"your saved agenda has {names}, which {program.conference.short_name} no longer has; "
            f"drop {'it' if len(gone) == 1 else 'them'} with `dlcat plan --drop {names}`"
        )


def _peek(program: Program) -> Any:
    """The saved agenda if it can be read; a new --pick replaces a damaged one (kept aside on save)."""
    from dlcat_cli.store import load_agenda

    try:
        return load_agenda(program)
    except DlcatError:
        return None


def _note(message: str) -> None:
    from dlcat_cli.render import make_console

    make_console(stderr=True).print(message, soft_wrap=True)


def _show_plan(
    program: Program,
    result: Any,
    as_json: bool,
    *,
    saved_to: Path | None,
    dry_run: bool,
    refused: str = "Nothing was saved; your saved agenda is unchanged.",
    choice: Any = None,
) -> None:
    from dlcat_cli.render import make_console, to_json
    from dlcat_cli.render_agenda import agenda_timeline, choice_json, choice_view, plan_json

    if as_json:
        document = plan_json(program, result)
        if choice is not None:
            document["like"] = choice_json(choice)
        typer.echo(
            to_json("agenda", program, saved=saved_to is not None, path=str(saved_to or ""), **document)
        )
    elif not result.errors:
        console = make_console()
        if choice is not None:
            console.print(choice_view(choice))
        console.print(agenda_timeline(program, result))
    err = make_console(stderr=True)
    if program.walking.note and result.picks:
        err.print(f"note: {program.walking.note}", soft_wrap=True)
    for problem in result.warnings:
        err.print(f"warning: {problem.message}", soft_wrap=True, style="yellow")
    for problem in result.errors:
        err.print(f"dlcat: {problem.message}", soft_wrap=True, style="red")
    if result.errors:
        err.print(refused, soft_wrap=True)
        raise typer.Exit(1)
    if dry_run:
        err.print("Checked; nothing saved (--dry-run).", soft_wrap=True)
    elif saved_to is not None:
        err.print(f"Saved to {saved_to}", soft_wrap=True)


@app.command(epilog="Example: dlcat agenda   |   dlcat agenda --json")
def agenda(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your saved agenda, checked again against the program as it is now."""
    from dlcat_cli import planner, store

    program = _load(ctx)
    saved = store.load_agenda(program)
    if saved is None or not saved.picks:
        raise DlcatError(
            f"you have no saved agenda yet; make one with `dlcat plan --pick {_example_ids(program)}`"
        )
    for line in store.changes_since_saved(program, saved):
        _note(f"changed since you saved: {line}")
    _check_still_there(program, saved.ids)
    result = planner.plan_agenda(program, saved.ids, saved.pace)
    _show_plan(program, result, as_json, saved_to=None, dry_run=False)


@app.command(
    epilog="Example: dlcat export agenda.ics --alarm 10   |   dlcat export - --pick B10,C11 > picks.ics"
)
def export(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="FILE", help="The .ics file to write, or - for stdout.")],
    pick: PickOption = None,
    buffer: BufferOption = None,
    pace: PaceOption = None,
    alarm: Annotated[
        int | None, typer.Option("--alarm", min=0, help="A reminder this many minutes before each session.")
    ] = None,
    walks: Annotated[
        bool, typer.Option("--walks", help="Add an event for each walk between buildings.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace a file that dlcat did not write.")] = False,
) -> None:
    """Write your agenda (or the --pick sessions) as an iCalendar file for your calendar app."""
    from dlcat_cli import planner, store
    from dlcat_cli.ical import PRODID, to_icalendar
    from dlcat_cli.render import counted

    program = _load(ctx)
    picked = _split_ids(pick)
    if picked:
        sequence, base = 0, planner.Pace()
    else:
        saved = store.load_agenda(program)
        if saved is None or not saved.picks:
            raise DlcatError(
                f"you have no saved agenda to export; make one with `dlcat plan --pick {_example_ids(program)}` "
                "or export sessions directly with --pick"
            )
        _check_still_there(program, saved.ids)
        picked, sequence, base = list(saved.ids), saved.revision, saved.pace
    chosen = planner.Pace(
        buffer=base.buffer if buffer is None else buffer, factor=base.factor if pace is None else pace
    )
    result = planner.plan_agenda(program, picked, chosen)
    if result.errors:
        _show_plan(program, result, False, saved_to=None, dry_run=False, refused="Nothing was exported.")
    calendar = to_icalendar(
        program, result, sequence=sequence, stamp=_stamp(), alarm_minutes=alarm, walks=walks
    )
    path = _deliver(target, calendar.to_ical(), mark=f"PRODID:{PRODID}", force=force)
    if path is not None:
        _note(f"Wrote {counted(len(result.picks), 'session')} to {path}")


def _deliver(target: str, data: bytes, *, mark: str, force: bool) -> Path | None:
    """`data` to stdout for "-", else to the file, atomically; returns the path written, if any.

    An existing file is replaced only if dlcat wrote it (it holds `mark` near its start) or with --force.
    """
    from dlcat_cli.files import write_atomic

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    path = Path(target)
    _check_target(path, mark, force)
    try:
        write_atomic(path, data)
    except OSError as error:
        raise DlcatError(f"can't write {path}: {error.strerror}; choose a writable place") from None
    return path


def _stamp() -> datetime:
    """DTSTAMP: now, or SOURCE_DATE_EPOCH when set (for reproducible files)."""
    from datetime import UTC

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise DlcatError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; unset it or fix it"
        ) from None


def _check_target(path: Path, mark: str, force: bool) -> None:
    """Refuse a missing directory, a directory, or a file without dlcat's `mark` in its start (unless --force)."""
    if not path.parent.is_dir():
        raise DlcatError(f"can't write {path}: the directory {path.parent} does not exist; create it first")
    if path.is_dir():
        raise DlcatError(
            f"can't write {path}: it is a directory; give a file name such as {path / 'agenda.ics'}"
        )
    if not path.exists() or force:
        return
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as error:
        raise DlcatError(f"can't read {path}: {error.strerror}; choose another file") from None
    if mark.encode() not in head:
        raise DlcatError(
            f"{path} exists and was not written by dlcat; use --force to replace it, or another name"
        )


@app.command(epilog='Example: dlcat now   |   dlcat now --at 10:55   |   dlcat now --at "2019-07-04 16:52"')
def now(
    ctx: typer.Context,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Pretend it is this time (in the conference's zone): 10:55, '2019-07-04 10:55'."
        ),
    ] = None,
    day: DayOption = None,
    as_json: JsonOption = False,
) -> None:
    """What is on now, what starts next, and where you go next (with a saved agenda)."""
    from datetime import UTC

    from dlcat_cli import planner, store
    from dlcat_cli.day import situation
    from dlcat_cli.render import make_console, to_json
    from dlcat_cli.render_agenda import now_json, now_view
    from dlcat_cli.times import parse_moment

    program = _load(ctx)
    zone = program.conference.time_zone
    if at is None and day is not None:
        raise DlcatError(
            f"--day {day} is the day of a time given with --at: dlcat now --at 10:55 --day {day}"
        )
    if at is None:
        moment = datetime.now(UTC).astimezone(zone)
    else:
        from dlcat_cli.search import find_day

        on = find_day(program, day) if day is not None else program.days[0]
        moment = parse_moment(at, day=on, zone=zone, day_hours=program.day_hours())
    saved = store.load_agenda(program)
    plan = planner.plan_agenda(program, saved.ids, saved.pace) if saved is not None and saved.picks else None
    found = situation(program, moment, plan)
    if as_json:
        typer.echo(to_json("now", program, **now_json(program, found)))
        return
    console = make_console()
    console.print(now_view(program, found, console.width))


IMPORT_HEADER = "# Imported by dlcat from "


@app.command(
    "import",
    epilog="Example: dlcat import schedule.xml -o program.yaml --venue venue.yaml   |   dlcat import schedule.json -o -",
)
def import_schedule(
    ctx: typer.Context,
    schedule: Annotated[
        Path, typer.Argument(help="A frab/pretalx schedule file (JSON or XML).", dir_okay=False)
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="The program file to write, or - for stdout.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace a file that dlcat did not write.")] = False,
) -> None:
    """Convert a conference schedule (JSON or XML) into a dlcat program file, warning about what it had to guess."""
    import yaml

    from dlcat_cli.program import parse_program, program_data

    _, venue = ctx.find_root().obj
    try:
        text = schedule.read_bytes()
    except OSError as error:
        raise DlcatError(f"can't read {schedule}: {error.strerror}; check the path") from None
    from dlcat_cli.render import counted
    from dlcat_cli.schedule import looks_like_schedule

    if looks_like_schedule(text) is None:
        raise DlcatError(f"{schedule} is not a schedule JSON or XML file; `dlcat import` reads those")
    data, notes = program_data(text, str(schedule), venue)
    for note in notes:
        _note(f"warning: {note}")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120)
    document = f"{IMPORT_HEADER}{schedule.name}; edit freely, re-import to refresh.\n{body}".encode()
    program = parse_program(
        document, output if output != "-" else f"{schedule.name} (converted)"
    )  # it must load
    for note in program.notes:
        _note(f"warning: {note}")
    summary = (
        f"{counted(len(program.sessions), 'session')} in {counted(len(program.rooms), 'room')} "
        f"over {counted(len(program.days), 'day')}, "
        f"time zone {program.conference.time_zone.key}"
    )
    path = _deliver(output, document, mark=IMPORT_HEADER, force=force)
    _note(f"Wrote {path}: {summary}" if path is not None else f"Converted {summary}")


def main() -> None:
    app(prog_name="dlcat")
