"""A dlcat program file (YAML) -> its data, and any program's data -> a checked Program.

Every problem becomes one DlcatError line: `FILE:LINE: key.path: what is wrong; the fix`.
The happy path parses once with PyYAML's C loader (or not at all, from the cache); only on an
error is the file composed again to find the line of the key at fault.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dlcat_cli.core.model import (
    Break,
    Building,
    Conference,
    Day,
    Kind,
    Program,
    Room,
    Series,
    Session,
    Showing,
    Walking,
    calendar_days,
    ids_in,
    start_of_date,
)
from dlcat_cli.core.times import instant, instant_at_offset, parse_clock_with_offset
from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.limits import FIRST_YEAR, LARGEST_INTEGER, LAST_YEAR, LONGEST_NAME, WEEK
from dlcat_cli.formats.text import clean_text
from dlcat_cli.i18n import N_, Sentence, _, said, say, shown

if TYPE_CHECKING:  # types only: a listing's start-up never imports program_data
    from dlcat_cli.formats.program_data import ProgramData

KeyPath = tuple[str | int, ...]


class _Invalid(Exception):
    """A problem at a key path; turned into a DlcatError with the file's name and line."""

    def __init__(self, path: KeyPath, problem: str) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem


def read_yaml(text: bytes, label: str) -> ProgramData:
    """A dlcat program file's data as it is written (YAML), unchecked: check_program checks every field."""
    return cast("ProgramData", _parse_yaml(text, label))


def _safe_loader() -> Any:
    """PyYAML's C loader where built, else the pure one; safe either way: no objects from the file."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(text: bytes, label: str) -> Any:
    import yaml

    try:
        return _load_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or _("unreadable")
        raise DlcatError(
            _("{label}: not valid YAML: {problem}; fix the syntax there").format(
                label=f"{label}{where}", problem=problem
            )
        ) from None
    except (ValueError, OverflowError):  # a number of thousands of digits: Python won't convert it
        line = _line_of_long_number(text)
        raise DlcatError(
            _("{label}: a number of thousands of digits; numbers in a program are at most {largest}").format(
                label=f"{label}{line}", largest=f"{LARGEST_INTEGER:,}"
            )
        ) from None
    except yaml.YAMLError as error:  # e.g. a binary file: the reader's message has a second line
        if isinstance(error, yaml.reader.ReaderError):
            _check_utf8(text, label)
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DlcatError(
            _("{label}: not valid YAML: {problem}; is this a program file?").format(
                label=label, problem=problem
            )
        ) from None


class _Unusual(Exception):
    """A node the quick constructor leaves to PyYAML's own: merge keys, other tags, a recursive alias."""


_TAG = "tag:yaml.org,2002:"


def _load_yaml(text: bytes) -> Any:
    """yaml.load(text, CSafeLoader), at a third of the time for a big program (issue 16).

    PyYAML's C loader parses and composes in C, then constructs every node in Python, with a resolver
    and a generator per mapping: 75% of a first load. Here plain text, the bulk of a program, is taken as
    the composer resolved it (its value), mappings and lists are built directly, and every other scalar
    (numbers, booleans, null, dates) goes through PyYAML's constructor as before. A document with
    anything else (a merge key, a tag such as !!set, a recursive alias) is constructed by PyYAML whole,
    so the result is always yaml.load's."""
    loader = _safe_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _constructed(loader, node, {})
        except (_Unusual, RecursionError):
            return loader.construct_document(node)
    finally:
        loader.dispose()


def _constructed(loader: Any, node: Any, made: dict[int, Any]) -> Any:
    """The value of `node`; `made` holds what each node already built (an alias is the same object)."""
    known = made.get(id(node), made)
    if known is not made:
        if known is _UNDER_WAY:
            raise _Unusual(node)
        return known
    tag, value = node.tag, node.value
    if tag == _TAG + "str":
        return value
    made[id(node)] = _UNDER_WAY
    if tag == _TAG + "map":
        built: Any = {}
        for key_node, value_node in value:
            if key_node.tag == _TAG + "merge":
                raise _Unusual(node)
            key = _constructed(loader, key_node, made)
            if isinstance(key, list | dict):
                raise _Unusual(node)  # PyYAML names the unhashable key
            built[key] = _constructed(loader, value_node, made)
    elif tag == _TAG + "seq":
        built = [_constructed(loader, item, made) for item in value]
    elif tag in _SCALARS and isinstance(value, str):
        built = loader.construct_object(node, deep=True)
    else:
        raise _Unusual(node)
    made[id(node)] = built
    return built


_UNDER_WAY = object()  # a node whose value is being built: met again, it is a recursive alias
_SCALARS = frozenset(_TAG + name for name in ("null", "bool", "int", "float", "timestamp"))


