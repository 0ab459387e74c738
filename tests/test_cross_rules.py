"""Issue #14 items 2, 3 and 7 (shape A): declared cross-table rules and facts pointing at tables, one mutation
of the made-up Tuyên Quang 2021 plan per rule; each mutation must turn `check` from exit 0 to a located failure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.conftest import ROOT, SAMPLE, findings, line_of, locations, replace_once

EXAMPLE = ROOT / "examples" / "tuyen-quang-2021"
NTM = 'nhóm "Xã phấn đấu đạt chuẩn nông thôn mới"'


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "tuyen-quang-2021"
    shutil.copytree(EXAMPLE, target)
    return target


def fails(report: dict, rule: str) -> list[dict]:
    return findings(report, rule, "fail")


def test_the_example_passes_every_rule(run_check):
    code, report = run_check(EXAMPLE)
    assert code == 0, [f["message"] for f in report["findings"] if f["status"] != "pass"]
    passed = {f["rule"] for f in report["findings"] if f["status"] == "pass"}
    assert {"cross-annex-count", "cross-annex-sum", "fact-reference", "narrative-expression"} <= passed
    # per district of Biểu 02 and in total, for each of the three groups and the filtered count
    assert len(findings(report, "cross-annex-count")) == 4 * (7 + 1)


def test_a_commune_under_the_wrong_district_fails_for_both_districts(example, run_check):
    line = replace_once(example / "bieu-01.yaml", "{xa: Xã Thổ Bình, huyen: Huyện Lâm Bình",
                        "{xa: Xã Thổ Bình, huyen: Huyện Chiêm Hóa")
    code, report = run_check(example)
    assert code == 1
    ntm = [f for f in fails(report, "cross-annex-count") if NTM in f["message"]]
    assert [(f["message"].split(" (")[0], f["found"], f["expected"]) for f in ntm] == [
        ("Biểu 01, Huyện Lâm Bình", "1", "2"), ("Biểu 01, Huyện Chiêm Hóa", "3", "2")]
    assert any(w.startswith(f"{example / 'bieu-01.yaml'}:{line}:") for w in locations(ntm[1]))
    assert len(fails(report, "cross-annex-sum")) == 2   # its money moved with it
    [register] = fails(report, "unit-register")          # units14's rule, through the example's unit_names
    assert "'Xã Thổ Bình' ghi dưới 'Huyện Chiêm Hóa'" in register["message"] and "'Huyện Lâm Bình'" in register["message"]


@pytest.mark.parametrize("file, old, new", [
    ("bieu-01.yaml", "{xa: Xã Bạch Xa, huyen: Huyện Hàm Yên", "{xa: Xã Bạch Xa, huyen: Huyện Hàm Yen"),
    ("bieu-02.yaml", "{unit: Huyện Hàm Yên, ", "{unit: Huyện Hàm Yen, "),
])
@pytest.mark.parametrize("register", [True, False])
def test_a_misspelt_district_in_either_table_is_blamed_at_its_cell(example, run_check, file, old, new, register):
    """With the register only the misspelt cell is blamed (never the right ones); without it, both places are named
    as two spellings of one name. Either way the district is not counted 0 against the right cells."""
    line = replace_once(example / file, old, new)
    if file == "bieu-02.yaml":  # else the narrative's dong(bieu02.von, "Huyện Hàm Yên") stops the check (exit 2)
        replace_once(example / "noi-dung.md", 'dong(bieu02.von, "Huyện Hàm Yên")', 'dong(bieu02.von, "Huyện Na Hang")')
    if not register:
        (example / "don-vi.yaml").unlink()
    code, report = run_check(example)
    assert code == 1
    strays = [f for f in fails(report, "cross-annex-count") if "Huyện Hàm Yen" in f["message"]]
    assert strays, [f["message"] for f in fails(report, "cross-annex-count")]
    misspelt = f"{example / file}:{line}:"
    for fail in strays:
        blamed = locations(fail)
        assert any(w.startswith(misspelt) for w in blamed)
        if register:
            assert "viết sai: danh mục đơn vị ghi 'Huyện Hàm Yên'" in fail["message"] and len(blamed) == 1
            assert (fail["found"], fail["expected"]) == ("Huyện Hàm Yen", "Huyện Hàm Yên")
        else:
            assert len(blamed) == 2 and ("một trong hai tên viết sai" in fail["message"]
                                         or "hai nơi viết tên khác nhau" in fail["message"])
    # the right district is never counted 0 against its right cells
    assert not [f for f in fails(report, "cross-annex-count") if f.get("found") == "0"]
    if register:  # nor counted short against them when it keeps a row under its right name (1 against 2)
        failures = fails(report, "cross-annex-count") + fails(report, "cross-annex-sum")
        assert all("Huyện Hàm Yen" in f["message"] for f in failures), [f["message"] for f in failures]


def test_a_district_with_no_rows_at_all_counts_zero_and_fails(example, run_check):
    """Both Lâm Bình communes of group I deleted: Lâm Bình is no longer written anywhere in that group, so a
    rule walking only the names the list holds would pass it. The rule walks Biểu 02's rows."""
    for commune in ("Thổ Bình", "Phúc Yên"):
        replace_once(example / "bieu-01.yaml", next(line + "\n" for line in
                     (example / "bieu-01.yaml").read_text(encoding="utf-8").splitlines() if f"Xã {commune}," in line), "")
    row = line_of(example / "bieu-02.yaml", "{unit: Huyện Lâm Bình,")
    code, report = run_check(example)
    assert code == 1
    lam_binh = [f for f in fails(report, "cross-annex-count") if f["message"].startswith("Biểu 01, Huyện Lâm Bình")]
    assert [(f["found"], f["expected"]) for f in lam_binh] == [("0", "2"), ("0", "2")]   # group I and the X marks
    assert all(w.startswith(f"{example / 'bieu-02.yaml'}:{row}:") for f in lam_binh for w in locations(f))
    totals = [f for f in fails(report, "cross-annex-count") if "cả biểu" in f["message"]]
    assert [(f["found"], f["expected"]) for f in totals] == [("6", "8"), ("2", "4")]
    total_row = line_of(example / "bieu-02.yaml", "total: {label: Tổng cộng")
    assert all(any(w.startswith(f"{example / 'bieu-02.yaml'}:{total_row}:") for w in locations(f)) for f in totals)


