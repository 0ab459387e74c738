"""The narrative written in Word (noi-dung.docx) as the Markdown text the Markdown reader reads, each line placed at
its paragraph ("đoạn 12 («Cấp xã: Có thêm…»)"): check and compose read it as they read noi-dung.md."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.docx_package import Style, marks, read_package, w
from reportgen.load.raw import display_path
from reportgen.vi import nfc

# Word's built-in heading styles by id ("Heading1") or by name: Word stores the English "heading 1" whatever the
# language of its menus; other programs may store the name a clerk sees.
_HEADING = re.compile(r"(?:heading|đầu đề|tiêu đề|überschrift|titre)\s*(\d)", re.IGNORECASE)
_EXPRESSION = re.compile(r"\{\{.*?\}\}")
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "\u00a0": " ", "\u202f": " "})
_ESCAPED = set("\\*_#!")          # what Markdown would read as markup: typed in Word, it is text
_SKIPPED = {w(tag) for tag in ("pPr", "del", "moveFrom", "bookmarkStart", "bookmarkEnd", "proofErr",
                                "commentRangeStart", "commentRangeEnd", "permStart", "permEnd")}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_REFUSED = {  # element → what the clerk put there, refused at its place: reportgen would print it nowhere
    w("drawing"): "hình ảnh", w("pict"): "hình ảnh", w("object"): "đối tượng nhúng", _MC: "hình ảnh hoặc hộp văn bản",
    w("fldChar"): "trường (field)", w("fldSimple"): "trường (field)", w("instrText"): "trường (field)",
    w("footnoteReference"): "chú thích cuối trang", w("endnoteReference"): "chú thích cuối văn bản",
    w("sym"): "ký hiệu chèn (Insert Symbol)", f"{_MATH}oMath": "công thức", f"{_MATH}oMathPara": "công thức",
}
_EXCERPT = 20                     # letters of a paragraph's start that name it in a message


@dataclass
class _Paragraph:
    number: int
    level: int = 0                                    # 1 mục, 2 khoản, 0 a paragraph
    chars: list[tuple[str, frozenset]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(char for char, _ in self.chars)

    def place(self) -> str:
        words, excerpt = " ".join(self.text.split()).split(" "), ""
        while words and len(f"{excerpt} {words[0]}") <= _EXCERPT + 1 and (not excerpt or "{{" not in words[0]):
            excerpt = f"{excerpt} {words.pop(0)}".strip()
        excerpt = (excerpt or " ".join(words)[:_EXCERPT]) + ("…" if words else "")
        return f"đoạn {self.number} («{excerpt}»)" if excerpt else f"đoạn {self.number}"


def read_docx(path: Path, problems: Problems) -> tuple[str, list[str]] | None:
    """The narrative's Markdown text and, for each of its lines, the place in the Word file it came from."""
    package = read_package(path, problems)
    if package is None:
        return None
    body, styles = package
    lines: list[str] = []
    places: list[str] = []
    shown = display_path(path)
    number = 0
    for element in _blocks(body):
        if element.tag == w("p"):
            number += 1
            paragraph = _paragraph(element, number, styles)
            for kind in dict.fromkeys(paragraph.refused):
                problems.add(_refusal(kind), Location(shown, place=paragraph.place()))
            for line in _markdown(paragraph):
                lines.append(line)
                places.append(paragraph.place())
            lines.append("")                               # a paragraph ends: a blank line, as in Markdown
            places.append(paragraph.place())
        else:
            problems.add("Lời văn không chứa bảng: đưa số liệu vào một biểu (bieu-….yaml hoặc sổ tính) và viết "
                         "biểu thức {{ … }} trong lời văn.",
                         Location(shown, place=f"bảng sau {places[-1]}" if places else "bảng ở đầu tệp"))
    return "\n".join(lines), places


_NUMBERED, _PAGE_BREAK = "đánh số hoặc gạch đầu dòng tự động", "ngắt trang"
_WHAT_TO_DO = {
    _NUMBERED: "số đó không nằm trong chữ nên sẽ mất. Hãy tắt đánh số tự động của đoạn và gõ «1.», «a)», «-» "
               "như chữ thường.",
    _PAGE_BREAK: "trang do reportgen dàn theo Nghị định 30. Hãy xóa ngắt trang.",
}


def _refusal(kind: str) -> str:
    return f"Lời văn có {kind}: " + _WHAT_TO_DO.get(kind, "reportgen không in được trong văn bản. Hãy xóa, hoặc "
                                                          "viết thành chữ (số liệu bằng biểu thức {{ … }}).")