def _line_of_long_number(text: bytes) -> str:
    """`:12` for the line of the first run of over 4,000 digits (Python's limit is 4,300), else nothing."""
    match = re.search(rb"\d{4000,}", text)
    if match is None:
        return ""
    line = text[: match.start()].count(b"\n") + 1
    return f":{line}"


def _check_utf8(text: bytes, label: str) -> None:
    """A file saved in another encoding (Latin-1, EUC-KR) is named with the line of its first odd byte."""
    if text.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, which YAML also reads
        return
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as bad:
        line = text[: bad.start].count(b"\n") + 1
        raise DlcatError(
            _("{label}: not UTF-8 text (byte {byte}); save the file as UTF-8").format(
                label=f"{label}:{line}", byte=f"0x{text[bad.start]:02x}"
            )
        ) from None


def check_program(
    data: Any, label: str, fingerprint: str, text: Callable[[], bytes], notes: Sequence[str] = ()
) -> Program:
    """The Program `data` describes, or a DlcatError at the line of the first problem."""
    try:
        return _read(data, label, fingerprint, tuple(notes))
    except _Invalid as invalid:
        line = _line_of(text(), invalid.path)
        where = f":{line}" if line else ""
        raise DlcatError(f"{label}{where}: {_dotted(invalid.path)}: {invalid.problem}") from None


def _dotted(path: KeyPath) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out or _("(top)")


def _line_of(text: bytes, path: KeyPath) -> int | None:
    """The 1-based line of the node at `path`, or of its nearest existing parent."""
    import yaml

    try:
        node = yaml.compose(text, Loader=_safe_loader())
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


# -- typed access to the parsed YAML ------------------------------------------------------


def _get(data: Mapping[str, Any], path: KeyPath, key: str, kind: type, *, default: Any = ...) -> Any:
    if key not in data or data[key] is None:
        if default is ...:
            raise _Invalid(path, _("missing key {key!r}; add it").format(key=key))
        return default
    value = data[key]
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        raise _Invalid(
            (*path, key),
            _("expected {kind}, found {value}").format(kind=said(_KIND_NAMES[kind]), value=_shortened(value)),
        )
    _within_limits(value, (*path, key))
    return clean_text(value) if isinstance(value, str) else value


# The limits of a program (issue 13): what a file beyond them holds is a mistake or an attack, and it is
# named in one line before it can reach an overflow or a quadratic check.


def _within_limits(value: object, path: KeyPath) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_INTEGER:
        raise _Invalid(
            path,
            _("{value} is more than {largest}; give a real number").format(
                value=_shortened(value), largest=f"{LARGEST_INTEGER:,}"
            ),
        )
    if isinstance(value, str) and len(value) > LONGEST_NAME:
        raise _Invalid(
            path,
            _("{count} characters; shorten it to at most {longest}").format(
                count=f"{len(value):,}", longest=f"{LONGEST_NAME:,}"
            ),
        )


def _shortened(value: object) -> str:
    """A value as a message quotes it: at most 60 characters of its repr."""
    text = repr(value)
    if len(text) <= 60:
        return text
    return _("{start}... ({count} characters)").format(start=text[:50], count=f"{len(text):,}")


def _web_address(value: str | None, path: KeyPath) -> str | None:
    """A page, slide or code link: an http(s) address, as calendar apps and browsers take it."""
    if value is not None and not value.startswith(("https://", "http://")):
        raise _Invalid(
            path,
            _("{value!r} is not a web address; write it in full, e.g. https://example.org/talk").format(
                value=value
            ),
        )
    return value


def _web_addresses(values: tuple[str, ...], path: KeyPath) -> tuple[str, ...]:
    for index, value in enumerate(values):
        _web_address(value, (*path, index) if len(values) > 1 else path)
    return values


def _typeable(showing_id: str) -> bool:
    """An id can be typed in a `--pick B10,C11 D13` list: it comes back whole from one (model.ids_in)."""
    if showing_id.isascii() and showing_id.isalnum():  # B10, 1234: the usual ids, without a regex
        return True
    if not showing_id.isprintable():  # S\u200b1 looks like S1 and can't be typed; \x1b can't be shown
        return False
    return ids_in(showing_id) == [unicodedata.normalize("NFKC", showing_id).strip()]


_KIND_NAMES = {  # msgids, said when named
    str: N_("text"),
    int: N_("a whole number"),
    bool: N_("true or false"),
    dict: N_("a mapping (key: value)"),
    list: N_("a list"),
}


