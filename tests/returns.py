"""Test helper: the real forms of a period (compose + the forms writer), filled as a district would fill them
(openpyxl typing into the input cells), and passed through LibreOffice headless (a real spreadsheet program opening
and saving them back)."""

from __future__ import annotations

import datetime as _dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from reportgen.model.forms import ActualKey, Form, TaskKey
from reportgen.pipeline import parse_period
from reportgen.pipeline.forms import plan_forms
from reportgen.write.xlsx.form import form_bytes
from tests.conftest import OPTIONS


def write_forms(folder: Path, period: str, out: Path) -> dict[tuple[str, str], tuple[Form, Path]]:
    """Every form of `period`, written as `forms` writes it, by (kind, unit): the form and its file."""
    _, forms = plan_forms(folder, parse_period(period))
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for number, form in enumerate(forms, start=1):
        path = out / f"{number:02d}-{form.identity.kind}.xlsx"
        path.write_bytes(form_bytes(form, OPTIONS))
        written[(form.identity.kind, form.identity.unit)] = (form, path)
    return written


def progress_values(progress_file: Path) -> dict:
    """A progress file's values by the key of the input that fills each (what a district would type)."""
    data = yaml.safe_load(progress_file.read_text(encoding="utf-8"))
    values = {}
    for item in data.get("tasks", {}).get("items", []):
        values[TaskKey(item["task"], "status")] = item["status"]
        if item.get("done") is not None:
            values[TaskKey(item["task"], "done")] = item["done"]
        if item.get("note") is not None:
            values[TaskKey(item["task"], "note")] = item["note"]
    for row in data["actuals"]["rows"]:
        for indicator in data["actuals"]["indicators"]:
            values[ActualKey(indicator, row["unit"])] = row[indicator]
    return values


def fill(form: Form, path: Path, values: dict, target: Path | None = None) -> Path:
    """Types each of the form's inputs that `values` holds (a key absent is left blank) and saves (to `target`)."""
    book = load_workbook(path)
    for sheet, cell in form.inputs():
        if cell.key in values and values[cell.key] is not None:
            book[sheet.name].cell(cell.row, cell.column).value = _typed(values[cell.key])
    target = target or path
    book.save(target)
    return target


def _typed(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, _dt.date):
        return _dt.datetime.combine(value, _dt.time())
    return value


def input_cell(form: Form, key) -> tuple[str, str]:
    """(sheet, "F6"): where an input of the form is."""
    from openpyxl.utils import get_column_letter
    for sheet, cell in form.inputs():
        if cell.key == key:
            return sheet.name, f"{get_column_letter(cell.column)}{cell.row}"
    raise KeyError(key)


def libreoffice_saves(paths: list[Path], out: Path, profile: Path) -> list[Path]:
    """Each workbook opened and saved again by LibreOffice headless as .xlsx (formulas computed and their values
    saved by it), into `out`."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) không có trên máy: cài gói libreoffice-calc để chạy phép thử này.")
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                           "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, paths)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    saved = [out / p.name for p in paths]
    assert all(p.is_file() for p in saved), done.stdout + done.stderr
    return saved


# The sample's returned forms of Q2 (made up): `python -m tests.returns` writes them again --------------------

SAMPLE_RETURNS = "tra-ve"            # inside the report's folder: bao-cao-2020-q2/tra-ve/
MADE_UP = ("SỐ LIỆU GIẢ ĐỊNH, chỉ để minh họa reportgen: biểu nhập quý II/2020 đã điền, khớp với "
           "bao-cao-2020-q2/tien-do.yaml (xem tra-ve/GHI-CHU.md).")


def write_sample_returns(plan: Path, period: str = "2020-Q2") -> list[Path]:
    """Every form of the period filled from the report's progress file, each marked made up in its properties
    (the workbook's comments), named after its unit as a district would name its mail."""
    from reportgen.load.report_folder import report_folder_name
    from reportgen.output.files import distinct, folder_name
    report = plan / report_folder_name(period)
    out = report / SAMPLE_RETURNS
    forms = write_forms(plan, period, out / ".blank")
    values = progress_values(report / "tien-do.yaml")
    names = distinct([f"{'so-lieu' if kind == 'district' else 'nhiem-vu'}-{folder_name(unit)}"
                      for kind, unit in forms])
    written = []
    for name, (form, path) in zip(names, forms.values()):
        target = fill(form, path, values, out / f"{name}.xlsx")
        book = load_workbook(target)
        book.properties.description = MADE_UP
        book.save(target)
        written.append(target)
    shutil.rmtree(out / ".blank")
    return written


if __name__ == "__main__":
    from tests.conftest import SAMPLE
    for path in write_sample_returns(SAMPLE):
        print(path.relative_to(SAMPLE))
