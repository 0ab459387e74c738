"""Walks the Document tree for a writer: visit_<node>/depart_<node> by class name, as docutils' NodeVisitor does.

`walk(node)` calls the writer's `visit_<class name, lowercase>(node)`, walks the node's children, then calls its
`depart_<…>(node)` if it has one. A visit_ that writes the whole node itself (a table placed on its grid) or
leaves it out on purpose raises SkipNode: neither the children nor the depart_ are walked. A node class the
writer has no visit_ for is a bug of reportgen, never silence: UnknownNode names the node and the writer.

Row, Cell, Column and Live are parts of a Table (and a Layout's cells are tuples of blocks): the table's visit_
places them on the grid itself; the blocks and inlines inside them are walked again through `walk`.
"""

from __future__ import annotations

from reportgen.tree import nodes as n

_CHILDREN = {
    n.Document: lambda node: node.sections,
    n.Section: lambda node: node.blocks,
    n.Paragraph: lambda node: node.content,
    n.Strong: lambda node: node.children,
    n.Emph: lambda node: node.children,
}


class SkipNode(Exception):
    """Raised by a visit_ method: the node's children and its depart_ are not walked."""


class UnknownNode(TypeError):
    """A node type a writer does not handle: a bug of reportgen (a node class added without its writers' cases)."""


class Visitor:
    """The base of every writer; a subclass defines visit_<node> (and depart_<node> where it closes something)."""

    _found: dict[type, tuple] = {}   # each writer class its own (__init_subclass__)

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._found = {}

    def walk(self, node) -> None:
        found = self._found.get(type(node))
        visit, children, depart = found if found is not None else _methods(type(self), type(node))
        try:
            visit(self, node)
        except SkipNode:
            return
        if children is not None:
            for child in children(node):
                self.walk(child)
        if depart is not None:
            depart(self, node)

    def walk_all(self, nodes) -> None:
        for node in nodes:
            self.walk(node)


# Methods are looked up once per (writer class, node class): a 10.000-row table walks 140.000 cells' inlines.

def _methods(writer: type, node: type) -> tuple:
    name = node.__name__.lower()
    visit = getattr(writer, f"visit_{name}", None)
    if visit is None:
        raise UnknownNode(f"{writer.__name__} không xử lý nút {node.__name__} của cây văn bản (thiếu "
                          f"visit_{name}): lỗi của reportgen, xin báo lại")
    found = writer._found[node] = (visit, _CHILDREN.get(node), getattr(writer, f"depart_{name}", None))
    return found
