"""`dlcat export` and `dlcat import`: the commands that write files, and how they write them.

Files are written atomically, and an existing file is replaced only if dlcat wrote it (or with --force).

No `from __future__ import annotations` here, for typer's sake: see app.py.
"""

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from dlcat_cli.cli.app import (
    BufferOption,
    LateOption,
    PaceOption,
    PickOption,
    app,
    load,
    note,
    saved_agenda,
    split_ids,
    waiting_for_writer,
)
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.files import NotARegularFile, read_regular, regular_or_absent
from dlcat_cli.i18n import _, shown


@app.command(
    epilog="Example: dlcat export agenda.ics --alarm 10   |   dlcat export - --pick B10,C11 > picks.ics"
)
def export(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(metavar="FILE", help="The .ics file to write, or - for stdout.")],
    pick: PickOption = None,
    buffer: BufferOption = None,
    pace: PaceOption = None,
    late: LateOption = None,
    alarm: Annotated[
        int | None,
        typer.Option(
            "--alarm", min=0, max=7 * 24 * 60, help="A reminder this many minutes before each session."
        ),
    ] = None,
    walks: Annotated[
        bool, typer.Option("--walks", help="Add an event for each walk between buildings.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace a file that dlcat did not write.")] = False,
) -> None:
    """Write your agenda (or the --pick sessions) as an iCalendar file for your calendar app."""
    from dlcat_cli.cli.render import counted
    from dlcat_cli.core import planner
    from dlcat_cli.core.agenda import PlanRefused, check_still_there
    from dlcat_cli.core.rules import Pace
    from dlcat_cli.formats.icalendar_out import PRODID, exported, to_icalendar
    from dlcat_cli.formats.store import export_sequence, last_exported, remember_exported

    program = load(ctx)
    picked = split_ids(pick)
    if picked:
        sequence, base = 0, Pace()
    else:
        saved = saved_agenda(program, "to export")
        check_still_there(program, saved.ids)
        picked, sequence, base = list(saved.ids), saved.revision, saved.pace
    chosen = base.overridden(buffer, pace, late)
    result = planner.plan_agenda(program, picked, chosen)
    if result.errors:
        raise PlanRefused(program, result, _("Nothing was exported."))
    # An export of the saved agenda cancels, by UID, what the last one wrote and the agenda no longer has.
    from_agenda = not split_ids(pick)
    now = exported(program, result)
    kept = {one.uid for one in now}
    last = last_exported(program)
    gone = last.gone(kept) if from_agenda else ()
    if from_agenda:
        sequence = export_sequence(sequence, last, now)
    calendar = to_icalendar(
        program, result, sequence=sequence, stamp=_stamp(), alarm_minutes=alarm, walks=walks, cancelled=gone
    )
    path = _deliver(target, calendar.to_ical(), mark=f"PRODID:{PRODID}", force=force)
    if from_agenda:
        remember_exported(program, sequence, now, gone)
    if path is not None:
        fields = {"sessions": counted(len(result.picks), "session"), "path": path}
        if gone:
            wrote = _("Wrote {sessions} to {path}, and cancelled {cancelled} dropped from your agenda")
            note(wrote.format(cancelled=counted(len(gone), "session"), **fields))
        else:
            note(_("Wrote {sessions} to {path}").format(**fields))


def _deliver(target: str, data: bytes, *, mark: str, force: bool) -> Path | None:
    """`data` to stdout for "-", else to the file, atomically; returns the path written, if any.

    An existing file is replaced only if dlcat wrote it (it holds `mark` near its start) or with --force.
    """
    from dlcat_cli.formats.files import write_atomic

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    path = Path(target)
    _check_target(path, mark, force)
    try:
        write_atomic(path, data)
    except NotARegularFile as error:
        raise _not_regular(path, error) from None
    except OSError as error:
        raise DlcatError(
            _("can't write {path}: {error}; choose a writable place").format(path=path, error=error.strerror)
        ) from None
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
            _("SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; unset it or fix it").format(
                epoch=epoch
            )
        ) from None


def _not_regular(path: Path, error: NotARegularFile) -> DlcatError:
    """`can't write x: it is a FIFO (named pipe); give the name of a regular file`."""
    return DlcatError(
        _("can't write {path}: it is {kind}; give the name of a regular file").format(
            path=path, kind=shown(error.kind)
        )
    )


