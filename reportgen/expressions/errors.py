"""Why an expression has no value: the text is wrong (ExpressionError), or the data disagrees (ExpressionMismatch)."""

from __future__ import annotations


class ExpressionError(Exception):
    """The expression is wrong (a name that does not exist, a wrong kind of value): fix the text.

    `names` are the names it failed on ("bieu05", "so_lieu.dan_so"), for whoever must tell an unknown
    name from one whose part failed to load without reading the message."""

    def __init__(self, message: str, names: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.names = names


class ExpressionMismatch(Exception):
    """The expression is right but the data disagrees with its wording (tang of a decrease)."""
