"""Any bytes as a program or a schedule file: a Program or one DlcatError, never another exception (issue 13).

Bounded (a few hundred examples each, a few seconds) so that CI stays quick; run with
HYPOTHESIS_PROFILE=long for more.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlcat_cli.errors import DlcatError
from dlcat_cli.formats.loader import parse_program

HERE = Path(__file__).parent
SEEDS = [
    (HERE.parent / "data" / "program.yaml").read_bytes(),
    (HERE / "schedules" / "frab_quirks.xml").read_bytes(),
    (HERE / "schedules" / "repeated_hour_second_pass.json").read_bytes(),
    (HERE / "programs" / "first-dlcat-2018.yaml").read_bytes(),
    (HERE / "schedules" / "sched_like_feed.ics").read_bytes(),
    (HERE / "schedules" / "schedule2_flat.json").read_bytes(),
]


def _read(text: bytes) -> None:
    """parse_program returns, or raises one DlcatError of one line; anything else fails the test."""
    message = ""
    try:
        parse_program(text, "fuzz")
    except DlcatError as error:
        message = str(error)
    assert "\n" not in message, message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_are_a_program_or_one_line(text: bytes) -> None:
    """Random bytes: read, or refused in one line."""
    _read(text)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real file with a slice replaced by something else: bytes, digits, nesting or a far date."""
    seed = draw(st.sampled_from(SEEDS))
    start = draw(st.integers(0, len(seed)))
    end = draw(st.integers(start, min(len(seed), start + 200)))
    middle = draw(
        st.one_of(
            st.binary(max_size=40),
            st.text(max_size=40).map(lambda s: s.encode("utf-8", "surrogatepass")),
            st.sampled_from(
                [b"9" * 5000, b"[" * 5000, b"{" * 5000, b"0001-01-01", b"9999-12-31", b"24:30", b"\x1b[2J"]
            ),
        )
    )
    return seed[:start] + middle + seed[end:]


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_damaged_real_file_is_a_program_or_one_line(text: bytes) -> None:
    """The bundled program, frab XML, pretalx and schedule 2 JSON, an iCalendar feed, damaged anywhere: read,
    or one line."""
    _read(text)
