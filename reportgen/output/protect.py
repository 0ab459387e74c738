"""No edit is lost: an output changed since its manifest, not listed there, or open in Word is not replaced."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Held:
    """An existing output this run may not replace as it is, and why."""

    name: str                        # its path inside the output folder, as the manifest names it
    reason: str                      # "edited", "unlisted" (or no manifest), "locked"
    lock: str = ""                   # the lock file's name, for "locked"

    def message(self) -> str:
        if self.reason == "locked":
            return (f"{self.name}: đang được mở trong Word, Excel hoặc LibreOffice (có tệp khóa {self.lock}); hãy "
                    "đóng tệp rồi chạy lại. Nếu không ai mở tệp, xóa tệp khóa đó.")
        if self.reason == "edited":
            return f"{self.name}: đã được sửa sau lần viết trước (khác bản ghi trong manifest.json)."
        return (f"{self.name}: không có trong manifest.json của thư mục ra (không do reportgen viết, hoặc manifest "
                "đã bị xóa).")


class ProtectedError(Exception):
    """Outputs that would lose an edit or are open in another program: nothing was written."""

    def __init__(self, held: list[Held]) -> None:
        super().__init__("; ".join(h.message() for h in held))
        self.held = held

    @property
    def locked(self) -> bool:
        return any(h.reason == "locked" for h in self.held)

    # What the clerk reads, at either front door: `shown` names the output folder as the clerk knows it, `force` is
    # the door's words for replacing an edited file anyway (CLI "chạy lại với --force", the page its checkbox).

    def heading(self, shown: str) -> str:
        why = "đang mở trong chương trình khác" if self.locked else "sẽ bị thay, mất các chỗ đã sửa"
        return f"Không viết tệp nào vào {shown}: các tệp sau {why}."

    def advice(self, force: str) -> str:
        """Close the file when one is open (force never replaces it), else keep the edit in the input or force."""
        if self.locked:
            return f"Đóng các tệp đó rồi chạy lại: tệp đang mở không bị thay, kể cả khi {force}."
        return (f"Lưu các chỗ sửa vào tệp đầu vào (lời văn, số liệu) rồi chạy lại; hoặc {force} để vẫn thay: bản đã "
                "sửa được giữ bên cạnh với tên …-da-sua-<ngày>.")


def guard(out: Path, names: list[str], force: bool = False, today: date | None = None) -> list[Path]:
    """Raises ProtectedError when a target is locked, or edited/unlisted without `force`; with `force`, keeps each
    edited file beside itself (…-da-sua-<date>.docx) and returns those copies. Run before anything is written."""
    held = [h for name in names if (h := _held(out, name)) is not None]
    if any(h.reason == "locked" for h in held):
        raise ProtectedError([h for h in held if h.reason == "locked"])  # even --force: the program would overwrite
    if held and not force:
        raise ProtectedError(held)
    day = (today or date.today()).isoformat()  # a file name, not file content: outputs stay reproducible
    return [keep_copy(out / h.name, day) for h in held]


def _held(out: Path, name: str) -> Held | None:
    target = out / name
    if not target.is_file():
        return None                  # nothing to lose (a lock file beside no file is stale)
    lock = _lock_file(target)
    if lock is not None:
        return Held(name, "locked", lock)
    recorded = _recorded(out, name)
    if recorded is None:
        return Held(name, "unlisted")
    return None if recorded == _sha256(target) else Held(name, "edited")


def lock_names(name: str) -> list[str]:
    """The owner files Word or Excel (`~$` over the first characters of a long name) and LibreOffice leave."""
    return list(dict.fromkeys([f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"]))


def _lock_file(target: Path) -> str | None:
    for lock in lock_names(target.name):
        if (target.parent / lock).exists():
            return lock
    return None


def _recorded(out: Path, name: str) -> str | None:
    """The sha256 the nearest manifest records for `name` (its own folder's first, then the folders above it)."""
    parts = Path(name).parts
    for depth in range(len(parts) - 1, -1, -1):
        listed = _listed(out.joinpath(*parts[:depth]) / MANIFEST)
        digest = listed.get("/".join(parts[depth:]))
        if digest is not None:
            return digest
    return None


def _listed(manifest: Path) -> dict[str, str]:
    """path → sha256 of a manifest's outputs; nothing from a manifest that is missing or not ours."""
    try:
        outputs = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
        return {str(o["path"]): str(o["sha256"]) for o in outputs if isinstance(o, dict)}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def kept_name(target: Path, day: str, number: int = 1) -> Path:
    """ke-hoach.docx → ke-hoach-da-sua-2024-05-06.docx (…-2.docx, -3 … beside an earlier copy)."""
    suffix = "" if number == 1 else f"-{number}"
    return target.with_name(f"{target.stem}-da-sua-{day}{suffix}{target.suffix}")


def keep_copy(target: Path, day: str) -> Path:
    """A copy of the edited file beside it; an earlier copy is never overwritten (one with the same bytes is
    reused: running --force twice keeps one copy)."""
    number, digest = 1, _sha256(target)
    while (kept := kept_name(target, day, number)).exists():
        if kept.is_file() and _sha256(kept) == digest:
            return kept
        number += 1
    try:
        os.link(target, kept)        # the old bytes under a second name: the atomic replace leaves them there
    except OSError:
        shutil.copy2(target, kept)
    return kept
