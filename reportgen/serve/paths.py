"""Which folders the page may touch: a name from a URL resolved under ROOT (or OUT) only, and the plan folders found."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

PLAN_FILE = "van-ban.yaml"
_DEPTH = 3          # ROOT/<province>/<plan> at most: deeper folders are a plan's own (reports, returns)
_SKIPPED = {"out", "node_modules", "__pycache__", "site-packages"}
# One part of a relative name: letters (any script, for Vietnamese folder names), digits, dot, dash, underscore,
# space. Anything else (a backslash, a colon, a percent sign left by double encoding, a control character) is refused.
_PART = re.compile(r"[\w .\-]+")


class Refused(Exception):
    """A path the page will not touch (outside ROOT, through a link out, malformed); the message is for the clerk."""


def resolved_under(base: Path, name: str) -> Path:
    """base/name, refused unless `name` is a plain relative path whose every part stays under `base` once symbolic
    links are followed. Werkzeug has already decoded %2e%2e once; a name still holding % is refused, not decoded again."""
    if not name or "\x00" in name or name.startswith(("/", "\\")) or "%" in name:
        raise Refused("Đường dẫn không hợp lệ.")
    parts = unicodedata.normalize("NFC", name).split("/")
    if any(part in ("", ".", "..") or not _PART.fullmatch(part) for part in parts):
        raise Refused("Đường dẫn không hợp lệ.")
    real_base = Path(os.path.realpath(base))
    target = Path(os.path.realpath(real_base.joinpath(*parts)))
    if not target.is_relative_to(real_base):
        raise Refused("Đường dẫn trỏ ra ngoài thư mục được phép (liên kết tượng trưng ra ngoài).")
    return target


def plan_folder(root: Path, name: str) -> Path:
    """The plan folder ROOT/name: refused when it is outside ROOT or holds no van-ban.yaml."""
    folder = resolved_under(root, name)
    if not (folder / PLAN_FILE).is_file():
        raise Refused(f"Không có thư mục kế hoạch «{name}» (thư mục có tệp {PLAN_FILE}).")
    real_root = Path(os.path.realpath(root))
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
                if (child / PLAN_FILE).is_file():
                    found.append(child.relative_to(real_root).as_posix())
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
        if entry.name.startswith(".") or entry.name in _SKIPPED or not _PART.fullmatch(entry.name):
            continue
        path = Path(os.path.realpath(entry.path))
        if path.is_dir() and path.is_relative_to(real_root) and path != skip:
            children.append(folder / entry.name)
    return children


def relative_file(base: Path, path: Path) -> str | None:
    """`path` as a name relative to `base` for a URL, or None when it is not inside it."""
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(base)).as_posix()
    except ValueError:
        return None
