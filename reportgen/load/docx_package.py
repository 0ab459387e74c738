"""A Word file's parts that a narrative needs: the body and the styles, read from the zip with size limits."""

from __future__ import annotations

import io
import posixpath
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.raw import display_path, read_bytes

MAX_PART_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"   # Word's "Strict Open XML" save
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Style:
    """What a narrative needs of a style: its names, the style it is based on, outline level, bold and italic."""

    id: str
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    marks: dict[str, bool] = field(default_factory=dict)   # "b", "i": on or off where the style says
    numbered: bool | None = None     # its paragraphs numbered by Word (List Number, headings linked to a list)


def read_package(path: Path, problems: Problems) -> tuple[ET.Element, dict[str, Style]] | None:
    """The document's w:body and its styles by id; None with a located problem when it is not a readable .docx."""
    shown = display_path(path)
    data = read_bytes(path, problems)  # missing, too large, not readable: said there, with the place
    if data is None:
        return None
    refusal = _refusal(data)
    if refusal:
        problems.add(refusal, Location(shown))
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            main = _target(archive, "_rels/.rels", "officeDocument") or "word/document.xml"
            document = _xml(archive, main)
            rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
            styles_part = _target(archive, rels, "styles", base=posixpath.dirname(main))
            styles = _xml(archive, styles_part) if styles_part else None
    except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError, OSError) as error:
        problems.add(f"Không đọc được tệp Word ({_why(error)}). Mở bằng Word hoặc LibreOffice, lưu lại dạng .docx "
                     "rồi chạy lại.", Location(shown))
        return None
    body = document.find(w("body"))
    if body is None:
        problems.add("Tệp Word không có phần nội dung (w:body).", Location(shown))
        return None
    return body, _styles(styles)


def _refusal(data: bytes) -> str | None:
    if data[:8] == _OLE_MAGIC:
        return "Tệp Word được đặt mật khẩu hoặc là định dạng .doc cũ: hãy bỏ mật khẩu và lưu dạng .docx."
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return "Tệp không phải tệp Word .docx (không phải tệp nén Office Open XML)."
    return None


def _why(error: Exception) -> str:
    return str(error) if isinstance(error, ValueError) else type(error).__name__


def _xml(archive: zipfile.ZipFile, name: str) -> ET.Element:
    """One part, refused when it would unpack too large (a zip bomb) or declares a DTD (entities: never in Word)."""
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES or info.file_size > MAX_COMPRESSION_RATIO * max(1, info.compress_size):
        raise ValueError(f"phần {name} giải nén ra quá lớn")
    with archive.open(info) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ValueError(f"phần {name} giải nén ra quá lớn")
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ValueError(f"phần {name} có khai báo DOCTYPE")
    return _plain_namespace(ET.fromstring(data))


def _plain_namespace(root: ET.Element) -> ET.Element:
    """A Strict Open XML file in the transitional namespace the reader knows: same element names."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith(f"{{{_STRICT_W}}}"):
            element.tag = f"{{{W}}}" + element.tag.split("}", 1)[1]
        for key in [k for k in element.attrib if k.startswith(f"{{{_STRICT_W}}}")]:
            element.attrib[f"{{{W}}}" + key.split("}", 1)[1]] = element.attrib.pop(key)
    return root


def _target(archive: zipfile.ZipFile, rels: str, kind: str, base: str = "") -> str | None:
    """The part a relationship of this kind points to (…/officeDocument, …/styles), inside the package."""
    if rels not in archive.namelist():
        return None
    for rel in _xml(archive, rels).iter(_REL):
        if rel.get("Type", "").endswith(f"/{kind}") and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
            return name if name in archive.namelist() else None
    return None


def _styles(root: ET.Element | None) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    for element in root.iter(w("style")) if root is not None else ():
        style = Style(element.get(w("styleId"), ""))
        name, based, outline = element.find(w("name")), element.find(w("basedOn")), element.find(f"{w('pPr')}/{w('outlineLvl')}")
        style.name = name.get(w("val"), "") if name is not None else ""
        style.based_on = based.get(w("val")) if based is not None else None
        style.outline = _int(outline.get(w("val"))) if outline is not None else None
        style.marks = marks(element.find(w("rPr")))
        number = element.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
        style.numbered = None if number is None else number.get(w("val")) != "0"
        styles[style.id] = style
    return styles


def marks(rpr: ET.Element | None) -> dict[str, bool]:
    """Bold and italic as a run's or a style's properties set them (`<w:b/>` on, `<w:b w:val="0"/>` off)."""
    found = {}
    for mark in ("b", "i"):
        element = rpr.find(w(mark)) if rpr is not None else None
        if element is not None:
            found[mark] = element.get(w("val"), "true").lower() not in ("0", "false", "off")
    return found


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None
