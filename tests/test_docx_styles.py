"""DOCX styles as Word sees them (styles.xml): outline levels, the chain on "Nội dung", names, the gallery; and
LibreOffice following a change of the body style's size to every paragraph that takes it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile

import pytest
from lxml import etree

from reportgen.write.docx.document import docx_bytes
from tests.conftest import OPTIONS, SHEET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
BODY_TEXT = ("body", "muc", "khoan", "can-cu")     # the styles ND30 prints at the body's size, in the body


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def data(sample_document) -> bytes:
    return docx_bytes(sample_document, OPTIONS)


@pytest.fixture(scope="module")
def styles_xml(data):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))


@pytest.fixture(scope="module")
def by_id(styles_xml) -> dict:
    return {s.get(q("styleId")): s for s in styles_xml.findall("w:style", NS)}


def val(element, path: str, name: str = "val"):
    found = element.find(path, NS)
    return None if found is None else found.get(q(name), "")


def test_muc_khoan_and_bieu_carry_outline_levels_and_nothing_else_does(by_id):
    levels = {sid: val(style, "w:pPr/w:outlineLvl") for sid, style in by_id.items()
              if val(style, "w:pPr/w:outlineLvl") is not None}
    assert levels == {"muc": "0", "khoan": "1", "bieu-so": "0"}
    assert all(val(by_id[sid], "w:next") == "body" for sid in levels)  # Enter after a heading types body text


def test_one_body_style_holds_font_and_size_and_the_others_say_only_what_differs(by_id):
    body = by_id["body"]
    assert val(body, "w:basedOn") == "Normal"
    assert {val(body, "w:rPr/w:rFonts", a) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {SHEET.font}
    assert val(body, "w:rPr/w:sz") == "28"
    own_sizes = {}
    for name, spec in SHEET.paragraphs.items():
        if name == "body":
            continue
        style = by_id[name]
        assert val(style, "w:basedOn") == "body", name
        assert style.find("w:rPr/w:rFonts", NS) is None, name          # the font is the body's
        own_sizes[name] = val(style, "w:rPr/w:sz")
        # Nothing repeated that the body says already.
        assert val(style, "w:pPr/w:jc") is None or spec.align != "justify", name
        assert val(style, "w:pPr/w:spacing", "line") is None or spec.line != SHEET.paragraphs["body"].line, name
    followers = {name for name, size in own_sizes.items() if size is None}
    assert followers == {name for name, spec in SHEET.paragraphs.items()
                         if spec.size == SHEET.default_size and name != "body"}
    assert {"can-cu", "muc", "khoan"} <= followers
    assert own_sizes["quoc-hieu"] == "26" and own_sizes["bang"] == "24" and own_sizes["noi-nhan-muc"] == "22"
    assert (val(by_id["muc"], "w:rPr/w:b"), by_id["muc"].find("w:pPr/w:ind", NS)) == ("", None)


def test_vietnamese_display_names_ascii_style_ids(by_id):
    names = {sid: val(style, "w:name") for sid, style in by_id.items() if style.get(q("customStyle")) == "1"}
    assert {"Nội dung", "Mục", "Khoản", "Căn cứ", "Nơi nhận", "Bảng – tiêu đề", "Đường kẻ"} <= set(names.values())
    assert names["body"] == "Nội dung" and names["bang-dau"] == "Bảng – tiêu đề"
    assert all(re.fullmatch(r"[a-z][a-z-]*", sid) for sid in names)
    assert len(set(names.values())) == len(names)                      # Word would merge two of one name


def test_only_the_clerks_styles_are_in_the_quick_style_gallery(styles_xml, by_id):
    gallery = {sid for sid, style in by_id.items() if style.find("w:qFormat", NS) is not None}
    assert gallery == {name for name, spec in SHEET.paragraphs.items() if spec.gallery}
    assert {"body", "muc", "khoan", "can-cu", "noi-nhan"} <= gallery and len(gallery) <= 10
    for sid, style in by_id.items():
        if sid not in gallery and style.get(q("customStyle")) == "1":
            assert style.find("w:semiHidden", NS) is not None and val(style, "w:uiPriority") == "99", sid
    latent = styles_xml.find("w:latentStyles", NS)
    assert latent.get(q("defQFormat")) == "0"
    assert not [e.get(q("name")) for e in latent.findall("w:lsdException", NS) if e.get(q("qFormat")) == "1"]


def test_same_tree_same_bytes(sample_document, data):
    assert docx_bytes(sample_document, OPTIONS) == data


# LibreOffice: the body style changed in the file ------------------------------------------------------------

def _with_body_size(data: bytes, half_points: int) -> bytes:
    """The same DOCX with the body style's size changed, as a clerk would in Word's Modify Style."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/styles.xml":
                content, count = re.subn(rb'(<w:style [^>]*w:styleId="body">.*?<w:sz w:val=")28(")',
                                         rb"\g<1>%d\g<2>" % half_points, content, flags=re.S)
                assert count == 1
            target.writestr(info, content)
    return out.getvalue()


def _line_sizes(pdf) -> list[tuple[str, float]]:
    """Each text line of the PDF's first pages and the size of most of its letters, in points."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    found = []
    for page in extract_pages(str(pdf), page_numbers=range(10)):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLine):
                    sizes = [round(c.size) for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                    if sizes:
                        text = unicodedata.normalize("NFC", line.get_text()).strip()
                        found.append((text, max(set(sizes), key=sizes.count)))
    return found


def _convert(soffice: str, folder, name: str, data: bytes):
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and (folder / f"{name}.pdf").exists(), done.stderr
    return folder / f"{name}.pdf"


def test_changing_the_body_size_in_the_file_changes_every_body_paragraph(data, sample_document, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) không có trên máy: cài gói libreoffice-writer để chạy phép thử này.")
    from reportgen.write.inline import plain_text
    from reportgen.tree import nodes as n

    openings = {style: [] for style in BODY_TEXT}
    for block in sample_document.sections[0].blocks:
        if isinstance(block, n.Paragraph) and block.style in openings:
            openings[block.style].append(plain_text(block.content)[:25])
    assert all(openings.values())
    before = _line_sizes(_convert(soffice, tmp_path, "truoc", data))
    after = _line_sizes(_convert(soffice, tmp_path, "sau", _with_body_size(data, 24)))

    def sizes(lines, start: str) -> set[float]:
        return {size for text, size in lines if text.startswith(start)}
    for style, starts in openings.items():
        for start in starts:
            assert sizes(before, start) == {14}, (style, start)
            assert sizes(after, start) == {12}, (style, start)
    # Styles ND30 sizes on their own keep their size: the Quốc hiệu 13, "Nơi nhận:" 12.
    for text, size in (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13), ("Nơi nhận:", 12)):
        assert sizes(before, text) == sizes(after, text) == {size}
