"""What dlcat shows about an agenda: the timeline with its walks, the day's situation, why --like chose.

Kept apart from render.py so that a plain listing never imports the planner.
"""

from __future__ import annotations

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
from dlcat_cli.core.model import Program, Session
from dlcat_cli.core.planner import Level, Plan, Problem
from dlcat_cli.core.review import Checked, Mark
from dlcat_cli.core.rules import Move, MoveKind, Verdict
from dlcat_cli.core.search import Listing
from dlcat_cli.core.situation import gaps
from dlcat_cli.errors import Echo
from dlcat_cli.i18n import N_, _, clock_text, language, moment_text, said, shown

if TYPE_CHECKING:
    from dlcat_cli.core.optimize import Choice
    from dlcat_cli.core.situation import Situation


# -- agenda --------------------------------------------------------------------------------


def _move_text(move: Move) -> Text:
    """The line under a session for the move to the next: `→ walk UST → ETRI, 10 min; 7 min to spare`."""
    if move.kind is MoveKind.STAY:
        return Text(_("stay in {room}").format(room=move.destination.room.label), style="dim")
    verdict = move.verdict
    style = {Verdict.IMPOSSIBLE: "red", Verdict.LATE: "yellow", Verdict.TIGHT: "yellow"}.get(verdict, "dim")
    head = _move_head(move)
    if verdict is Verdict.LATE:
        line = _("→ {move}; you will be {late} min late").format(move=head, late=move.late)
    elif move.spare < 0:
        line = _("→ {move}; {short} min short").format(move=head, short=-move.spare)
    elif move.spare == 0:
        line = _("→ {move}; 0 min to spare: leave as soon as the Q&A ends").format(move=head)
    else:
        line = _("→ {move}; {spare} min to spare").format(move=head, spare=move.spare)
    return Text(line, style=style)


def _move_head(move: Move) -> str:
    """`walk UST → ETRI, 10 min + 5 min buffer`: where to and how long, for a move out of the room."""
    destination = move.destination.room
    fields = {"room": destination.label, "walk": move.walk, "buffer": move.buffer}
    if move.kind is MoveKind.NEXT_DOOR and destination.building.key:
        key = "within_buffer" if move.buffer else "within"
        fields["building"] = destination.building.key
    elif move.kind is MoveKind.NEXT_DOOR:
        key = "next_door_buffer" if move.buffer else "next_door"
    else:
        key = "walk_buffer" if move.buffer else "walk"
        fields.update(origin=move.origin.room.building.key, building=destination.building.key)
    return said(_SAID_MOVE[key], **fields)


# The head of a move's line, each a whole phrase (issue 15, point 1), with and without a buffer.
_SAID_MOVE = {
    "within": N_("{room}, {walk} min within {building}"),
    "within_buffer": N_("{room}, {walk} min within {building} + {buffer} min buffer"),
    "next_door": N_("{room}, {walk} min"),
    "next_door_buffer": N_("{room}, {walk} min + {buffer} min buffer"),
    "walk": N_("walk {origin} → {building}, {walk} min"),
    "walk_buffer": N_("walk {origin} → {building}, {walk} min + {buffer} min buffer"),
}


def _heading(program: Program, plan: Plan, count: int) -> Text:
    """`2nd DLCAT: your agenda (3 sessions; buffer 0 min, walking pace x1, late at most 5 min)`."""
    pace = plan.pace
    fields = {"buffer": pace.buffer, "factor": f"{pace.factor:g}", "late": pace.late}
    if pace.buffer:
        settings = _("buffer {buffer} min, walking pace x{factor}").format(**fields)
    else:
        settings = _("buffer {buffer} min, walking pace x{factor}, late at most {late} min").format(**fields)
    return Text.assemble(
        (_("{conference}: your agenda").format(conference=program.conference.short_name), "bold"),
        f" ({counted(count, 'session')}; {settings})",
    )


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
        return Text(_("Your agenda is empty."))
    heading = _heading(program, plan, len(plan.picks) + len(removed))
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
            for gap in gaps(program, pick.end, next_pick.start):
                label = gap.pause.name if gap.pause is not None else _("free")
                rows.append((program.span(gap.start, gap.end), "", "", Text(label, style="italic")))
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
        title = _("No longer in the program") if number is None else _day_heading(program, number)
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
        label = visible(shown(mark.label))
        text = Text(f"{'✗' if error else '!'} {label}", style="red" if error else "yellow")
        rows.append(("", "", "", text))
    return rows


