"""The limits of what a program or schedule file may hold: one home for each (issues 12 and 13).

Beyond them a value is a mistake or an attack. A dlcat program file refuses it in one line naming the key;
a schedule or feed leaves the event out (or cuts the name), with a warning; a whole file past a file limit
is refused. Nothing past them reaches an overflow, a recursion error or a quadratic check.
"""

from __future__ import annotations

from datetime import timedelta

FIRST_YEAR, LAST_YEAR = 1900, 2200  # dates of a conference
WEEK = timedelta(days=7)  # a session this long or longer is not one
LARGEST_INTEGER = 10**9  # seats, minutes, ids
LONGEST_NAME = 1000  # characters of a title, a name or a room
MAX_DEPTH = 100  # levels of nesting in a file
MAX_FILE_BYTES = 200 * 1024 * 1024  # a program or schedule file larger than this is refused
