"""A narrative saved from Word, made in the tests: Markdown written as a .docx with python-docx the way Word stores it
(headings as Heading 1/2, runs split in the middle of words and of {{ expressions }}, comments as review comments)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

_COMMENT = re.compile(r"<!--(.*?)-->")
_MARK = re.compile(r"(\*\*\*|\*\*|\*)")


def markdown_to_docx(markdown: str, path: Path, split: int = 7) -> docx.document.Document:
    """Each non-blank line a paragraph; `# `/`## ` lines in Word's heading styles; `*`/`**` as italic/bold runs, each
    cut every `split` letters (Word splits runs where an edit, a spell check or a revision id began)."""
    document = docx.Document()
    for line in markdown.split("\n"):
        notes = _COMMENT.findall(line)
        line = _COMMENT.sub("", line)
        if not line.strip() and not notes:
            continue
        style = "Heading 1" if line.startswith("# ") else "Heading 2" if line.startswith("## ") else None
        paragraph = document.add_paragraph(style=style)
        runs = _runs(paragraph, line.lstrip("#").strip() if style else line, split)
        for note in notes:  # a drafter's note becomes a review comment: printed nowhere, as <!-- --> is
            anchor = runs or [paragraph.add_run("")]
            document.add_comment(anchor, text=note.strip(), author="Chuyên viên", initials="CV")
    document.save(str(path))
    return document


def _runs(paragraph, text: str, split: int) -> list:
    runs, bold, italic = [], False, False
    for piece in _MARK.split(text):
        if piece in ("*", "**", "***"):
            bold, italic = (not bold if "**" in piece else bold), (not italic if len(piece) != 2 else italic)
            continue
        for start in range(0, len(piece), split):
            run = paragraph.add_run(piece[start:start + split])
            run.bold, run.italic = bold or None, italic or None
            runs.append(run)
    return runs


def tracked(paragraph, inserted: str, deleted: str) -> None:
    """A tracked insertion and a tracked deletion at the end of the paragraph, as Word's Track Changes stores them."""
    paragraph._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="901" w:author="A" w:date="2020-02-17T00:00:00Z">'
                                  f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="902" w:author="A" w:date="2020-02-17T00:00:00Z">'
                                  f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'))


def field(paragraph, instruction: str = " PAGE ") -> None:
    """A field (Insert > Field, a page number) at the end of the paragraph."""
    for xml in ('<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {ns}><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml.format(ns=nsdecls("w"), instruction=instruction)))


def restyle(document, old: str, style_id: str, name: str) -> None:
    """Renames a built-in style as a localised Word or another program stores it (id and name)."""
    style = document.styles[old]
    for element in document.element.body.iter(qn("w:pStyle")):
        if element.get(qn("w:val")) == style.style_id:
            element.set(qn("w:val"), style_id)
    style.element.set(qn("w:styleId"), style_id)
    style.element.find(qn("w:name")).set(qn("w:val"), name)
