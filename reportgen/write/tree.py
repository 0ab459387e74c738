"""The Document tree as an indented text dump: the golden the tests compare, and `reportgen tree`."""

from __future__ import annotations

from reportgen.tree import nodes as n
from reportgen.write.inline import num_text


def tree_text(document: n.Document) -> str:
    lines = [f"document {document.kind} «{document.title}» {document.date.isoformat()}",
             f"  author: {document.author}", f"  subject: {document.subject}"]
    for section in document.sections:
        restart = " restart" if section.restart_numbering else ""
        label = f" «{section.label}»" if section.label else ""
        lines.append(f"  section {section.name}{label} {section.orientation}{restart}")
        for block in section.blocks:
            lines.extend(_block(block, "    "))
    return "\n".join(lines) + "\n"


def _block(block, indent: str) -> list[str]:
    if isinstance(block, n.Paragraph):
        return [f"{indent}p.{block.style}: {inline_text(block.content)}"]
    if isinstance(block, n.Rule):
        return [f"{indent}rule {block.width_mm} mm"]
    if isinstance(block, n.Spacer):
        return [f"{indent}spacer {block.lines}"]
    if isinstance(block, n.Layout):
        return _layout(block, indent)
    if isinstance(block, n.Table):
        return _table(block, indent)
    raise TypeError(f"unknown block {type(block).__name__}")


def _layout(layout: n.Layout, indent: str) -> list[str]:
    lines = [f"{indent}layout {layout.role} {' | '.join(str(w) for w in layout.widths_mm)} mm"]
    for row in layout.rows:
        lines.append(f"{indent}  row")
        for cell in row:
            lines.append(f"{indent}    cell")
            for block in cell:
                lines.extend(_block(block, indent + "      "))
    return lines


def _table(table: n.Table, indent: str) -> list[str]:
    columns = " ".join(f"{c.width}{c.align[0]}" for c in table.columns)
    lines = [f"{indent}table [{columns}]"]
    for row in table.header + table.body:
        lines.append(f"{indent}  {row.kind}: " + " | ".join(_cell(c) for c in row.cells))
    return lines


def _cell(cell: n.Cell) -> str:
    span = (f"⇥{cell.colspan}" if cell.colspan > 1 else "") + (f"⇣{cell.rowspan}" if cell.rowspan > 1 else "")
    return f"{inline_text(cell.content) or '·'}{span}{_live(cell.live)}"


def _live(live: n.Live | None) -> str:
    """=Σ, =Σ×c5 (weighted by grid column 5), =c4−c3: what the workbook computes."""
    if live is None:
        return ""
    if live.op == "sum":
        return " =Σ"
    if live.op == "mean":
        return f" =Σ×c{live.weight}"
    return f" =c{live.later}−c{live.earlier}"


def inline_text(content: tuple[n.Inline, ...]) -> str:
    """Figures as «1.234», emphasis as *…*, strong as **…**: what a reviewer reads in a diff."""
    parts = []
    for item in content:
        if isinstance(item, n.Text):
            parts.append(item.text)
        elif isinstance(item, n.Num):
            parts.append(f"«{num_text(item)}»")
        elif isinstance(item, n.Emph):
            parts.append(f"*{inline_text(item.children)}*")
        elif isinstance(item, n.Strong):
            parts.append(f"**{inline_text(item.children)}**")
    return "".join(parts)
