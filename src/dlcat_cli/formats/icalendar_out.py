"""Agenda -> icalendar.Calendar (RFC 5545 with RFC 7986's NAME). Builds the calendar; writes nothing.

Times stay in the conference's zone (DTSTART;TZID=...), with a VTIMEZONE that icalendar generates
from the tz database for just the years the events need. A talk's UID names the talk within the
conference, not the room, so a re-export after moving from A17 to D17 updates the one event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from dlcat_cli.core.model import Program, Session
from dlcat_cli.core.planner import Plan
from dlcat_cli.core.rules import Move, MoveKind, Pick
from dlcat_cli.formats.store import Exported

PRODID = "-//dlcat//dlcat agenda//EN"


def to_icalendar(
    program: Program,
    plan: Plan,
    *,
    sequence: int,
    stamp: datetime,
    alarm_minutes: int | None = None,
    walks: bool = False,
    cancelled: Sequence[Exported] = (),
) -> Calendar:
    """The agenda as a calendar to publish: one VEVENT per pick, one per walk if asked, and for each session
    exported before that is no longer in the agenda (`cancelled`) the same UID with STATUS:CANCELLED, so
    that a calendar that imported it removes it (RFC 5546: a higher SEQUENCE wins)."""
    conference = program.conference
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"{conference.short_name}: my agenda"
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", conference.time_zone.key)
    after = {move.origin.id: move for move in plan.moves}
    for pick in plan.picks:
        calendar.add_component(_event(program, pick, after.get(pick.id), sequence, stamp, alarm_minutes))
    if walks:
        for move in plan.moves:
            if move.kind is MoveKind.WALK:
                calendar.add_component(_walk(program, move, sequence, stamp))
    for gone in cancelled:
        calendar.add_component(_cancelled(gone, sequence, stamp))
    if plan.picks:
        zone = conference.time_zone
        first = min(p.start for p in plan.picks).astimezone(zone).date()
        last = max(p.end for p in plan.picks).astimezone(zone).date()
        calendar.add_missing_timezones(first_date=first, last_date=last + timedelta(days=1))
    return calendar


def exported(program: Program, plan: Plan) -> tuple[Exported, ...]:
    """What an export of `plan` writes, to remember until the next one."""
    return tuple(
        Exported(uid_for(program, pick.session), pick.session.title, pick.start, pick.end)
        for pick in plan.picks
    )


def _cancelled(gone: Exported, sequence: int, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", gone.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED")
    event.add("dtstart", gone.start.astimezone(UTC))
    event.add("dtend", gone.end.astimezone(UTC))
    event.add("summary", f"Cancelled: {gone.title}")
    return event


def uid_for(program: Program, session: Session) -> str:
    return f"{session.id}@{program.conference.id}.dlcat"


def _event(
    program: Program, pick: Pick, move: Move | None, sequence: int, stamp: datetime, alarm_minutes: int | None
) -> Event:
    session, room = pick.session, pick.room
    zone = program.conference.time_zone
    event = Event()
    event.add("uid", uid_for(program, session))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", _written(session.start, zone))
    event.add("dtend", _written(session.end, zone))
    event.add("summary", session.title)
    event.add("location", location(pick))
    event.add("description", description(program, pick, move))
    if session.page:
        event.add("url", session.page)
    if session.tags:
        event.add("categories", list(session.tags))
    if alarm_minutes is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{session.title} at {room.label}")
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        event.add_component(alarm)
    return event


def location(pick: Pick) -> str:
    """`UST 사이언스홀 (B-USTsci), UST 과학기술연합대학원대학교, 대전광역시 유성구 가정로 217`."""
    room, building = pick.room, pick.room.building
    parts = [f"{room.label} ({room.code})" if room.code != room.id else room.label, building.label]
    if building.address:
        parts.append(building.address)
    return ", ".join(parts)


def description(program: Program, pick: Pick, move: Move | None) -> str:
    session, room = pick.session, pick.room
    lines = [
        f"Speakers: {', '.join(session.speakers)}" if session.speakers else "",
        f"With: {', '.join(session.co_presenters)}" if session.co_presenters else "",
        f"Room: {pick.id}, {room.code} {room.label}" + (f", {room.seats} seats" if room.seats else ""),
        f"Kind: {session.kind.value}",
    ]
    part = program.part_of(session)
    series = program.series_of(session)
    if part is not None and series is not None:
        lines.append(f"Part {part[0]} of {part[1]}: {series.title}")
    if session.is_simulcast:
        others = ", ".join(s.id for s in session.showings if s != pick.showing)
        lines.append(f"Also shown at the same time in {others}")
    if session.prep:
        lines.append(f"Bring: {session.prep}")
    if move is not None and move.kind is not MoveKind.STAY:
        lines.append(
            f"Next: {move.destination.id} in {move.destination.room.label}, "
            f"{move.walk} min walk, "
            + (f"you will be {move.late} min late" if move.late else f"{move.spare} min to spare")
        )
    if session.page:
        lines.append(f"Talk page: {session.page}")
    lines += [f"Slides: {url}" for url in session.slides]
    lines += [f"Code: {url}" for url in session.code]
    return "\n".join(line for line in lines if line)


def _written(moment: datetime, zone: ZoneInfo) -> datetime:
    """A time as the calendar gets it: in the conference's zone (TZID), except the second pass of an
    hour the clocks repeat, which RFC 5545 would read as the first; that one is written in UTC."""
    local = moment.astimezone(zone)
    return moment.astimezone(UTC) if local.fold else local


def _walk(program: Program, move: Move, sequence: int, stamp: datetime) -> Event:
    zone = program.conference.time_zone
    origin, destination = move.origin.room.building, move.destination.room.building
    start = _written(move.origin.end, zone)
    end = _written(move.origin.end.astimezone(UTC) + timedelta(minutes=max(move.walk, 1)), zone)
    event = Event()
    event.add(
        "uid", f"walk-{move.origin.session.id}-{move.destination.session.id}@{program.conference.id}.dlcat"
    )
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", start)
    event.add("dtend", end)
    late = f" ({move.late} min late for {move.destination.id})" if move.late else ""
    event.add("summary", f"Walk {origin.key} -> {destination.key}, {move.walk} min{late}")
    event.add("location", f"{origin.label} -> {destination.label}")
    event.add(
        "description", f"From {move.origin.id} to {move.destination.id} ({move.destination.room.label})"
    )
    event.add("transp", "TRANSPARENT")
    return event