def _blocks(body: ET.Element):
    """The body's paragraphs and tables in order, through content controls and custom XML around them."""
    for child in body:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo")):
            yield from _blocks(child)


def _paragraph(element: ET.Element, number: int, styles: dict[str, Style]) -> _Paragraph:
    paragraph = _Paragraph(number, _level(element, styles))
    numbering = element.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
    if (numbering.get(w("val")) != "0") if numbering is not None else _numbered_by_style(element, styles):
        paragraph.refused.append(_NUMBERED)
    _collect(element, paragraph, styles)
    return paragraph


def _numbered_by_style(element: ET.Element, styles: dict[str, Style]) -> bool:
    """Word numbers the paragraph through its style or one it is based on (the number is not in the text)."""
    style_ref = element.find(f"{w('pPr')}/{w('pStyle')}")
    style, seen = (styles.get(style_ref.get(w("val"), "")) if style_ref is not None else None), set()
    while style is not None and style.id not in seen:
        seen.add(style.id)
        if style.numbered is not None:
            return style.numbered
        style = styles.get(style.based_on or "")
    return False


def _level(element: ET.Element, styles: dict[str, Style]) -> int:
    """1 for a mục (Heading 1 or a style based on it, outline level 1), 2 for a khoản (level 2 and below)."""
    ppr = element.find(w("pPr"))
    direct = ppr.find(w("outlineLvl")) if ppr is not None else None
    if direct is not None and (direct.get(w("val")) or "").isdigit() and int(direct.get(w("val"))) < 9:
        return min(int(direct.get(w("val"))) + 1, 2)
    style_ref = ppr.find(w("pStyle")) if ppr is not None else None
    seen: set[str] = set()
    style = styles.get(style_ref.get(w("val"), "")) if style_ref is not None else None
    while style is not None and style.id not in seen:
        seen.add(style.id)
        found = _HEADING.fullmatch(style.id) or _HEADING.fullmatch(style.name.strip())
        if found and found.group(1) != "0":
            return min(int(found.group(1)), 2)
        if style.outline is not None and style.outline < 9:
            return min(style.outline + 1, 2)
        style = styles.get(style.based_on or "")
    return 0


def _collect(element: ET.Element, paragraph: _Paragraph, styles: dict[str, Style]) -> None:
    """Runs in order, inside tracked insertions, links and content controls; deletions and comments left out."""
    for child in element:
        if child.tag in _SKIPPED:
            continue
        if child.tag in _REFUSED:
            paragraph.refused.append(_REFUSED[child.tag])
        elif child.tag == w("r"):
            _run(child, paragraph, styles)
        elif isinstance(child.tag, str) and child.tag.startswith(w("")):
            _collect(child, paragraph, styles)   # ins, moveTo, hyperlink, smartTag, sdt, sdtContent, customXml


def _run(run: ET.Element, paragraph: _Paragraph, styles: dict[str, Style]) -> None:
    rpr = run.find(w("rPr"))
    if rpr is not None and rpr.find(w("vanish")) is not None:
        return                                      # hidden text: Word prints it nowhere either
    on = _run_marks(rpr, styles)
    for child in run:
        if child.tag in _REFUSED:
            paragraph.refused.append(_REFUSED[child.tag])
        elif child.tag == w("br") and child.get(w("type")) in ("page", "column"):
            paragraph.refused.append(_PAGE_BREAK)
        text = {w("t"): child.text or "", w("tab"): " ", w("br"): "\n", w("cr"): "\n",
                w("noBreakHyphen"): "-"}.get(child.tag, "")
        paragraph.chars += [(char, on) for char in nfc(text)]


def _run_marks(rpr: ET.Element | None, styles: dict[str, Style]) -> frozenset:
    """Bold and italic: the run's own, else its character style's (Strong, Emphasis) through the styles it is based on."""
    found = marks(rpr)
    ref = rpr.find(w("rStyle")) if rpr is not None else None
    style, seen = (styles.get(ref.get(w("val"), "")) if ref is not None else None), set()
    while style is not None and style.id not in seen:
        seen.add(style.id)
        found = style.marks | found
        style = styles.get(style.based_on or "")
    return frozenset(mark for mark, value in found.items() if value)


def _markdown(paragraph: _Paragraph) -> list[str]:
    """The paragraph's lines as Markdown: `#`/`##` for a heading, `**`/`*` for bold/italic, markup typed escaped."""
    chars = _expressions_whole(paragraph.chars)
    if paragraph.level:
        chars = [(" " if char == "\n" else char, on, raw) for char, on, raw in chars]   # a heading is one line
    lines, line = [], []
    for item in chars + [("\n", frozenset(), False)]:
        if item[0] == "\n":
            lines.append(_line(line))
            line = []
        else:
            line.append(item)
    prefix = "#" * paragraph.level + " " if paragraph.level else ""
    return [prefix + text if text else text for text in lines]


