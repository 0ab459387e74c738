"""The unit register: names compared after normalising, found under the right parent, near names suggested."""

from __future__ import annotations

import datetime as _dt
import unicodedata

import pytest

from reportgen import pipeline
from reportgen.check.rules.units import unit_name_findings
from reportgen.check.findings import Status
from reportgen.check.units import build_register
from reportgen.errors import Location, Problems
from reportgen.load.yaml_file import load_yaml
from reportgen.model.report import Period
from reportgen.names import canonical, name_key, near_names
from reportgen.units_data.dataset import province
from reportgen.units_data.scaffold import register_text
from tests.conftest import SAMPLE, replace_once


@pytest.mark.parametrize("typed, meant", [
    ("TP Bắc Giang", "Thành phố Bắc Giang"), ("Tp. Bắc Giang", "Thành phố Bắc Giang"),
    ("TX Việt Yên", "Thị xã Việt Yên"), ("Thị Xã Việt Yên", "Thị xã Việt Yên"), ("H. Lục Nam", "Huyện Lục Nam"),
    ("xã  Nghĩa   Hoà ", "Xã Nghĩa Hòa"), (unicodedata.normalize("NFD", "Xã Đông Phú"), "Xã Đông Phú"),
    ("TT Phương Sơn", "Thị trấn Phương Sơn"),
])
def test_names_compare_after_nfc_spaces_case_tone_placement_and_type_words(typed, meant):
    assert name_key(typed) == name_key(meant)


@pytest.mark.parametrize("one, other", [("Huyện Hàm Yen", "Huyện Hàm Yên"), ("Xã Lục Nam", "Huyện Lục Nam"),
                                        ("Xã Đông Hung", "Xã Đông Hưng")])
def test_tones_and_types_still_tell_names_apart(one, other):
    assert name_key(one) != name_key(other)


def test_canonical_spells_the_type_out():
    assert canonical("TP  Bắc Giang") == "Thành phố Bắc Giang" and canonical("Thôn 3") == "Thôn 3"


def test_near_names_ignore_tones_and_case_and_prefer_a_tone_only_difference():
    assert near_names("Huyện Hàm Yen", ["Huyện Hàm Yên", "Huyện Yên Sơn", "Huyện Na Hang"]) == ["Huyện Hàm Yên"]
    assert near_names("Xã Thổ Bính", ["Xã Thổ Bình", "Xã Thổ Bàn"])[0] == "Xã Thổ Bình"
    assert near_names("Xã Hoàn Toàn Khác", ["Xã Đông Phú"]) == []


@pytest.fixture(scope="module")
def tuyen_quang(tmp_path_factory):
    """The scaffolded register of Tuyên Quang for a 2021 document, read back as check reads it."""
    path = tmp_path_factory.mktemp("tq") / "don-vi.yaml"
    path.write_text(register_text(province("Tuyên Quang", _dt.date(2021, 3, 5)), _dt.date(2021, 3, 5)),
                    encoding="utf-8")
    problems = Problems()
    register = build_register(load_yaml(path, problems), problems)
    assert not problems and register is not None
    return register


def _findings(register, *names):
    return list(unit_name_findings(register, [(name, Location("bieu-01.yaml", i + 1, 5), parent,
                                               Location("bieu-01.yaml", i + 1, 30) if parent else None)
                                              for i, (name, parent) in enumerate(names)], "Biểu 01"))


def test_a_commune_under_the_wrong_district_names_both_districts_and_where_each_is(tuyen_quang):
    found = _findings(tuyen_quang, ("Xã Thổ Bình", "Huyện Chiêm Hóa"))
    assert [f.status for f in found] == [Status.FAIL]
    message = found[0].message
    assert "'Xã Thổ Bình' ghi dưới 'Huyện Chiêm Hóa' (bieu-01.yaml:1:30)" in message
    assert "thuộc 'Huyện Lâm Bình'" in message and "don-vi.yaml:" in message
    assert [str(loc).split("/")[-1].split(":")[0] for loc in found[0].locations] == \
        ["bieu-01.yaml", "bieu-01.yaml", "don-vi.yaml"]


def test_the_right_parent_passes_whatever_the_spelling_of_types(tuyen_quang):
    found = _findings(tuyen_quang, ("xã Thổ Bình", "H. Lâm Bình"), ("TP Tuyên Quang", None),
                      ("Huyện Chiêm Hóa", None))
    assert [f.status for f in found] == [Status.PASS] and "3 tên" in found[0].message


def test_a_misspelled_district_gets_a_suggestion(tuyen_quang):
    found = _findings(tuyen_quang, ("Huyện Hàm Yen", None))
    assert found[0].status is Status.FAIL
    assert found[0].message.endswith("Có phải 'Huyện Hàm Yên' không?")


def test_a_commune_named_as_a_district_is_at_the_wrong_level(tuyen_quang):
    found = _findings(tuyen_quang, ("Xã Thổ Bình", None))
    assert "ghi như đơn vị trực thuộc tỉnh" in found[0].message and "'Huyện Lâm Bình'" in found[0].message


def test_a_misspelled_commune_is_suggested_from_anywhere_when_its_district_has_nothing_near(tuyen_quang):
    found = _findings(tuyen_quang, ("Xã Thổ Bính", "Huyện Chiêm Hóa"))
    assert "Có phải 'Xã Thổ Bình' (thuộc Huyện Lâm Bình) không?" in found[0].message


