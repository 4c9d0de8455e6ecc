"""What dlcat shows: rich tables and JSON views of the core's values. Nothing here decides anything."""

from __future__ import annotations

import os
import sys
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from dlcat_cli.model import Kind, Program, Room, Session, Showing
from dlcat_cli.planner import TIGHT_SPARE_MINUTES, Move, MoveKind, Plan, Problem, moves
from dlcat_cli.search import Listing

if TYPE_CHECKING:
    from dlcat_cli.day import Situation
    from dlcat_cli.optimize import Choice

JSON_SCHEMA = 1
_KIND_MARK = {Kind.TALK: "", Kind.HANDS_ON: "hands-on", Kind.THEORY: "theory", Kind.PANEL: "panel"}


def make_console(*, stderr: bool = False) -> Console:
    """A console that writes plain text (no colour, 120 columns) when its stream is not a terminal."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 120
    return Console(file=stream, width=width, highlight=False, markup=False, emoji=False)


# -- times -------------------------------------------------------------------------------


def span(program: Program, session: Session) -> str:
    return program.span(session.start, session.end)


def kind_label(program: Program, session: Session) -> str:
    words = [_KIND_MARK[session.kind]]
    part = program.part_of(session)
    if part is not None:
        words.append(f"part {part[0]}/{part[1]}")
    if session.is_simulcast:
        words.append(f"in {len(session.showings)} rooms")
    return " · ".join(w for w in words if w)


# -- list --------------------------------------------------------------------------------


_NARROW = 90


def sessions_view(
    program: Program, listings: Sequence[Listing], width: int, highlight: Iterable[str] = ()
) -> RenderableType:
    """A table of sessions; below 90 columns, a block of wrapped lines per session."""
    marked = {i.upper() for i in highlight}
    if width >= _NARROW:
        return sessions_table(program, listings, marked)
    return Group(*(_session_block(program, listing, marked) for listing in listings))


def _session_block(program: Program, listing: Listing, marked: set[str]) -> Text:
    session = listing.session
    chosen = any(s.id.upper() in marked for s in listing.showings)
    text = Text(" ".join(s.id for s in listing.showings), style="bold cyan")
    text.append(f"  {span(program, session)}")
    kind = kind_label(program, session)
    if kind:
        text.append(f"  [{kind}]", style="magenta")
    text.append("\n  ")
    text.append(session.title, style="bold" if chosen else "")
    text.append("\n  ")
    text.append(", ".join(session.speakers), style="green")
    rooms = ", ".join(
        s.room.label + (f" ({s.room.seats})" if s.room.seats is not None else "") for s in listing.showings
    )
    text.append(f" · {rooms}")
    return text


def sessions_table(program: Program, listings: Sequence[Listing], marked: set[str]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("Time", no_wrap=True)
    table.add_column("Room")
    table.add_column("Seats", justify="right", no_wrap=True)
    table.add_column("Speakers", overflow="fold")
    table.add_column("Title", overflow="fold")
    for listing in listings:
        session, showings = listing.session, listing.showings
        title = Text(session.title, style="bold" if any(s.id.upper() in marked for s in showings) else "")
        kind = kind_label(program, session)
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
    zone = program.conference.time_zone
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")

    facts.add_row("When", f"{start:%Y-%m-%d (%a) %H:%M}–{end:%H:%M} {start:%Z} (UTC{start:%z})")
    room = chosen.room
    seats = f", {room.seats} seats" if room.seats is not None else ""
    facts.add_row("Where", f"{chosen.id}: {room.code} · {room.label}{seats}")
    building = room.building
    facts.add_row("", building.label + (f", {building.address}" if building.address else ""))
    if session.is_simulcast:
        others = [s for s in session.showings if s != chosen]
        facts.add_row(
            "Also in",
            "\n".join(
                f"{s.id}: {s.room.label}" + (f", {s.room.seats} seats" if s.room.seats else "")
                for s in others
            )
            + "\n(the same talk at the same time: sit in any one of these rooms)",
        )
    facts.add_row("Speakers", ", ".join(session.speakers) or "-")
    if session.co_presenters:
        facts.add_row("With", ", ".join(session.co_presenters))
    facts.add_row("Kind", session.kind.value)
    series = program.series_of(session)
    if series is not None:
        part = program.part_of(session)
        assert part is not None
        lines = [f"part {part[0]} of {part[1]}: {series.title}"]
        for other_id in series.parts:
            if other_id != session.id:
                other, showing = program.find(other_id) or (None, None)
                if other is not None and showing is not None:
                    lines.append(f"{other_id}: {span(program, other)} {showing.room.label}")
        facts.add_row("Series", "\n".join(lines))
    if session.tags:
        facts.add_row("Tags", ", ".join(session.tags))
    if session.prep:
        facts.add_row("Bring", session.prep)
    facts.add_row("Talk page", session.page or "-")
    if session.slides:
        facts.add_row("Slides", "\n".join(session.slides))
    if session.code:
        facts.add_row("Code", "\n".join(session.code))
    heading = Text.assemble((chosen.id, "bold cyan"), "  ", (session.title, "bold"))
    return Group(heading, facts)


# -- grid --------------------------------------------------------------------------------

_GRID_MIN_COLUMN = 12
_TIME_COLUMN = 6


def day_grid(
    program: Program, width: int, highlight: Iterable[str] = (), day: date | None = None
) -> RenderableType:
    """The day as time x room, like the organiser's table; one slot per block when the terminal is narrow.

    With `day`, only that day's rows (and the rooms used that day).
    """
    marked = {i.upper() for i in highlight}
    rows = _rows(program, day)
    rooms = (
        program.rooms
        if day is None
        else tuple(r for r in program.rooms if any(r.id in c for _, _, c in rows if not isinstance(c, str)))
    )
    if width >= _TIME_COLUMN + len(rooms) * _GRID_MIN_COLUMN:
        return _wide_grid(program, rooms, rows, marked)
    return _narrow_grid(program, rows, marked)


def _cell(session: Session, showing: Showing, marked: set[str], start: datetime) -> Text:
    if session.start < start:
        return Text(f"{showing.id} continues", style="dim")
    if showing != session.showings[0]:
        return Text(f"{showing.id}\nsame talk as {session.showings[0].id}", style="dim")
    picked = any(s.id.upper() in marked for s in session.showings)
    style = "reverse" if picked else ""
    text = Text(f"▶ {showing.id}" if picked else showing.id, style="bold cyan")
    text.append(" ")
    text.append(", ".join(session.speakers), style="bold green")
    text.append("\n")
    text.append(session.title, style=style)
    if session.is_simulcast:
        ids = ", ".join(s.id for s in session.showings)
        text.append(f"\n(same talk in {ids})", style="dim")
    return text


Cells = dict[str, tuple[Session, Showing]]


def _rows(program: Program, day: date | None = None) -> list[tuple[datetime, str, Cells | str]]:
    """Time-ordered rows: each slot start with the sessions in each room then, and the breaks between.

    A session that runs over later slot starts (a long lab) appears again in those rows.
    """
    starts = program.slot_starts
    slots: dict[datetime, Cells] = {start: {} for start in starts}
    for session in program.sessions:
        first = bisect_left(starts, session.start)
        for start in starts[first : bisect_left(starts, session.end)]:
            for showing in session.showings:
                slots[start][showing.room.id] = (session, showing)
    rows: list[tuple[datetime, str, Cells | str]] = [
        (start, program.clock(start), cells) for start, cells in slots.items()
    ]
    rows += [(b.start, program.clock(b.start), b.name) for b in program.breaks]
    rows.sort(key=lambda row: row[0])
    if day is not None:
        zone = program.conference.time_zone
        rows = [row for row in rows if row[0].astimezone(zone).date() == day]
    return rows


def _wide_grid(
    program: Program, rooms: Sequence[Room], rows: list[tuple[datetime, str, Cells | str]], marked: set[str]
) -> Table:
    table = Table(box=box.SQUARE, show_lines=True, pad_edge=False)
    table.add_column("", no_wrap=True)
    for room in rooms:
        seats = f"\n{room.seats} seats" if room.seats is not None else ""
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


def _narrow_grid(program: Program, rows: list[tuple[datetime, str, Cells | str]], marked: set[str]) -> Group:
    blocks: list[RenderableType] = []
    for _, label, content in rows:
        if isinstance(content, str):
            blocks.append(Text.assemble((label, "bold"), "  ", (content, "italic")))
            continue
        blocks.append(Text(label, style="bold"))
        by_session: dict[Session, list[Showing]] = {}
        for session, showing in content.values():
            by_session.setdefault(session, []).append(showing)
        for session, showings in by_session.items():
            blocks.append(_session_block(program, Listing(session, tuple(showings)), marked))
    return Group(*blocks)


# -- JSON --------------------------------------------------------------------------------


def session_json(program: Program, session: Session, showings: Sequence[Showing]) -> dict[str, Any]:
    zone = program.conference.time_zone
    series = program.series_of(session)
    part = program.part_of(session)
    return {
        "id": showings[0].id,
        "session": session.id,
        "title": session.title,
        "speakers": list(session.speakers),
        "co_presenters": list(session.co_presenters),
        "kind": session.kind.value,
        "start": session.start.astimezone(zone).isoformat(),
        "end": session.end.astimezone(zone).isoformat(),
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
    return {
        "id": conference.id,
        "name": conference.name,
        "short_name": conference.short_name,
        "time_zone": conference.time_zone.key,
        "days": [day.isoformat() for day in program.days],
        "url": conference.url,
    }


def to_json(kind: str, program: Program, **payload: Any) -> str:
    """A stable document: schema version, kind, the conference, then the payload; sorted keys."""
    import json

    document = {"schema": JSON_SCHEMA, "kind": kind, "conference": conference_json(program), **payload}
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)


# -- agenda --------------------------------------------------------------------------------


def _move_text(move: Move) -> Text:
    destination = move.destination.room
    if move.kind is MoveKind.STAY:
        return Text(f"stay in {destination.label}", style="dim")
    if move.kind is MoveKind.NEXT_DOOR:
        within = f" within {destination.building.key}" if destination.building.key else ""
        head = f"→ {destination.label}, {move.walk} min{within}"
    else:
        head = f"→ walk {move.origin.room.building.key} → {destination.building.key}, {move.walk} min"
    if move.buffer:
        head += f" + {move.buffer} min buffer"
    style = "red" if move.spare < 0 else ("yellow" if move.spare < TIGHT_SPARE_MINUTES else "dim")
    if move.spare < 0:
        tail = f"; {-move.spare} min short"
    elif move.spare == 0:
        tail = "; 0 min to spare: leave as soon as the Q&A ends"
    else:
        tail = f"; {move.spare} min to spare"
    return Text(head + tail, style=style)


def agenda_timeline(program: Program, plan: Plan) -> RenderableType:
    """The picks in time order, with the move between each two, breaks, and free time."""
    if not plan.picks:
        return Text("Your agenda is empty.")
    pace = f"buffer {plan.pace.buffer} min, walking pace x{plan.pace.factor:g}"
    heading = Text.assemble(
        (f"{program.conference.short_name}: your agenda", "bold"), f" ({len(plan.picks)} sessions; {pace})"
    )
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="bold cyan")
    table.add_column()
    table.add_column(overflow="fold")
    moves_after = {move.origin.id: move for move in plan_moves(program, plan)}
    for pick, next_pick in zip(plan.picks, (*plan.picks[1:], None), strict=True):
        table.add_row(span(program, pick.session), pick.id, pick.room.label, pick.session.title)
        move = moves_after.get(pick.id)
        if move is not None:
            table.add_row("", "", "", _move_text(move))
        if next_pick is not None:
            for start, end, label in _between(program, pick.end, next_pick.start):
                table.add_row(program.span(start, end), "", "", Text(label, style="italic"))
    return Group(heading, table)


def plan_moves(program: Program, plan: Plan) -> list[Move]:
    return moves(program, plan.picks, plan.pace)


def _between(program: Program, start: datetime, end: datetime) -> list[tuple[datetime, datetime, str]]:
    """Breaks and free time from `start` to `end`: (start, end, label) in time order.

    Free time is any stretch outside the breaks in which some session starts.
    """
    breaks = sorted((b for b in program.breaks if b.start < end and b.end > start), key=lambda b: b.start)
    rows = [(b.start, b.end, b.name) for b in breaks if start <= b.start and b.end <= end]
    cursor, stretches = start, []
    for one in breaks:
        if one.start > cursor:
            stretches.append((cursor, one.start))
        cursor = max(cursor, one.end)
    if cursor < end:
        stretches.append((cursor, end))
    starts = program.slot_starts
    for low, high in stretches:
        index = bisect_left(starts, low)
        if index < len(starts) and starts[index] < high:
            rows.append((starts[index], high, "free"))
    rows.sort(key=lambda row: row[0])
    return rows


def move_json(move: Move) -> dict[str, Any]:
    return {
        "from": move.origin.id,
        "to": move.destination.id,
        "kind": move.kind.value,
        "walk_minutes": move.walk,
        "gap_minutes": move.gap,
        "buffer_minutes": move.buffer,
        "spare_minutes": move.spare,
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "level": problem.level.value,
        "code": problem.code,
        "message": problem.message,
        "ids": list(problem.ids),
    }


def plan_json(program: Program, plan: Plan) -> dict[str, Any]:
    return {
        "picks": [session_json(program, pick.session, (pick.showing,)) for pick in plan.picks],
        "moves": [move_json(move) for move in plan_moves(program, plan)],
        "problems": [problem_json(problem) for problem in plan.problems],
        "options": {"buffer": plan.pace.buffer, "pace": plan.pace.factor},
    }


# -- now -----------------------------------------------------------------------------------


def now_view(program: Program, situation: Situation, width: int) -> RenderableType:
    """One line for where the day stands, what runs and starts next, and the attendee's next move."""
    from dlcat_cli.day import Phase

    zone = program.conference.time_zone
    moment = situation.moment.astimezone(zone)
    stamp = f"{moment:%Y-%m-%d %H:%M} {moment:%Z}"
    parts: list[RenderableType] = []
    if situation.phase is Phase.AFTER:
        end = max(s.end for s in program.sessions).astimezone(zone) if program.sessions else moment
        parts.append(
            Text(f"{stamp}: {program.conference.short_name} is over; it ended {end:%Y-%m-%d %H:%M}.")
        )
        return Group(*parts)
    if situation.phase is Phase.BEFORE and situation.next_start is not None:
        start = situation.next_start.astimezone(zone)
        days = (start.date() - moment.date()).days
        when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
        parts.append(Text(f"{stamp}: {program.conference.short_name} starts {when}, {start:%Y-%m-%d %H:%M}."))
    elif situation.phase is Phase.RUNNING:
        parts.append(Text(f"{stamp}: on now", style="bold"))
        parts.append(sessions_view(program, [Listing(s, s.showings) for s in situation.running], width))
    else:
        why = (
            f"{situation.pause.name} until {program.clock(situation.pause.end)}"
            if situation.pause
            else "a break"
        )
        parts.append(Text(f"{stamp}: {why}.", style="bold"))
    if situation.starting_next and situation.next_start is not None:
        parts.append(Text(f"Next, at {program.clock(situation.next_start)}:", style="bold"))
        listings = [Listing(s, s.showings) for s in situation.starting_next]
        parts.append(sessions_view(program, listings, width))
    parts.extend(_your_next(program, situation))
    return Group(*parts)