def test_a_filtered_count_fails_when_a_mark_is_dropped(example, run_check):
    replace_once(example / "bieu-01.yaml", "huyen: Huyện Na Hang, dbkk: X,", "huyen: Huyện Na Hang,")
    code, report = run_check(example)
    assert code == 1
    [na_hang, total] = fails(report, "cross-annex-count")
    assert 'cột "Xã đặc biệt khó khăn" là "X"' in na_hang["message"] and "Huyện Na Hang" in na_hang["message"]
    assert (na_hang["found"], na_hang["expected"], total["found"], total["expected"]) == ("0", "1", "3", "4")


def test_a_sum_per_district_fails_at_the_district_and_in_total(example, run_check):
    replace_once(example / "bieu-02.yaml", "so_xa: [1, 1, 1], dbkk: 0, von: 3500", "so_xa: [1, 1, 1], dbkk: 0, von: 3600")
    replace_once(example / "bieu-02.yaml", "dbkk: 4, von: 21700", "dbkk: 4, von: 21800")
    code, report = run_check(example)
    assert code == 1
    [son_duong, total] = fails(report, "cross-annex-sum")
    assert son_duong["message"].startswith('Biểu 01, Huyện Sơn Dương: cột "Vốn ngân sách tỉnh hỗ trợ" cộng 3.500')
    assert (son_duong["found"], son_duong["expected"], total["found"], total["expected"]) == (
        "3.500", "3.600", "21.700", "21.800")


