"""What dlcat shows: rich tables and JSON views of the core's values. Nothing here decides anything."""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from dlcat_cli.cli.terminal import SafeConsole, json_visible, output_width
from dlcat_cli.core.model import Day, Kind, Program, Room, Session, Showing
from dlcat_cli.core.search import Listing
from dlcat_cli.i18n import N_, _, said

if TYPE_CHECKING:  # the long listing's module is imported only for a long listing
    from dlcat_cli.cli.fast_table import Cell

Piece = tuple[str, str]  # a run of text and its rich style ("" for none)

JSON_SCHEMA = 2  # 2: conference.days are objects (number, date, start, end); sessions have their day
_NARROWEST = 40  # columns: any narrower terminal width is taken as this
# msgids (N_), said in the run's language where shown; the same words as core/planner.KIND_NAMES
_KIND_MARK = {
    Kind.TALK: "",
    Kind.HANDS_ON: N_("hands-on"),
    Kind.THEORY: N_("theory"),
    Kind.PANEL: N_("panel"),
}
# A listing's column headers (msgids), in their order: ID, Time, Room, Seats (right-aligned), Speakers, Title.
_HEADERS = (N_("ID"), N_("Time"), N_("Room"), N_("Seats"), N_("Speakers"), N_("Title"))


def make_console(*, stderr: bool = False) -> Console:
    """A console that writes plain text (no colour, terminal.output_width's columns, no trailing spaces) when
    its stream is not a terminal, and shows hidden characters as escapes (terminal.SafeConsole): all of
    dlcat's output passes here."""
    stream = sys.stderr if stderr else sys.stdout
    console = SafeConsole(file=stream, width=output_width(stream), highlight=False, markup=False, emoji=False)
    if console.width < _NARROWEST:  # COLUMNS=0 would print nothing at all, COLUMNS=5 a letter a line
        console.width = _NARROWEST
    return console


# A count of things, one and more (msgids): `1 session`, `2 sessions`; Korean counts with 개 after the noun.
_COUNTED = {
    "session": (N_("{count} session"), N_("{count} sessions")),
    "room": (N_("{count} room"), N_("{count} rooms")),
    "day": (N_("{count} day"), N_("{count} days")),
    "note": (N_("{count} note"), N_("{count} notes")),
}


def counted(number: int, noun: str) -> str:
    """`1 session`, `2 sessions` (`세션 2개` in Korean): a count with its noun, one of `session`, `room`, `day`,
    `note` (a KeyError for another: each form is a msgid of the catalogue)."""
    one, more = _COUNTED[noun]
    return said(one if number == 1 else more, count=number)


# -- times -------------------------------------------------------------------------------


def span(program: Program, session: Session) -> str:
    """`10:00–10:50`, or for an event open all day its date(s) and `all day`."""
    if session.all_day:
        zone = program.conference.time_zone
        first = session.start.astimezone(zone)
        last = (session.end - timedelta(seconds=1)).astimezone(zone)
        dates = f"{first:%m-%d}" if first.date() == last.date() else f"{first:%m-%d}–{last:%m-%d}"
        return _("{dates} all day").format(dates=dates)
    return program.span(session.start, session.end)


def kind_label(program: Program, session: Session) -> str:
    """`hands-on · part 1/2 · in 3 rooms`: the kind of session, its part of a series, its rooms, in the run's
    language; empty for a plain talk in one room."""
    mark = _KIND_MARK[session.kind]
    words = [said(mark) if mark else ""]
    part = program.part_of(session)
    if part is not None:
        words.append(_("part {part}/{parts}").format(part=part[0], parts=part[1]))
    if session.is_simulcast:
        words.append(_("in {count} rooms").format(count=len(session.showings)))
    return " · ".join(w for w in words if w)


# -- list --------------------------------------------------------------------------------


_NARROW = 90
_LONG = 100  # rows from which a listing is printed as lines (fast_table), when every cell fits its line


def sessions_view(
    program: Program,
    listings: Sequence[Listing],
    width: int,
    highlight: Iterable[str] = (),
    notes: Mapping[str, str] | None = None,
) -> RenderableType:
    """A table of sessions; below 90 columns, a block of wrapped lines per session. `notes`, by session
    id, go with the kind of session (search's `matched: tag 강화학습`)."""
    marked = {i.upper() for i in highlight}
    if width >= _NARROW:
        if len(listings) >= _LONG:
            from dlcat_cli.cli.fast_table import Column, line_table

            columns = [Column(said(name), right=name == "Seats") for name in _HEADERS]
            lines = line_table(columns, session_cells(program, listings, marked, notes or {}), width)
            if lines is not None:
                return lines
        return sessions_table(program, listings, marked, notes or {})
    return _blocks([_session_block(program, listing, marked, notes or {}) for listing in listings])


