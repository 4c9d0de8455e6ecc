"""loader.py: one reader per format, chosen by content; the encodings every reader takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcat_cli.formats.loader import parse_program
from dlcat_cli.formats.text import as_utf8
from helpers import PROGRAMS

SCHEDULES = Path(__file__).parent / "schedules"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    ("path", "first_id"),
    [
        (SCHEDULES / "exhibition_ends_at_24_00.xml", "701"),
        (SCHEDULES / "repeated_hour_second_pass.json", "601"),
        (PROGRAMS / "first-dlcat-2018.yaml", "A0950"),
    ],
)
def test_every_format_reads_in_utf8_or_utf16_with_or_without_a_bom(
    path: Path, first_id: str, encoding: str
) -> None:
    """UTF-16 without a BOM (told by the zero bytes of the first characters) was refused as 'not UTF-8 text';
    an XML declaration that says UTF-16 is rewritten with the bytes."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".xml" and encoding.startswith("utf-16"):
        text = text.replace('encoding="utf-8"', 'encoding="UTF-16"')
    program = parse_program(text.encode(encoding), path.name)
    assert program.sessions[0].id == first_id


def test_plain_utf8_is_returned_as_it_is() -> None:
    """Nothing to convert: the same bytes object (no copy of a 38C3-sized file)."""
    text = b"<schedule/>"
    assert as_utf8(text, "x") is text


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "ko",
            "--time-zone 'Mars/Olympus'는 dlcat이 아는 시간대가 아닙니다. Europe/Berlin 같은 IANA 이름을 쓰세요",
        ),
        (
            "en",
            "--time-zone 'Mars/Olympus' is not a time zone dlcat knows; use an IANA name such as Europe/Berlin",
        ),
    ],
)
def test_an_unknown_time_zone_is_named_in_the_language_of_the_run(language: str, said: str) -> None:
    """Korean under i18n.setup("ko"), English again after setup("en"); the particle after the quoted name is
    the one its last letter takes (s, read 에스: 는)."""
    from dlcat_cli import i18n
    from dlcat_cli.errors import DlcatError

    i18n.setup(language)
    try:
        with pytest.raises(DlcatError) as caught:
            parse_program(b"schema: 1\n", "x.yaml", time_zone="Mars/Olympus")
    finally:
        i18n.setup("en")
    assert str(caught.value) == said
