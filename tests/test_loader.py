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
