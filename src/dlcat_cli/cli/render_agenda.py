"""What dlcat shows about an agenda: the timeline with its walks, the day's situation, why --like chose.

Kept apart from render.py so that a plain listing never imports the planner.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dlcat_cli.cli.render import counted, session_json, sessions_view, span
from dlcat_cli.cli.terminal import visible
from dlcat_cli.core.agenda import PlanRefused, SavedPick
from dlcat_cli.core.model import Program
from dlcat_cli.core.planner import Level, Plan, Problem
from dlcat_cli.core.review import Checked, Mark
from dlcat_cli.core.rules import Move, MoveKind, Verdict
from dlcat_cli.core.search import Listing

if TYPE_CHECKING:
    from dlcat_cli.core.optimize import Choice
    from dlcat_cli.core.situation import Situation


# -- agenda --------------------------------------------------------------------------------


def _move_text(move: Move) -> Text:
    if move.kind is MoveKind.STAY:
        return Text(f"stay in {move.destination.room.label}", style="dim")
    verdict = move.verdict
    style = {Verdict.IMPOSSIBLE: "red", Verdict.LATE: "yellow", Verdict.TIGHT: "yellow"}.get(verdict, "dim")
    if verdict is Verdict.LATE:
        tail = f"; you will be {move.late} min late"
    elif move.spare < 0:
        tail = f"; {-move.spare} min short"
    elif move.spare == 0:
        tail = "; 0 min to spare: leave as soon as the Q&A ends"
    else:
        tail = f"; {move.spare} min to spare"
    return Text(f"→ {_move_head(move)}{tail}", style=style)


def _move_head(move: Move) -> str:
    """`walk UST → ETRI, 10 min + 5 min buffer`: where to and how long, for a move out of the room."""
    destination = move.destination.room
    if move.kind is MoveKind.NEXT_DOOR:
        within = f" within {destination.building.key}" if destination.building.key else ""
        head = f"{destination.label}, {move.walk} min{within}"
    else:
        head = f"walk {move.origin.room.building.key} → {destination.building.key}, {move.walk} min"
    return head + (f" + {move.buffer} min buffer" if move.buffer else "")


def agenda_timeline(
    program: Program,
    plan: Plan,
    *,
    marks: Mapping[str, Sequence[Mark]] | None = None,
    removed: Sequence[SavedPick] = (),
) -> RenderableType:
    """The picks in time order, with the move between each two, breaks, and free time.

    An agenda over several conference days has a heading per day; nothing is shown across a night
    (no free time, no walk). `marks` (dlcat agenda) puts each problem on the line under its session, `✗`
    for an error and `!` for a warning, so they show without colour; `removed` are saved picks the program
    no longer has, listed after the days at their saved times.
    """
    marks = marks or {}
    if not plan.picks and not removed:
        return Text("Your agenda is empty.")
    pace = f"buffer {plan.pace.buffer} min, walking pace x{plan.pace.factor:g}" + (
        "" if plan.pace.buffer else f", late at most {plan.pace.late} min"
    )
    heading = Text.assemble(
        (f"{program.conference.short_name}: your agenda", "bold"),
        f" ({counted(len(plan.picks) + len(removed), 'session')}; {pace})",
    )
    moves_after = {move.origin.id: move for move in plan.moves}
    days: dict[int | None, list[tuple[RenderableType, ...]]] = {}
    for pick, next_pick in zip(plan.picks, (*plan.picks[1:], None)[: len(plan.picks)], strict=True):
        rows = days.setdefault(pick.session.day, [])
        rows.append((span(program, pick.session), pick.id, pick.room.label, pick.session.title))
        rows += _mark_rows(marks.get(pick.id, ()))
        move = moves_after.get(pick.id)
        if move is not None:
            rows.append(("", "", "", _move_text(move)))
        if next_pick is not None and next_pick.session.day == pick.session.day:
            for start, end, label in _between(program, pick.end, next_pick.start):
                rows.append((program.span(start, end), "", "", Text(label, style="italic")))
    labels = {room.id: room.label for room in program.rooms}
    for gone in removed:  # None: the heading of picks the program no longer has
        rows = days.setdefault(None, [])
        # As saved, maybe edited by hand: escaped before the table measures it, and Text, never markup.
        shown = (visible(one) for one in (gone.id, labels.get(gone.room, gone.room), gone.title))
        rows.append((program.span(*gone.span), *map(Text, shown)))
        rows += _mark_rows(marks.get(gone.id, ()))
    # One table a day, its first three columns as wide as the widest of any day, so the days line up.
    widths = [max(cell_len(str(row[i])) for rows in days.values() for row in rows) for i in range(3)]
    parts: list[RenderableType] = [heading]
    several = len([number for number in days if number is not None]) > 1
    for number, rows in days.items():
        title = "No longer in the program" if number is None else _day_heading(program, number)
        if number is None or several:
            parts.append(Text(("\n" if len(parts) > 1 else "") + title, style="bold"))
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column(no_wrap=True, min_width=widths[0])
        table.add_column(no_wrap=True, style="bold cyan", min_width=widths[1])
        table.add_column(min_width=widths[2])
        table.add_column(overflow="fold")
        for row in rows:
            table.add_row(*row)
        parts.append(table)
    return Group(*parts)


def _mark_rows(marks: Sequence[Mark]) -> list[tuple[RenderableType, ...]]:
    """A row under a session for each of its marks: `✗ clash with C11` (red), `! tight walk from B10`."""
    rows: list[tuple[RenderableType, ...]] = []
    for mark in marks:
        error = mark.level is Level.ERROR
        text = Text(f"{'✗' if error else '!'} {visible(mark.label)}", style="red" if error else "yellow")
        rows.append(("", "", "", text))
    return rows


def _day_heading(program: Program, number: int) -> str:
    """`Day 2, 2024-12-28 (Sat)`: conference day `number`, as the program numbers and dates it."""
    day = program.day_numbered(number)
    return f"Day {number}" + (f", {day.date:%Y-%m-%d (%a)}" if day is not None else "")


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
        "late_minutes": move.late,
        "verdict": move.verdict.value,
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "level": problem.level.value,
        "code": problem.code.value,
        "message": problem.message,
        "ids": list(problem.ids),
    }


def checked_json(program: Program, checked: Checked) -> dict[str, Any]:
    """`dlcat agenda --json`: the plan's document, its problems those of the whole saved agenda; each pick
    with its `marks`, and `removed`: the saved picks the program no longer has, with theirs."""
    document = plan_json(program, checked.plan)
    document["problems"] = [problem_json(problem) for problem in checked.problems]

    def marked(one: str) -> list[dict[str, str]]:
        return [
            {"level": m.level.value, "code": m.code.value, "label": m.label}
            for m in checked.marks.get(one, ())
        ]

    for pick, entry in zip(checked.plan.picks, document["picks"], strict=True):
        entry["marks"] = marked(pick.id)
    document["removed"] = [{**gone._asdict(), "marks": marked(gone.id)} for gone in checked.removed]
    document["changes"] = [
        {"id": change.id, "kind": change.kind.value, "message": change.message} for change in checked.changes
    ]
    return document


def plan_json(program: Program, plan: Plan) -> dict[str, Any]:
    return {
        "picks": [session_json(program, pick.session, (pick.showing,)) for pick in plan.picks],
        "moves": [move_json(move) for move in plan.moves],
        "problems": [problem_json(problem) for problem in plan.problems],
        "options": {"buffer": plan.pace.buffer, "pace": plan.pace.factor, "late": plan.pace.late},
    }


def report_problems(program: Program, picks: Sequence[object], problems: Sequence[Problem]) -> None:
    """On stderr: the program's walking note (when there are picks), each warning, then each error."""
    from dlcat_cli.cli.render import make_console

    err = make_console(stderr=True)
    if program.walking.note and picks:
        err.print(f"note: {program.walking.note}", soft_wrap=True)
    for problem in problems:
        if problem.level is Level.WARNING:
            err.print(f"warning: {problem.message}", soft_wrap=True, style="yellow")
    for problem in problems:
        if problem.level is Level.ERROR:
            err.print(f"dlcat: {problem.message}", soft_wrap=True, style="red")