def _strings(data: Mapping[str, Any], path: KeyPath, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (clean_text(value),)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid((*path, key), _("expected a list of text, found {value!r}").format(value=value))
    for index, one in enumerate(value):
        _within_limits(one, (*path, key, index))
    return tuple(clean_text(v) for v in value)


_KEYS: dict[KeyPath, set[str]] = {
    (): {
        "schema",
        "conference",
        "buildings",
        "walking",
        "rooms",
        "timing",
        "breaks",
        "series",
        "topics",
        "checks",
        "days",
        "sessions",
    },
    ("days",): {"date", "start", "end", "number"},
    ("conference",): {"id", "name", "short_name", "date", "time_zone", "url"},
    ("rooms",): {"id", "code", "name", "building", "seats"},
    ("sessions",): {
        *("id", "room", "rooms", "day", "date", "start", "end", "duration", "speakers", "co_presenters"),
        "title",
        *("subtitle", "kind", "all_day"),
        *("tags", "page", "slides", "code", "prep", "guid"),
    },
}


def _known_keys(data: Mapping[str, Any], path: KeyPath, section: KeyPath) -> None:
    """A misspelt key (`speaker:`) is an error, not silently ignored."""
    import difflib

    allowed = _KEYS[section]
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, 1)
            message = (
                _("unknown key {key!r}; did you mean {close!r}?")
                if close
                else _("unknown key {key!r}; known keys: {known}")
            )
            known = ", ".join(sorted(allowed))
            raise _Invalid(
                (*path, str(key)), message.format(key=key, close=close[0] if close else "", known=known)
            )


def _items(data: Mapping[str, Any], key: str, kind: type) -> Iterator[tuple[KeyPath, Any]]:
    container = _get(data, (), key, kind, default=kind())
    pairs = container.items() if isinstance(container, dict) else enumerate(container)
    for index, item in pairs:
        if not isinstance(item, dict):
            raise _Invalid(
                (key, index), _("expected a mapping (key: value), found {value!r}").format(value=item)
            )
        yield (key, index), item


# -- the sections ----------------------------------------------------------------------


def _read(data: Any, label: str, fingerprint: str, notes: tuple[str, ...] = ()) -> Program:
    if not isinstance(data, dict):
        raise _Invalid((), _("a program file is a mapping with conference, buildings, rooms and sessions"))
    _known_keys(data, (), ())
    schema = data.get("schema", 1)
    if schema != 1:
        raise _Invalid(
            ("schema",),
            _("schema {schema!r} is not supported; this dlcat reads schema 1").format(schema=schema),
        )
    conference = _conference(_get(data, (), "conference", dict))
    buildings = _buildings(data)
    walking = _walking(data, buildings)
    rooms = _rooms(data, buildings)
    listed = _days(data, conference.time_zone)
    sessions = _sessions(data, conference, {room.id: room for room in rooms}, listed)
    if not sessions:
        raise _Invalid(
            ("sessions",), _("no sessions; add at least one (a program to plan needs something on)")
        )
    series = _series(data, sessions)
    member_of = {part: key for key, one in series.items() for part in one.parts}
    sessions = [s._replace(series=member_of[s.id]) if s.id in member_of else s for s in sessions]
    checks = _get(data, (), "checks", dict, default={})
    overlaps = _get(checks, ("checks",), "room_overlaps", str, default="error")
    if overlaps not in ("error", "warn"):
        raise _Invalid(
            ("checks", "room_overlaps"),
            _("{value!r}: use error (the default) or warn").format(value=overlaps),
        )
    kept = _check_rooms_free(sessions, conference.time_zone, strict=overlaps == "error")
    notes += tuple(say("{label}: {note}", label=label, note=line) for line in kept)
    breaks = tuple(
        Break(
            name=_get(item, path, "name", str),
            start=_moment(item, path, "start", conference.first_day, conference.time_zone),
            end=_moment(item, path, "end", conference.first_day, conference.time_zone),
        )
        for path, item in _items(data, "breaks", list)
    )
    room_order = {room.id: index for index, room in enumerate(rooms)}
    sessions.sort(key=lambda s: (s.start, room_order[s.showings[0].room.id]))
    days = listed
    if days is None:  # each date with sessions is a day, midnight to midnight
        days = calendar_days(
            {s.start.astimezone(conference.time_zone).date() for s in sessions}, conference.time_zone
        )
        number = {day.date: day.number for day in days}
        sessions = [s._replace(day=number[s.start.astimezone(conference.time_zone).date()]) for s in sessions]
    return Program(
        conference=conference,
        buildings=buildings,
        rooms=rooms,
        walking=walking,
        breaks=breaks,
        series=series,
        sessions=tuple(sessions),
        source=label,
        fingerprint=fingerprint,
        topics=_topics(data),
        notes=notes,
        days=days,
    )