def _check_target(path: Path, mark: str, force: bool) -> None:
    """Refuse a missing directory, a directory, or a file without dlcat's `mark` in its start (unless --force)."""
    if not path.parent.is_dir():
        raise DlcatError(
            _("can't write {path}: the directory {directory} does not exist; create it first").format(
                path=path, directory=path.parent
            )
        )
    if path.is_dir():
        raise DlcatError(
            _("can't write {path}: it is a directory; give a file name such as {example}").format(
                path=path, example=path / "agenda.ics"
            )
        )
    try:
        exists = regular_or_absent(path)  # a FIFO would hang the read below; --force replaces no device
    except NotARegularFile as error:
        raise _not_regular(path, error) from None
    if not exists or (force and not path.is_symlink()):
        return
    try:
        head = read_regular(path)[:4096]
    except OSError as error:
        raise DlcatError(
            _("can't read {path}: {error}; choose another file").format(path=path, error=error.strerror)
        ) from None
    if mark.encode() not in head and path.is_symlink():  # --force too: a link may point anywhere
        raise DlcatError(
            _(
                "{path} is a link to {target}, which dlcat did not write; dlcat replaces a "
                "file through a link only if it wrote it: remove the link, or give another name"
            ).format(path=path, target=os.path.realpath(path))
        )
    if mark.encode() not in head:
        raise DlcatError(
            _(
                "{path} exists and was not written by dlcat; use --force to replace it, or another name"
            ).format(path=path)
        )


IMPORT_HEADER = "# Imported by dlcat from "


@app.command(
    "import",
    epilog="Example: dlcat import schedule.xml -o program.yaml   |   dlcat import schedule.json -o -   |   "
    "rooms in buildings: dlcat --venue venue.yaml import schedule.xml -o program.yaml "
    "(--venue is dlcat's own option, given before the command)",
)
def import_schedule(
    ctx: typer.Context,
    schedule: Annotated[
        Path,
        typer.Argument(
            help="A frab/pretalx schedule file (JSON or XML) or an iCalendar feed.", dir_okay=False
        ),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help="The program file to write, or - for stdout."),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace a file that dlcat did not write.")] = False,
) -> None:
    """Convert a conference schedule (JSON, XML or iCalendar) into a dlcat program file, warning about what it had to guess."""
    import yaml

    from dlcat_cli.formats.loader import check_written, program_data
    from dlcat_cli.formats.program_file import as_written

    options = ctx.find_root().obj
    from dlcat_cli.formats.files import read_bounded

    try:
        text = read_bounded(schedule, waiting_for_writer)
    except OSError as error:
        raise DlcatError(
            _("can't read {path}: {error}; check the path").format(path=schedule, error=error.strerror)
        ) from None
    from dlcat_cli.cli.render import counted
    from dlcat_cli.formats.icalendar_in import looks_like_icalendar
    from dlcat_cli.formats.schedule import looks_like_schedule

    if looks_like_schedule(text) is None and not looks_like_icalendar(text):
        raise DlcatError(
            _(
                "{path} is not a schedule JSON or XML file, nor an iCalendar feed; `dlcat import` reads those"
            ).format(path=schedule)
        )
    from dlcat_cli.cli.progress import SlowWork

    with SlowWork(_("Reading {program}").format(program=schedule)):
        data, notes = program_data(text, str(schedule), options.venue, options.time_zone)
    for warning in notes:
        note(_("warning: {message}").format(message=shown(warning)))
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with SlowWork(_("Writing and checking {path}").format(path=output)):
        written = as_written(data)
        body = yaml.dump(written, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120)
        document = f"{IMPORT_HEADER}{schedule.name}; edit freely, re-import to refresh.\n{body}".encode()
        program = check_written(
            document, written, output if output != "-" else f"{schedule.name} (converted)"
        )
    for warning in program.notes:
        note(_("warning: {message}").format(message=shown(warning)))
    summary = _("{sessions} in {rooms} over {days}, time zone {zone}").format(
        sessions=counted(len(program.sessions), "session"),
        rooms=counted(len(program.rooms), "room"),
        days=counted(len(program.days), "day"),
        zone=program.conference.time_zone.key,
    )
    path = _deliver(output, document, mark=IMPORT_HEADER, force=force)
    if path is not None:
        note(_("Wrote {path}: {summary}").format(path=path, summary=summary))
    else:
        note(_("Converted {summary}").format(summary=summary))
