"""Writing outputs safely: file names from data sanitised, each file replaced atomically, the manifest."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from reportgen.vi import os_error_text


class WriteError(Exception):
    """An output could not be written (folder not writable, disk full); nothing was replaced."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


# Hidden files this process made (staged outputs, backups) and has not renamed or removed yet: a signal may cut a
# run anywhere, even between making one and remembering it, so the output lock sweeps whatever is still here. Runs
# in threads share the set (the page writes two folders at once): a lock guards it, re-entrant so that a sweep after
# Ctrl-C raised in this thread while it held the lock does not wait for itself.
_STAGED: set[Path] = set()
_STAGED_GUARD = threading.RLock()


def sweep_staged(folder: Path | None = None, spare: Iterable[Path] = ()) -> None:
    """Removes the staged files and backups this process left (a run cut short by Ctrl-C or SIGTERM): those inside
    `folder` and its subfolders, or every one when no folder is given; none inside a `spare` folder below `folder`
    (one another run of this process holds)."""
    root = folder.resolve() if folder is not None else None
    spared = [s.resolve() for s in spare]
    with _STAGED_GUARD:
        for temp in list(_STAGED):
            if root is None or _within(temp, root) and not any(root in s.parents and _within(temp, s) for s in spared):
                temp.unlink(missing_ok=True)
                _STAGED.discard(temp)


def _within(temp: Path, folder: Path) -> bool:
    parent = temp.parent.resolve()
    return parent == folder or folder in parent.parents


def _hidden_temp(path: Path) -> tuple[int, Path]:
    """A new hidden file beside `path`, remembered until it is renamed or removed."""
    with _STAGED_GUARD:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        _STAGED.add(Path(name))
    return handle, Path(name)


def _forget(temp: Path, remove: bool = True) -> None:
    if remove:
        temp.unlink(missing_ok=True)
    with _STAGED_GUARD:
        _STAGED.discard(temp)


@dataclass(frozen=True)
class Output:
    name: str                        # file name inside the output folder
    format: str                      # docx, pdf, xlsx, json
    kind: str                        # ke_hoach, bao_cao, bieu
    data: bytes
    earlier: bool = False            # left by an earlier run: this run's inputs did not make it
    recorded: str | None = None      # an earlier run's file: the sha256 its manifest recorded (data is not read)


def safe_name(text: str, limit: int = 80) -> str:
    """"Kế hoạch 552/KH-BCĐ" → "ke-hoach-552-kh-bcd": ASCII letters, digits and dashes only."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:limit].strip("-")
    return text or "van-ban"


_UNSAFE = re.compile(r"[^\w]+")          # keeps letters of every script (Vietnamese with its marks) and digits
_FOLDER_BYTES = 120                      # well under the 255 bytes a file name may take, with room for suffixes
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def folder_name(unit: str) -> str:
    """"Huyện Lục Nam" → "Huyện-Lục-Nam": readable, one path component whatever the name ("../x", "a/b")."""
    text = _UNSAFE.sub("-", unicodedata.normalize("NFC", unit).replace("_", "-")).strip("-")
    while len(text.encode("utf-8")) > _FOLDER_BYTES:
        text = text[:-1]
    text = text.strip("-")
    return f"don-vi-{text}" if text.lower() in _RESERVED else text or "don-vi"


def folder_names(units: list[str]) -> dict[str, str]:
    """A distinct folder for each unit, even when two names reduce alike."""
    units = list(dict.fromkeys(units))
    return dict(zip(units, distinct([folder_name(unit) for unit in units])))


def distinct(names: list[str]) -> list[str]:
    """Each name once, case-blind as some disks are: a repeated one gets -2, -3 …"""
    taken: set[str] = set()
    result = []
    for base in names:
        name, number = base, 2
        while name.lower() in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add(name.lower())
        result.append(name)
    return result


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _remove_stale(out: Path, targets: list[Path]) -> None:
    """Temporary files a killed run (SIGKILL, power cut) left beside these outputs: never an output themselves."""
    if out.is_dir():
        for target in targets:
            for stale in out.glob(f".{glob.escape(target.name)}.*.tmp"):
                stale.unlink(missing_ok=True)


def _staged(path: Path, data: bytes) -> Path:
    """The data in a hidden temporary file beside `path`, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = _hidden_temp(path)
    try:
        os.chmod(temp, 0o666 & ~umask())  # mkstemp makes 0600; an output is as readable as any new file
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _forget(temp)
        raise
    return temp