def _day_heading(program: Program, number: int) -> str:
    """`Day 2, 2024-12-28 (Sat)`: conference day `number`, as the program numbers and dates it."""
    from dlcat_cli import i18n

    day = program.day_numbered(number)
    if day is None:
        return _("Day {number}").format(number=number)
    return _("Day {number}, {date}").format(number=number, date=i18n.day_text(day.date))


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
        {"id": change.was.id, "kind": change.kind.value, "message": change.message}
        for change in checked.changes
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
        err.print(_("note: {note}").format(note=program.walking.note), soft_wrap=True)
    for problem in problems:
        if problem.level is Level.WARNING:
            err.print(
                _("warning: {message}").format(message=shown(problem.message)), soft_wrap=True, style="yellow"
            )
    for problem in problems:
        if problem.level is Level.ERROR:
            err.print(f"dlcat: {shown(problem.message)}", soft_wrap=True, style="red")


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

# The clauses of `now`'s first line, each a whole statement with named fields, so that a catalogue can
# translate each one (issue 15, point 1); the line joins them with "; " and begins with a capital.
_SAID = {
    "over": N_("{conference} is over; it ended {end}."),
    "starts_today": N_("{conference} starts today at {start}"),
    "starts_tomorrow": N_("{conference} starts tomorrow, {start}"),
    "starts_in_days": N_("{conference} starts in {days} days, {start}"),
    "day_over": N_("the day's sessions are over"),
    "day_ahead": N_("the day starts at {start}"),
    "in_pick": N_("in {id} ({room}) until {end}"),
    "on_the_way": N_(
        "on the way to {id} ({room}): in at {arriving}, {late} min after it starts; it runs until {end}"
    ),
    "pause_now": N_("{name} until {end}"),
    "pause_later": N_("{name} {span}"),
    "free_now": N_("free until {end}"),
    "free_later": N_("free {span}"),
    "changeover": N_("break until {end}"),
    "on_now": N_("on now until {end}: {ids}"),
    "next_stay": N_("next {id} at {start} in {room}: stay in the room"),
    "next_back": N_("next {id} at {start} in {room}, where {previous} was: be there by {by}"),
    "next_be_there": N_("next {id} at {start} in {room}: be there by {by}"),
    "next_walk": N_("next {id} at {start} in {room}: walk {origin} → {building}, {walk} min, leave by {by}"),
    "next_door": N_("next {id} at {start} in {room}: {walk} min within {building}, leave by {by}"),
    "missed": N_("that was {ago} min ago, go now"),
    "you_will_be_late": N_("you will be {late} min late"),
    "next_on_day": N_("your next pick is {id} at {when} in {room}"),
    "none_left_after": N_("none of your picks is left ({previous} was the last)"),
    "none_left": N_("none of your picks is left"),
    "next_start": N_("next at {start}: {ids}"),
    "ids_and_more": N_("{ids} and {more} more"),
    "on_at": N_("{moment}: on now"),
    "next_at": N_("Next, at {start}:"),
    "no_agenda": N_(
        "no saved agenda (`dlcat plan --pick {example}` makes one, and then this says where to go)"
    ),
}


def _clock(program: Program, moment: datetime) -> str:
    """A time in a sentence: the program's clock (`13:00`, `01:15 EST`); in Korean `오후 1:00` where the
    program's clock is a plain time of day."""
    plain = program.clock(moment)
    local = moment.astimezone(program.conference.time_zone)
    return clock_text(local) if language() == "ko" and plain == f"{local:%H:%M}" else plain


def _span(program: Program, start: datetime, end: datetime) -> str:
    """A span in a sentence: the program's (`13:00–15:00`); in Korean in the sentence's clock, `오후 1:00–오후 3:00`."""
    plain = program.span(start, end)
    if language() == "ko" and plain == f"{program.clock(start)}–{program.clock(end)}":
        return f"{_clock(program, start)}–{_clock(program, end)}"
    return plain


def _when(local: datetime) -> str:
    """A day and time in a sentence, in the conference's zone: `2019-07-04 10:00`, `7월 4일 (목) 오전 10:00`."""
    return moment_text(local) if language() == "ko" else f"{local:%Y-%m-%d %H:%M}"


