"""Every test runs with its own DLCAT_HOME, no DLCAT_PROGRAM, 120 columns and no colour."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dlcat_cli import i18n
from dlcat_cli.core.model import Program
from dlcat_cli.formats.loader import load_program
from http_servers import Site, serving


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DLCAT_HOME", str(tmp_path / "dlcat-home"))
    monkeypatch.delenv("DLCAT_PROGRAM", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(params=["Asia/Seoul", "UTC", "America/Los_Angeles", "America/New_York", "Pacific/Kiritimati"])
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs the test once per machine time zone: the conference's times must not move."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def korean() -> Iterator[None]:
    """Korean for the test's run (i18n.setup("ko")), English again after it, whatever the test did."""
    i18n.setup("ko")
    try:
        yield
    finally:
        i18n.setup("en")


@pytest.fixture(scope="session")
def dlcat() -> Program:
    return load_program()


@pytest.fixture
def site() -> Site:
    """What the test's HTTP server serves (tests/http_servers.py); the test puts files in it."""
    return Site()


@pytest.fixture
def base(site: Site) -> Iterator[str]:
    """The base URL of a real HTTP server on 127.0.0.1 serving `site`, for the test's duration."""
    with serving(site) as url:
        yield url
