"""What `dlcat update` shows: the schedule's version old -> new, what changed for the saved agenda, new
sessions for its interests, and the one command that repairs it; as text or as JSON (English keys)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from dlcat_cli.core.changes import Change
from dlcat_cli.core.model import Program, Session
from dlcat_cli.core.repair import Repair

if TYPE_CHECKING:
    from dlcat_cli.core.agenda import SavedAgenda
    from dlcat_cli.formats.program_source import Updated


class ForYou(NamedTuple):
    """What an update means for the saved agenda (None: there is none)."""

    saved: SavedAgenda | None
    changes: list[Change]
    new: list[Session]  # new sessions that match the saved interests
    repair: Repair | None  # None: the agenda holds
    prefix: list[str]  # `dlcat` and the global options the repair command needs


def repair_line(prefix: list[str], fix: Repair) -> str:
    """The one command line that repairs the agenda (`dlcat plan --drop 25,57 --add 999`), quoted for a
    POSIX shell; `prefix` is `dlcat` and the global options it needs (cli/update.command_prefix)."""
    import shlex

    return shlex.join([*prefix, "plan", *fix.arguments()])


def version_line(url: str, updated: Updated) -> str:
    """`Schedule https://…: version v1 -> v2` (or `unchanged at version v1`, or `fetched: version v1`)."""
    from dlcat_cli.i18n import _

    after = updated.after.version
    if updated.before is None:
        return _("Schedule {url}: fetched, version {after}").format(url=url, after=after)
    if not updated.changed:
        return _("Schedule {url}: unchanged, version {after}").format(url=url, after=after)
    return _("Schedule {url}: version {before} -> {after}").format(
        url=url, before=updated.before.version, after=after
    )


def report_lines(program: Program, url: str, updated: Updated, found: ForYou) -> list[str]:
    """The report, one string a line."""
    from dlcat_cli.i18n import _, shown

    lines = [version_line(url, updated)]
    if found.saved is None:
        return lines
    if found.changes:
        lines.append(_("Changed for your agenda:"))
        lines += [f"  {shown(change.message)}" for change in found.changes]
    elif updated.changed:
        lines.append(_("Nothing changed for your agenda."))
    if found.new:
        lines.append(
            _("New for your interests ({interests}):").format(interests=", ".join(found.saved.interests))
        )
        lines += [
            f"  {s.showings[0].id}  {program.span(s.start, s.end)}  {s.showings[0].room.label}  {s.title}"
            for s in found.new
        ]
    if found.repair is not None:
        lines.append(_("Your agenda no longer holds; this repairs it:"))
        lines.append(f"  {repair_line(found.prefix, found.repair)}")
    return lines


def report_view(program: Program, url: str, updated: Updated, found: ForYou) -> str:
    return "\n".join(report_lines(program, url, updated, found))


def report_json(program: Program, url: str, updated: Updated, found: ForYou) -> dict[str, Any]:
    """The payload of `update --json`: stable English keys, ISO 8601 times."""
    zone = program.conference.time_zone
    return {
        "url": url,
        "version": {
            "before": updated.before.version if updated.before else None,
            "after": updated.after.version,
        },
        "changed": updated.changed,
        "fetched_at": updated.after.fetched_at.isoformat(),
        "agenda": found.saved is not None,
        "changes": [
            {
                "id": c.was.id,
                "now": c.now_id,
                "change": c.kind.value,
                "before": c.before,
                "after": c.after,
                "message": c.message,
            }
            for c in found.changes
        ],
        "new_sessions": [
            {
                "id": s.showings[0].id,
                "title": s.title,
                "start": s.start.astimezone(zone).isoformat(),
                "end": s.end.astimezone(zone).isoformat(),
                "room": s.showings[0].room.id,
            }
            for s in found.new
        ],
        "repair": None
        if found.repair is None
        else {
            "drop": list(found.repair.drops),
            "add": list(found.repair.adds),
            "command": repair_line(found.prefix, found.repair),
        },
    }
