"""The Document as PDF: its HTML laid out by WeasyPrint, with no fetching, checked fonts and fixed bytes."""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

from reportgen.styles import StyleSheet
from reportgen.errors import OutputError, Problem, Problems
from reportgen.tree.nodes import Document
from reportgen.write.pdf.html import html_text
from reportgen.write.pdf import weasy
from reportgen.write.pdf.join import Laid, joined, lay_out_parts
from reportgen.write.pdf.parts import cut, has_long_table
from reportgen.write.pdf.plan import laid_heights
from reportgen.write.options import WriterOptions

# fonts-liberation 1.07 (Debian 12) has no Vietnamese letters with hooks and dots below (ơ, ư, ạ, ả ...);
# Liberation 2 has them: Debian 12 ships it as fonts-liberation2, later releases as fonts-liberation.
INSTALL_HINT = ("cài phông Liberation Serif bản 2 trở lên (cùng số đo với Times New Roman, đủ chữ tiếng Việt): "
                "sudo apt-get install fonts-liberation2 (Debian 12) hoặc sudo apt-get install fonts-liberation "
                "(bản phát hành mới hơn)")


def pdf_bytes(document: Document, options: WriterOptions) -> bytes:
    if has_long_table(document, options):
        parts, runs = cut(document, options)
        if len(parts) > 1:
            return _in_parts(document, parts, runs, options)
    text = html_text(document, options)
    rendered, data = _render(text, document.date, options.templates)
    _check(weasy.font_facts(rendered), options.sheet)  # filled while the pages are drawn (pdf_data), not while they are laid out
    return data


def _in_parts(document: Document, parts: list, runs: list, options: WriterOptions) -> bytes:
    """A long table: its parts laid out on every core, numbered on from each other, joined into one file."""
    render = functools.partial(render_part, date=document.date, templates=options.templates)
    laid, texts = lay_out_parts(document, parts, runs, render, options)
    _check([font for part in laid for font in part.fonts], options.sheet)
    return joined(laid, texts)


def render_part(text: str, date: _dt.date, templates: Path) -> Laid:
    """One part, in a worker process: its bytes, its pages and what the font check needs of its fonts."""
    rendered, data = _render(text, date, templates)
    return Laid(data, weasy.page_count(rendered), weasy.font_facts(rendered), laid_heights(rendered))


def _check(fonts, sheet: StyleSheet) -> None:
    problems = Problems()
    unprintable = check_fonts(fonts, problems, sheet)
    if problems:
        raise OutputError(problems.items, "".join(sorted(unprintable)))


def _render(text: str, date: _dt.date, templates: Path):
    # The PDF's /ID comes from the content, its dates from the <meta> tags: same input, same bytes.
    identifier = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32].encode("ascii")
    try:
        rendered = weasy.lay_out(text, templates)
        with _font_timestamp(date):
            return rendered, weasy.pdf_data(rendered, identifier)
    except weasy.FetchRefused as error:
        message = f"Bản PDF không được tải tài nguyên ngoài ({error}); đây là lỗi của reportgen, xin báo lại."
        raise OutputError([Problem(message)]) from error


@contextmanager
def _font_timestamp(date: _dt.date):
    """fontTools stamps each subset font with the clock unless SOURCE_DATE_EPOCH is set: use the document's date."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(date.timetuple()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def check_fonts(fonts, problems: Problems, sheet: StyleSheet) -> set[str]:
    """Every glyph must come from the sheet's font or its fallback; any other family means a glyph fell back.

    Returns the letters that could not be printed in the sheet's fonts, when they are few enough to name.
    """
    allowed = {sheet.font, sheet.font_fallback}
    strays: dict[str, set[str]] = {}
    found = False
    lacking: set[str] = set()
    for font in fonts:
        found = True
        if font.family not in allowed:
            strays.setdefault(font.family, set()).update("".join(font.to_unicode.values()))
        # No installed font had these at all: Pango kept our font and WeasyPrint drew nothing (`missing`).
        lacking.update(chr(codepoint) for codepoint in font.missing)  # WeasyPrint 62+: fail loudly if renamed
    if not found:
        problems.add(f"Không tìm thấy phông chữ nào để in bản PDF. Hãy {INSTALL_HINT}.")
    if lacking:
        shown = "".join(sorted(lacking))[:40]
        problems.add(f"Không phông nào trên máy có các chữ «{shown}»: bản PDF sẽ để trống chỗ đó. Hãy bỏ các chữ "
                     f"này khỏi đầu vào (văn bản hành chính chỉ dùng chữ tiếng Việt), hoặc {INSTALL_HINT}.")
    for family, characters in sorted(strays.items()):
        problems.add(_fallback_message(family, "".join(sorted(characters)).strip(), sheet.font, sheet.font_fallback))
    fallen = {c for characters in strays.values() for c in characters if not c.isspace()}
    return lacking | fallen if len(fallen) <= 20 else lacking


def _fallback_message(family: str, characters: str, wanted: str, fallback: str) -> str:
    # A short list names the letters the font lacks; a long one only says that no font matched at all.
    shown = f" cho các chữ «{characters}»" if 0 < len(characters) <= 20 else ""
    return (f"Bản PDF phải in bằng phông {wanted} hoặc {fallback}, nhưng máy đã thay bằng phông {family}{shown}: "
            f"máy thiếu phông {wanted} và {fallback}, hoặc phông đó thiếu các chữ này. Hãy {INSTALL_HINT}.")
