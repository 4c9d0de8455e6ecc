"""text.py: text from files made safe to show, and HTML entities decoded."""

from __future__ import annotations

import pytest

from dlcat_cli.formats.text import clean_text, decode_entities


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Soldering \x1b[31mhot\x1b[0m irons", "Soldering  hot  irons"),  # an escape sequence goes whole
        ("title\x1b]0;owned\x07 end", "title  end"),  # an OSC sequence (a terminal's title) too
        ("line one\r\nline two", "line one line two"),  # a run of them is one space
        ("abc\u202edcba", "abc dcba"),  # right-to-left override
        ("\u2066isolate\u2069", "isolate"),
        ("left\u200emark", "left mark"),
        ("zero\u200bwidth", "zero width"),
        ("ad\u200dmin", "ad min"),  # a joiner between letters hides a spoofed name
        ("bom\ufeffinside", "bom inside"),
        ("DIY HRT Meetup 🏳️\u200d⚧️🏴\u200d☠️", "DIY HRT Meetup 🏳️\u200d⚧️🏴\u200d☠️"),  # joins two emoji: kept
        ("강화학습 & GAN", "강화학습 & GAN"),
    ],
)
def test_control_escape_bidi_and_zero_width_characters_become_spaces(raw: str, shown: str) -> None:
    assert clean_text(raw) == shown


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("Rock &amp; Roll &#8211; the speaker&#39;s cut", "Rock & Roll – the speaker's cut"),
        ("Q&amp;amp;A", "Q&A"),  # escaped twice
        ("&amp;amp;amp;", "&amp;"),  # at most twice
        ("&#x2013; and &eacute;", "– and é"),
        ("AT&T &notice R&D", "AT&T &notice R&D"),  # no semicolon: nothing decoded
        ("plain", "plain"),
    ],
)
def test_html_entities_are_decoded_at_most_twice(raw: str, decoded: str) -> None:
    assert decode_entities(raw) == decoded