def test_a_count_table_cell_off_by_one_fails_at_that_cell(example, run_check):
    line = replace_once(example / "bieu-02.yaml", "{unit: Huyện Yên Sơn,         so_xa: [0, 2, 0]",
                        "{unit: Huyện Yên Sơn,         so_xa: [0, 3, 0]")
    code, report = run_check(example)
    assert code == 1
    fail = [f for f in fails(report, "cross-annex-count") if "Huyện Yên Sơn" in f["message"]][0]
    assert (fail["found"], fail["expected"]) == ("2", "3")
    assert locations(fail)[0].startswith(f"{example / 'bieu-02.yaml'}:{line}:")


@pytest.mark.parametrize("old, new, found, expected", [
    ("value: 8, unit: xã, ref: tong(bieu02.so_xa.ntm)", "value: 9, unit: xã, ref: tong(bieu02.so_xa.ntm)", "9", "8"),
    ("value: 2, unit: xã, ref: 'dong(", "value: 3, unit: xã, ref: 'dong(", "3", "2"),
])
def test_a_fact_that_drifts_from_its_table_fails_at_both_places(example, run_check, old, new, found, expected):
    line = replace_once(example / "so-lieu.yaml", old, new)
    code, report = run_check(example)
    assert code == 1
    [fail] = fails(report, "fact-reference")
    assert (fail["found"], fail["expected"]) == (found, expected)
    assert [w.split(":")[1] for w in locations(fail)] == [str(line), str(line)]   # the value and the ref


def test_a_table_that_drifts_from_a_fact_fails_too(example, run_check):
    """The fact is right, Biểu 02 changed: the same rule catches it (and says nothing about which to fix)."""
    replace_once(example / "bieu-02.yaml", "{unit: Huyện Lâm Bình,        so_xa: [2, 0, 0]",
                 "{unit: Huyện Lâm Bình,        so_xa: [1, 0, 0]")
    code, report = run_check(example)
    assert code == 1
    [fail] = fails(report, "fact-reference")
    assert "sửa số ghi hoặc biểu cho khớp" in fail["message"] and (fail["found"], fail["expected"]) == ("2", "1")


def test_a_fact_defined_by_its_reference_takes_the_tables_value(example, capsys):
    replace_once(example / "bieu-01.yaml", "      - {xa: Xã Phúc Ninh, huyen: Huyện Yên Sơn, von: 1000}\n", "")
    replace_once(example / "bieu-02.yaml", "so_xa: [0, 2, 0], dbkk: 0, von: 2000", "so_xa: [0, 1, 0], dbkk: 0, von: 1000")
    replace_once(example / "bieu-02.yaml", "so_xa: [8, 5, 1], dbkk: 4, von: 21700", "so_xa: [8, 4, 1], dbkk: 4, von: 20700")
    replace_once(example / "bieu-01.yaml", "values: {von: 21700}", "values: {von: 20700}")
    replace_once(example / "so-lieu.yaml", "stated: 11.3", "stated: 10.5")
    assert main(["tree", str(example)]) == 0
    text = capsys.readouterr().out
    assert "«13»/«124» xã («10,5%»)" in text and "«04» xã đạt chuẩn nông thôn mới nâng cao" in text


def test_a_reference_that_names_no_row_is_an_input_error_with_suggestions(example, run_check):
    line = replace_once(example / "so-lieu.yaml", '"Huyện Lâm Bình")', '"Huyện Lâm Binh")')
    code, report = run_check(example)
    assert code == 2
    [problem] = report["problems"]
    assert problem["location"]["text"].startswith(f"{example / 'so-lieu.yaml'}:{line}:")
    assert "không có dòng 'Huyện Lâm Binh' (có phải 'Huyện Lâm Bình' không?)" in problem["message"]