def _your_next(program: Program, situation: Situation) -> list[Text]:
    lines = []
    here = situation.current
    if here is not None:
        lines.append(
            Text(f"You are in {here.id} ({here.room.label}) until {program.clock(here.end)}.", style="bold")
        )
    pick = situation.upcoming
    if pick is None or situation.leave_by is None:
        return lines
    line = Text(
        f"Your next: {pick.id} at {program.clock(pick.start)} in {pick.room.label}", style="bold green"
    )
    line.append(f" ({pick.session.title})")
    move = situation.move
    if move is not None and move.kind is MoveKind.STAY:
        line.append("; stay where you are.")
    else:
        how = _move_text(move).plain.lstrip("→ ").split(";")[0] if move is not None else "be in the room"
        late = int((situation.moment - situation.leave_by).total_seconds() // 60)
        leave = f"{'leave' if move is not None else 'arrive'} by {program.clock(situation.leave_by)}"
        if late > 0:
            leave += f": that was {late} min ago, go now"
        line.append(f"; {how}: {leave}.")
    lines.append(line)
    return lines


def now_json(program: Program, situation: Situation) -> dict[str, Any]:
    zone = program.conference.time_zone

    def iso(moment: datetime | None) -> str | None:
        return moment.astimezone(zone).isoformat() if moment is not None else None

    return {
        "at": iso(situation.moment),
        "phase": situation.phase.name.lower(),
        "break": situation.pause.name if situation.pause else None,
        "running": [session_json(program, s, s.showings) for s in situation.running],
        "next_start": iso(situation.next_start),
        "starting_next": [session_json(program, s, s.showings) for s in situation.starting_next],
        "current": situation.current.id if situation.current else None,
        "upcoming": situation.upcoming.id if situation.upcoming else None,
        "move": move_json(situation.move) if situation.move else None,
        "leave_by": iso(situation.leave_by),
    }


# -- plan --like -----------------------------------------------------------------------------


def choice_view(choice: Choice) -> RenderableType:
    """Why this agenda: the interests, the points, and for each choice the best alternative and why it lost."""
    lines = [
        Text.assemble(
            ("Best agenda for ", "bold"),
            (", ".join(choice.interests), "bold green"),
            f": {choice.points} interest point{'' if choice.points == 1 else 's'} (one per interest a session matches)",
        )
    ]
    for reason in choice.reasons:
        if reason.chosen is None:
            lines.append(Text(f"  left out {reason.alternative}: {reason.because}", style="dim"))
        else:
            lines.append(Text(f"  {reason.chosen} over {reason.alternative}: {reason.because}"))
    return Group(*lines)


def choice_json(choice: Choice) -> dict[str, Any]:
    return {
        "interests": list(choice.interests),
        "points": choice.points,
        "reasons": [
            {"chosen": r.chosen, "alternative": r.alternative, "because": r.because} for r in choice.reasons
        ],
    }
