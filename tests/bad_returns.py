"""The bad-input corpus's `collect` cases (160-169): the runner and the makers of bad returned forms.

A case names `period` and `returns` (files or folders relative to the input folder); the makers start from the
sample's returned Q2 forms (bao-cao-2020-q2/tra-ve/) and spoil one thing each.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from reportgen.cli import main

RETURNS = Path("bao-cao-2020-q2") / "tra-ve"
SON_DONG = "so-lieu-Huyện-Sơn-Động.xlsx"


def run_collect(folder: Path, capsys, case: dict) -> tuple[int, list[dict]]:
    """Every problem line collect prints, and its last line (what it wrote or why not)."""
    try:
        code = main(["collect", str(folder), "--period", case["period"],
                     *[str(folder / name) for name in case.get("returns", [])]])
    except SystemExit as exit_:  # argparse ends a command-line mistake itself
        code = exit_.code
    captured = capsys.readouterr()
    if code == 64:
        return code, [{"message": captured.err.splitlines()[-1]}]
    lines = [line.replace(f"{folder}/", "") for line in captured.out.splitlines()]
    said = [{"message": line.removeprefix("  - ")} for line in lines if line.startswith("  - ")]
    return code, said + [{"outcome": lines[-1]}] if lines else said


def _spoiled(path: Path, edit) -> None:
    """The sample's Sơn Động return, copied to `path` and edited with openpyxl; Sơn Động's own file then goes,
    so the unit is not returned twice (unless the case wants it)."""
    source = path.parent / RETURNS / SON_DONG
    book = load_workbook(source)
    edit(book)
    book.save(path)
    source.unlink()


def _count_as_text(path: Path) -> None:
    _spoiled(path, lambda book: book["Số liệu"].__setitem__("F7", "không"))


def _locked_cell_edited(path: Path) -> None:
    _spoiled(path, lambda book: book["Số liệu"].__setitem__("E6", 5))


def _formula_in_an_input(path: Path) -> None:
    _spoiled(path, lambda book: book["Số liệu"].__setitem__("F8", "=1+0"))


def _returned_twice(path: Path) -> None:
    shutil.copy(path.parent / RETURNS / SON_DONG, path)


def _text_renamed(path: Path) -> None:
    path.write_text("Kính gửi: Văn phòng Điều phối nông thôn mới tỉnh", encoding="utf-8")


RETURN_MAKERS = {
    "return_count_as_text": _count_as_text,
    "return_locked_cell_edited": _locked_cell_edited,
    "return_formula_in_an_input": _formula_in_an_input,
    "return_twice": _returned_twice,
    "return_text_renamed": _text_renamed,
}