@pytest.mark.parametrize("old, new, said", [
    ("group: Xã phấn đấu đạt chuẩn nông thôn mới kiểu mẫu", "group: Xã phấn đấu đạt chuẩn nông thôn mới kiểu mầu",
     "(có phải 'Xã phấn đấu đạt chuẩn nông thôn mới kiểu mẫu' không?)"),
    ("{rule: count, per: huyen, where:", "{rule: count, per: huyện, where:", "'per' ghi cột 'huyện'"),
    ("equals: {annex: \"02\", column: so_xa.ntm}", "equals: {annex: \"02\", column: ntm}",
     "có phải 'so_xa.ntm' không?"),
    ("{rule: sum, column: von,", "{rule: sum, column: ghi_chu,", "không phải cột số"),
    ("equals: {annex: \"02\", column: von}", "equals: {annex: \"03\", column: von}", "chỉ tới biểu '03'"),
    # a value no row holds counts 0 everywhere: a misspelling, not a true zero (as dem(…, dbkk="Y") says)
    ("{rule: sum, column: von, per: huyen,", "{rule: sum, column: von, per: huyen, where: {huyen: Huyện Hàm Yen},",
     "'where' ghi huyen: 'Huyện Hàm Yen', không dòng nào của Biểu 01 ghi giá trị đó (có phải 'Huyện Hàm Yên' không?)"),
    ("where: {dbkk: X}", "where: {dbkk: Có}", "cột 'dbkk' là cột đánh dấu: chỉ lọc được dbkk: X."),
])
def test_a_rule_that_names_what_does_not_exist_is_an_input_error_at_the_rule(example, run_check, old, new, said):
    replace_once(example / "bieu-01.yaml", old, new)
    code, report = run_check(example)
    assert code == 2
    assert any(said in p["message"] and p["location"]["file"].endswith("bieu-01.yaml") for p in report["problems"]), \
        report["problems"]


def test_the_samples_rules_rewritten_in_the_new_form_give_the_same_tree_and_per_district_findings(tmp_path, capsys):
    folder = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, folder)
    for file, column in (("bieu-03.yaml", "xa_nang_cao"), ("bieu-04.yaml", "thon_kieu_mau")):
        replace_once(folder / file, f'{{rule: rows_per_unit, annex: "01", column: {column}, measure: increase}}',
                     f'{{rule: count, equals: {{annex: "01", column: {column}, measure: increase}}}}')
    trees = []
    for where in (SAMPLE, folder):
        assert main(["tree", str(where)]) == 0
        trees.append(capsys.readouterr().out)
    assert trees[0] == trees[1]
    reports = []
    for where in (SAMPLE, folder):
        assert main(["check", str(where), "--json"]) == 0
        reports.append([(f["message"], [loc["line"] for loc in f["locations"]])
                        for f in __import__("json").loads(capsys.readouterr().out)["findings"]
                        if f["rule"] == "cross-annex-count"])
    per_district = [f for f in reports[1] if "cả biểu" not in f[0]]
    assert per_district == reports[0]
    assert len(reports[1]) == len(reports[0]) + 2   # and each list in total against Biểu 01's total row


def test_the_examples_register_is_what_reportgen_units_writes(tmp_path):
    """Issue #14 item 1's scaffold, for this folder: the register is the dataset's, not typed by hand."""
    out = tmp_path / "don-vi.yaml"
    assert main(["units", "--province", "Tuyên Quang", "--as-of", "2021-03-05", "-o", str(out)]) == 0
    kept = (EXAMPLE / "don-vi.yaml").read_text(encoding="utf-8").split("\n", 2)[2]   # after the made-up note
    assert out.read_text(encoding="utf-8") == kept


def test_every_commune_of_the_example_is_under_its_district_in_the_register():
    """The made-up list names real communes under their districts before July 2025 (Thổ Bình in Lâm Bình)."""
    import yaml
    register = yaml.safe_load((EXAMPLE / "don-vi.yaml").read_text(encoding="utf-8"))
    parent = {c["name"]: d["name"] for d in register["units"] for c in d.get("units", [])}
    listing = yaml.safe_load((EXAMPLE / "bieu-01.yaml").read_text(encoding="utf-8"))
    rows = [r for g in listing["groups"] for r in g["rows"]]
    assert len(rows) == 14 and all(parent.get(r["xa"]) == r["huyen"] for r in rows)
    assert parent["Xã Thổ Bình"] == "Huyện Lâm Bình"
    districts = [r["unit"] for r in yaml.safe_load((EXAMPLE / "bieu-02.yaml").read_text(encoding="utf-8"))["rows"]]
    assert districts == [d["name"] for d in register["units"]]


