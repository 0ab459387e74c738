"""Returned workbooks sent through the page: screened (count, .xlsx only, size, a real workbook, no zip bomb) before
any is kept in the period's tra-ve/ folder, where collect reads them as it reads the sample's."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.pipeline.collect import screened

MAX_FILE_BYTES = 20 * 1024 * 1024    # a district's form is ~20 KB; a 10.000-row one ~1 MB
_UNSAFE = re.compile(r"[^\w.\- ]+")


@dataclass
class Upload:
    files: list[tuple[str, bytes]] = field(default_factory=list)     # a safe file name, its bytes
    refused: list[tuple[str, str]] = field(default_factory=list)     # the name as sent, why


def safe_file_name(sent: str) -> str:
    """A file name of letters (Vietnamese too), digits, dot, dash and space: no folder, nothing hidden."""
    base = unicodedata.normalize("NFC", sent.replace("\\", "/").rsplit("/", 1)[-1])
    cleaned = _UNSAFE.sub("-", base).strip(" .-~$")[:120]
    return cleaned if cleaned.lower().endswith(".xlsx") and len(cleaned) > 5 else ""


def received(files, limit: int) -> Upload:
    """The files of one upload, each screened; ValueError when there are none or too many."""
    files = [f for f in files if f.filename]
    if not files:
        raise ValueError("Chưa chọn tệp nào để gửi.")
    if len(files) > limit:
        raise ValueError(f"Mỗi lần gửi tối đa {limit} tệp; lần này có {len(files)}.")
    upload = Upload()
    for sent in files:
        name = safe_file_name(sent.filename)
        data = sent.stream.read(MAX_FILE_BYTES + 1)
        why = _why_refused(sent.filename, name, data)
        if why:
            upload.refused.append((sent.filename, why))
        else:
            upload.files.append((name, data))
    return upload


def _why_refused(sent: str, name: str, data: bytes) -> str:
    if not name:
        return "Chỉ nhận sổ tính .xlsx (biểu nhập reportgen đã gửi, điền xong rồi lưu)."
    if len(data) > MAX_FILE_BYTES:
        return f"Tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB."
    return " ".join(screened(data, sent))


def keep_returns(upload: Upload, folder: Path) -> None:
    """Writes each file into `folder` atomically. A file of the same name with other bytes (a district's corrected
    form) replaces it, the earlier one kept in the hidden .cu/ beside them, which collect does not read."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in upload.files:
        target = folder / name
        if target.is_file() and target.read_bytes() != data:
            old = folder / ".cu"
            old.mkdir(exist_ok=True)
            os.replace(target, old / f"{time.strftime('%Y%m%d-%H%M%S')}-{name}")
        staged = folder / f".{name}.tai-len.tmp"
        staged.write_bytes(data)
        os.replace(staged, target)