def umask() -> int:
    """The process's umask (read by setting it and setting it back): a staged file or folder gets the mode a new
    one would."""
    current = os.umask(0)
    os.umask(current)
    return current


def manifest_bytes(title: str, inputs: dict[str, str], outputs: list[Output]) -> bytes:
    """manifest.json: each output (path, format, kind, sha256) and each input file (path, sha256)."""
    data = {
        "document": title,
        "outputs": [{"path": o.name, "format": o.format, "kind": o.kind, "sha256": o.recorded or sha256(o.data)}
                    | ({"earlier_run": True} if o.earlier else {}) for o in outputs],
        "inputs": [{"path": path, "sha256": digest} for path, digest in sorted(inputs.items())],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def carried(out: Path, fresh: list[Output]) -> list[Output]:
    """Files the last manifest listed that are still in OUT and were not written now (a part that failed, an annex
    or a format not asked this time): listed again, marked as an earlier run's, with the sha256 that manifest
    recorded, never their bytes now (an edit made since must still be seen as one: output/protect.py)."""
    try:
        previous = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    written = {o.name for o in fresh}
    kept = []
    for entry in previous if isinstance(previous, list) else []:
        path = str(entry.get("path", "")) if isinstance(entry, dict) else ""
        recorded = entry.get("sha256") if isinstance(entry, dict) else None
        if (path and path not in written and isinstance(recorded, str) and _SHA256.fullmatch(recorded)
                and _inside(out, path) and (out / path).is_file()):
            kept.append(Output(path, str(entry.get("format", "")), str(entry.get("kind", "")), b"", earlier=True,
                               recorded=recorded))
    return kept


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _inside(out: Path, path: str) -> bool:
    """A manifest is a file anyone may edit: only paths inside OUT are read back."""
    return out.resolve() in (out / path).resolve().parents


def write_outputs(out: Path, outputs: list[Output], manifest: bytes) -> list[Path]:
    """Stages every file first, then renames them, the manifest last: a failure while writing (disk full) or
    renaming replaces nothing, and a manifest never lists a file that was not renamed into place."""
    targets = [out / o.name for o in outputs] + [out / "manifest.json"]
    staged: list[Path] = []
    try:
        _remove_stale(out, targets)
        for target, data in zip(targets, [o.data for o in outputs] + [manifest]):
            staged.append(_staged(target, data))
        _swap_in(staged, targets)
    except OSError as error:
        named = {str(temp): target for temp, target in zip(staged, targets)}
        place = error.filename2 or error.filename
        raise WriteError(named.get(str(place), Path(place or out)), os_error_text(error)) from error
    finally:
        for temp in staged:
            _forget(temp)
    return targets


def _swap_in(staged: list[Path], targets: list[Path]) -> None:
    """Renames each staged file over its target; when one rename fails, the targets already replaced get their
    old files back, so the folder is wholly the old one or wholly the new one."""
    done: list[list] = []                    # [target, its backup or None, renamed yet]
    try:
        for temp, target in zip(staged, targets):
            entry = [target, _backup(target), False]
            done.append(entry)
            os.replace(temp, target)
            _forget(temp, remove=False)
            entry[2] = True
    except BaseException:  # a full disk, or Ctrl-C/SIGTERM between two renames: the folder stays the old one
        for target, backup, renamed in reversed(done):
            if renamed and backup is not None:
                os.replace(backup, target)
            elif renamed:
                target.unlink(missing_ok=True)
        raise
    finally:
        for _, backup, _ in done:
            if backup is not None:
                _forget(backup)


def _backup(target: Path) -> Path | None:
    """A second name for the file now at `target` (a hard link: no copy), hidden like a staged file."""
    if not target.is_file():
        return None
    handle, backup = _hidden_temp(target)
    os.close(handle)
    backup.unlink()
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links
        shutil.copy2(target, backup)
    return backup


def write_file(path: Path, data: bytes) -> Path:
    """One file replaced atomically, no manifest beside it: an input file a command writes (units' register,
    collect's progress file in the report's folder). Nothing is replaced when writing fails."""
    staged: list[Path] = []
    try:
        _remove_stale(path.parent, [path])
        staged.append(_staged(path, data))
        _swap_in(staged, [path])
    except OSError as error:
        raise WriteError(path, os_error_text(error)) from error
    finally:
        for temp in staged:
            _forget(temp)
    return path