def test_unit_types_are_understood_when_matching_rows(example, run_check):
    replace_once(example / "bieu-01.yaml", "huyen: Huyện Na Hang,", "huyen: H. Na Hang,")
    replace_once(example / "bieu-02.yaml", "{unit: Thành phố Tuyên Quang,", "{unit: TP Tuyên Quang,")
    code, report = run_check(example)
    assert code == 0, [f["message"] for f in fails(report, "cross-annex-count")]


PER_GROUP = """# DỮ LIỆU GIẢ LẬP CHO KIỂM THỬ
id: "03"
label: Biểu 03
title: SỐ XÃ THEO NHÓM MỤC TIÊU
columns:
  - {id: tt, header: TT, type: index}
  - {id: nhom, header: Nhóm mục tiêu, type: text}
  - {id: so_xa, header: Số xã, type: count, aggregate: sum}
rows:
  - {nhom: Xã phấn đấu đạt chuẩn nông thôn mới, so_xa: 8}
  - {nhom: Xã phấn đấu đạt chuẩn nông thôn mới nâng cao, so_xa: 5}
  - {nhom: Xã phấn đấu đạt chuẩn nông thôn mới kiểu mẫu, so_xa: 1}
total: {label: Tổng cộng, values: {so_xa: 14}}
"""


def test_rows_counted_per_group_label_against_a_table_of_groups(example, run_check):
    """Per group (the target groups, not districts): no `per`, the other table's rows named by its text column."""
    (example / "bieu-03.yaml").write_text(PER_GROUP, encoding="utf-8")
    replace_once(example / "van-ban.yaml", "  - bieu-02.yaml\n", "  - bieu-02.yaml\n  - bieu-03.yaml\n")
    replace_once(example / "bieu-01.yaml", "rules:\n", 'rules:\n  - {rule: count, equals: {annex: "03", column: so_xa}}\n')
    code, report = run_check(example)
    assert code == 0
    per_group = [f for f in findings(report, "cross-annex-count") if "Biểu 03" in f["message"]]
    assert len(per_group) == 4 and all(f["status"] == "pass" for f in per_group)
    replace_once(example / "bieu-03.yaml", "nâng cao, so_xa: 5}", "nâng cao, so_xa: 6}")
    replace_once(example / "bieu-03.yaml", "values: {so_xa: 14}", "values: {so_xa: 15}")
    code, report = run_check(example)
    [group, total] = [f for f in fails(report, "cross-annex-count") if "Biểu 03" in f["message"]]
    assert group["message"].startswith("Biểu 01, Xã phấn đấu đạt chuẩn nông thôn mới nâng cao: 5 dòng;")
    assert (group["expected"], total["found"], total["expected"]) == ("6", "14", "15")


def test_a_broken_reference_is_said_once_at_the_ref_not_again_where_the_narrative_uses_the_fact(example, run_check):
    line = replace_once(example / "so-lieu.yaml", 'nhom="Xã phấn đấu đạt chuẩn nông thôn mới nâng cao")',
                        'nhom="Xã phấn đấu đạt chuẩn nông thôn mới nâng cáo")')
    code, report = run_check(example)
    assert code == 2
    assert [p["location"]["line"] for p in report["problems"]] == [line]
    assert "không có nhóm 'Xã phấn đấu đạt chuẩn nông thôn mới nâng cáo' (có phải" in report["problems"][0]["message"]


def test_a_unit_name_the_narrative_uses_is_looked_up_in_the_register_at_its_place(example, run_check):
    """Table and narrative misspelt alike (so the narrative finds its row): the register names both places."""
    replace_once(example / "bieu-02.yaml", "{unit: Huyện Hàm Yên, ", "{unit: Huyện Hàm Yen, ")
    line = replace_once(example / "noi-dung.md", 'dong(bieu02.von, "Huyện Hàm Yên")', 'dong(bieu02.von, "Huyện Hàm Yen")')
    code, report = run_check(example)
    assert code == 1
    places = [w for f in fails(report, "unit-register") for w in locations(f)]
    assert any(w.startswith(f"{example / 'noi-dung.md'}:{line}:") for w in places)
    assert any(w.startswith(f"{example / 'bieu-02.yaml'}:") for w in places)


