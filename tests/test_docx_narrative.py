"""The narrative written in Word (#17 item 2): noi-dung.docx gives the tree noi-dung.md gives, whatever runs Word split
the text into; curly quotes inside {{ }}, tracked changes and comments as Word means them; tables, images and fields
refused at their paragraph."""

from __future__ import annotations

import json
import struct
import unicodedata
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from hypothesis import given, settings, strategies as st

from reportgen.cli import main
from reportgen.compose.narrative import narrative_markup
from reportgen.load.docx_narrative import _markdown, _Paragraph
from reportgen.model.plan import Narrative
from tests.conftest import SAMPLE, replace_once
from tests.word import field, markdown_to_docx, restyle, tracked


def _tree(folder: Path, capsys, *args: str) -> str:
    code = main(["tree", str(folder), *args])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def _check(folder: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(folder), "--json"])
    report = json.loads(capsys.readouterr().out)
    prefix = f"{folder}/"
    return code, [f"{p['location']['text'].removeprefix(prefix)}: {p['message']}" for p in report["problems"]]


def _to_word(folder: Path, markdown: str | None = None, split: int = 7, name: str = "noi-dung"):
    """The folder's narrative (or `markdown`) saved as noi-dung.docx, and van-ban.yaml naming it."""
    source = folder / f"{name}.md"
    document = markdown_to_docx(markdown or source.read_text(encoding="utf-8"), folder / f"{name}.docx", split)
    replace_once(folder / "van-ban.yaml", f"narrative: {name}.md", f"narrative: {name}.docx")
    source.unlink()                              # the Word file alone is read
    return document


@pytest.mark.parametrize("split", [7, 1], ids=["runs-of-7", "a-run-per-letter"])
def test_the_sample_narrative_saved_as_docx_gives_the_identical_tree(sample, capsys, split):
    expected = _tree(SAMPLE, capsys)
    _to_word(sample, split=split)
    assert _tree(sample, capsys) == expected


def test_a_report_narrative_with_comments_as_review_comments_gives_the_identical_tree(sample, capsys):
    expected = _tree(SAMPLE, capsys, "--period", "2020-Q2")
    document = _to_word(sample / "bao-cao-2020-q2")
    assert len(document.comments) == 2          # its two <!-- --> notes, now Word review comments
    assert _tree(sample, capsys, "--period", "2020-Q2") == expected


def test_headings_by_localised_style_names_and_ids(sample, capsys):
    expected = _tree(SAMPLE, capsys)
    document = _to_word(sample)
    restyle(document, "Heading 1", "u1", "Đầu đề 1")                # a Vietnamese name, another id: by its name
    restyle(document, "Heading 2", "Heading2", "Tiêu đề khoản")     # the built-in id under another name: by its id
    document.save(str(sample / "noi-dung.docx"))
    assert _tree(sample, capsys) == expected