def report_refused(refusal: PlanRefused, *, as_json: bool) -> None:
    """The one report of a refused plan, made by cli.app's edge before it exits 1: with --json the
    document on stdout, then every problem and the line that says what was not done."""
    import typer

    from dlcat_cli.cli.render import make_console, to_json

    program, result = refusal.program, refusal.plan
    if as_json:
        typer.echo(to_json("agenda", program, saved=False, path="", **plan_json(program, result)))
    report_problems(program, result.picks, result.problems)
    make_console(stderr=True).print(str(refusal), soft_wrap=True)


# -- now -----------------------------------------------------------------------------------


def now_view(program: Program, situation: Situation, width: int) -> RenderableType:
    """One line for where the day stands, what runs and starts next, and the attendee's next move."""
    from dlcat_cli.core.situation import Phase

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
    elif situation.phase is Phase.DAY_OVER:
        parts.append(Text(f"{stamp}: the day's sessions are over.", style="bold"))
    elif situation.phase is Phase.DAY_AHEAD and situation.next_start is not None:
        parts.append(Text(f"{stamp}: the day starts at {program.clock(situation.next_start)}.", style="bold"))
    else:
        pause = situation.pause
        why = f"{pause.name} until {program.clock(pause.end)}" if pause else "a break"
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
    if here is not None and situation.arriving is not None:
        late = int((situation.arriving - here.start).total_seconds() // 60)
        lines.append(
            Text(
                f"You are on the way to {here.id} ({here.room.label}): in at {program.clock(situation.arriving)}, "
                f"{late} min after it starts; it runs until {program.clock(here.end)}.",
                style="bold",
            )
        )
    elif here is not None:
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
        how = _move_head(move) if move is not None else "be in the room"
        late = int((situation.moment - situation.leave_by).total_seconds() // 60)
        leave = f"{'leave' if move is not None else 'arrive'} by {program.clock(situation.leave_by)}"
        if late > 0:
            leave += f": that was {late} min ago, go now"
        if situation.late:
            leave += f"; you will be {situation.late} min late"
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
        "arriving": iso(situation.arriving),
        "late_minutes": situation.late,
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
    on = f" on day {choice.day}" if choice.day is not None else ""
    lines += [Text(f"  {interest!r} matches no session{on}", style="yellow") for interest in choice.unmatched]
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
        "unmatched": list(choice.unmatched),
        "reasons": [
            {"chosen": r.chosen, "alternative": r.alternative, "because": r.because} for r in choice.reasons
        ],
    }