@pytest.mark.parametrize("register", [True, False])
def test_a_row_name_misspelt_in_the_table_is_not_pressed_on_the_text(example, run_check, register):
    """The text's dong(bieu02.von, "Huyện Hàm Yên") is right and Biểu 02's row "Huyện Hàm Yen" wrong: the
    suggestion alone told the clerk to copy the misspelling into the text. The register says the table is wrong;
    without one both places are named."""
    line = replace_once(example / "bieu-02.yaml", "{unit: Huyện Hàm Yên, ", "{unit: Huyện Hàm Yen, ")
    if not register:
        (example / "don-vi.yaml").unlink()
    code, report = run_check(example)
    assert code == 2
    [problem] = report["problems"]
    assert problem["location"]["file"].endswith("noi-dung.md")
    cell = f"{example / 'bieu-02.yaml'}:{line}:"
    if register:
        assert ("Biểu 02 không có dòng 'Huyện Hàm Yên': tên này có trong danh mục đơn vị, còn Biểu 02 viết "
                f"'Huyện Hàm Yen' ({cell}") in problem["message"], problem["message"]
        assert "có phải" not in problem["message"]
    else:
        assert f"Nếu tên trong biểu mới là tên viết sai thì sửa ở biểu: 'Huyện Hàm Yen' ở {cell}" in \
            problem["message"], problem["message"]


def test_a_filter_value_misspelt_on_every_row_of_the_list_is_blamed_on_the_list(example, run_check):
    """dem(bieu01, huyen="Huyện Chiêm Hóa") when all three Chiêm Hóa rows of the list are typed "Huyện Chiem Hóa":
    the register tells the text is right and names the list's cells."""
    text = (example / "bieu-01.yaml").read_text(encoding="utf-8")
    (example / "bieu-01.yaml").write_text(text.replace("huyen: Huyện Chiêm Hóa", "huyen: Huyện Chiem Hóa"),
                                          encoding="utf-8")
    code, report = run_check(example)
    assert code == 2
    messages = [p["message"] for p in report["problems"]]
    assert any("cột 'huyen' không có dòng nào ghi 'Huyện Chiêm Hóa': tên này có trong danh mục đơn vị, còn Biểu 01 "
               f"viết 'Huyện Chiem Hóa' ({example / 'bieu-01.yaml'}:" in m for m in messages), messages


def test_a_row_name_misspelt_in_the_text_is_suggested_alone_when_the_register_knows_the_table(example, run_check):
    replace_once(example / "noi-dung.md", 'dong(bieu02.von, "Huyện Hàm Yên")', 'dong(bieu02.von, "Huyện Hàm Yen")')
    code, report = run_check(example)
    assert code == 2
    [problem] = report["problems"]
    assert "không có dòng 'Huyện Hàm Yen' (có phải 'Huyện Hàm Yên' không?). Các dòng:" in problem["message"]


def test_no_row_marked_is_a_true_zero_for_the_rule_and_the_text(example, run_check):
    """A mark column holds X or nothing: with no commune marked this year, where: {dbkk: X} and dem(bieu01,
    dbkk="X") count 0 (the rule then fails against Biểu 02's 4), never 'no row holds X' (exit 2)."""
    text = (example / "bieu-01.yaml").read_text(encoding="utf-8")
    (example / "bieu-01.yaml").write_text(text.replace(" dbkk: X,", ""), encoding="utf-8")
    code, report = run_check(example)
    assert code == 1 and not report["problems"]
    assert [(f["found"], f["expected"]) for f in fails(report, "cross-annex-count")][-1] == ("0", "4")


