"""Writing outputs safely: file names from data sanitised, each file replaced atomically, the manifest."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Output:
    name: str                        # file name inside the output folder
    format: str                      # docx, pdf, xlsx, json
    kind: str                        # ke_hoach, bao_cao, bieu
    data: bytes


def safe_name(text: str, limit: int = 80) -> str:
    """"Kế hoạch 552/KH-BCĐ" → "ke-hoach-552-kh-bcd": ASCII letters, digits and dashes only."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")
    return text or "van-ban"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Writes beside the target, then renames: a reader never sees half a file, a crash leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; an output is as readable as any new file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def manifest_bytes(title: str, folder: Path, inputs: list[Path], outputs: list[Output]) -> bytes:
    """manifest.json: each output (path, format, kind, sha256) and each input file (path, sha256)."""
    data = {
        "document": title,
        "outputs": [{"path": o.name, "format": o.format, "kind": o.kind, "sha256": sha256(o.data)} for o in outputs],
        "inputs": [{"path": _relative(p, folder), "sha256": sha256(p.read_bytes())} for p in sorted(set(inputs))],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_outputs(out: Path, outputs: list[Output], manifest: bytes) -> list[Path]:
    """Every output, then the manifest last: a manifest never lists a file that was not written."""
    written = []
    for output in outputs:
        write_atomic(out / output.name, output.data)
        written.append(out / output.name)
    write_atomic(out / "manifest.json", manifest)
    return written + [out / "manifest.json"]


def _relative(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.name
