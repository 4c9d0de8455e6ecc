"""Which program a command reads, and the kept copies of schedules fetched over HTTP(S): the one home of
the default-program order (issue 14, point 3):

1. `--program PATH|URL` (or `DLCAT_PROGRAM`: typer reads it into the same option);
2. the schedule last fetched with `dlcat update URL` (its kept copy; `dlcat update --forget` forgets it);
3. the bundled 2nd DLCAT program.

A URL is read through its kept copy under the data directory (`schedules/<hash of the URL>.body`, beside
its `.json` record: URL, ETag, Last-Modified, fetched-at, version), refreshed with a conditional GET
(formats/fetch.py). A download replaces the copy only when dlcat can read it as a program, and only
atomically (files.write_atomic): a failed, truncated or garbage one leaves the good copy as it was.

This module is imported by every command; it imports nothing heavy at the top (json and the fetching
only when a URL is involved).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.files import data_dir, read_regular, write_atomic
from dlcat_cli.i18n import N_, _, said

if TYPE_CHECKING:
    import ssl
    from contextlib import AbstractContextManager

    from dlcat_cli.formats.fetch import Progress


class Source(NamedTuple):
    """Where the program comes from: `path` to read (None: the bundled program), `label` naming it in
    messages, `url` when it is a kept copy of a schedule on the web, and `note`, one line for stderr
    (the copy is used offline, and how old it is), or None."""

    path: Path | None
    label: str
    url: str | None = None
    note: str | None = None


class Kept(NamedTuple):
    """The record of a kept copy: what the server said about it, and when it was fetched (aware, UTC)."""

    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    version: str
    sha256: str  # of the copy's bytes: a record that does not match its copy (a crash between) is not used


class Fetching(NamedTuple):
    """How to fetch: for the checks (`venue`, `time_zone`: the global options), the trust (`context`),
    the limits, and the progress shown (cli/progress.py)."""

    venue: Path | None = None
    time_zone: str | None = None
    context: ssl.SSLContext | None = None
    timeout: float | None = None
    limit: int | None = None
    progress: Callable[[], AbstractContextManager[Progress | None]] | None = None  # one per download


def is_url(text: str) -> bool:
    """`http://...` or `https://...` (any case): a program to fetch, not a file."""
    return text[:8].lower().startswith(("http://", "https://"))


def is_address(text: str) -> bool:
    """`scheme://...` of any scheme (RFC 3986 section 3.1: a letter, then letters, digits, `+`, `-`, `.`):
    an address, whether dlcat fetches it or not (check_url says), never a file's path. A scheme of one letter
    is not taken for one, so that a Windows drive (`C://x`) stays a path."""
    scheme, sep, _rest = text.partition("://")
    return (
        bool(sep)
        and len(scheme) > 1
        and scheme.isascii()
        and scheme[0].isalpha()
        and all(c.isalnum() or c in "+-." for c in scheme)
    )


def resolve(option: str | None, fetching: Fetching | None = None) -> Source:
    """The program the options name, by the order above; a URL's copy is refreshed first (refresh).
    Raises DlcatError (a URL that can't be fetched and has no copy kept; an address of another scheme
    than http(s), ftp://: check_url)."""
    if option:
        return (
            refresh(check_url(option), fetching or Fetching())
            if is_address(option)
            else Source(Path(option), option)
        )
    url = current_url()
    if url is not None and body_path(url).is_file():
        return Source(body_path(url), url, url)
    return Source(None, "bundled program.yaml")


def for_completion(option: str | None) -> Source | None:
    """The program shell completion may read: as resolve, but never a download nor standard input, so
    None for a URL or `-` (completion then offers nothing)."""
    if option and (is_address(option) or option == "-"):
        return None
    return resolve(option)


def check_url(url: str) -> str:
    """The URL, if it is one dlcat fetches: http(s), a host, no spaces or control characters."""
    from urllib.parse import urlsplit

    shown = url.encode("ascii", "backslashreplace").decode()[:200]
    if any(c.isspace() or not c.isprintable() for c in url):
        raise DlcatError(
            _("{url!r} is not a web address dlcat can fetch (it holds spaces or control characters)").format(
                url=shown
            )
        )
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise DlcatError(
            _("{url} is not a web address dlcat can fetch ({error})").format(url=shown, error=error)
        ) from None
    if parts.scheme.lower() not in ("http", "https") and is_address(url):
        raise DlcatError(
            _(
                "{url}: dlcat reads only http(s) URLs and files, not {scheme}:// addresses; give an https:// "
                "address or a file's path"
            ).format(url=shown, scheme=parts.scheme.lower())
        )
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise DlcatError(
            _(
                "{url} is not a web address dlcat can fetch; give one like https://example.org/schedule.json"
            ).format(url=shown)
        )
    return url


# -- the kept copies ----------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    import hashlib  # here: a listing of the bundled program never hashes

    return hashlib.sha256(data).hexdigest()


def _schedules() -> Path:
    return data_dir() / "schedules"


def body_path(url: str) -> Path:
    """Where the copy of `url` is kept."""
    return _schedules() / f"{_sha256(url.encode())[:24]}.body"


def _record_path(url: str) -> Path:
    return body_path(url).with_suffix(".json")


def _current_path() -> Path:
    return _schedules() / "current.json"


def current_url() -> str | None:
    """The URL last fetched with `dlcat update URL`, None when there is none (or it was forgotten)."""
    try:
        text = read_regular(_current_path())
        import json

        url = json.loads(text).get("url")
    except (OSError, ValueError, AttributeError):
        return None
    return url if isinstance(url, str) and is_url(url) else None


def remember_current(url: str) -> None:
    """Make `url` the default program (its copy is kept)."""
    _write_json(_current_path(), {"url": url})


def forget_current() -> str | None:
    """Go back to the bundled program; returns the URL forgotten, if there was one (its copy stays)."""
    url = current_url()
    try:
        _current_path().unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        raise DlcatError(
            _("can't forget the schedule ({path}): {error}; check the directory").format(
                path=_current_path(), error=error.strerror or error
            )
        ) from None
    return url


def read_kept(url: str) -> Kept | None:
    """The record of the copy of `url`, None when there is no usable copy (none, damaged, or not its own)."""
    import json

    try:
        record = json.loads(read_regular(_record_path(url)))
        body = read_regular(body_path(url))
        kept = Kept(
            url=record["url"],
            etag=record.get("etag"),
            last_modified=record.get("last_modified"),
            fetched_at=datetime.fromisoformat(record["fetched_at"]),
            version=record["version"],
            sha256=record["sha256"],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if kept.url != url or kept.sha256 != _sha256(body) or kept.fetched_at.tzinfo is None:
        return None
    return kept


def _write_json(path: Path, record: dict[str, Any]) -> None:
    import json

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(record, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8"))
    except (FileExistsError, NotADirectoryError):
        raise DlcatError(
            _(
                "can't keep schedules under {path}: part of it is a file; set DLCAT_HOME to a directory"
            ).format(path=path.parent)
        ) from None
    except OSError as error:
        raise DlcatError(
            _("can't keep the schedule in {path}: {error}; set DLCAT_HOME to a writable directory").format(
                path=path, error=error.strerror or error
            )
        ) from None


# -- fetching -----------------------------------------------------------------------------------


class Updated(NamedTuple):
    """What a refresh did: the copy's record `before` (None: there was none) and `after` (the same one
    when the server said it had not changed), and the bytes of the copy before (None: none kept)."""

    before: Kept | None
    after: Kept
    old_body: bytes | None

    @property
    def changed(self) -> bool:
        return self.before is None or self.before.sha256 != self.after.sha256


def update(url: str, fetching: Fetching, now: datetime | None = None) -> Updated:
    """Fetch `url` conditionally and keep it if it is a program dlcat can read. Raises DlcatError
    (formats/fetch.py's FetchError, or a body that is not a schedule), with the copy kept unchanged."""
    from dlcat_cli.formats import fetch

    before = read_kept(url)
    old_body = read_regular(body_path(url)) if before is not None else None
    options: dict[str, Any] = {}
    if fetching.timeout is not None:
        options["timeout"] = fetching.timeout
    if fetching.limit is not None:
        options["limit"] = fetching.limit
    from contextlib import nullcontext

    shown = fetching.progress() if fetching.progress else nullcontext(None)
    with shown as progress:
        got = fetch.fetch(
            url,
            etag=before.etag if before else None,
            last_modified=before.last_modified if before else None,
            context=fetching.context,
            progress=progress,
            **options,
        )
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    if got.body is None:
        if before is None:
            raise fetch.FetchError(
                _(
                    "can't fetch {url}: the server said it had not changed, but no copy is kept; try again"
                ).format(url=url)
            )
        after = before._replace(fetched_at=moment, etag=got.etag, last_modified=got.last_modified)
        _write_record(after)
        return Updated(before, after, old_body)
    _check(got.body, url, fetching)
    digest = _sha256(got.body)
    after = Kept(
        url, got.etag, got.last_modified, moment, version_of(got.body, got.etag, got.last_modified), digest
    )
    try:
        body_path(url).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(body_path(url), got.body)
    except OSError as error:
        raise DlcatError(
            _(
                "can't keep the schedule of {url} in {path}: {error}; set DLCAT_HOME to a writable directory"
            ).format(url=url, path=body_path(url), error=error.strerror or error)
        ) from None
    _write_record(after)
    return Updated(before, after, old_body)


def _write_record(kept: Kept) -> None:
    _write_json(
        _record_path(kept.url),
        {
            "url": kept.url,
            "etag": kept.etag,
            "last_modified": kept.last_modified,
            "fetched_at": kept.fetched_at.isoformat(timespec="seconds"),
            "version": kept.version,
            "sha256": kept.sha256,
        },
    )


def _check(body: bytes, url: str, fetching: Fetching) -> None:
    """The body is a program dlcat can read (with the venue and zone given), else a DlcatError."""
    from dlcat_cli.formats.loader import parse_program

    try:
        parse_program(body, url, fetching.venue, fetching.time_zone)
    except DlcatError as error:
        reason = str(error).removeprefix(f"{url}: ")
        raise DlcatError(
            _("{url} did not send a schedule dlcat can read ({reason}); check the address").format(
                url=url, reason=reason
            )
        ) from None


def refresh(url: str, fetching: Fetching, now: datetime | None = None) -> Source:
    """`--program URL`: the copy, refreshed; kept when the download fails, with a note saying how old it is."""
    try:
        update(url, fetching, now)
    except DlcatError as error:
        kept = read_kept(url)
        if kept is None:
            raise
        age = describe_age(kept.fetched_at, now or datetime.now(UTC))
        return Source(
            body_path(url),
            url,
            url,
            _("note: {error}; using the copy fetched {age}").format(error=error, age=age),
        )
    return Source(body_path(url), url, url)


# The units of an age, largest first: seconds in one, and its words for one and for more (Korean has one form).
_AGE_UNITS = (
    (86400, N_("{count} day ago ({when} UTC)"), N_("{count} days ago ({when} UTC)")),
    (3600, N_("{count} hour ago ({when} UTC)"), N_("{count} hours ago ({when} UTC)")),
    (60, N_("{count} minute ago ({when} UTC)"), N_("{count} minutes ago ({when} UTC)")),
    (1, N_("{count} second ago ({when} UTC)"), N_("{count} seconds ago ({when} UTC)")),
)


def describe_age(then: datetime, now: datetime) -> str:
    """`3 hours ago (2026-12-04 17:02 UTC)`, `3시간 전 (2026-12-04 17:02 UTC)`: how old a copy is, in the
    largest whole unit (a day, an hour, a minute, a second); a `then` after `now` is 0 seconds ago."""
    seconds = max(0, int((now - then).total_seconds()))
    size, one, more = next((unit for unit in _AGE_UNITS if seconds >= unit[0]), _AGE_UNITS[-1])
    count = seconds // size
    return said(one if count == 1 else more, count=count, when=f"{then.astimezone(UTC):%Y-%m-%d %H:%M}")


def version_of(body: bytes, etag: str | None, last_modified: str | None) -> str:
    """The schedule's version: its own `version` field (frab/pretalx XML and JSON), else the HTTP
    validator (ETag, else Last-Modified), else `sha256:` and the start of the content's fingerprint."""
    own = _own_version(body)
    if own:
        return own
    if etag:
        return etag
    if last_modified:
        return last_modified
    return f"sha256:{_sha256(body)[:12]}"


def _own_version(body: bytes) -> str | None:
    """The `version` of a frab/pretalx schedule (`<schedule><version>` or `schedule.version`), if any."""
    start = body.lstrip()[:1]
    try:
        if start == b"{":
            import json

            value = json.loads(body).get("schedule", {}).get("version")
        elif start == b"<":
            from defusedxml import ElementTree

            value = ElementTree.fromstring(body).findtext("version")
        else:
            return None
    except Exception:  # a version is a nicety: the body was read as a program already
        return None
    return (
        " ".join(str(value).split())[:80]
        if isinstance(value, str | int | float) and str(value).strip()
        else None
    )
