"""Which folders the page may touch: a name from a URL resolved under ROOT (or OUT) only, and the plan folders found."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

PLAN_FILE = "van-ban.yaml"
_DEPTH = 3          # ROOT/<province>/<plan> at most: deeper folders are a plan's own (reports, returns)
_SKIPPED = {"out", "node_modules", "__pycache__", "site-packages"}
_NAME_BYTES = 255   # a file system's limit for one name


class Refused(Exception):
    """A path the page will not touch (outside ROOT, through a link out, malformed); the message is for the clerk."""


def plain_part(part: str) -> bool:
    """One name of a path the page accepts: not empty, not hidden (., .., .lock, .cu), no control character, no
    backslash or percent sign (Werkzeug decoded the URL once; a % left over is not decoded again), at most 255 bytes.
    Other punctuation is harmless: where a name leads is judged after links are followed."""
    return (bool(part) and not part.startswith(".") and "\\" not in part and "%" not in part
            and all(ch.isprintable() for ch in part) and len(part.encode("utf-8")) <= _NAME_BYTES)


def shown_name(name: str) -> bool:
    """A file name a page can show and link: one that is text (a name unpacked from another system's archive may be
    bytes no encoding reads, which Python keeps as surrogates); others are left out of lists and zips."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def resolved_under(base: Path, name: str) -> Path:
    """base/name, refused unless `name` is a plain relative path that stays under `base` once links are followed.
    Each part is found on disk in either Unicode form (a folder copied from a Mac is stored decomposed, NFD)."""
    parts = unicodedata.normalize("NFC", name).split("/")
    if name.startswith("/") or not all(plain_part(part) for part in parts):
        raise Refused("Đường dẫn không hợp lệ.")
    real_base = Path(os.path.realpath(base))
    try:
        target = Path(os.path.realpath(_on_disk(real_base, parts)))
    except OSError:
        raise Refused("Đường dẫn không hợp lệ.") from None
    if not target.is_relative_to(real_base):
        raise Refused("Đường dẫn trỏ ra ngoài thư mục được phép (liên kết tượng trưng ra ngoài).")
    return target


def _on_disk(base: Path, parts: list[str]) -> Path:
    path = base
    for part in parts:
        here = path / part
        if not os.path.lexists(here) and not part.isascii() and path.is_dir():   # only a non-ASCII name has 2 forms
            here = next((path / entry for entry in os.listdir(path)
                         if unicodedata.normalize("NFC", entry) == part), here)
        path = here
    return path


def plan_folder(root: Path, name: str) -> Path:
    """The plan folder ROOT/name: refused when it is outside ROOT or holds no van-ban.yaml."""
    folder = resolved_under(root, name)
    if not (folder / PLAN_FILE).is_file():
        raise Refused(f"Không có thư mục kế hoạch «{name}» (thư mục có tệp {PLAN_FILE}).")
    real_root = Path(os.path.realpath(root))
    if _on_disk(real_root, unicodedata.normalize("NFC", name).split("/")) != folder:
        # a link inside ROOT to a plan: one plan would have two names, two pages and two output folders
        raise Refused(f"«{name}» là một liên kết tượng trưng: mở thư mục kế hoạch thật trong danh sách.")
    for parent in folder.parents:
        if not parent.is_relative_to(real_root):
            break
        if (parent / PLAN_FILE).is_file():  # a report's folder inside its plan's: not a plan (the index skips it too)
            raise Refused(f"«{name}» là thư mục của một báo cáo trong kế hoạch «{parent.name}», không phải thư mục "
                          "kế hoạch: mở trang của kế hoạch đó.")
    return folder


def plan_folders(root: Path, skip: Path | None = None) -> list[str]:
    """The plan folders under ROOT as names relative to it ("bac-giang-2020", "vi-du/lam-dong-2025"), sorted; a
    plan's own subfolders (its reports) are not plans, hidden folders, the output folder and links out are skipped."""
    real_root = Path(os.path.realpath(root))
    found: list[str] = []
    level = [real_root]
    for _ in range(_DEPTH):
        deeper = []
        for folder in level:
            for child in _children(folder, real_root, skip):
                if (child / PLAN_FILE).is_file():   # named in NFC, as a URL asks for it
                    found.append(unicodedata.normalize("NFC", child.relative_to(real_root).as_posix()))
                else:
                    deeper.append(child)
        level = deeper
    return sorted(found, key=lambda name: (name.count("/"), unicodedata.normalize("NFC", name).lower()))


def _children(folder: Path, real_root: Path, skip: Path | None) -> list[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    children = []
    for entry in entries:
        if not plain_part(unicodedata.normalize("NFC", entry.name)) or entry.name in _SKIPPED or entry.is_symlink():
            continue
        if entry.is_dir() and Path(entry.path) != skip:
            children.append(folder / entry.name)
    return children


def relative_file(base: Path, path: Path) -> str | None:
    """`path` as a name relative to `base` for a URL, or None when it is not inside it."""
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(base)).as_posix()
    except ValueError:
        return None
