"""Text read from files, made safe to show: one line, no control characters, no hidden characters."""

from __future__ import annotations

import re

from dlcat_cli.errors import DlcatError
from dlcat_cli.i18n import _

# What never reaches a terminal or a calendar: a whole escape sequence (ESC [ 31 m, an OSC title with its
# terminator), then any control character, line or paragraph separator, bidi control (U+202A-202E,
# U+2066-2069, U+200E/F) or zero-width character (U+200B-200D, U+FEFF). A zero-width joiner between two
# emoji stays: it makes one picture of them (the flag in "DIY HRT Meetup 🏳️‍⚧️", a 38C3 title).
_EMOJI = "\u2600-\u27bf\U0001f000-\U0001faff"
_UNSAFE = (
    r"(?:\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-_]|[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
    rf"|(?<![\ufe0f{_EMOJI}])\u200d|\u200d(?![{_EMOJI}]))+"
)
# A character or named reference with its semicolon: "&amp;", "&#8211;", "&#x2013;". Without the
# semicolon nothing is decoded, so "AT&T" and "&notice" stay as they are.
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"


def clean_text(text: str) -> str:
    """Control characters (CR, LF), terminal escape sequences, bidi controls and zero-width characters
    become spaces: no text can break a table or a calendar, or show other than it reads.

    Printable text, nearly all of it, is returned before the pattern is ever compiled (0.16 ms a start):
    every character the pattern matches is one str.isprintable refuses.
    """
    if text.isprintable() or re.search(_UNSAFE, text) is None:
        return text
    return re.sub(_UNSAFE, " ", text).strip()


def decode_entities(text: str) -> str:
    """HTML character references decoded, at most twice: "&amp;amp;" (escaped twice by a generator) is "&"."""
    if "&" not in text or re.search(_ENTITY, text) is None:  # "Q&A", "Bits & Bäume": no import of html
        return text
    import html

    for _round in range(2):
        decoded = re.sub(_ENTITY, lambda found: html.unescape(found.group()), text)
        if decoded == text:
            break
        text = decoded
    return text


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def as_utf8(text: bytes, label: str, *, strict: bool = True) -> bytes:
    """`text` as UTF-8 without a byte-order mark: a UTF-16 file is converted, with its BOM or without one
    (told by the zero bytes of its first two ASCII characters: `<\\0?\\0` is UTF-16-LE), and its XML
    declaration's encoding with it. Anything else is returned as it is. Raises DlcatError when `strict`
    and a file that starts as UTF-16 is not."""
    if text.startswith(_UTF8_BOM):
        return text[3:]
    if text.startswith(_UTF16_BOMS):
        encoding = "utf-16"
    elif len(text) >= 4 and text[1] == 0 and text[3] == 0 and text[0] != 0 and text[2] != 0:
        encoding = "utf-16-le"
    elif len(text) >= 4 and text[0] == 0 and text[2] == 0 and text[1] != 0 and text[3] != 0:
        encoding = "utf-16-be"
    else:
        return text
    try:
        decoded = text.decode(encoding, errors="strict" if strict else "ignore")
    except UnicodeDecodeError as bad:
        raise DlcatError(
            _("{label}: starts as UTF-16 text but byte {position} is not; save the file as UTF-8").format(
                label=label, position=bad.start
            )
        ) from None
    converted = decoded.encode("utf-8")
    return re.sub(rb"\A(<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2", rb'\1"UTF-8"', converted, count=1)
