"""Vietnam's administrative units from the vietnamadminunits package's SQLite file (no network, no import).

The package's own modules import its address parser (shapely, geopy): only its data file is read here, found
through the import system without running the package. Two tables: `admin_units_legacy` (63 provinces, province
→ district → commune, as just before 1 July 2025) and `admin_units` (34 provinces, province → commune, from
1 July 2025).
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import sqlite3
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from reportgen.names import bare_key, canonical, clean, split_type

PACKAGE = "vietnamadminunits"
TWO_LEVEL_FROM = _dt.date(2025, 7, 1)   # Nghị quyết 202/2025/QH15: provinces merged, districts ended


class DatasetError(Exception):
    """The dataset is not installed or cannot be read."""


@dataclass
class Unit:
    name: str
    code: str | None
    units: list["Unit"] = field(default_factory=list)


@dataclass
class Province:
    name: str                 # without "Tỉnh"/"Thành phố": "Bắc Giang"
    full_name: str            # as the dataset has it: "Tỉnh Bắc Giang", "Thành phố Hà Nội"
    code: str | None
    two_level: bool           # communes straight under the province (from 1 July 2025)
    units: list[Unit]
    source: str               # the package, its version and the table, for the register's header


def data_file() -> Path:
    """dataset.db of the installed package, located without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "dataset.db"
        if path.is_file():
            return path
    raise DatasetError(f"không tìm thấy bộ dữ liệu đơn vị hành chính (gói Python {PACKAGE}): cài lại reportgen "
                       f"(pip install {PACKAGE}).")


def version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "?"


def _connect() -> sqlite3.Connection:
    try:  # read only: the installed file is never written
        return sqlite3.connect(f"{data_file().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise DatasetError(f"không đọc được bộ dữ liệu đơn vị hành chính ({error}).") from error


def _table(as_of: _dt.date) -> str:
    return "admin_units" if as_of >= TWO_LEVEL_FROM else "admin_units_legacy"


def province_names(as_of: _dt.date) -> list[str]:
    """Every province of the table that `as_of` falls in, without its type word."""
    with _connect() as db:
        rows = db.execute(f"SELECT DISTINCT provinceShort FROM {_table(as_of)} ORDER BY provinceCode").fetchall()
    return [clean(name) for (name,) in rows]


def find_province(name: str, as_of: _dt.date) -> str | None:
    """The dataset's spelling of a province typed as "Tuyên Quang", "tỉnh Tuyên Quang" or "TP Hà Nội"."""
    wanted = bare_key(split_type(name)[1])
    return next((known for known in province_names(as_of) if bare_key(known) == wanted), None)


def province(name: str, as_of: _dt.date) -> Province:
    """The province's units in the table for `as_of`, in code order; `name` as find_province returns it."""
    table = _table(as_of)
    try:
        with _connect() as db:
            if table == "admin_units":
                rows = db.execute("SELECT provinceCode, ward, wardCode, province FROM admin_units WHERE "
                                  "provinceShort = ? ORDER BY wardCode", (name,)).fetchall()
                units = [Unit(_name(ward), _code(code)) for _, ward, code, _ in rows]
            else:
                rows = db.execute("SELECT provinceCode, district, districtCode, ward, wardCode, province FROM "
                                  "admin_units_legacy WHERE provinceShort = ? ORDER BY districtCode, wardCode",
                                  (name,)).fetchall()
                units = _districts(rows)
    except sqlite3.Error as error:
        raise DatasetError(f"không đọc được bộ dữ liệu đơn vị hành chính ({error}).") from error
    code, full_name = (_code(rows[0][0]), clean(rows[0][-1])) if rows else (None, name)
    return Province(name, full_name, code, table == "admin_units", units, f"{PACKAGE} {version()}, bảng {table}")


def _districts(rows: list[tuple]) -> list[Unit]:
    districts: dict[str, Unit] = {}
    for _, district, district_code, ward, ward_code, _ in rows:
        parent = districts.setdefault(district_code, Unit(_name(district), _code(district_code)))
        if ward:
            parent.units.append(Unit(_name(ward), _code(ward_code)))
    return list(districts.values())


def _name(text: str) -> str:
    """The type word spelled one way ("Thị Xã Việt Yên" -> "Thị xã Việt Yên")."""
    return canonical(text)


def _code(text) -> str | None:
    return clean(str(text)) if text not in (None, "") else None
