"""Shell completion from the program: session ids, tracks, buildings and days (`dlcat --install-completion`).

Each function is a typer `autocompletion=` callback: it gets the command line's context and the word
being completed, and returns (value, help) pairs. The program is the one the command line names
(`--program`, `DLCAT_PROGRAM`, else the default: program_source.resolve's order), read through the cache as any command reads it, so a
completion costs about what `dlcat list` does. Nothing is downloaded: a program given as a URL (or `-`,
standard input) completes nothing; the copy `dlcat update URL` kept is read as it is. A program that can't be read completes nothing either, silently: a completion must never print
into the shell's line.
"""

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from dlcat_cli.core.model import Program


def _program(ctx: typer.Context) -> "Program | None":
    """The program the command line being completed names, or None when it can't be read without a
    download or at all."""
    import os

    from dlcat_cli.errors import DlcatError
    from dlcat_cli.formats.loader import open_program
    from dlcat_cli.formats.program_source import for_completion

    params = ctx.find_root().params
    given = params.get("program") or os.environ.get("DLCAT_PROGRAM") or None
    try:
        source = for_completion(str(given) if given is not None else None)  # None: a URL, or `-`
        if source is None:
            return None
        venue, zone = params.get("venue"), params.get("time_zone")
        return open_program(source.path, venue, time_zone=zone, label=source.url).program
    except (DlcatError, OSError, ValueError):
        return None


def _starting(pairs: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """The pairs whose value begins with `incomplete` without regard to case, or with the Latin keys of
    what was typed with the Korean layout on (`ㄷ1`: E10, ...). Each value is given back as it was begun
    (`e1` -> `e10`, `ㄷ1` -> `ㄷ10`, which dlcat reads as E10): typer keeps only the completions that
    begin with the very text typed."""
    from dlcat_cli.core.keyboard import has_hangul, latin_keys

    keys = latin_keys(incomplete) if has_hangul(incomplete) else incomplete
    wanted = keys.casefold()
    return [
        (incomplete + value[len(keys) :], help)
        for value, help in pairs
        if value.casefold().startswith(wanted)
    ]


def _ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Session ids with their titles; after a comma (`--pick B10,C1`), the id after it, the list kept."""
    program = _program(ctx)
    if program is None:
        return []
    head, _, last = incomplete.rpartition(",")
    prefix = f"{head}," if head else ""
    pairs = [(showing.id, s.title) for s in program.sessions for showing in s.showings]
    return [(prefix + value, help) for value, help in _starting(pairs, last)]


def _tracks(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Track letters (room ids) with the room's code and name."""
    program = _program(ctx)
    if program is None:
        return []
    return _starting([(room.id, f"{room.code} {room.label}") for room in program.rooms], incomplete)


def _buildings(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Building keys with their names."""
    program = _program(ctx)
    if program is None:
        return []
    pairs = [(building.key, building.name) for building in program.buildings.values()]
    return _starting(pairs, incomplete)


def _days(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Day numbers with their dates."""
    program = _program(ctx)
    if program is None:
        return []
    return _starting([(str(day.number), day.date.isoformat()) for day in program.days], incomplete)


# The callbacks typer is given: without annotations, so that typer, which reads every callback's signature
# at every start, matches `ctx` and `incomplete` by name instead of evaluating type hints (about 2 ms a
# start for the nineteen options that complete).
complete_ids = lambda ctx, incomplete: _ids(ctx, incomplete)  # noqa: E731
complete_tracks = lambda ctx, incomplete: _tracks(ctx, incomplete)  # noqa: E731
complete_buildings = lambda ctx, incomplete: _buildings(ctx, incomplete)  # noqa: E731
complete_days = lambda ctx, incomplete: _days(ctx, incomplete)  # noqa: E731
