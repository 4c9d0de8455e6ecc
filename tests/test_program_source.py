"""formats/program_source.py: the default-program order, and kept copies that only a good download replaces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats import program_source as source
from dlcat_cli.formats.program_source import Fetching
from http_servers import Site, serving

SHARED = Path(__file__).parents[2] / "shared" / "fixtures"
DEMOCON = SHARED / "democon-schedule.json"
needs_shared = pytest.mark.skipif(
    not DEMOCON.is_file(), reason="the shared real-world fixtures are not beside the repo"
)
SMALL = (Path(__file__).parent / "programs" / "first-dlcat-2018.yaml").read_bytes()  # a dlcat program file


@pytest.fixture(autouse=True)
def _served(site: Site) -> None:
    site.files["/program.yaml"] = SMALL


def test_the_default_order(base: str) -> None:
    """--program first, then the schedule last fetched with `update URL`, then the bundled program; --forget."""
    assert source.resolve(None) == source.Source(None, "bundled program.yaml")
    assert source.resolve("x.yaml") == source.Source(Path("x.yaml"), "x.yaml")
    url = f"{base}/program.yaml"
    source.update(url, Fetching())
    source.remember_current(url)
    assert source.resolve(None) == source.Source(source.body_path(url), url, url)
    assert source.resolve("x.yaml").path == Path("x.yaml")
    assert source.forget_current() == url
    assert source.resolve(None).path is None
    assert source.forget_current() is None


def test_a_url_is_read_through_its_kept_copy(base: str, site: Site) -> None:
    """`--program URL`: fetched when there is no copy, else refreshed with a conditional GET."""
    url = f"{base}/program.yaml"
    first = source.resolve(url)
    assert first.path == source.body_path(url)
    assert first.path.read_bytes() == SMALL
    assert first.note is None
    again = source.resolve(url)
    assert again.path == first.path
    assert site.requests[-1]["If-None-Match"]  # the ETag kept went back
    kept = source.read_kept(url)
    assert kept is not None
    assert kept.url == url


@pytest.mark.parametrize(
    ("path", "body", "reason"),
    [
        ("/program.yaml", b"just: [some, yaml", "did not send a schedule dlcat can read"),
        ("/program.yaml", b"<html>Moved</html>", "did not send a schedule dlcat can read"),
        ("/truncated", None, "cut short"),
        ("/missing", None, "HTTP 404"),
    ],
)
def test_a_bad_download_never_replaces_the_good_copy(
    base: str, site: Site, path: str, body: bytes | None, reason: str
) -> None:
    """Garbage, a truncated body or an error: the copy and its record stay as they were."""
    url = f"{base}{path}"
    site.files[path] = SMALL
    if path != "/program.yaml":  # these paths misbehave from the start: seed their copy from a good one
        good = f"{base}/program.yaml"
        source.update(good, Fetching())
        source.body_path(url).write_bytes(source.body_path(good).read_bytes())
        source._write_record(source.read_kept(good)._replace(url=url))  # type: ignore[union-attr]
        del site.files[path]
    else:
        source.update(url, Fetching())
        site.files[path] = body  # type: ignore[assignment]
    kept = source.read_kept(url)
    with pytest.raises(DlcatError, match=reason) as caught:
        source.update(url, Fetching())
    assert url in str(caught.value)
    assert source.body_path(url).read_bytes() == SMALL
    assert source.read_kept(url) == kept


def test_offline_the_copy_is_used_with_its_age() -> None:
    with serving(Site()) as gone:
        pass
    url = f"{gone}/program.yaml"
    with pytest.raises(DlcatError, match=f"can't fetch {url}"):
        source.resolve(url)  # no copy: nothing to fall back on
    with serving(Site()) as base:
        pass
    site = Site()
    site.files["/program.yaml"] = SMALL
    with serving(site) as base:
        url = f"{base}/program.yaml"
        fetched = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
        source.update(url, Fetching(), now=fetched)
    found = source.refresh(url, Fetching(timeout=2), now=fetched + timedelta(hours=3, minutes=5))
    assert found.path == source.body_path(url)
    assert found.note is not None
    assert found.note.startswith(f"note: can't fetch {url}: ")
    assert found.note.endswith("using the copy fetched 3 hours ago (2026-12-04 10:00 UTC)")


def test_a_record_that_does_not_match_its_copy_is_not_used(base: str) -> None:
    url = f"{base}/program.yaml"
    source.update(url, Fetching())
    source.body_path(url).write_bytes(SMALL + b"\n# edited\n")
    assert source.read_kept(url) is None


def test_completion_never_downloads(base: str, site: Site) -> None:
    assert source.for_completion(f"{base}/program.yaml") is None
    assert source.for_completion("-") is None
    assert source.for_completion("x.yaml") == source.Source(Path("x.yaml"), "x.yaml")
    assert source.for_completion(None) == source.Source(None, "bundled program.yaml")
    assert site.requests == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://exa mple.org/s.json", "holds spaces or control characters"),
        ("http://\x1b[2J/s.json", "holds spaces or control characters"),
        ("https:///s.json", "give one like https://example.org/schedule.json"),
        ("ftp://127.0.0.1/x", "reads only http\\(s\\) URLs and files, not ftp:// addresses"),
        ("FILE:///etc/passwd", "reads only http\\(s\\) URLs and files, not file:// addresses"),
    ],
)
def test_what_is_not_a_web_address(url: str, message: str) -> None:
    with pytest.raises(DlcatError, match=message):
        source.check_url(url)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("ftp://127.0.0.1/x", True),
        ("svn+ssh://host/repo", True),
        ("https://example.org/s.json", True),
        ("C://program.yaml", False),  # a Windows drive, not a scheme of one letter
        ("program.yaml", False),
        ("my files://x.yaml", False),  # a space is no scheme's
        ("1ftp://x", False),  # a scheme begins with a letter
        ("://x", False),
    ],
)
def test_an_address_is_a_scheme_and_two_slashes(text: str, address: bool) -> None:
    assert source.is_address(text) is address


def test_an_ftp_program_is_refused_not_read_as_a_path() -> None:
    """`--program ftp://127.0.0.1/x` said `can't read program file ftp:/127.0.0.1/x` (a slash lost, as a
    path): any address other than http(s) is refused, naming what is read."""
    with pytest.raises(DlcatError, match=r"^ftp://127\.0\.0\.1/x: dlcat reads only http\(s\) URLs and files"):
        source.resolve("ftp://127.0.0.1/x")
    assert source.for_completion("ftp://127.0.0.1/x") is None


def test_the_version_told() -> None:
    """The source's own version field, else the ETag, else Last-Modified, else the content's fingerprint."""
    assert source.version_of(b'{"schedule": {"version": "v1.2"}}', '"e"', None) == "v1.2"
    assert (
        source.version_of(b"<schedule><version>Fahrplan 7</version></schedule>", None, None) == "Fahrplan 7"
    )
    assert source.version_of(b"conference: {}", '"abc"', "Wed") == '"abc"'
    assert source.version_of(b"conference: {}", None, "Wed, 02 Dec 2026") == "Wed, 02 Dec 2026"
    assert source.version_of(b"<schedule", None, None).startswith("sha256:")
    assert source.version_of(b"", None, None) == "sha256:e3b0c44298fc"


def test_the_age_told() -> None:
    then = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert source.describe_age(then, then + timedelta(seconds=1)) == "1 second ago (2026-12-04 10:00 UTC)"
    assert source.describe_age(then, then + timedelta(days=2, hours=1)).startswith("2 days ago")
    assert source.describe_age(then, then + timedelta(minutes=1)).startswith("1 minute ago")


@needs_shared
def test_a_real_schedule_is_kept_with_its_version(base: str, site: Site) -> None:
    site.files["/democon.json"] = DEMOCON.read_bytes()
    updated = source.update(f"{base}/democon.json", Fetching())
    assert updated.before is None
    assert updated.changed
    assert updated.after.version == "v1.1"
    again = source.update(f"{base}/democon.json", Fetching())
    assert not again.changed
    assert again.old_body == DEMOCON.read_bytes()


def test_the_limits_are_the_fetchings(base: str) -> None:
    """Fetching's timeout and limit reach the GET: a program over a small limit is refused, the copy not made."""
    url = f"{base}/program.yaml"
    with pytest.raises(DlcatError, match="more than the"):
        source.update(url, Fetching(timeout=5, limit=100))
    assert source.read_kept(url) is None


def test_a_fifo_in_place_of_the_copy_is_refused_in_one_line(base: str) -> None:
    """The kept copy must be a regular file: a FIFO there is neither read nor written through."""
    import os

    url = f"{base}/program.yaml"
    source.body_path(url).parent.mkdir(parents=True)
    os.mkfifo(source.body_path(url))
    with pytest.raises(
        DlcatError, match=r"can't keep the schedule of .* is a FIFO \(named pipe\), not a regular file"
    ):
        source.update(url, Fetching())


def test_the_age_told_in_korean(korean: None) -> None:
    """`3시간 전`: Korean has one form for one and for more; the instant stays in UTC, as in English."""
    then = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    assert source.describe_age(then, then + timedelta(hours=3)) == "3시간 전(2026-12-04 10:00 UTC)"
    assert source.describe_age(then, then + timedelta(seconds=1)) == "1초 전(2026-12-04 10:00 UTC)"
    with pytest.raises(
        DlcatError, match=r"^https://은\(는\) dlcat이 받을 수 있는 웹 주소가 아닙니다\. https://example"
    ):
        source.check_url("https://")
