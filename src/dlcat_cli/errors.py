"""The one exception class a user's mistake becomes."""


class DlcatError(Exception):
    """Something the user can fix: a bad id, a bad file, a clash.

    The message is one complete line that names the culprit and the fix.
    The CLI prints it to stderr and exits 1; nothing else catches it.
    """