def _blocks(blocks: list[list[Piece]]) -> RenderableType:
    """The blocks (each its pieces of text and style) one under another; from _LONG of them without
    rich's wrapping of the lines that fit (fast_table.Blocks)."""
    if len(blocks) < _LONG:
        return Group(*(Text.assemble(*pieces) for pieces in blocks))
    from dlcat_cli.cli.fast_table import Blocks

    return Blocks(blocks)


NO_NOTES: Mapping[str, str] = {}  # a listing with no note for any session (never written to)


def _with_note(program: Program, session: Session, notes: Mapping[str, str]) -> str:
    """The kind label (kind_label) and the session's note, if any."""
    return " · ".join(part for part in (kind_label(program, session), notes.get(session.id, "")) if part)


def _session_block(
    program: Program, listing: Listing, marked: set[str], notes: Mapping[str, str] = NO_NOTES
) -> list[Piece]:
    """A session in the narrow layout: ids, time and kind; the title; speakers and rooms (as pieces, all
    over a bold cyan, as the block has always been shown)."""
    session = listing.session
    chosen = any(s.id.upper() in marked for s in listing.showings)
    pieces: list[Piece] = [
        (" ".join(s.id for s in listing.showings), ""),
        (f"  {span(program, session)}", ""),
    ]
    kind = _with_note(program, session, notes)
    if kind:
        pieces.append((f"  [{kind}]", "magenta"))
    pieces += [("\n  ", ""), (session.title, "bold" if chosen else ""), ("\n  ", "")]
    rooms = ", ".join(
        s.room.label + (f" ({s.room.seats})" if s.room.seats is not None else "") for s in listing.showings
    )
    if session.speakers:
        pieces += [(", ".join(session.speakers), "green"), (" · ", "")]
    pieces.append((rooms, ""))
    merged: list[Piece] = []  # runs of one style as one piece, as rich joins them
    for text, style in pieces:
        style = f"bold cyan {style}".rstrip()
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged


def session_cells(
    program: Program, listings: Sequence[Listing], marked: set[str], notes: Mapping[str, str] = NO_NOTES
) -> list[list[Cell]]:
    """The cells of sessions_table's rows, for fast_table: the same text in the same styles."""
    from dlcat_cli.cli.fast_table import cell

    rows = []
    for listing in listings:
        session, showings = listing.session, listing.showings
        title = cell(session.title, "bold" if any(s.id.upper() in marked for s in showings) else "")
        kind = _with_note(program, session, notes)
        if kind:
            title = title._replace(lines=(*title.lines, (kind, "magenta")))
        rows.append(
            [
                cell("\n".join(s.id for s in showings), "bold cyan"),
                cell(span(program, session)),
                cell("\n".join(s.room.label for s in showings)),
                cell("\n".join("" if s.room.seats is None else str(s.room.seats) for s in showings)),
                cell(", ".join(session.speakers), "green"),
                title,
            ]
        )
    return rows


def sessions_table(
    program: Program, listings: Sequence[Listing], marked: set[str], notes: Mapping[str, str] = NO_NOTES
) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    identity, time, room, seats, speakers, title_ = (said(name) for name in _HEADERS)
    table.add_column(identity, no_wrap=True)
    table.add_column(time, no_wrap=True)
    table.add_column(room)
    table.add_column(seats, justify="right", no_wrap=True)
    table.add_column(speakers, overflow="fold")
    table.add_column(title_, overflow="fold")
    for listing in listings:
        session, showings = listing.session, listing.showings
        title = Text(session.title, style="bold" if any(s.id.upper() in marked for s in showings) else "")
        kind = _with_note(program, session, notes)
        if kind:
            title.append(f"\n{kind}", style="magenta")
        table.add_row(
            Text("\n".join(s.id for s in showings), style="bold cyan"),
            span(program, session),
            "\n".join(s.room.label for s in showings),
            "\n".join("" if s.room.seats is None else str(s.room.seats) for s in showings),
            Text(", ".join(session.speakers), style="green"),
            title,
        )
    return table


# -- show --------------------------------------------------------------------------------


