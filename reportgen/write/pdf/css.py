"""The print CSS: @page rules and paragraph styles generated from styles.yaml, then the static print.css."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportgen.styles import Page, ParagraphStyle, StyleSheet
from reportgen.write.options import WriterOptions

# Word's "single" line for Times New Roman is ascent + descent + line gap = 1.15 em; CSS
# `line-height: 1` would set lines tighter than the DOCX and break pages elsewhere.
SINGLE_LINE = Decimal("1.15")

# Table cell text takes these styles of the sheet (size, weight, line), never their indent.


@dataclass(frozen=True)
class PageGroup:
    """One tree Section as CSS sees it: a named page, its orientation and its numbering."""

    name: str
    orientation: str
    first: bool
    restart: bool
    start: int = 0                   # a part laid out apart (write/pdf/parts.py): the number its first page shows


def css_text(options: WriterOptions, groups: list[PageGroup]) -> str:
    sheet = options.sheet
    static = (options.templates / "print.css").read_text(encoding="utf-8")
    parts = [_base_rules(sheet), _page_rules(sheet, groups), _paragraph_rules(sheet), _cell_rules(sheet), static]
    return "\n".join(parts)


def font_family(sheet: StyleSheet) -> str:
    return ", ".join(css_string(name) for name in (sheet.font, sheet.font_fallback))


def css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes, line breaks and "<" (no "</style>" inside <style>) escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def number(value: Decimal) -> str:
    """10 · 1.3225 · 0: no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def line_height(multiple: Decimal) -> str:
    return number(multiple * SINGLE_LINE)


def _base_rules(sheet: StyleSheet) -> str:
    size = number(sheet.default_size)
    return f"html {{ font-family: {font_family(sheet)}; font-size: {size}pt; line-height: {line_height(Decimal(1))}; }}"


def _page_rules(sheet: StyleSheet, groups: list[PageGroup]) -> str:
    default = sheet.pages["portrait"]
    rules = [f"@page {{ {_page_box(default)} {_number_box(sheet, default)} }}"]
    for group in groups:
        page = sheet.pages[group.orientation]
        rules.append(f"@page {group.name} {{ {_page_box(page)} {_number_box(sheet, page)} }}")
    for group in groups:
        # A plain `@page X:first` does not match a named page group in WeasyPrint; `:nth(1 of X)` does.
        if group.start:  # the middle of a section: numbered on from the part before, and shown
            rules.append(f"@page :nth(1 of {group.name}) {{ counter-reset: page {group.start}; }}")
            continue
        reset = "counter-reset: page 1; " if group.restart else ""
        rules.append(f"@page :nth(1 of {group.name}) {{ {reset}@top-center {{ content: none; }} }}")
    return "\n".join(rules)


def _page_box(page: Page) -> str:
    margins = " ".join(f"{number(v)}mm" for v in (page.top, page.right, page.bottom, page.left))
    return f"size: {number(page.width)}mm {number(page.height)}mm; margin: {margins};"


def _number_box(sheet: StyleSheet, page: Page) -> str:
    # The number sits in the top margin, its line starting `header` mm below the paper's edge (Word's
    # header distance), centred over the text column.
    return (f"@top-center {{ content: counter(page); font-family: {font_family(sheet)}; "
            f"font-size: {number(sheet.page_number_size)}pt; line-height: {line_height(Decimal(1))}; "
            f"vertical-align: top; padding-top: {number(page.header)}mm; }}")


def _paragraph_rules(sheet: StyleSheet) -> str:
    return "\n".join(f"p.{name} {{ {_declarations(style, block=True)} }}" for name, style in sheet.paragraphs.items())


def _cell_rules(sheet: StyleSheet) -> str:
    """Cell text by row kind, and the sheet's line widths and paddings (the DOCX writer reads the same)."""
    measures = sheet.tables
    rules = [f"table.data tr.{kind} > * {{ {_declarations(sheet.paragraphs[style], block=False)} }}"
             for kind, style in sheet.row_styles.items()]
    rules += [f"table.data th, table.data td {{ border: {number(measures.border)}pt solid black; "
              f"padding: 0 {number(measures.cell_padding)}mm; }}",
              f"table.layout td {{ padding: 0 {number(measures.layout_padding)}mm; }}",
              # Text flush with the margin, as Word places a borderless table ("Nơi nhận:" flush left, ND30).
              f"table.layout {{ margin-left: -{number(measures.layout_padding)}mm; }}",
              f"table.layout.signature {{ margin-top: {number(measures.signature_gap)}pt; }}",
              f"div.rule {{ border-top: {number(measures.rule)}pt solid black; }}"]
    return "\n".join(rules)


def _declarations(style: ParagraphStyle, block: bool) -> str:
    found = [f"font-size: {number(style.size)}pt", f"line-height: {line_height(style.line)}",
             f"font-weight: {'bold' if style.bold else 'normal'}",
             f"font-style: {'italic' if style.italic else 'normal'}"]
    if block:
        indent = -style.hanging if style.hanging else style.first_line
        found += [f"text-align: {style.align}", f"text-indent: {number(indent)}mm",
                  f"padding-left: {number(style.hanging)}mm",
                  f"margin: {number(style.before)}pt 0 {number(style.after)}pt 0"]
        if style.keep_with_next:
            found.append("break-after: avoid")
        if style.keep_together:
            found.append("break-inside: avoid")
        if style.outline:  # a heading (mục, khoản, Biểu): a PDF bookmark at its level, as Word's outline level
            found.append(f"bookmark-level: {style.outline}; bookmark-label: attr(data-bookmark)")
    return "; ".join(found) + ";"
