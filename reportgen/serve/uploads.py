"""Returned workbooks sent through the page: screened (count, .xlsx only, size, a real workbook, no zip bomb), then
judged by the identity inside each (pipeline.collect.identify_returns) before any is kept in the period's tra-ve/,
under reportgen's name for its unit (so-lieu-Huyện-Lục-Nam.xlsx), never the browser's; kept all or none."""

from __future__ import annotations

import itertools
import os
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import pipeline
from reportgen.pipeline.collect import MAX_NAME_BYTES, screened

MAX_FILE_BYTES = 20 * 1024 * 1024    # a district's form is ~20 KB; a 10.000-row one ~1 MB
EARLIER = ".cu"                      # inside tra-ve/: files replaced or taken out, which collect does not read


class KeepError(Exception):
    """The files could not be written into tra-ve/ (disk full, no permission): none of them was kept."""


@dataclass
class Upload:
    files: list[tuple[str, bytes]] = field(default_factory=list)     # the name as sent (shown), its bytes
    refused: list[tuple[str, str]] = field(default_factory=list)     # the name as sent, why


@dataclass
class Staged:
    temp: Path                       # the hidden file holding the bytes, beside its target
    name: str                        # reportgen's name for it in tra-ve/
    unit: str


def sent_name(sent: str) -> str:
    """The file's own name as the clerk knows it (no folder), at most MAX_NAME_BYTES in UTF-8, its suffix kept."""
    base = unicodedata.normalize("NFC", sent.replace("\\", "/").rsplit("/", 1)[-1])
    return _bytes_limited(base, MAX_NAME_BYTES)


def _bytes_limited(name: str, limit: int) -> str:
    """The stem cut (never the suffix) until the whole name takes at most `limit` bytes in UTF-8."""
    stem, suffix = os.path.splitext(name)
    if len(suffix.encode("utf-8")) > 16:
        stem, suffix = name, ""
    while stem and len(f"{stem}{suffix}".encode("utf-8")) > limit:
        stem = stem[:-1]
    return f"{stem}{suffix}"


def received(files, limit: int) -> Upload:
    """The files of one upload, each screened; ValueError when there are none or too many."""
    files = [f for f in files if f.filename]
    if not files:
        raise ValueError("Chưa chọn tệp nào để gửi.")
    if len(files) > limit:
        raise ValueError(f"Mỗi lần gửi tối đa {limit} tệp; lần này có {len(files)}.")
    upload = Upload()
    for sent in files:
        name = sent_name(sent.filename)
        data = sent.stream.read(MAX_FILE_BYTES + 1)
        why = _why_refused(name, data)
        if why:
            upload.refused.append((name, why))
        else:
            upload.files.append((name, data))
    return upload


def _why_refused(name: str, data: bytes) -> str:
    if not (name.lower().endswith(".xlsx") and len(name) > 5):
        return "Chỉ nhận sổ tính .xlsx (biểu nhập reportgen đã gửi, điền xong rồi lưu)."
    if len(data) > MAX_FILE_BYTES:
        return f"Tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB."
    return " ".join(screened(data, name))


def stage(files: list[tuple[str, bytes, str]], folder: Path) -> list[Staged]:
    """Each (reportgen's name, bytes, unit) written to a hidden file in `folder` (which collect does not read),
    nothing renamed yet; KeepError, every staged file removed, when one cannot be written."""
    staged: list[Staged] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data, unit in files:
            if len(name.encode("utf-8")) > MAX_NAME_BYTES:
                raise OSError(f"tên tệp quá dài: {name}")
            handle, temp = tempfile.mkstemp(dir=folder, prefix=".tai-len-", suffix=".tmp")
            staged.append(Staged(Path(temp), name, unit))
            os.fchmod(handle, 0o666 & ~pipeline.umask())   # as any file reportgen writes, not mkstemp's 0600
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
    except OSError as error:
        discard(staged)
        raise KeepError(_reason(error)) from None
    return staged


def commit(staged: list[Staged], folder: Path, others: dict[str, list[Path]] | None = None) -> list[str]:
    """Renames every staged file to its name; a unit's earlier file — under that name, or under another (`others`:
    unit -> its files found in tra-ve/ by their identity) — is moved to .cu/ under a new name (never over another).
    The units whose earlier file was replaced; KeepError, and the folder as it was, on a failure."""
    done: list[tuple[Path, Path | None]] = []          # (target, where its earlier file went)
    replaced: list[str] = []
    try:
        for item in staged:
            for other in (others or {}).get(item.unit, []):
                if other.name != item.name and other.is_file():
                    done.append((other, set_aside(other, folder)))
                    replaced.append(item.unit)
            target = folder / item.name
            if target.is_file() and _same_bytes(target, item.temp):   # the very file again: nothing to replace
                item.temp.unlink()
                continue
            earlier = set_aside(target, folder) if target.exists() else None
            done.append((target, earlier))
            os.replace(item.temp, target)
            if earlier is not None and item.unit not in replaced:
                replaced.append(item.unit)
    except OSError as error:
        _undo(done)
        discard(staged)
        raise KeepError(_reason(error)) from None
    return replaced


def _same_bytes(one: Path, other: Path) -> bool:
    return one.stat().st_size == other.stat().st_size and one.read_bytes() == other.read_bytes()


def _undo(done: list[tuple[Path, Path | None]]) -> None:
    """Back as before a commit that failed half way: each new file removed, each earlier one put back."""
    for target, earlier in reversed(done):
        try:
            if earlier is not None:
                os.replace(earlier, target)
            else:
                target.unlink(missing_ok=True)
        except OSError:
            pass   # nothing more can be done; the earlier file is still in .cu/


def discard(staged: list[Staged]) -> None:
    """Removes what is still staged (a refused or busy upload, or one that failed)."""
    for item in staged:
        try:
            item.temp.unlink(missing_ok=True)
        except OSError:
            pass


def set_aside(path: Path, folder: Path) -> Path:
    """Moves `path` into folder/.cu/ under a name no other file there has (its time, then -2, -3 …): where it went."""
    aside = folder / EARLIER
    aside.mkdir(exist_ok=True)
    stem, suffix = os.path.splitext(_bytes_limited(path.name, MAX_NAME_BYTES))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for number in itertools.count(1):
        candidate = aside / f"{stamp}-{stem}{'' if number == 1 else f'-{number}'}{suffix}"
        try:   # the name taken first (O_EXCL), then replaced by the file: never over a file kept there earlier
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            continue
        try:
            os.replace(path, candidate)
        except OSError:
            candidate.unlink(missing_ok=True)
            raise
        return candidate
    raise AssertionError("unreachable")


def _reason(error: OSError) -> str:
    why = {28: "đĩa đã đầy", 13: "không có quyền ghi", 1: "không có quyền ghi", 30: "ổ đĩa chỉ cho đọc",
           36: "tên tệp quá dài"}.get(error.errno or 0, error.strerror or str(error))
    return f"Không ghi được các tệp vào thư mục tra-ve/ ({why}): không tệp nào của lần gửi này được giữ."