def test_a_two_level_register_has_communes_straight_under_the_province(tmp_path):
    path = tmp_path / "don-vi.yaml"
    path.write_text(register_text(province("Tuyên Quang", _dt.date(2025, 8, 1)), _dt.date(2025, 8, 1)),
                    encoding="utf-8")
    problems = Problems()
    register = build_register(load_yaml(path, problems), problems)
    assert [f.status for f in _findings(register, ("Phường Hà Giang 1", None))] == [Status.PASS]
    assert [f.status for f in _findings(register, ("Huyện Lâm Bình", None))] == [Status.FAIL]


def test_the_sample_has_a_register_of_the_seeds_own_names_and_every_name_passes():
    result = pipeline.check_folder(SAMPLE)
    register = result.plan.register
    assert register is not None and register.as_of == _dt.date(2020, 2, 17)
    top = [unit.name for unit in register.units]
    assert "Huyện Yên Dũng" in top and "Huyện Việt Yên" in top and "TP Bắc Giang" in top
    own = [f for f in result.findings if f.rule == "unit-register"]
    assert own and all(f.status is Status.PASS for f in own)
    # the communes of Biểu 03 and 04 and the villages of Biểu 04 were all looked up
    assert any("cột \"Đăng ký Thôn NTM kiểu mẫu\": 46 tên" in f.message for f in own)


def test_a_reports_actuals_are_looked_up_in_the_plans_register():
    report = pipeline.check_report_folder(SAMPLE, Period(2020, 2))
    plan_count = len(pipeline.check_folder(SAMPLE).findings)
    own = [f for f in report.findings[plan_count:] if f.rule == "unit-register"]
    assert [f.status for f in own] == [Status.PASS] and "10 tên" in own[0].message


def test_without_a_register_the_rule_says_nothing(sample):
    (sample / "don-vi.yaml").unlink()
    assert [f for f in pipeline.check_folder(sample).findings if f.rule == "unit-register"] == []


def test_a_unit_typed_two_ways_across_tables_is_one_unit(sample):
    """'H. Lục Nam' in Biểu 01, 'Huyện Lục Nam' in the groups of Biểu 03 and 04: the cross rules pair them."""
    replace_once(sample / "bieu-01.yaml", "{unit: Huyện Lục Nam, ", "{unit: H.  Lục Nam, ")
    result = pipeline.check_folder(sample)
    assert not result.failed
    counted = [f for f in result.findings if f.rule == "cross-annex-count" and "Lục Nam" in f.message]
    assert counted and all(f.status is Status.PASS for f in counted)


def test_a_district_typed_with_its_later_type_is_suggested_and_a_commune_never_is(tuyen_quang):
    assert "Có phải 'Huyện Lâm Bình' không?" in _findings(tuyen_quang, ("Thị xã Lâm Bình", None))[0].message
    assert "Có phải" not in _findings(tuyen_quang, ("Xã Lâm Bình", "Huyện Lâm Bình"))[0].message


def test_near_names_are_measured_within_a_budget(tuyen_quang, monkeypatch):
    """A wrong register can make every name of a 10.000-row list unknown: the distances stop at a bound, the
    names with the same letters are still suggested."""
    from reportgen.check import unit_lookup
    monkeypatch.setattr(unit_lookup.Lookups, "FUZZY_BUDGET", 7)   # the 7 districts, once
    found = _findings(tuyen_quang, ("Huyện Hàm Yenn", None), ("Huyện Yên Sonn", None), ("Huyện Hàm Yen", None))
    assert "Có phải 'Huyện Hàm Yên'" in found[0].message and "Có phải" not in found[1].message
    assert "Có phải 'Huyện Hàm Yên'" in found[2].message   # same letters: no distance measured


def test_export_by_unit_makes_one_folder_for_a_unit_typed_two_ways(sample, tmp_path):
    from reportgen.cli import main
    replace_once(sample / "bieu-01.yaml", "{unit: Huyện Lục Nam, ", "{unit: H. Lục Nam, ")
    out = tmp_path / "out"
    assert main(["export", str(sample), "-o", str(out), "--format", "xlsx", "--by-unit", "--jobs", "1"]) == 0
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert len(folders) == 10 and "H-Lục-Nam" in folders and "Huyện-Lục-Nam" not in folders
    assert {p.name for p in (out / "H-Lục-Nam").glob("*.xlsx")} == {"bieu-01.xlsx", "bieu-03.xlsx", "bieu-04.xlsx"}


def test_a_misspelled_unit_in_a_workbook_is_named_at_its_sheet_and_cell(sample, run_check):
    from tests.conftest import findings, locations
    from tests.test_xlsx_input import xlsx_sample
    from tests.workbook import edited_workbook
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        sheet = book["Biểu 04"]
        cell = next(c for row in sheet.iter_rows() for c in row if c.value == "Xã Đông Hưng")
        cell.value, where = "Xã Đông Hung", f"bieu.xlsx!Biểu 04!{cell.coordinate}"
    code, report = run_check(sample)
    failed = findings(report, "unit-register", "fail")
    assert code == 1 and len(failed) == 1 and "Có phải 'Xã Đông Hưng' không?" in failed[0]["message"]
    assert locations(failed[0])[0].endswith(where)


def test_past_twenty_failures_a_column_says_how_many_more(sample):
    """A register of the wrong province or date makes every name fail: 20 are named, the rest counted in one line."""
    path = sample / "don-vi.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{name: Thôn ", "{name: Xóm "), encoding="utf-8")
    failed = [f for f in pipeline.check_folder(sample).findings
              if f.rule == "unit-register" and f.status is Status.FAIL]
    assert len(failed) == 21 and all("Thôn" in f.message for f in failed[:20])
    assert "… và 26 tên khác" in failed[20].message and failed[20].found == "46 tên"
