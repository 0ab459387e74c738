"""`reportgen units`: a register scaffolded from the dataset, for a folder's province and date or one named."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from reportgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "bac-giang-2020"


def _tree(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _names(units: list) -> list[str]:
    return [unit["name"] for unit in units]


def _district(register: dict, name: str) -> dict:
    return next(unit for unit in register["units"] if unit["name"] == name)


def test_a_named_province_before_july_2025_has_districts_and_communes(tmp_path, capsys):
    out = tmp_path / "don-vi.yaml"
    assert main(["units", "--province", "Tuyên Quang", "--as-of", "2021-03-05", "-o", str(out)]) == 0
    register = _tree(out)
    assert (register["province"], register["code"], str(register["as_of"])) == ("Tuyên Quang", "08", "2021-03-05")
    assert "Huyện Chiêm Hóa" in _names(register["units"]) and len(register["units"]) == 7
    assert "Xã Thổ Bình" in _names(_district(register, "Huyện Lâm Bình")["units"])
    assert "Xã Thổ Bình" not in _names(_district(register, "Huyện Chiêm Hóa")["units"])
    assert all(isinstance(c["code"], str) and len(c["code"]) == 5 for d in register["units"] for c in d["units"])
    header = out.read_text(encoding="utf-8").split("province:")[0]
    assert "vietnamadminunits" in header and "trước ngày 01/07/2025" in header and "05/03/2021" in header
    assert "Sửa cho đúng" in capsys.readouterr().out


def test_after_july_2025_the_units_are_two_level(tmp_path):
    out = tmp_path / "tq.yaml"
    assert main(["units", "--province", "tỉnh Tuyên Quang", "--as-of", "2025-08-01", "-o", str(out)]) == 0
    register = _tree(out)
    assert all("units" not in unit for unit in register["units"])   # communes straight under the province
    assert "Phường Hà Giang 1" in _names(register["units"]) and len(register["units"]) > 100
    assert "hai cấp" in out.read_text(encoding="utf-8").split("province:")[0]


def test_the_folder_form_reads_province_and_date_from_van_ban(tmp_path):
    folder = tmp_path / "bg"
    folder.mkdir()
    shutil.copy(SAMPLE / "van-ban.yaml", folder)
    assert main(["units", str(folder)]) == 0
    register = _tree(folder / "don-vi.yaml")
    assert (register["province"], str(register["as_of"])) == ("Bắc Giang", "2020-02-17")
    # the dataset's snapshot, not 2020: said in the header, edited by the clerk
    assert "Thị xã Việt Yên" in _names(register["units"]) and "Huyện Yên Dũng" not in _names(register["units"])


def test_an_existing_register_is_not_replaced_without_force(tmp_path, capsys):
    out = tmp_path / "don-vi.yaml"
    out.write_text("# sửa tay\n", encoding="utf-8")
    args = ["units", "--province", "Bắc Giang", "--as-of", "2020-02-17", "-o", str(out)]
    assert main(args) == 64
    assert "--force" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "# sửa tay\n"
    assert main(args + ["--force"]) == 0
    assert _tree(out)["province"] == "Bắc Giang"


def test_an_unknown_province_is_a_usage_error_with_a_suggestion(tmp_path, capsys):
    out = tmp_path / "x.yaml"
    assert main(["units", "--province", "Tuyen Quang", "--as-of", "2021-03-05", "-o", str(out)]) == 64
    assert "có phải 'Tuyên Quang' không?" in capsys.readouterr().err and not out.exists()


def test_both_forms_at_once_or_half_a_form_are_usage_errors(tmp_path, capsys):
    assert main(["units", str(tmp_path), "--province", "Bắc Giang"]) == 64
    assert main(["units", "--province", "Bắc Giang", "--as-of", "2020-02-17"]) == 64
    assert "-o" in capsys.readouterr().err


def test_a_folder_without_van_ban_is_an_input_error(tmp_path, capsys):
    assert main(["units", str(tmp_path)]) == 2
    assert "van-ban.yaml" in capsys.readouterr().out


def test_the_dataset_package_is_never_imported():
    """Its modules import shapely and geopy; only its SQLite file is read."""
    code = ("import sys, datetime; from reportgen.units_data.dataset import province\n"
            "province('Bắc Giang', datetime.date(2020, 1, 1))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('vietnamadminunits', 'shapely', 'geopy')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_only_the_dataset_module_reads_the_dataset():
    readers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "reportgen").rglob("*.py")
               if "sqlite3" in p.read_text(encoding="utf-8") or "dataset.db" in p.read_text(encoding="utf-8")]
    assert readers == ["reportgen/units_data/dataset.py"]


def test_every_provinces_scaffold_reads_back_as_a_register_without_a_problem(tmp_path):
    """A fresh register never fails the check on its own (no name twice under one parent, every code kept)."""
    import datetime as _dt

    from reportgen.check.units import build_register
    from reportgen.errors import Problems
    from reportgen.load.yaml_file import load_yaml
    from reportgen.units_data.dataset import province, province_names
    from reportgen.units_data.scaffold import register_text
    for day, count in ((_dt.date(2021, 3, 5), 63), (_dt.date(2025, 8, 1), 34)):
        names = province_names(day)
        assert len(names) == count
        for name in names:
            path = tmp_path / "don-vi.yaml"
            data = province(name, day)
            path.write_text(register_text(data, day), encoding="utf-8")
            problems = Problems()
            register = build_register(load_yaml(path, problems), problems)
            assert not problems, (name, [str(p) for p in problems.items[:3]])
            assert [u.code for u in register.walk()] == [u.code for u in _walk(data.units)]


def _walk(units):
    for unit in units:
        yield unit
        yield from _walk(unit.units)


def test_the_province_comes_from_the_bodies_when_the_place_is_not_one(tmp_path, capsys):
    folder = tmp_path / "na-hang"
    folder.mkdir()
    text = (SAMPLE / "van-ban.yaml").read_text(encoding="utf-8")
    text = text.replace("place: Bắc Giang", "place: Na Hang").replace("parent_body: UBND TỈNH BẮC GIANG",
                                                                     "parent_body: UBND TỈNH TUYÊN QUANG")
    text = text.replace("issuing_body_name: Ban Chỉ đạo các Chương trình MTQG tỉnh Bắc Giang",
                        "issuing_body_name: Ban Chỉ đạo huyện Na Hang")
    (folder / "van-ban.yaml").write_text(text, encoding="utf-8")
    assert main(["units", str(folder)]) == 0
    assert _tree(folder / "don-vi.yaml")["province"] == "Tuyên Quang"
    (folder / "don-vi.yaml").unlink()
    (folder / "van-ban.yaml").write_text(text.replace("UBND TỈNH TUYÊN QUANG", "UBND HUYỆN NA HANG"),
                                         encoding="utf-8")
    assert main(["units", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "reportgen units --province" in out and "van-ban.yaml:" in out and not (folder / "don-vi.yaml").exists()