def _expressions_whole(chars: list[tuple[str, frozenset]]) -> list[tuple[str, frozenset | None]]:
    """Each {{ … }} as typed, whatever runs Word split it into: one formatting (its first letter's), straight quotes;
    None marks its letters as an expression's (never escaped)."""
    text = "".join(char for char, _ in chars)
    result: list = list(chars)
    for match in _EXPRESSION.finditer(text):
        on = chars[match.start()][1]
        for index in range(match.start(), match.end()):
            result[index] = (text[index].translate(_STRAIGHT), on, True)
    return [item if len(item) == 3 else (item[0], item[1], False) for item in result]


def _line(chars: list) -> str:
    """One line: whitespace trimmed, bold and italic as `**`/`*` wherever Markdown reads them so, markup typed escaped."""
    while chars and chars[0][0].isspace() and not chars[0][2]:
        chars = chars[1:]
    while chars and chars[-1][0].isspace() and not chars[-1][2]:
        chars = chars[:-1]
    kinds = [_kind(char, raw) for char, _, raw in chars]
    wanted = _marks_by_token(kinds, [on for _, on, _ in chars])
    out, open_marks = [], []
    for k, (char, _, raw) in enumerate(chars):
        out.append(_switch(open_marks, wanted[k], opening=_opens(kinds, k)))
        out.append(char if raw or char not in _ESCAPED else "\\" + char)
    out.append(_switch(open_marks, frozenset(), opening=False))
    return "".join(out)


def _kind(char: str, raw: bool) -> str:
    """"s" a space, "p" punctuation or a symbol, "a" anything else (a letter; an expression stands for a figure)."""
    if raw:
        return "a"
    if char.isspace():
        return "s"
    return "p" if unicodedata.category(char)[0] in "PS" else "a"


def _tokens(kinds: list[str]) -> list[range]:
    """Runs of one kind: a word's letters, a run of punctuation, the spaces between."""
    runs, start = [], 0
    for k in range(1, len(kinds) + 1):
        if k == len(kinds) or kinds[k] != kinds[start]:
            runs.append(range(start, k))
            start = k
    return runs


def _marks_by_token(kinds: list[str], typed: list[frozenset]) -> list[frozenset]:
    """CommonMark reads `*` as emphasis only beside a space, or between a letter and punctuation: so a word keeps its
    first letter's marks (a change inside a word cannot be written), punctuation keeps only the marks of the words
    it touches, spaces those of both sides. Letters never lose a mark they share with the rest of their word."""
    runs = _tokens(kinds)
    marks = {r.start: typed[r.start] for r in runs if kinds[r.start] == "a"}
    for i, r in enumerate(runs):
        if kinds[r.start] == "p":
            marks[r.start] = frozenset.union(*(typed[k] for k in r)) if len(r) == 1 else typed[r.start]
            for neighbour in (runs[i - 1] if i else None, runs[i + 1] if i + 1 < len(runs) else None):
                if neighbour is not None and kinds[neighbour.start] == "a":
                    marks[r.start] &= marks[neighbour.start]
    for i, r in enumerate(runs):
        if kinds[r.start] == "s":
            sides = [marks[n.start] for n in (runs[i - 1], runs[i + 1])]   # trimmed: a space run has both sides
            marks[r.start] = sides[0] & sides[1]
    return [marks[r.start] for r in runs for _ in r]


def _opens(kinds: list[str], k: int) -> bool:
    """Delimiters before character k may open (after a space or the line's start, or between punctuation and a
    letter); elsewhere they may only close."""
    before = kinds[k - 1] if k else "s"
    return kinds[k] != "s" and (before == "s" or (before == "p" and kinds[k] == "a"))


def _switch(open_marks: list[str], wanted: frozenset, opening: bool) -> str:
    """Closes the marks not wanted (and those opened after them); opens the missing ones only where Markdown lets a
    delimiter open, so a mark closed early for nesting's sake reopens at the next word."""
    out = ""
    while any(mark not in wanted for mark in open_marks):
        out += _DELIMITER[open_marks.pop()]
    for mark in sorted(wanted - set(open_marks)) if opening else ():
        open_marks.append(mark)
        out += _DELIMITER[mark]
    return out


_DELIMITER = {"b": "**", "i": "*"}