def test_where_with_two_columns_keeps_rows_holding_both(example, run_check):
    replace_once(example / "bieu-01.yaml", "{rule: count, per: huyen, where: {dbkk: X},",
                 "{rule: count, per: huyen, where: {dbkk: X, von: '2000'},")
    code, report = run_check(example)
    assert code == 1   # Thổ Bình (von 2200) drops out: Lâm Bình 1 against 2, and 3 against 4 in total
    assert [(f["found"], f["expected"]) for f in fails(report, "cross-annex-count")] == [("1", "2"), ("3", "4")]


def test_export_by_unit_splits_the_example_by_district_and_refuses_a_misspelt_one(example, tmp_path, capsys):
    """Issue #14: "Hàm Yen" in the count table became its own export folder. Now the check fails and nothing is
    exported; the right folder gives one folder per district, each with its communes."""
    out = tmp_path / "ra"
    assert main(["export", str(EXAMPLE), "--by-unit", "--format", "xlsx", "-o", str(out)]) == 0
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert len(folders) == 7 and "Huyện-Lâm-Bình" in folders and not any("Yen" in f for f in folders)
    replace_once(example / "bieu-02.yaml", "{unit: Huyện Hàm Yên, ", "{unit: Huyện Hàm Yen, ")
    replace_once(example / "noi-dung.md", 'dong(bieu02.von, "Huyện Hàm Yên")', 'dong(bieu02.von, "Huyện Na Hang")')
    capsys.readouterr()
    assert main(["export", str(example), "--by-unit", "--format", "xlsx", "-o", str(tmp_path / "ra2")]) == 1
    assert not (tmp_path / "ra2").exists()


def test_two_tables_or_a_fact_and_its_table_that_disagree_are_printed_side_by_side(example, capsys):
    """Issue #14 item 6: neither record is "expected". The printed report names each side beside its figure (never
    "tìm thấy … mong đợi", which tells the clerk to change the count table's side) and says to check both."""
    replace_once(example / "bieu-01.yaml", "huyen: Huyện Na Hang, dbkk: X,", "huyen: Huyện Na Hang,")
    replace_once(example / "bieu-02.yaml", "{unit: Huyện Lâm Bình,        so_xa: [2, 0, 0]",
                 "{unit: Huyện Lâm Bình,        so_xa: [1, 0, 0]")
    assert main(["check", str(example)]) == 1
    printed = capsys.readouterr().out
    cross = printed.split("(cross-annex-count)")[1].split("\n[")[0]
    assert "Biểu 01: 0; Biểu 02: 1" in cross and "Biểu 01: 3; Biểu 02: 4" in cross
    assert "lệch 1; đối chiếu cả hai biểu với bản gốc" in cross and "mong đợi" not in cross
    fact = printed.split("(fact-reference)")[1].split("\n[")[0]
    assert "so-lieu.yaml (" in fact and "mong đợi" not in fact
    assert main(["check", str(example), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    sides = [f["sides"] for f in fails(report, "cross-annex-count")]
    assert len(sides) >= 2 and all(s == ["Biểu 01", "Biểu 02"] for s in sides)


def test_a_blank_summed_cell_leaves_its_district_and_the_total_unchecked_not_passed_nor_failed(example, run_check):
    """A list row with its figure blank: the district's sum and the whole table's are not checkable (a blank is no 0),
    the other districts still checked."""
    replace_once(example / "bieu-01.yaml", "{xa: Xã Thổ Bình, huyen: Huyện Lâm Bình, dbkk: X, von: 2200}",
                 "{xa: Xã Thổ Bình, huyen: Huyện Lâm Bình, dbkk: X}")
    code, report = run_check(example)
    sums = findings(report, "cross-annex-sum")
    unchecked = [f["message"] for f in sums if f["status"] == "not_checkable"]
    assert len(unchecked) == 2 and "Huyện Lâm Bình" in unchecked[0] and "cả biểu" in unchecked[1], unchecked
    assert all("để trống" in m and "không đối chiếu được" in m for m in unchecked)
    assert {f["status"] for f in sums} == {"pass", "not_checkable"} and len(sums) == 7 + 1