def _conference(data: dict[str, Any]) -> Conference:
    path: KeyPath = ("conference",)
    _known_keys(data, path, path)
    zone_name = _get(data, path, "time_zone", str)
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file name
        raise _Invalid(
            (*path, "time_zone"),
            _("unknown time zone {zone!r}; use an IANA name such as Asia/Seoul").format(zone=zone_name),
        ) from None
    name = _get(data, path, "name", str)
    return Conference(
        id=_get(data, path, "id", str),
        name=name,
        short_name=_get(data, path, "short_name", str, default=name),
        time_zone=zone,
        first_day=_date(data, path, "date"),
        url=_web_address(_get(data, path, "url", str, default=None), (*path, "url")),
    )


def _date(data: Mapping[str, Any], path: KeyPath, key: str) -> date:
    value = _get(data, path, key, object)
    if isinstance(value, date) and not isinstance(value, datetime):
        found = value
    else:
        try:
            found = date.fromisoformat(str(value))
        except ValueError:
            raise _Invalid(
                (*path, key),
                _('{value} is not a date; write it as "YYYY-MM-DD"').format(value=_shortened(value)),
            ) from None
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise _Invalid(
            (*path, key),
            _("{date} is not a date of a conference; give one from {first} to {last}").format(
                date=found, first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
    return found


def _moment(data: Mapping[str, Any], path: KeyPath, key: str, day: date, zone: ZoneInfo) -> datetime:
    """A time of the program data as an exact instant in UTC: the model keeps UTC.

    An aware datetime (a reader's instant, or a YAML timestamp with its offset) is taken as it is; clock
    text is on `day` in `zone`: "10:00" (times.instant: of a repeated hour, the first pass), or with the
    offset that names the pass, "01:15-05:00" (times.instant_at_offset).
    """
    value = _get(data, path, key, object)
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise _Invalid(
                (*path, key),
                _('{value} has no UTC offset; write a clock time such as "10:00", or add its offset').format(
                    value=value
                ),
            )
        return value.astimezone(UTC)
    try:
        clock, offset = parse_clock_with_offset(value)
        if offset is None:
            return instant(day, clock, zone)
        return instant_at_offset(day, clock, zone, offset, given=str(value).strip())
    except ValueError as error:
        raise _Invalid((*path, key), str(error)) from None


def _days(data: dict[str, Any], zone: ZoneInfo) -> tuple[Day, ...] | None:
    """The conference's own days from the `days` list, in order; None without one."""
    if data.get("days") is None:
        return None
    found: list[Day] = []
    for path, item in _items(data, "days", list):
        _known_keys(item, path, ("days",))
        on = _date(item, path, "date")
        number = _get(item, path, "number", int, default=found[-1].number + 1 if found else 1)
        start = _moment(item, path, "start", on, zone) if "start" in item else start_of_date(on, zone)
        if "end" not in item:
            end = start_of_date(on + timedelta(days=1), zone)
        else:
            end = _clock_after(item, path, "end", on, start, zone)  # 09:00 to 02:00: the next morning
            if end <= start:
                raise _Invalid(
                    (*path, "end"),
                    _("ends at {end}, not after its start {start}").format(
                        end=_when(end, zone), start=_when(start, zone)
                    ),
                )
        if number < 1:
            raise _Invalid(
                (*path, "number"), _("day {number}: days are numbered from 1").format(number=number)
            )
        if found:
            before = found[-1]
            if number <= before.number:
                raise _Invalid(
                    (*path, "number"),
                    _("day {number} follows day {before}; number the days in order").format(
                        number=number, before=before.number
                    ),
                )
            if on <= before.date:
                raise _Invalid(
                    (*path, "date"),
                    _("{date} follows {before}; list the days in date order, once each").format(
                        date=on, before=before.date
                    ),
                )
            if start < before.end:
                raise _Invalid(
                    path,
                    _(
                        "day {number} starts at {start}, before day {before} ends ({end}); "
                        "end day {before} earlier or start day {number} later"
                    ).format(
                        number=number,
                        start=_when(start, zone),
                        before=before.number,
                        end=_when(before.end, zone),
                    ),
                )
        found.append(Day(number, on, start, end))
    if not found:
        raise _Invalid(
            ("days",), _("empty; list the days, e.g. - {{date: 2024-12-27}}, or leave days out").format()
        )
    return tuple(found)


def _when(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def _days_named(days: Sequence[Day], zone: ZoneInfo) -> str:
    """`1 (2024-12-27 09:00 to 12-28 02:00), 2 (...)`: the days with their spans, for a message."""
    return ", ".join(
        _("{number} ({start} to {end})").format(
            number=day.number, start=_when(day.start, zone), end=f"{day.end.astimezone(zone):%m-%d %H:%M}"
        )
        for day in days
    )


def _shown_key(key: str, path: KeyPath, message: str) -> str:
    """A building key or room id as written, refused when it holds a character that can't be typed or shown
    (a zero-width space, an escape): it is looked up as typed (--building, --track) and printed."""
    if not key.isprintable():
        raise _Invalid(path, message.format(key=key))
    return key


def _buildings(data: dict[str, Any]) -> dict[str, Building]:
    for path, _item in _items(data, "buildings", dict):
        _shown_key(
            str(path[1]),
            path,
            _("building key {key!r} holds a character that can't be typed; use letters and digits"),
        )
    found = {
        str(path[1]): Building(
            key=str(path[1]),
            name=_get(item, path, "name", str, default=str(path[1])),
            address=_get(item, path, "address", str, default=None),
        )
        for path, item in _items(data, "buildings", dict)
    }
    if not found:
        raise _Invalid(
            ("buildings",), _("no buildings; add at least one, e.g. MAIN: {{name: Main hall}}").format()
        )
    return found


def _walking(data: dict[str, Any], buildings: Mapping[str, Building]) -> Walking:
    walking = _get(data, (), "walking", dict, default={})
    inside = _get(walking, ("walking",), "within_building", dict, default={"minutes": 0})
    within = _get(inside, ("walking", "within_building"), "minutes", int)
    if within < 0:
        raise _Invalid(("walking", "within_building", "minutes"), _("a walk can't take negative minutes"))
    between: dict[frozenset[str], int] = {}
    for index, item in enumerate(_get(walking, ("walking",), "between", list, default=[])):
        path: KeyPath = ("walking", "between", index)
        if not isinstance(item, dict):
            raise _Invalid(path, _("expected {{buildings: [A, B], minutes: N}}").format())
        pair = _strings(item, path, "buildings")
        if len(pair) != 2 or pair[0] == pair[1]:
            raise _Invalid((*path, "buildings"), _("name two different buildings, e.g. [UST, ETRI]"))
        for key in pair:
            if key not in buildings:
                raise _Invalid(
                    (*path, "buildings"),
                    _("unknown building {key!r}; known: {known}").format(key=key, known=", ".join(buildings)),
                )
        minutes = _get(item, path, "minutes", int)
        if minutes < 0:
            raise _Invalid((*path, "minutes"), _("a walk can't take negative minutes"))
        if frozenset(pair) in between:
            raise _Invalid(
                (*path, "buildings"),
                _("the walk between {one} and {other} is given twice; keep one (it counts both ways)").format(
                    one=pair[0], other=pair[1]
                ),
            )
        between[frozenset(pair)] = minutes
    keys = list(buildings)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if frozenset((a, b)) not in between:
                raise _Invalid(
                    ("walking", "between"),
                    _(
                        "no walking time between {a} and {b}; add {{buildings: [{a}, {b}], minutes: N}}"
                    ).format(a=a, b=b),
                )
    return Walking(
        within_building=within, between=between, note=_get(walking, ("walking",), "note", str, default=None)
    )


def _rooms(data: dict[str, Any], buildings: Mapping[str, Building]) -> tuple[Room, ...]:
    rooms: dict[str, Room] = {}
    seen: set[str] = set()  # ids folded as compared (a set: 100,000 rooms are checked in linear time)
    for path, item in _items(data, "rooms", list):
        _known_keys(item, path, ("rooms",))
        _get(item, path, "id", object)  # there, and within the limits
        room_id = _shown_key(
            str(item["id"]),
            (*path, "id"),
            _("room id {key!r} holds a character that can't be typed; use letters and digits"),
        )
        if room_id.upper() in seen:
            raise _Invalid(
                (*path, "id"), _("duplicate room id {id!r}; give each room its own id").format(id=room_id)
            )
        seen.add(room_id.upper())
        building = _get(item, path, "building", str)
        if building not in buildings:
            raise _Invalid(
                (*path, "building"),
                _("unknown building {key!r}; known: {known}").format(
                    key=building, known=", ".join(buildings)
                ),
            )
        seats = _get(item, path, "seats", int, default=None)
        if seats is not None and seats < 1:
            raise _Invalid(
                (*path, "seats"),
                _("{seats} seats; give the number of seats, or leave the key out").format(seats=seats),
            )
        rooms[room_id] = Room(
            id=room_id,
            code=_get(item, path, "code", str, default=room_id),
            name=_get(item, path, "name", str, default=room_id),
            building=buildings[building],
            seats=seats,
        )
    if not rooms:
        raise _Invalid(("rooms",), _("no rooms; add at least one"))
    return tuple(rooms.values())


def _sessions(
    data: dict[str, Any], conference: Conference, rooms: Mapping[str, Room], days: tuple[Day, ...] | None
) -> list[Session]:
    """The sessions; with a days list, each on its day (without one, _read numbers them by date)."""
    sessions: list[Session] = []
    seen: dict[str, KeyPath] = {}
    for path, item in _items(data, "sessions", list):
        _known_keys(item, path, ("sessions",))
        showings = tuple(_showings(item, path, rooms))
        for showing in showings:
            if showing.id.upper() in seen:
                raise _Invalid(
                    path, _("duplicate session id {id!r}; ids must be unique").format(id=showing.id)
                )
            seen[showing.id.upper()] = path
        start, end, day = _times(item, path, conference, days, showings[0].id)
        kind_word = _get(item, path, "kind", str, default="talk")
        try:
            kind = Kind(kind_word)
        except ValueError:
            words = ", ".join(k.value for k in Kind)
            raise _Invalid(
                (*path, "kind"),
                _("unknown kind {kind!r}; use one of {words}").format(kind=kind_word, words=words),
            ) from None
        title = _get(item, path, "title", str).strip()
        if not title:
            raise _Invalid((*path, "title"), _("empty title"))
        sessions.append(
            Session(
                id=showings[0].id,
                showings=showings,
                start=start,
                end=end,
                title=title,
                speakers=_strings(item, path, "speakers"),
                kind=kind,
                tags=_strings(item, path, "tags"),
                co_presenters=_strings(item, path, "co_presenters"),
                page=_web_address(_get(item, path, "page", str, default=None), (*path, "page")),
                slides=_web_addresses(_strings(item, path, "slides"), (*path, "slides")),
                code=_web_addresses(_strings(item, path, "code"), (*path, "code")),
                prep=_get(item, path, "prep", str, default=None),
                subtitle=_get(item, path, "subtitle", str, default=None),
                all_day=_get(item, path, "all_day", bool, default=False),
                day=day.number if day is not None else 1,
                guid=_get(item, path, "guid", str, default=None),
            )
        )
    return sessions


def _times(
    item: dict[str, Any], path: KeyPath, conference: Conference, days: tuple[Day, ...] | None, name: str
) -> tuple[datetime, datetime, Day | None]:
    """A session's start, end and day. Clock times are on its `date`, else on its `day` (_start_on_day),
    else on the conference's first date. With a days list, its day is the one it names or else the one
    that holds its start; without one, None (_read numbers the days by date)."""
    zone = conference.time_zone
    listed = _listed_day(item, path, days)
    if "date" in item or listed is None:
        on = _date(item, path, "date") if "date" in item else conference.first_day
        start = _moment(item, path, "start", on, zone)
    else:
        start = _start_on_day(item, path, listed, zone)
    end = _end(item, path, start, start.astimezone(zone).date(), zone)
    if end <= start:
        raise _Invalid(
            (*path, "end"),
            _("ends at {end}, not after its start {start}").format(
                end=f"{end.astimezone(zone):%H:%M}", start=f"{start.astimezone(zone):%H:%M}"
            ),
        )
    if days is not None and listed is not None:
        _check_listed_day(path, name, start, listed, days, zone)
    if days is not None and listed is None:
        listed = next((day for day in days if day.holds(start)), None)
        if listed is None:
            raise _Invalid(
                (*path, "start"),
                _(
                    "{name} starts at {start}, on none of the days listed: {days}; "
                    "add its day to days, or fix its date"
                ).format(name=name, start=_when(start, zone), days=_days_named(days, zone)),
            )
    return start, end, listed


def _check_listed_day(
    path: KeyPath, name: str, start: datetime, listed: Day, days: tuple[Day, ...], zone: ZoneInfo
) -> None:
    """A session listed under a day (`day: N`) starts within that day, or at least between the days around
    it (a source may list an early event under the day it belongs to); never within another day."""
    other = next((day for day in days if day.holds(start) and day != listed), None)
    index = days.index(listed)
    after = days[index - 1].end if index > 0 else None
    before = days[index + 1].start if index + 1 < len(days) else None
    if other is None and (after is None or start >= after) and (before is None or start < before):
        return
    within = (
        _("within day {number}").format(number=other.number)
        if other is not None
        else _("outside the days around it")
    )
    raise _Invalid(
        (*path, "day"),
        _("{name} is listed under day {day} but starts at {start}, {within}; fix its day or its date").format(
            name=name, day=_days_named([listed], zone), start=_when(start, zone), within=within
        ),
    )


def _listed_day(item: dict[str, Any], path: KeyPath, days: tuple[Day, ...] | None) -> Day | None:
    """The day a session names with `day: N` (a schedule's readers always name it), if it does."""
    if "day" not in item:
        return None
    number = _get(item, path, "day", int)
    if days is None:
        raise _Invalid(
            (*path, "day"), _("there is no days list to number days by; add days, or leave day out")
        )
    listed = next((day for day in days if day.number == number), None)
    if listed is None:
        known = ", ".join(day.label for day in days)
        raise _Invalid(
            (*path, "day"), _("no day {number}; the days are {known}").format(number=number, known=known)
        )
    return listed


def _start_on_day(item: dict[str, Any], path: KeyPath, day: Day, zone: ZoneInfo) -> datetime:
    """A session's start given with its day and no date: on the day's date, or the next morning when
    the day runs past midnight to there (times.on_day's rule, for clock text with an offset too:
    "01:15-05:00" may exist only the next morning)."""
    start = _clock_after(item, path, "start", day.date, day.start, zone)
    return start if start < day.end else _moment(item, path, "start", day.date, zone)


def _clock_after(
    item: Mapping[str, Any], path: KeyPath, key: str, on: date, after: datetime, zone: ZoneInfo
) -> datetime:
    """The time at `key` on date `on`, or the next morning when it is not after `after` there (or, with
    an offset, exists only the next morning). An instant is taken as it is."""
    try:
        moment = _moment(item, path, key, on, zone)
    except _Invalid:
        if isinstance(item[key], datetime):
            raise
        return _moment(item, path, key, on + timedelta(days=1), zone)  # its error if neither has it
    if moment > after or isinstance(item[key], datetime):
        return moment
    try:
        return _moment(item, path, key, on + timedelta(days=1), zone)
    except _Invalid:
        return moment


def _end(item: dict[str, Any], path: KeyPath, start: datetime, day: date, zone: ZoneInfo) -> datetime:
    """`end: "10:50"` on the date the session starts, or `duration: 50` (minutes) or `"0:50"`, which may pass midnight."""
    if "duration" not in item:
        return _moment(item, path, "end", day, zone)
    if "end" in item:
        raise _Invalid((*path, "duration"), _("give end or duration, not both"))
    value = item["duration"]
    minutes = value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}:\d{2}", value.strip()):
        hours, mins = value.strip().split(":")
        minutes = int(hours) * 60 + int(mins)
    if minutes is None or minutes <= 0:
        raise _Invalid(
            (*path, "duration"),
            _('{value} is not a duration; write minutes (50) or "H:MM"').format(value=_shortened(value)),
        )
    if timedelta(minutes=minutes) >= WEEK:
        raise _Invalid(
            (*path, "duration"),
            _("{minutes} minutes is a week or more; a session is shorter (give its minutes, e.g. 50)").format(
                minutes=f"{minutes:,}"
            ),
        )
    return start + timedelta(minutes=minutes)  # start is UTC: a duration in real minutes


def _showings(item: dict[str, Any], path: KeyPath, rooms: Mapping[str, Room]) -> Iterator[Showing]:
    if "rooms" in item:
        where = _get(item, path, "rooms", dict)
        if not where:
            raise _Invalid(
                (*path, "rooms"), _("empty; map each id to a room, e.g. {{A17: A, B17: B}}").format()
            )
        pairs = [((*path, "rooms", str(k)), str(k), v) for k, v in where.items()]
    else:
        _get(item, path, "id", object)  # there, and within the limits
        # The id as written, not cleaned: an id holding a hidden character is refused, named as it is.
        pairs = [((*path, "room"), str(item["id"]), _get(item, path, "room", object))]
    for key_path, showing_id, room_id in pairs:
        if not _typeable(showing_id):
            at = key_path if "rooms" in item else (*path, "id")
            raise _Invalid(
                at,
                _(
                    "session id {id!r} can't be typed in a --pick list; use letters and digits, e.g. B10"
                ).format(id=showing_id),
            )
        room = rooms.get(str(room_id))
        if room is None:
            raise _Invalid(
                key_path,
                _("unknown room {room!r}; rooms are {known}").format(room=room_id, known=", ".join(rooms)),
            )
        yield Showing(id=showing_id, room=room)


def _series(data: dict[str, Any], sessions: list[Session]) -> dict[str, Series]:
    by_id = {s.id: s for s in sessions}
    found: dict[str, Series] = {}
    member_of: dict[str, str] = {}
    for path, item in _items(data, "series", dict):
        key = path[1]
        parts = _strings(item, path, "parts")
        if len(parts) < 2:
            raise _Invalid((*path, "parts"), _("a series needs at least two session ids"))
        for part in parts:
            if part not in by_id:
                raise _Invalid(
                    (*path, "parts"),
                    _("unknown session {id!r}; list session ids such as {example}").format(
                        id=part, example=next(iter(by_id), "A10")
                    ),
                )
            if part in member_of:
                raise _Invalid(
                    (*path, "parts"),
                    _("{id} is already part of series {series!r}").format(id=part, series=member_of[part]),
                )
            member_of[part] = str(key)
        starts = [by_id[p].start for p in parts]
        if starts != sorted(starts):
            raise _Invalid((*path, "parts"), _("list the parts in time order"))
        found[str(key)] = Series(key=str(key), title=_get(item, path, "title", str), parts=parts)
    return found


def _topics(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    topics = _get(data, (), "topics", dict, default={})
    return {str(tag): _strings(topics, ("topics",), tag) for tag in topics}


def _span(session: Session, zone: ZoneInfo) -> str:
    return f"{session.start.astimezone(zone):%H:%M}-{session.end.astimezone(zone):%H:%M}"


def _check_rooms_free(sessions: list[Session], zone: ZoneInfo, *, strict: bool) -> list[Sentence]:
    """Two sessions in one room at once: an error, or (with checks.room_overlaps: warn) a note each."""
    by_room: dict[str, list[tuple[int, Session]]] = {}
    for index, session in enumerate(sessions):
        if session.all_day:  # open all day beside the talks (an exhibition): no overlap to name
            continue
        for showing in session.showings:
            by_room.setdefault(showing.room.id, []).append((index, session))
    kept = []
    for room_id, held in by_room.items():
        held.sort(key=lambda pair: pair[1].start)
        for (_first_index, first), (index, second) in pairwise(held):
            if first.overlaps(second):
                problem = say(
                    "{id} ({span}) overlaps {other} ({other_span}) in room {room}",
                    id=second.id,
                    span=_span(second, zone),
                    other=first.id,
                    other_span=_span(first, zone),
                    room=room_id,
                )
                if strict:
                    raise _Invalid(
                        ("sessions", index), _("{problem}; move one of them").format(problem=shown(problem))
                    )
                kept.append(problem)
    return kept


# -- program data as a program file writes it (dlcat import) -----------------------------------


def as_written(data: ProgramData) -> dict[str, Any]:
    """`data` in the form a person writes a program file: each instant as a clock time on its date
    ("10:00"; "01:15-05:00" in the second pass of a repeated hour), a session's end as its duration,
    and a session's `day` only where the day that holds its start is another. Reads back to the same
    program; an instant no clock text can say (a day of more than 24 hours) stays a timestamp."""
    zone = ZoneInfo(data["conference"]["time_zone"])
    written: dict[str, Any] = dict(data)
    days = data.get("days", [])
    spans: list[Day] = []
    written_days: list[dict[str, Any]] = []
    for day in days:
        on = date.fromisoformat(str(day["date"]))
        start = _exact(day.get("start"), on, zone, start_of_date(on, zone))
        end = _exact(day.get("end"), on, zone, start_of_date(on + timedelta(days=1), zone))
        number = day.get("number", spans[-1].number + 1 if spans else 1)
        item: dict[str, Any] = {"date": on.isoformat()}
        if number != (spans[-1].number + 1 if spans else 1):
            item["number"] = number
        if start != start_of_date(on, zone):
            item["start"] = _clock_text(start, on, zone) or start.astimezone(zone)
        if end != start_of_date(on + timedelta(days=1), zone):
            text = _clock_text(end, on, zone, after=start)
            item["end"] = text or end.astimezone(zone)
        spans.append(Day(number, on, start, end))
        written_days.append(item)
    if days:
        written["days"] = written_days
    written["sessions"] = [_session_as_written(session, spans, zone) for session in data.get("sessions", [])]
    return written


def _exact(value: object, on: date, zone: ZoneInfo, default: datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    if value is None:
        return default
    return _moment({"t": value}, (), "t", on, zone)


def _clock_text(moment: datetime, on: date, zone: ZoneInfo, *, after: datetime | None = None) -> str | None:
    """The clock text that reads back as `moment` on `on`: "10:00", or "01:15-05:00" in the second pass of
    a repeated hour; None when there is none (seconds, or more than a day away)."""
    local = moment.astimezone(zone)
    if local.second or local.microsecond:
        return None
    offset = local.strftime("%z")  # -0500
    for text in (f"{local:%H:%M}", f"{local:%H:%M}{offset[:3]}:{offset[3:]}"):
        if _reads_as(text, on, zone, after) == moment:
            return text
    return None


def _reads_as(text: str, on: date, zone: ZoneInfo, after: datetime | None) -> datetime | None:
    """What clock text in a program file reads as on `on`; as a day's end (after `after`), as _days reads it."""
    try:
        read = _moment({"t": text}, (), "t", on, zone)
        if after is not None and read <= after:
            read = _moment({"t": text}, (), "t", on + timedelta(days=1), zone)
    except _Invalid:
        return None
    return read


def _session_as_written(session: Any, days: list[Day], zone: ZoneInfo) -> dict[str, Any]:
    start = session["start"]
    if not isinstance(start, datetime):
        return dict(session)  # already clock text on a date
    written: dict[str, Any] = {}
    for key, value in session.items():
        if key == "day":
            holding = next((day.number for day in days if day.holds(start)), None)
            if holding != value:
                written["day"] = value
        elif key == "start":
            local = start.astimezone(zone)
            written["date"] = local.date().isoformat()
            written["start"] = _clock_text(start, local.date(), zone) or local
        elif key == "end" and isinstance(value, datetime):
            written["duration"] = int((value - start).total_seconds() // 60)
        else:
            written[key] = value
    return written
