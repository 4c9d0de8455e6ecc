"""formats/fetch.py against a real server on 127.0.0.1 (http.server in a thread), and an HTTPS one with a
trustme certificate trusted through the client's SSLContext. No test reaches the internet."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import pytest
import trustme

from dlcat_cli.formats.fetch import FetchError, fetch
from http_servers import LAST_MODIFIED, Site, serving

BODY = b'{"schedule": {"version": "v1"}}'


@pytest.fixture(autouse=True)
def _served(site: Site) -> None:
    site.files["/schedule.json"] = BODY


def test_200_brings_the_body_and_its_validators(base: str) -> None:
    """A plain GET: the body whole, the ETag and Last-Modified as the server sent them."""
    got = fetch(f"{base}/schedule.json")
    assert got.body == BODY
    assert got.etag is not None
    assert got.etag.startswith('"')
    assert got.last_modified == LAST_MODIFIED


def test_304_with_the_etag_sent_back(base: str, site: Site) -> None:
    """The kept ETag goes back as If-None-Match; 304 brings no body and keeps the validators."""
    first = fetch(f"{base}/schedule.json")
    again = fetch(f"{base}/schedule.json", etag=first.etag, last_modified=first.last_modified)
    assert again.body is None
    assert again.etag == first.etag
    assert site.requests[-1]["If-None-Match"] == first.etag
    site.files["/schedule.json"] = BODY + b" "
    changed = fetch(f"{base}/schedule.json", etag=first.etag)
    assert changed.body == BODY + b" "


def test_304_with_last_modified_alone(base: str, site: Site) -> None:
    """A server with no ETag: Last-Modified goes back as If-Modified-Since."""
    first = fetch(f"{base}/lm/schedule.json")
    assert first.etag is None
    again = fetch(f"{base}/lm/schedule.json", last_modified=first.last_modified)
    assert again.body is None
    assert again.last_modified == LAST_MODIFIED
    assert site.requests[-1]["If-Modified-Since"] == LAST_MODIFIED
    assert "If-None-Match" not in site.requests[-1]


def test_404_names_the_url_and_the_fix(base: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(f"{base}/missing.json")
    assert str(caught.value) == (
        f"can't fetch {base}/missing.json: the server answered HTTP 404 Not Found; check the address"
    )


def test_no_answer_in_time_is_a_timeout(base: str) -> None:
    """The timeout is a parameter (30 s by default), here a fraction of a second."""
    with pytest.raises(FetchError, match=r"no answer within 0\.3 s; try again later"):
        fetch(f"{base}/slow", timeout=0.3)


def test_a_body_shorter_than_its_length_is_refused(base: str) -> None:
    with pytest.raises(FetchError, match=r"the download was cut short \(10 of 1,000 bytes\); try again"):
        fetch(f"{base}/truncated")


def test_a_body_over_the_limit_is_refused_on_its_length(base: str) -> None:
    """Content-Length over the limit: refused before the body is read."""
    with pytest.raises(FetchError, match=r"it is 31 bytes, more than the 2\.86102e-05 MB"):
        fetch(f"{base}/schedule.json", limit=30)


def test_a_body_over_the_limit_is_refused_while_streaming(base: str) -> None:
    """No Content-Length: counted while read, refused as soon as it passes the limit."""
    seen: list[int] = []
    with pytest.raises(FetchError, match="it sent more than the"):
        fetch(f"{base}/stream", limit=1000, progress=lambda done, total: seen.append(done))
    assert all(done <= 1000 for done in seen)  # never reported past the limit
    assert len(fetch(f"{base}/stream").body or b"") == 5000


def test_a_refused_connection_names_the_url(base: str) -> None:
    with serving(Site()) as closed:
        pass  # the server is gone: nothing listens on its port
    with pytest.raises(FetchError, match=rf"can't fetch {closed}/x: .*check the address and the network"):
        fetch(f"{closed}/x", timeout=2)


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def secure(site: Site, authority: trustme.CA) -> Iterator[str]:
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server)
    with serving(site, tls=server) as url:
        yield url


def test_https_with_the_certificate_trusted(secure: str, authority: trustme.CA) -> None:
    """The client's context trusts the test CA (never an unverified context): the GET succeeds."""
    client = ssl.create_default_context()
    authority.configure_trust(client)
    got = fetch(f"{secure}/schedule.json", context=client)
    assert got.body == BODY


def test_https_with_an_untrusted_certificate_is_refused(secure: str) -> None:
    """The system's trust store does not know the test CA: refused, naming the certificate."""
    with pytest.raises(FetchError, match=r"its certificate can't be trusted \(.*\); check the address"):
        fetch(f"{secure}/schedule.json", timeout=5)


def test_redirects_are_followed_on_the_web_only(base: str) -> None:
    """A redirect within http(s) is followed; one to ftp:// (which urllib alone would follow) is refused."""
    assert fetch(f"{base}/redirect?to=/schedule.json").body == BODY
    with pytest.raises(
        FetchError, match=r"HTTP 302 a redirect to ftp://127\.0\.0\.1/x, which dlcat does not follow"
    ):
        fetch(f"{base}/redirect?to=ftp://127.0.0.1/x")


def test_https_is_never_redirected_down_to_http(secure: str, authority: trustme.CA, base: str) -> None:
    client = ssl.create_default_context()
    authority.configure_trust(client)
    with pytest.raises(FetchError, match="which dlcat does not follow"):
        fetch(f"{secure}/redirect?to={base}/schedule.json", context=client)


def test_a_failed_fetch_is_told_in_korean_in_a_korean_run(base: str, korean: None) -> None:
    """The 404 error of a Korean run is Korean, its URL and the server's words kept as they are."""
    with pytest.raises(FetchError) as caught:
        fetch(f"{base}/missing.json")
    assert str(caught.value) == (
        f"{base}/missing.json을 받을 수 없습니다: 서버가 HTTP 404 Not Found로 답했습니다. 주소를 확인하세요"
    )
