"""Cells, numbers and dates written "chưa nhập" (model.plan.PENDING): blanks the clerk still has to type."""

from __future__ import annotations

from reportgen.check.fields import Fields
from reportgen.errors import Location
from reportgen.load.raw import Raw
from reportgen.model.plan import PENDING


def is_pending(node: Raw | None) -> bool:
    """The value is the marker, in any case and spacing ("Chưa  nhập")."""
    return (node is not None and isinstance(node.value, str)
            and " ".join(node.value.split()).casefold() == PENDING)


def pending_fields(f: Fields, keys: tuple[str, ...]) -> dict[str, Location]:
    """The keys of a mapping written as the marker, each with its place (read: no unknown-key message)."""
    found = {}
    for key in keys:
        node = f.values.get(key)
        if is_pending(node):
            f.node(key)
            found[key] = node.loc
    return found