def session_detail(program: Program, session: Session, chosen: Showing) -> RenderableType:
    """`show`: the session's heading, then a fact a row (when, where, speakers, kind, series, tags, links), the
    labels in the run's language."""
    from dlcat_cli import i18n
    from dlcat_cli.core.planner import KIND_NAMES

    start = session.start.astimezone(program.conference.time_zone)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")

    def row(label: str, value: str) -> None:
        facts.add_row(said(label) if label else "", value)

    until = program.until(session.start, session.end)
    when = f"{i18n.day_text(start.date())} {start:%H:%M}–{until} {start:%Z} (UTC{start:%z})"
    row(N_("When"), when)
    room = chosen.room
    row(N_("Where"), f"{chosen.id}: {room.code} · {room.label}{_seats(room)}")
    building = room.building
    row("", building.label + (f", {building.address}" if building.address else ""))
    if session.is_simulcast:
        others = [f"{s.id}: {s.room.label}{_seats(s.room)}" for s in session.showings if s != chosen]
        same = _("(the same talk at the same time: sit in any one of these rooms)")
        row(N_("Also in"), "\n".join([*others, same]))
    row(N_("Speakers"), ", ".join(session.speakers) or "-")
    if session.co_presenters:
        row(N_("With"), ", ".join(session.co_presenters))
    row(N_("Kind"), KIND_NAMES[session.kind].shown())
    series = program.series_of(session)
    if series is not None:
        part = program.part_of(session)
        assert part is not None
        lines = [_("part {part} of {parts}: {title}").format(part=part[0], parts=part[1], title=series.title)]
        for other_id in series.parts:
            if other_id != session.id:
                other, showing = program.find(other_id) or (None, None)
                if other is not None and showing is not None:
                    lines.append(f"{other_id}: {span(program, other)} {showing.room.label}")
        row(N_("Series"), "\n".join(lines))
    if session.tags:
        row(N_("Tags"), ", ".join(session.tags))
    if session.prep:
        row(N_("Bring"), session.prep)
    row(N_("Talk page"), session.page or "-")
    if session.slides:
        row(N_("Slides"), "\n".join(session.slides))
    if session.code:
        row(N_("Code"), "\n".join(session.code))
    heading = Text.assemble((chosen.id, "bold cyan"), "  ", (session.title, "bold"))
    if session.subtitle:
        heading.append(f"\n{session.subtitle}", style="italic")
    return Group(heading, facts)


def _seats(room: Room) -> str:
    """`, 65 seats` after a room's name (`, 65석` in Korean); nothing when the program does not say."""
    return _(", {seats} seats").format(seats=room.seats) if room.seats is not None else ""


# -- grid --------------------------------------------------------------------------------

_GRID_MIN_COLUMN = 12
_TIME_COLUMN = 6


def day_grid(
    program: Program,
    width: int,
    highlight: Iterable[str] = (),
    day: Day | None = None,
    kept: Collection[str] | None = None,
) -> RenderableType:
    """The day as time x room, like the organiser's table; one slot per block when the terminal is narrow.

    With `day`, only the rows of that conference day's sessions and breaks (and the rooms used that day).
    With `kept` (showing ids: what --track, --building and --search let through), only those cells, the
    rows that hold one and the rooms they are in.
    """
    marked = {i.upper() for i in highlight}
    rows = _rows(program, day, kept)
    rooms = (
        program.rooms
        if day is None and kept is None
        else tuple(
            r for r in program.rooms if any(r.id in c for _start, _label, c in rows if not isinstance(c, str))
        )
    )
    if width >= _TIME_COLUMN + len(rooms) * _GRID_MIN_COLUMN:
        return _wide_grid(program, rooms, rows, marked)
    return _narrow_grid(program, rows, marked)


def _cell(session: Session, showing: Showing, marked: set[str], start: datetime) -> Text:
    if session.start < start:
        return Text(_("{id} continues").format(id=showing.id), style="dim")
    if showing != session.showings[0]:
        same = _("same talk as {id}").format(id=session.showings[0].id)
        return Text(f"{showing.id}\n{same}", style="dim")
    picked = any(s.id.upper() in marked for s in session.showings)
    style = "reverse" if picked else ""
    text = Text(f"▶ {showing.id}" if picked else showing.id, style="bold cyan")
    text.append(" ")
    text.append(", ".join(session.speakers), style="bold green")
    text.append("\n")
    text.append(session.title, style=style)
    if session.is_simulcast:
        ids = ", ".join(s.id for s in session.showings)
        text.append("\n" + _("(same talk in {ids})").format(ids=ids), style="dim")
    return text


Cells = dict[str, tuple[Session, Showing]]


