"""`reportgen new DIR --kind ke-hoach|bao-cao --province … --year 2021`: a new input folder that checks clean."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from reportgen.collector import released
from reportgen.errors import UsageError
from reportgen.output.inputs.folder import write_folder
from reportgen.output.inputs.new import KINDS, new_files, province_words
from reportgen.pipeline.roll import reads_back, refuse_out
from reportgen.pipeline.units import REGISTER, DatasetError, units_to

NEW_KINDS = tuple(KINDS)


@released()
def new_folder(out: Path, kind: str, province: str, year: int) -> list[Path]:
    """Writes the folder; what it wrote must load and pass every rule, else it is reportgen's mistake."""
    if not " ".join(province.split()):
        raise UsageError("--province trống; ghi tên tỉnh, ví dụ --province \"Bắc Giang\"")
    if not province.isprintable():
        raise UsageError("--province có ký tự không in được")
    refuse_out(out, "new")
    return write_folder(out, new_files(kind, province, year), _checks_clean,
                        lambda staged: _register(staged, province_words(province)[1], year))


def _register(staged: Path, province: str, year: int) -> list[str]:
    """don-vi.yaml of the province as `reportgen units` scaffolds it for the document's date (an unknown province
    is a command-line mistake, named with the nearest one); none when the units dataset is not installed."""
    try:
        units_to(province, _dt.date(year, 1, 15), staged / REGISTER)
    except DatasetError:
        return []
    return [REGISTER]


def _checks_clean(staged: Path) -> None:
    result = reads_back(staged, "new")
    if result.failed:
        raise RuntimeError("reportgen new viết ra thư mục không đạt: "
                           + "; ".join(f.message for f in result.findings if f.status.value == "fail")[:500])
