"""The one exception class a user's mistake becomes."""


class DlcatError(Exception):
    """Something the user can fix: a bad id, a bad file, a clash.

    The message is one complete line that names the culprit and the fix.
    The CLI prints it to stderr and exits 1; nothing else catches it.
    """


ECHO_CHARS = 40  # the most of a person's input a message quotes back


class Echo(str):
    """What a person typed, as a message quotes it back (`no session {text!r}`): the same text, but its
    repr is cut to ECHO_CHARS characters ending in `…`, so that 5,000 characters pasted by mistake come
    back as one readable line, not a screenful. Wrap the field (`text=Echo(text)`), keep the message's
    `{text!r}` (and so its catalogue msgid) as it is."""

    def __repr__(self) -> str:
        text = str(self)
        return repr(text if len(text) <= ECHO_CHARS else text[: ECHO_CHARS - 1] + "…")
