"""An input folder: the document file names the narrative, facts and annex files; read them all."""

from __future__ import annotations

import hashlib

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.narrative import RawNarrative, load_narrative
from reportgen.load.raw import Raw, display_path, inside
from reportgen.load.workbook import Workbook
from reportgen.load.units import load_register
from reportgen.load.xlsx_file import open_workbook
from reportgen.load.yaml_file import load_yaml

DOCUMENT_FILE = "van-ban.yaml"


@dataclass
class RawInput:
    folder: Path
    document: Raw | None = None
    narrative: RawNarrative | None = None
    facts: Raw | None = None
    annexes: list[Raw] = field(default_factory=list)
    workbooks: dict[str, Workbook] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    register: Raw | None = None      # don-vi.yaml, the unit register, when the folder has one


def load_folder(folder: Path, problems: Problems) -> RawInput:
    """Reads every file the document names; problems are collected, never raised here."""
    raw = RawInput(folder)
    if not folder.is_dir():
        problems.add("Không tìm thấy thư mục đầu vào.", Location(display_path(folder)))
        return raw
    raw.document = _read_yaml(raw, inside(folder, DOCUMENT_FILE, problems), problems)
    if raw.document is None or not raw.document.is_map:
        if raw.document is not None:
            problems.add("Tệp văn bản phải là một bảng khóa: giá trị.", raw.document.loc)
        return raw
    narrative = file_name(raw.document, "narrative", problems)
    path = inside(folder, narrative, problems) if narrative else None
    if path:
        raw.files.append(path)
        raw.narrative = load_narrative(path, problems)
    facts = file_name(raw.document, "facts", problems, required=False)
    if facts:
        raw.facts = _read_yaml(raw, inside(folder, facts, problems), problems)
    for name in _file_names(raw.document, "annexes", problems):
        annex = _read_yaml(raw, inside(folder, name, problems), problems)
        if annex is not None:
            raw.annexes.append(annex)
            _read_source(raw, annex, problems)
    raw.register, path = load_register(folder, problems)
    if path is not None:
        raw.files.append(path)
    return raw


def file_digests(raw: RawInput) -> dict[str, str]:
    """sha256 of every input file read, by its path inside the folder: what the manifest records."""
    digests = {}
    for path in sorted(set(raw.files)):
        if path.is_file():
            digests[path.relative_to(raw.folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def _read_yaml(raw: RawInput, path: Path | None, problems: Problems) -> Raw | None:
    if path is None:
        return None  # a link out of the folder, refused with its reason
    raw.files.append(path)
    return load_yaml(path, problems)


def _read_source(raw: RawInput, annex: Raw, problems: Problems) -> None:
    """An annex whose rows live in a workbook: read that workbook once."""
    if not annex.is_map:
        return
    name = file_name(annex, "source", problems, required=False)
    if name is None or name in raw.workbooks:
        return
    path = inside(raw.folder, name, problems)
    if path is None:
        return
    raw.files.append(path)
    book = open_workbook(path, problems)
    if book is not None:
        raw.workbooks[name] = Workbook(book)


def file_name(document: Raw, key: str, problems: Problems, required: bool = True) -> str | None:
    node = document.get(key)
    if node is None:
        if required:
            problems.add(f"Thiếu khóa '{key}' (tên tệp).", document.loc)
        return None
    if not isinstance(node.value, str) or not node.value.strip():
        problems.add(f"'{key}' phải là tên một tệp trong thư mục đầu vào.", node.loc)
        return None
    name = node.value.strip()
    if Path(name).is_absolute() or ".." in Path(name).parts:
        problems.add("Tên tệp phải nằm trong thư mục đầu vào (không dùng '..' hay đường dẫn tuyệt đối).",
                     node.loc)
        return None
    return name


def _file_names(document: Raw, key: str, problems: Problems) -> list[str]:
    node = document.get(key)
    if node is None:
        return []
    if not node.is_list:
        problems.add(f"'{key}' phải là danh sách tên tệp.", node.loc)
        return []
    names = []
    for item in node.value:
        name = file_name(Raw({key: item}, item.loc), key, problems)
        if name:
            names.append(name)
    return names