def test_a_style_based_on_heading_1_marks_a_muc(sample, capsys):
    expected = _tree(SAMPLE, capsys)
    document = _to_word(sample)
    muc = document.styles.add_style("Mục của tôi", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    muc.base_style = document.styles["Heading 1"]
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            paragraph.style = muc
    document.save(str(sample / "noi-dung.docx"))
    assert _tree(sample, capsys) == expected


def test_curly_quotes_inside_an_expression_are_straightened_outside_kept(sample, capsys):
    _to_word(sample, "# I. MỤC TIÊU\n\nCó {{ so_lieu[“so_xa_toan_tinh”] }} xã, “kiểu mẫu” và ‘nâng cao’ "
                     "{{ so_lieu[‘lop_tap_huan’] }} lớp.")
    tree = _tree(sample, capsys)
    assert "p.body: Có «184» xã, “kiểu mẫu” và ‘nâng cao’ «" in tree


def test_tracked_insertions_are_taken_deletions_and_comments_left_out(sample, capsys):
    document = _to_word(sample, "# I. MỤC TIÊU\n\nCấp xã: Có thêm <!-- kiểm tra lại số -->")
    paragraph = document.paragraphs[1]
    tracked(paragraph, inserted="{{ tang(bieu01.xa_ntm) }} xã", deleted="99 xã")
    document.save(str(sample / "noi-dung.docx"))
    tree = _tree(sample, capsys)
    assert "p.body: Cấp xã: Có thêm «23» xã\n" in tree
    assert "99 xã" not in tree and "kiểm tra lại" not in tree


def test_bold_italic_and_markup_typed_in_word_stay_as_typed(sample, capsys):
    document = _to_word(sample, "# I. MỤC TIÊU\n\nx")
    paragraph = document.paragraphs[1]
    paragraph.clear()
    for text, bold, italic in [("Đậm ", True, None), ("nghiêng", None, True), (", 2 * 3 = 6 _a_ # <!-- b --> \\", None,
                                                                               None)]:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
    paragraph.add_run("ẨN").font.hidden = True   # hidden text: Word prints it nowhere
    document.save(str(sample / "noi-dung.docx"))
    assert "p.body: **Đậm** *nghiêng*, 2 * 3 = 6 _a_ # <!-- b --> \\\n" in _tree(sample, capsys)


def test_an_expression_error_is_located_by_paragraph(sample, capsys):
    _to_word(sample, "# I. MỤC TIÊU\n\n2. Cấp xã: Có thêm {{ tang(bieu01.khong_co) }} xã.")
    code, problems = _check(sample, capsys)
    assert code == 2
    assert problems[0].startswith("noi-dung.docx: đoạn 2 («2. Cấp xã: Có thêm…»): Biểu thức {{ tang(bieu01.khong_co) }}")


def test_a_table_an_image_and_a_field_are_refused_at_their_place(sample, capsys, tmp_path):
    document = _to_word(sample, "# I. MỤC TIÊU\n\nCấp xã: Có thêm {{ tang(bieu01.xa_ntm) }} xã.\n\nẢnh: \n\nTrang ")
    body = document.element.body
    table = document.add_table(rows=1, cols=2)
    body.insert(list(body).index(document.paragraphs[1]._p) + 1, table._tbl)     # after paragraph 2
    image = tmp_path / "anh.png"
    image.write_bytes(_png())
    document.paragraphs[2].add_run().add_picture(str(image), width=Inches(0.1))
    field(document.paragraphs[3])
    document.save(str(sample / "noi-dung.docx"))
    code, problems = _check(sample, capsys)
    assert code == 2
    assert [p.split(": Lời văn")[0] for p in problems] == [
        "noi-dung.docx: bảng sau đoạn 2 («Cấp xã: Có thêm…»)",
        "noi-dung.docx: đoạn 3 («Ảnh:»)",
        "noi-dung.docx: đoạn 4 («Trang»)"]
    assert "có hình ảnh" in problems[1] and "có trường (field)" in problems[2]
    assert "không chứa bảng" in problems[0]


def _png() -> bytes:
    """A 1×1 PNG, for a picture pasted into the narrative."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff")) + chunk(b"IEND", b""))


def test_a_file_that_is_not_a_docx_is_a_located_problem(sample, capsys):
    _to_word(sample, "x")
    (sample / "noi-dung.docx").write_text("Lời văn gõ bằng Notepad, đặt tên .docx", encoding="utf-8")
    code, problems = _check(sample, capsys)
    assert (code, problems) == (2, ["noi-dung.docx: Tệp không phải tệp Word .docx (không phải tệp nén Office "
                                    "Open XML)."])


def test_the_json_location_names_the_paragraph_not_a_line(sample, capsys):
    _to_word(sample, "# I. MỤC TIÊU\n\nCó {{ tang(bieu01.khong_co) }} xã.")
    main(["check", str(sample), "--json"])
    location = json.loads(capsys.readouterr().out)["problems"][0]["location"]
    assert location["place"] == "đoạn 2 («Có…»)" and "line" not in location


# Bold and italic through Markdown: whatever runs Word has, every letter keeps its marks ---------------------------

_LETTERS = st.sampled_from(list("aăbđ*_#! .,“”()-") + ["{{ x }}"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.lists(_LETTERS, min_size=1, max_size=4).map("".join),
                          st.frozensets(st.sampled_from("bi"))), min_size=1, max_size=6))
def test_every_letter_keeps_its_bold_and_italic(segments):
    chars = [(char, marks) for text, marks in segments for char in text]
    markdown = _markdown(_Paragraph(1, 0, chars))[0]
    values = {}
    if "{{" in markdown:                        # figures stand where the expressions were: give each one
        from reportgen.errors import Location
        from reportgen.model.plan import Figure
        from decimal import Decimal
        start = 0
        while (found := markdown.find("{{", start)) != -1:
            values[Location("n", 1, found + 1)] = Figure(Decimal(7), "count", 0)
            start = found + 1
    markup = narrative_markup(Narrative("n", markdown, ()), values)
    read = _marked(ET.fromstring(f"<r>{markup}</r>"), frozenset()) if markup else []
    typed = [(char, marks) for char, marks in chars]
    typed_text = "".join(c for c, _ in typed).replace("{{ x }}", "7").strip()
    assert "".join(c for c, _ in read).strip() == typed_text
    assert [(c, m) for c, m in read if c.isalnum()] == _letters(_with_figures(typed))


def _letters(chars):
    """Each letter with the marks of its word's first letter: Markdown cannot change them inside a word."""
    out, first = [], None
    for char, marks in chars:
        letter = not char.isspace() and unicodedata.category(char)[0] not in "PS"
        first = (marks if first is None else first) if letter else None
        if letter and char.isalnum():
            out.append((char, first))
    return out


def _with_figures(chars):
    text = "".join(c for c, _ in chars)
    out, index = [], 0
    while index < len(chars):
        if text.startswith("{{ x }}", index):
            out.append(("7", chars[index][1]))
            index += len("{{ x }}")
        else:
            out.append(chars[index])
            index += 1
    return out


def _marked(element: ET.Element, marks: frozenset) -> list:
    here = marks | {"b": {"b"}, "i": {"i"}}.get(element.tag, set())
    out = [(c, frozenset(here)) for c in "7" * (element.tag == "num") + (element.text or "")]
    for child in element:
        out += _marked(child, frozenset(here))
        out += [(c, frozenset(here)) for c in child.tail or ""]
    return out


def test_a_letter_no_font_has_is_placed_by_paragraph(sample, tmp_path, capsys):
    _to_word(sample, "# I. MỤC TIÊU\n\nXây dựng như sau: 中文")
    assert main(["build", str(sample), "-o", str(tmp_path / "ra"), "--format", "pdf"]) == 2
    out = capsys.readouterr().out
    assert "noi-dung.docx: đoạn 2 («Xây dựng như sau: 中文»): Chữ «中» ở đây không in được" in out


def test_a_paragraph_numbered_through_its_style_is_refused_at_its_place(sample, capsys):
    """Word's 'List Number' (or a heading linked to a list) numbers through the style: the number is not in the text
    and was dropped without a word; a paragraph that turns the style's numbering off (numId 0) is read."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    document = _to_word(sample)
    listed = document.styles.add_style("Danh sách số", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    listed._element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    child = document.styles.add_style("Danh sách số con", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = listed
    plain = [p for p in document.paragraphs if p.style.name not in ("Heading 1", "Heading 2") and p.text.strip()]
    plain[2].style = child
    plain[3].style = listed
    plain[3]._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'))
    document.save(str(sample / "noi-dung.docx"))
    code, problems = _check(sample, capsys)
    assert code == 2
    numbered = [p for p in problems if "đánh số hoặc gạch đầu dòng tự động" in p]
    assert len(numbered) == 1 and numbered[0].startswith("noi-dung.docx: đoạn "), problems
    assert f"«{plain[2].text[:12]}" in numbered[0], numbered
