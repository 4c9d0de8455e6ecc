"""One HTTP(S) GET of a schedule: conditional, bounded in time and size, its certificate checked.

The standard library's urllib, imported only here and only when fetching (it costs a listing nothing):
one GET needs no connection pool or retries, and urllib already checks certificates and host names with
the system's trust store (ssl.create_default_context). A third-party client would add a dependency and
its import time for nothing dlcat uses.

The rules (issue 14, point 3): a conditional GET (RFC 9110 section 13: the ETag kept goes back as
If-None-Match, the Last-Modified as If-Modified-Since; 304 means the copy is current), a timeout on each
connect and read, no more than `limit` bytes (refused at once on a larger Content-Length, and while
reading when there is none), a body shorter than its Content-Length refused as truncated, and redirects
followed only to http(s), never from https down to http. Every
failure is a FetchError naming the URL and what to do.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.limits import MAX_FILE_BYTES
from dlcat_cli.i18n import _

if TYPE_CHECKING:
    import urllib.request

TIMEOUT_SECONDS = 30.0  # for the connection, and for each read of the body
CHUNK_BYTES = 64 * 1024

Progress = Callable[[int, int | None], None]  # (bytes read so far, Content-Length or None)


class FetchError(DlcatError):
    """The download failed; nothing was changed. The message names the URL and the fix."""


class Fetched(NamedTuple):
    """What a GET brought: `body` None when the server said 304 (the copy is current). `etag` and
    `last_modified` are the response's validators, as sent (None when it sent none)."""

    body: bytes | None
    etag: str | None
    last_modified: str | None


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT_SECONDS,
    limit: int = MAX_FILE_BYTES,
    context: ssl.SSLContext | None = None,
    progress: Progress | None = None,
) -> Fetched:
    """GET `url` (http or https), conditionally on the validators of the copy kept.

    `context` checks the server's certificate (default: the system's trust store; a test passes one that
    trusts its own CA). `progress` is called after each chunk. Raises FetchError.
    """
    import urllib.error
    import urllib.request

    headers = {"User-Agent": _agent(), "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context or _trusted()), _redirects()
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            validators = response.headers.get("ETag"), response.headers.get("Last-Modified")
            body = _read(url, response, limit, progress)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched(
                None, error.headers.get("ETag") or etag, error.headers.get("Last-Modified") or last_modified
            )
        raise FetchError(
            _("can't fetch {url}: the server answered HTTP {code} {reason}; check the address").format(
                url=url, code=error.code, reason=error.reason
            )
        ) from None
    except urllib.error.URLError as error:
        raise FetchError(_("can't fetch {url}: {why}").format(url=url, why=_why(error.reason))) from None
    except TimeoutError:
        raise FetchError(
            _("can't fetch {url}: no answer within {seconds} s; try again later").format(
                url=url, seconds=f"{timeout:g}"
            )
        ) from None
    except (OSError, ValueError) as error:  # the connection reset, a malformed answer (http.client)
        raise FetchError(_("can't fetch {url}: {why}").format(url=url, why=_why(error))) from None
    return Fetched(body, *validators)


def _redirects() -> urllib.request.BaseHandler:
    """urllib's redirects, but only to http(s), and never from https down to http (urllib alone would follow
    one to ftp://, and drop the TLS the attendee asked for)."""
    import urllib.error
    import urllib.request

    class WebOnly(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
            scheme = newurl.split(":", 1)[0].lower()
            if scheme not in ("http", "https") or (
                req.full_url.lower().startswith("https:") and scheme != "https"
            ):
                raise urllib.error.HTTPError(
                    newurl,
                    code,
                    _("a redirect to {address}, which dlcat does not follow").format(address=newurl[:200]),
                    headers,
                    fp,
                )
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return WebOnly()


def _read(url: str, response: object, limit: int, progress: Progress | None) -> bytes:
    """The body, refused past `limit` bytes or short of its Content-Length."""
    import http.client

    assert isinstance(response, http.client.HTTPResponse)
    length = _length(response.headers.get("Content-Length"))
    megabytes = f"{limit / 1024 / 1024:g} MB"
    if length is not None and length > limit:
        raise FetchError(
            _(
                "can't fetch {url}: it is {size} bytes, more than the {megabytes} a schedule may have; "
                "check the address"
            ).format(url=url, size=f"{length:,}", megabytes=megabytes)
        )
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                raise FetchError(
                    _(
                        "can't fetch {url}: it sent more than the {megabytes} a schedule may have; check the address"
                    ).format(url=url, megabytes=megabytes)
                )
            chunks.append(chunk)
            if progress is not None:
                progress(size, length)
    except http.client.IncompleteRead:
        pass  # told below, with the count
    if length is not None and size < length:
        raise FetchError(
            _("can't fetch {url}: the download was cut short ({size} of {length} bytes); try again").format(
                url=url, size=f"{size:,}", length=f"{length:,}"
            )
        )
    return b"".join(chunks)


def _length(header: str | None) -> int | None:
    if header is None or not header.strip().isdigit():
        return None
    return int(header)


def _trusted() -> ssl.SSLContext:
    """The system's trust store, with host names checked: never an unverified context."""
    return ssl.create_default_context()


def _why(reason: object) -> str:
    """What went wrong, in words the attendee can act on."""
    if isinstance(reason, ssl.SSLCertVerificationError):
        return _(
            "its certificate can't be trusted ({why}); check the address, or the system's certificates"
        ).format(why=reason.verify_message)
    if isinstance(reason, TimeoutError):
        return _("no answer in time; try again later")
    if isinstance(reason, OSError) and reason.strerror:
        return _("{error}; check the address and the network").format(error=reason.strerror)
    return _("{error}; check the address and the network").format(error=reason)


def _agent() -> str:
    from dlcat_cli import __version__

    return f"dlcat/{__version__}"