def _rows(
    program: Program, day: Day | None = None, kept: Collection[str] | None = None
) -> list[tuple[datetime, str, Cells | str]]:
    """Time-ordered rows: each slot start with the sessions in each room then, and the breaks between.

    A session that runs over later slot starts (a long lab) appears again in those rows. With `day`,
    the slot starts of the sessions listed under it, and the breaks within its span.
    """
    starts = program.slot_starts
    slots: dict[datetime, Cells] = {start: {} for start in starts}
    for session in program.sessions:
        first = bisect_left(starts, session.start)
        for start in starts[first : bisect_left(starts, session.end)]:
            for showing in session.showings:
                if kept is None or showing.id in kept:
                    slots[start][showing.room.id] = (session, showing)
    if kept is not None:
        slots = {start: cells for start, cells in slots.items() if cells}
    if day is not None:
        own = {s.start for s in program.sessions_on(day)}
        slots = {start: cells for start, cells in slots.items() if start in own}
    rows: list[tuple[datetime, str, Cells | str]] = [
        (start, program.clock(start), cells) for start, cells in slots.items()
    ]
    rows += [
        (b.start, program.clock(b.start), b.name) for b in program.breaks if day is None or day.holds(b.start)
    ]
    rows.sort(key=lambda row: row[0])
    return rows


def _wide_grid(
    program: Program, rooms: Sequence[Room], rows: list[tuple[datetime, str, Cells | str]], marked: set[str]
) -> Table:
    table = Table(box=box.SQUARE, show_lines=True, pad_edge=False)
    table.add_column("", no_wrap=True)
    for room in rooms:
        seats = "\n" + _("{seats} seats").format(seats=room.seats) if room.seats is not None else ""
        table.add_column(Text(f"{room.code}\n{room.label}{seats}"), overflow="fold", ratio=1)
    for start, label, content in rows:
        if isinstance(content, str):
            table.add_row(label, Text(content, style="italic"))
            continue
        cells: list[RenderableType] = [label]
        for room in rooms:
            found = content.get(room.id)
            cells.append(_cell(*found, marked, start) if found else Text(""))
        table.add_row(*cells)
    return table


def _narrow_grid(
    program: Program, rows: list[tuple[datetime, str, Cells | str]], marked: set[str]
) -> RenderableType:
    blocks: list[list[Piece]] = []
    for _start, label, content in rows:
        if isinstance(content, str):
            blocks.append([(label, "bold"), ("  ", ""), (content, "italic")])
            continue
        blocks.append([(label, "bold")])
        by_session: dict[str, tuple[Session, list[Showing]]] = {}
        for session, showing in content.values():
            by_session.setdefault(session.id, (session, []))[1].append(showing)
        for session, showings in by_session.values():
            blocks.append(_session_block(program, Listing(session, tuple(showings)), marked, {}))
    return _blocks(blocks)


# -- JSON --------------------------------------------------------------------------------


def session_json(program: Program, session: Session, showings: Sequence[Showing]) -> dict[str, Any]:
    zone = program.conference.time_zone
    series = program.series_of(session)
    part = program.part_of(session)
    return {
        "id": showings[0].id,
        "session": session.id,
        "title": session.title,
        "subtitle": session.subtitle,
        "speakers": list(session.speakers),
        "co_presenters": list(session.co_presenters),
        "kind": session.kind.value,
        "all_day": session.all_day,
        "start": session.start.astimezone(zone).isoformat(),
        "end": session.end.astimezone(zone).isoformat(),
        "day": session.day,
        "rooms": [
            {
                "id": s.id,
                "track": s.room.id,
                "code": s.room.code,
                "name": s.room.name,
                "building": s.room.building.key,
                "seats": s.room.seats,
            }
            for s in showings
        ],
        "series": None
        if series is None or part is None
        else {
            "key": series.key,
            "title": series.title,
            "part": part[0],
            "of": part[1],
            "parts": list(series.parts),
        },
        "tags": list(session.tags),
        "page": session.page,
        "slides": list(session.slides),
        "code": list(session.code),
        "prep": session.prep,
    }


def conference_json(program: Program) -> dict[str, Any]:
    conference = program.conference
    zone = conference.time_zone
    return {
        "id": conference.id,
        "name": conference.name,
        "short_name": conference.short_name,
        "time_zone": zone.key,
        "days": [
            {
                "number": day.number,
                "date": day.date.isoformat(),
                "start": day.start.astimezone(zone).isoformat(),
                "end": day.end.astimezone(zone).isoformat(),
            }
            for day in program.days
        ],
        "url": conference.url,
    }


def to_json(kind: str, program: Program, **payload: Any) -> str:
    """A stable document: schema version, kind, the conference, then the payload; sorted keys."""
    import json

    document = {"schema": JSON_SCHEMA, "kind": kind, "conference": conference_json(program), **payload}
    return json_visible(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))
