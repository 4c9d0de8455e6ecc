"""The typer app every command hangs on, and what the commands share: the global options, the
program they read, ids as typed, and the one place a DlcatError becomes one line and exit code 1.

No `from __future__ import annotations` here: typer reads these signatures at every start, and
string annotations would make it evaluate each one again (7 ms of a listing's start-up).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
from typer.core import TyperGroup

from dlcat_cli import __version__, i18n
from dlcat_cli.cli.completion import complete_days, complete_ids
from dlcat_cli.core.model import BUFFER_MINUTES, LATE_MINUTES, PACE_FACTORS, Program, ids_in
from dlcat_cli.errors import DlcatError
from dlcat_cli.i18n import Language, _, language

if TYPE_CHECKING:
    from dlcat_cli.core.agenda import SavedAgenda  # only for the annotation: a listing does not import it

# The order of `dlcat --help`: what is on, then your agenda, then the commands that write files.
COMMANDS = ("list", "search", "show", "grid", "plan", "agenda", "now", "update", "export", "import")


class _Group(TyperGroup):
    """Turns a DlcatError from any command into one line on stderr and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DlcatError as error:
            from dlcat_cli.core.agenda import PlanRefused

            if isinstance(error, PlanRefused):  # the plan's problems, then the line that ends them
                from dlcat_cli.cli.render_agenda import report_refused

                report_refused(error, as_json=bool(ctx.meta.get(JSON_META)))
                raise typer.Exit(1) from None
            fail(str(error))
        except BrokenPipeError:  # typer.echo's JSON (rich's consoles have their own: terminal.SafeConsole)
            from dlcat_cli.cli.terminal import reader_left

            reader_left()

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line, its help first put in the language of the run (cli.help_text)."""
        if language() != "en":
            from dlcat_cli.cli import help_text

            help_text.translate(self, self.context_settings.get("help_option_names", ["--help"]))
        if _asks_for_help(kwargs.get("args", args[0] if args else None)):
            from dlcat_cli.cli.terminal import safe_typer_consoles

            safe_typer_consoles()
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: Any) -> list[str]:
        def place(name: str) -> int:
            return COMMANDS.index(name) if name in COMMANDS else len(COMMANDS)

        return sorted(super().list_commands(ctx), key=place)


def _asks_for_help(args: Any) -> bool:
    """The command line (`args`, else sys.argv's) shows help: no arguments (no_args_is_help), or -h/--help
    before any `--`."""
    import sys

    words = list(sys.argv[1:] if args is None else args)
    if not words:
        return True
    options = words[: words.index("--")] if "--" in words else words
    return "-h" in options or "--help" in options


JSON_META = "dlcat.json"  # ctx.meta: the command was given --json (for a PlanRefused's report)


def fail(message: str) -> NoReturn:
    from dlcat_cli.cli.render import make_console

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
        try:
            typer.echo(f"dlcat {__version__}")
        except BrokenPipeError:  # click would exit 1: a reader that left is no failure (terminal.reader_left)
            from dlcat_cli.cli.terminal import reader_left

            reader_left()
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    program: Annotated[
        str | None,
        typer.Option(
            "--program",
            envvar="DLCAT_PROGRAM",
            metavar="PATH|URL",
            help="A program file, or a schedule's http(s) URL (read through a kept copy), to use instead of "
            "the default: the schedule last fetched with `dlcat update URL`, else the bundled 2nd DLCAT.",
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
    time_zone: Annotated[
        str | None,
        typer.Option(
            "--time-zone",
            envvar="DLCAT_TIME_ZONE",
            metavar="ZONE",
            help="With a schedule file or feed as --program: the conference's time zone, in which times without "
            "a UTC offset are read and all times are shown (Europe/Berlin, Berlin, W. Europe Standard Time). "
            "Times with an offset keep their instant; a dlcat program file keeps its own zone.",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="List every note about how the program file was read.")
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="The language of messages and help: en or ko (else DLCAT_LANG, else LC_ALL, LC_MESSAGES, LANG).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    ctx.obj = Options(program, venue, time_zone, verbose)  # --lang was read before typer started: __main__


class Options(NamedTuple):
    """What the global options say, kept on the root context for every command."""

    program: str | None  # a path or a URL, as given (formats/program_source.py resolves it)
    venue: Path | None
    time_zone: str | None
    verbose: bool


def fetching(options: Options, *, as_json: bool = False) -> Any:
    """How a schedule named by URL is fetched for these options (program_source.Fetching): checked with
    the venue and zone given, with a progress bar on a terminal (cli/progress.py)."""
    from functools import partial

    from dlcat_cli.cli.progress import download_bar
    from dlcat_cli.formats.program_source import Fetching

    return Fetching(
        venue=options.venue,
        time_zone=options.time_zone,
        progress=partial(download_bar, "Downloading the schedule", as_json=as_json),
    )


FIRST_NOTES = 3  # the notes shown the first time a file is read, without --verbose


def load(ctx: typer.Context) -> Program:
    """The program the global options name (else the default: program_source.resolve), with its notes
    summarised on stderr, and a note when a schedule's kept copy is used because it could not be refreshed."""
    from dlcat_cli.cli.progress import SlowWork
    from dlcat_cli.formats.loader import open_program
    from dlcat_cli.formats.program_source import is_url, resolve

    options: Options = ctx.find_root().obj
    remote = options.program is not None and is_url(options.program)
    quiet = bool(ctx.params.get("as_json"))  # a command's --json: no progress bar
    source = resolve(options.program, fetching(options, as_json=quiet) if remote else None)
    if source.note:
        note(source.note)
    with SlowWork(
        _("Reading {program}").format(program=source.url or source.path or _("the program")), quiet=quiet
    ):
        opened = open_program(
            source.path,
            options.venue,
            time_zone=options.time_zone,
            label=source.url,
            waiting=waiting_for_writer,
        )
    lines = lenient_notes(opened.program, first_read=opened.first_read, verbose=options.verbose)
    if lines:
        note("\n".join(lines))
    return opened.program


def waiting_for_writer(path: Path) -> None:
    """The note for a FIFO given as a file that nothing has opened for writing after a second: dlcat waits
    for it (`--program <(curl -s URL)` is read as it comes), so say what it waits for and how to end the wait."""
    note(
        _(
            "waiting for input on {path}, a FIFO (named pipe) that nothing writes to yet; give a regular "
            "file, or write to it (cat program.yaml > {path})"
        ).format(path=path)
    )


def lenient_notes(program: Program, *, first_read: bool, verbose: bool) -> list[str]:
    """The lines that say how a program file was read leniently: the first time that version of the file is
    read, its count and the first few notes (all with --verbose); after that, the count alone."""
    from dlcat_cli.cli.render import counted as count

    notes = program.notes
    if not notes:
        return []
    if len(notes) == 1 and (first_read or verbose):
        return [_("note: read leniently: {note}").format(note=i18n.shown(notes[0]))]
    fields = {"source": program.source, "count": count(len(notes), "note")}
    if not (first_read or verbose):
        if len(notes) > 1:
            return [
                _("note: {source} was read leniently, with {count} (--verbose lists them)").format(**fields)
            ]
        return [_("note: {source} was read leniently, with {count} (--verbose lists it)").format(**fields)]
    shown = notes if verbose else notes[:FIRST_NOTES]
    if len(shown) < len(notes):
        first = _("note: {source} was read leniently, with {count} (the first {shown}; --verbose lists all):")
    else:
        first = _("note: {source} was read leniently, with {count}:")
    prefix = f"{program.source}: "
    return [
        first.format(shown=len(shown), **fields),
        *(f"  {i18n.shown(line).removeprefix(prefix)}" for line in shown),
    ]


DayOption = Annotated[
    str | None,
    typer.Option(
        "--day",
        autocompletion=complete_days,
        help="A day of the conference, by number (1, 2, ...) or date (2024-12-28): alone, its sessions; "
        "with a time, that time of the day (01:00 of a day that runs past midnight is the next morning).",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (stable keys, ISO 8601 times) instead of a table.")
]


BufferOption = Annotated[
    int | None,
    typer.Option(
        "--buffer",
        min=BUFFER_MINUTES[0],
        max=BUFFER_MINUTES[1],
        help="Minutes you want in a new room before it starts. [default: 0]",
    ),
]


def _a_number(value: float | None) -> float | None:
    """NaN passes click's range check (every comparison with it is false); it is no walking pace."""
    if value is not None and value != value:
        raise typer.BadParameter(
            _("{value} is not a number; give one from {low} to {high}").format(
                value=value, low=f"{PACE_FACTORS[0]:g}", high=f"{PACE_FACTORS[1]:g}"
            )
        )
    return value


PaceOption = Annotated[
    float | None,
    typer.Option(
        "--pace",
        min=PACE_FACTORS[0],
        max=PACE_FACTORS[1],
        callback=_a_number,
        help="Walking-time factor: 1.5 means your walks take 1.5 times as long. [default: 1]",
    ),
]
LateOption = Annotated[
    int | None,
    typer.Option(
        "--late",
        min=LATE_MINUTES[0],
        max=LATE_MINUTES[1],
        help="Minutes late you accept after a walk (with no --buffer); more stops the plan. [default: 5]",
    ),
]
PickOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pick",
        "-p",
        autocompletion=complete_ids,
        help="Session ids, separated by commas or spaces; may be repeated.",
    ),
]


def split_ids(values: list[str] | None) -> list[str]:
    """`--pick B10,c11 --pick " D13 "` -> ["B10", "c11", "D13"] (model.ids_in says what separates ids)."""
    return [part for value in values or [] for part in ids_in(value)]


def saved_agenda(program: Program, use: str) -> "SavedAgenda":
    """The saved agenda, or one line saying there is none yet and how to make one."""
    from dlcat_cli.core.agenda import no_saved_agenda
    from dlcat_cli.formats.store import load_agenda

    saved = load_agenda(program)
    if saved is None or not saved.picks:
        raise no_saved_agenda(program, use)
    return saved


def check_output_open() -> None:
    """Before saving anything a command then reports on standard output: a closed one stops it first,
    so that nothing is saved that the attendee was never shown (__main__.ClosedOutput)."""
    import sys

    if getattr(sys.stdout, "closed_output", False):
        raise DlcatError(
            _(
                "standard output is closed, so the agenda could not be shown; nothing was saved "
                "(run dlcat with its output open)"
            )
        )


def note(message: str) -> None:
    """One line for the attendee on stderr: a warning, a note, where a file went."""
    from dlcat_cli.cli.render import make_console

    make_console(stderr=True).print(message, soft_wrap=True)