def now_line(program: Program, situation: Situation) -> str:
    """The first line of `now`, and all of `now --short`: where next and when to leave, after what the
    attendee is in now (a pick, a break, free time); at lunch or in a gap, what the gap is and what follows:
    `점심시간 (lunch) until 13:00; free 13:00–15:00; next E15 at 15:00 in ETRI 224호 중회의실, ...`."""
    from dlcat_cli.core.situation import Phase

    zone = program.conference.time_zone
    conference = program.conference.short_name
    if situation.phase is Phase.AFTER:
        last = max(s.end for s in program.sessions) if program.sessions else situation.moment
        return said(_SAID["over"], conference=conference, end=_when(last.astimezone(zone)))
    clauses = [*_where_now(program, situation), *_what_next(program, situation)]
    line = "; ".join(clauses) + "."
    return line[:1].upper() + line[1:]


def _where_now(program: Program, situation: Situation) -> list[str]:
    """The clauses for what the attendee is in now: the conference ahead, a pick, a break, free time."""
    from dlcat_cli.core.situation import GapKind, Phase

    zone = program.conference.time_zone
    conference = program.conference.short_name
    phase, here = situation.phase, situation.current
    if phase is Phase.BEFORE and situation.next_start is not None:
        start = situation.next_start.astimezone(zone)
        days = (start.date() - situation.moment.astimezone(zone).date()).days
        if days == 0:
            return [said(_SAID["starts_today"], conference=conference, start=_clock(program, start))]
        key = "starts_tomorrow" if days == 1 else "starts_in_days"
        return [said(_SAID[key], conference=conference, days=days, start=_when(start))]
    if phase is Phase.DAY_OVER:
        return [said(_SAID["day_over"])]
    if phase is Phase.DAY_AHEAD and situation.next_start is not None:
        return [said(_SAID["day_ahead"], start=_clock(program, situation.next_start))]
    if here is not None and situation.arriving is not None:
        late = int((situation.arriving - here.start).total_seconds() // 60)
        fields = {"id": here.id, "room": here.room.label, "end": _clock(program, here.end), "late": late}
        return [said(_SAID["on_the_way"], arriving=_clock(program, situation.arriving), **fields)]
    if here is not None:
        return [said(_SAID["in_pick"], id=here.id, room=here.room.label, end=_clock(program, here.end))]
    if situation.upcoming is None and situation.previous is None and phase is Phase.RUNNING:
        ids = _some_ids(situation.running)
        first_end = min(s.end for s in situation.running)
        return [said(_SAID["on_now"], end=_clock(program, first_end), ids=ids)]
    clauses = []
    for number, gap in enumerate(situation.gaps):
        end, span = _clock(program, gap.end), _span(program, gap.start, gap.end)
        if gap.kind is GapKind.BREAK and gap.pause is not None:
            key = "pause_now" if number == 0 else "pause_later"
            clauses.append(said(_SAID[key], name=gap.pause.name, end=end, span=span))
        elif gap.kind is GapKind.FREE:
            clauses.append(said(_SAID["free_now" if number == 0 else "free_later"], end=end, span=span))
        elif number == 0:
            clauses.append(said(_SAID["changeover"], end=end))
    return clauses


def _what_next(program: Program, situation: Situation) -> list[str]:
    """The clauses for where the attendee goes next and when to leave (or what starts next, with no agenda)."""
    from dlcat_cli.core.agenda import example_ids

    pick, previous = situation.upcoming, situation.previous
    if pick is None:
        if previous is None and situation.current is None:
            if situation.next_start is None:
                return []
            ids = _some_ids(situation.starting_next)
            start = _clock(program, situation.next_start)
            return [
                said(_SAID["next_start"], start=start, ids=ids),
                said(_SAID["no_agenda"], example=example_ids(program)),
            ]
        last = situation.current or previous
        return [said(_SAID["none_left_after"], previous=last.id) if last else said(_SAID["none_left"])]
    fields = {"id": pick.id, "start": _clock(program, pick.start), "room": pick.room.label}
    on = program.day_at(situation.moment)
    if on is None or on.number != pick.session.day:  # the next pick is on another conference day
        when = _when(pick.start.astimezone(program.conference.time_zone))
        return [said(_SAID["next_on_day"], when=when, **fields)]
    assert situation.leave_by is not None  # an upcoming pick always has a time to leave by
    by = _clock(program, situation.leave_by)
    move = situation.move
    if move is None:
        return [said(_SAID["next_be_there"], by=by, **fields)]
    if move.kind is MoveKind.STAY:
        if not gaps(program, move.origin.end, pick.start):  # nothing between the two but a changeover
            return [said(_SAID["next_stay"], **fields)]
        return [said(_SAID["next_back"], previous=move.origin.id, by=by, **fields)]
    walk = {"walk": move.walk, "building": pick.room.building.key, "origin": move.origin.room.building.key}
    key = "next_door" if move.kind is MoveKind.NEXT_DOOR else "next_walk"
    clauses = [said(_SAID[key], by=by, **walk, **fields)]
    ago = int((situation.moment - situation.leave_by).total_seconds() // 60)
    if ago > 0:
        clauses.append(said(_SAID["missed"], ago=ago))
    if situation.late:
        clauses.append(said(_SAID["you_will_be_late"], late=situation.late))
    return clauses


_MOST_IDS = 8  # ids named in now's first line; a program of 72 rooms would fill a screen


def _some_ids(sessions: Sequence[Session]) -> str:
    """`A10, B10, C10`: the sessions' ids, at most _MOST_IDS of them and how many more."""
    ids = ", ".join(s.showings[0].id for s in sessions[:_MOST_IDS])
    if len(sessions) <= _MOST_IDS:
        return ids
    return said(_SAID["ids_and_more"], ids=ids, more=len(sessions) - _MOST_IDS)


def now_view(program: Program, situation: Situation, width: int) -> RenderableType:
    """What `now` shows below its first line (now_line): the next pick's title, the moment and what runs
    at it, and what starts next."""
    from dlcat_cli.core.situation import Phase

    zone = program.conference.time_zone
    moment = situation.moment.astimezone(zone)
    parts: list[RenderableType] = []
    pick = situation.upcoming
    if pick is not None:
        parts.append(Text(f"{pick.id}: {pick.session.title}"))
    stamp = f"{_when(moment)} {moment:%Z}"
    if situation.phase is Phase.AFTER:
        return Group(*parts)
    if situation.phase is Phase.RUNNING:
        parts.append(Text(said(_SAID["on_at"], moment=stamp), style="bold"))
        parts.append(sessions_view(program, [Listing(s, s.showings) for s in situation.running], width))
    else:
        parts.append(Text(stamp, style="bold"))
    if situation.starting_next and situation.next_start is not None:
        parts.append(Text(said(_SAID["next_at"], start=_clock(program, situation.next_start)), style="bold"))
        listings = [Listing(s, s.showings) for s in situation.starting_next]
        parts.append(sessions_view(program, listings, width))
    return Group(*parts)


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
        "previous": situation.previous.id if situation.previous else None,
        "gaps": [
            {
                "kind": gap.kind.name.lower(),
                "start": iso(gap.start),
                "end": iso(gap.end),
                "break": gap.pause.name if gap.pause else None,
            }
            for gap in situation.gaps
        ],
    }


# -- plan --like -----------------------------------------------------------------------------


def choice_view(choice: Choice) -> RenderableType:
    """Why this agenda: the interests, the points, and for each choice the best alternative and why it lost."""
    interests = ", ".join(choice.interests)
    if choice.points == 1:
        points = _("1 interest point (one per interest a session matches)")
    else:
        points = _("{points} interest points (one per interest a session matches)").format(
            points=choice.points
        )
    title, _interests, tail = _("Best agenda for {interests}: {points}").partition("{interests}")
    lines = [Text.assemble((title, "bold"), (interests, "bold green"), tail.format(points=points))]
    for interest in choice.unmatched:
        if choice.day is None:
            unmatched = _("{interest!r} matches no session").format(interest=Echo(interest))
        else:
            unmatched = _("{interest!r} matches no session on day {day}").format(
                interest=Echo(interest), day=choice.day
            )
        lines.append(Text(f"  {unmatched}", style="yellow"))
    for reason in choice.reasons:
        fields = {
            "chosen": reason.chosen,
            "alternative": reason.alternative,
            "because": shown(reason.because),
        }
        if reason.chosen is None:
            lines.append(Text("  " + _("left out {alternative}: {because}").format(**fields), style="dim"))
        else:
            lines.append(Text("  " + _("{chosen} over {alternative}: {because}").format(**fields)))
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
