"""The Document tree as an indented text dump: the golden the tests compare, and `reportgen tree`."""

from __future__ import annotations

from reportgen.tree import nodes as n
from reportgen.tree.visitor import SkipNode, Visitor
from reportgen.write.inline import num_text


def tree_text(document: n.Document) -> str:
    writer = TreeDump()
    writer.walk(document)
    return "\n".join(writer.lines) + "\n"


def inline_text(content: tuple[n.Inline, ...]) -> str:
    """Figures as «1.234», emphasis as *…*, strong as **…**: what a reviewer reads in a diff."""
    writer = TreeDump()
    writer.walk_all(content)
    return "".join(writer.inline)


class TreeDump(Visitor):
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.inline: list[str] = []
        self.indent = ""

    def visit_document(self, document: n.Document) -> None:
        self.lines += [f"document {document.kind} «{document.title}» {document.date.isoformat()}",
                       f"  author: {document.author}", f"  subject: {document.subject}"]

    def visit_section(self, section: n.Section) -> None:
        restart = " restart" if section.restart_numbering else ""
        label = f" «{section.label}»" if section.label else ""
        self.lines.append(f"  section {section.name}{label} {section.orientation}{restart}")
        self.indent = "    "

    def visit_paragraph(self, paragraph: n.Paragraph) -> None:
        self.inline = []

    def depart_paragraph(self, paragraph: n.Paragraph) -> None:
        self.lines.append(f"{self.indent}p.{paragraph.style}: {''.join(self.inline)}")

    def visit_rule(self, rule: n.Rule) -> None:
        self.lines.append(f"{self.indent}rule {rule.width_mm} mm")

    def visit_spacer(self, spacer: n.Spacer) -> None:
        self.lines.append(f"{self.indent}spacer {spacer.lines}")

    def visit_layout(self, layout: n.Layout) -> None:
        indent = self.indent
        self.lines.append(f"{indent}layout {layout.role} {' | '.join(str(w) for w in layout.widths_mm)} mm")
        for row in layout.rows:
            self.lines.append(f"{indent}  row")
            for cell in row:
                self.lines.append(f"{indent}    cell")
                self.indent = indent + "      "
                self.walk_all(cell)
        self.indent = indent
        raise SkipNode  # its rows and cells are written above

    def visit_table(self, table: n.Table) -> None:
        columns = " ".join(f"{c.width}{c.align[0]}" for c in table.columns)
        self.lines.append(f"{self.indent}table [{columns}]")
        for row in table.header + table.body:
            self.lines.append(f"{self.indent}  {row.kind}: " + " | ".join(self._cell(c) for c in row.cells))
        raise SkipNode  # its rows are written above

    def _cell(self, cell: n.Cell) -> str:
        span = (f"⇥{cell.colspan}" if cell.colspan > 1 else "") + (f"⇣{cell.rowspan}" if cell.rowspan > 1 else "")
        return f"{inline_text(cell.content) or '·'}{span}{_live(cell.live)}"

    def visit_text(self, text: n.Text) -> None:
        self.inline.append(text.text)

    def visit_num(self, num: n.Num) -> None:
        self.inline.append(f"«{num_text(num)}»")

    def visit_emph(self, emph: n.Emph) -> None:
        self.inline.append("*")

    def depart_emph(self, emph: n.Emph) -> None:
        self.inline.append("*")

    def visit_strong(self, strong: n.Strong) -> None:
        self.inline.append("**")

    def depart_strong(self, strong: n.Strong) -> None:
        self.inline.append("**")


def _live(live: n.Live | None) -> str:
    """=Σ, =Σ×c5 (weighted by grid column 5), =c4−c3, =Σc4−Σc3 (over the rows), =c4÷c3: what the workbook computes."""
    if live is None:
        return ""
    if live.op == "sum":
        return " =Σ"
    if live.op == "mean":
        return f" =Σ×c{live.weight}"
    if live.op == "ratio":
        return f" =c{live.later}÷c{live.earlier}"
    if live.op == "change_rows":
        return f" =Σc{live.later}−Σc{live.earlier}"
    if live.op == "share":
        return f" =c{live.later}÷Σc{live.later}"
    if live.op == "add":
        return " =" + "+".join(f"c{col}" for col in live.operands)
    return f" =c{live.later}−c{live.earlier}"
