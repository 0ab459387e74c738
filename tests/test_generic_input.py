"""reportgen is not tied to the Bắc Giang sample: a made-up province with other years, units and columns.

The input is tests/data/hoa-phong-2024/ (DỮ LIỆU GIẢ LẬP CHO KIỂM THỬ — không phải số liệu thật). Unlike
Bắc Giang, its Biểu 01 has a weight column ("Tổng số xã"), so the weighted mean is recomputed:
  2023: (8×18,5 + 12×17,5 + 22×16,4 + 18×14,9) / 60 = 987,0 / 60 = 16,45 → 16,5 (round half up;
        banker's rounding would give 16,4, the unweighted mean is 16,8)
  2024: (8×19,0 + 12×17,9 + 22×17,2 + 18×15,8) / 60 = 1029,6 / 60 = 17,16 → 17,2
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from reportgen.cli import main

FOLDER = Path(__file__).parent / "data" / "hoa-phong-2024"
MARKER = "DỮ LIỆU GIẢ LẬP CHO KIỂM THỬ — không phải số liệu thật"

# District -> increase of "Số xã đạt chuẩn nông thôn mới" in Biểu 01 = rows of that district in Biểu 02.
INCREASES = {"Thành phố Hòa Phong": 1, "Thị xã Nam Hà": 1, "Huyện Đông Sơn": 3, "Huyện Tây Lĩnh": 2}

# Every {{ ... }} of noi-dung.md, in file order, with the value the check must report.
NARRATIVE = [
    "{{ tang(bieu01.xa_ntm) }} = 7 xã",
    "{{ tong(bieu01.xa_ntm.kh_2024) }} = 41 xã",
    "{{ tong(bieu01.so_xa) }} = 60",
    "{{ ty_le.xa_dat_chuan }} = 68,3%",
    "{{ tang(bieu01.tieu_chi_bq) }} = 0,7 tiêu chí",
    "{{ tong(bieu01.tieu_chi_bq.kh_2024) }} = 17,2 tiêu chí",
    "{{ giam(bieu01.htx_ngung) | hai_chu_so }} = 05 hợp tác xã",
    "{{ tong(bieu01.htx_ngung.kh_2024) }} = 11 hợp tác xã",
    "{{ so_lieu.ty_le_ho_ngheo }} = 2,1%",
    "{{ so_lieu.thu_nhap_nong_thon }} = 62,5 triệu đồng/người/năm",
    "{{ dem(bieu02) | hai_chu_so }} = 07",
    "{{ so_lieu.lop_tap_huan | hai_chu_so }} = 12 lớp",
    "{{ dem(bieu03) }} = 6",
]

PRINTED_MEAN = "tieu_chi_bq: [16.5, 17.2]"   # Biểu 01 total row: printed weighted means 2023, 2024
MUTATED_MEAN = "tieu_chi_bq: [16.4, 17.2]"   # 2023 mean lowered by 0,1 (the banker's-rounding value)


def run_check(folder: Path, capsys) -> tuple[int, dict]:
    code = main(["check", str(folder), "--json"])
    return code, json.loads(capsys.readouterr().out)


def findings(report: dict, rule: str, status: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == rule and (status is None or f["status"] == status)]


def rule_status(report: dict, rule: str) -> str:
    return next(r["status"] for r in report["rules"] if r["id"] == rule)


def test_every_file_is_marked_as_made_up():
    files = sorted(p for p in FOLDER.iterdir() if p.is_file())
    assert {p.name for p in files} == {"van-ban.yaml", "noi-dung.md", "so-lieu.yaml",
                                       "bieu-01.yaml", "bieu-02.yaml", "bieu-03.yaml"}
    for path in files:
        assert MARKER in path.read_text(encoding="utf-8").splitlines()[0], path.name


def test_check_passes_with_everything_checkable(capsys):
    code, report = run_check(FOLDER, capsys)
    not_passed = [f for f in report["findings"] if f["status"] != "pass"]
    assert code == 0, (report["problems"], not_passed)
    assert report["status"] == "pass"
    assert report["problems"] == []
    assert not_passed == []
    assert report["summary"] == {"pass": 48, "fail": 0, "not_checkable": 0, "warning": 0}


def test_text_report_names_the_document(capsys):
    assert main(["check", str(FOLDER)]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.endswith("văn bản số 07/KH-UBND")


def test_weighted_mean_is_recomputed_and_passes(capsys):
    _, report = run_check(FOLDER, capsys)
    assert rule_status(report, "column-mean") == "pass"
    messages = [f["message"] for f in findings(report, "column-mean")]
    assert len(messages) == 2 and all(f["status"] == "pass" for f in findings(report, "column-mean"))
    assert any("Thực hiện năm 2023" in m and "bình quân 16,5 tính lại đúng theo 'so_xa'" in m for m in messages)
    assert any("Kế hoạch năm 2024" in m and "bình quân 17,2 tính lại đúng theo 'so_xa'" in m for m in messages)


def test_list_annex_rows_match_each_district_increase(capsys):
    _, report = run_check(FOLDER, capsys)
    assert rule_status(report, "cross-annex-count") == "pass"
    results = findings(report, "cross-annex-count")
    assert len(results) == len(INCREASES)
    for district, increase in INCREASES.items():
        mine = [f for f in results if f["message"].startswith(f"Biểu 02, {district}: {increase} dòng;")]
        assert len(mine) == 1, district
        assert mine[0]["status"] == "pass"
        assert mine[0]["message"].endswith(f"tăng {increase}: khớp.")
    assert rule_status(report, "unit-known") == "pass"
    assert len(findings(report, "unit-known", "pass")) == len(INCREASES)


def test_comparison_row_values_and_wording_pass(capsys):
    _, report = run_check(FOLDER, capsys)
    for rule in ("comparison-value", "comparison-wording"):
        assert rule_status(report, rule) == "pass"
        results = findings(report, rule)
        assert len(results) == 3 and all(f["status"] == "pass" for f in results), rule
        for wording in ("'Tăng 7 xã'", "'Giảm 5 hợp tác xã'", "'Tăng 0,7 tiêu chí'"):
            assert sum(wording in f["message"] for f in results) == 1, (rule, wording)


def test_stated_ratio_and_narrative_values(capsys):
    _, report = run_check(FOLDER, capsys)
    ratio = findings(report, "stated-ratio")
    assert len(ratio) == 1 and ratio[0]["status"] == "pass"
    assert "41/60 = 68,3%" in ratio[0]["message"]
    narrative = findings(report, "narrative-expression")
    assert all(f["status"] == "pass" for f in narrative)
    assert [f["message"] for f in narrative] == NARRATIVE
    assert all(Path(f["locations"][0]["file"]).name == "noi-dung.md" for f in narrative)


def test_wrong_printed_weighted_mean_fails_at_its_line(tmp_path, capsys):
    copy = tmp_path / "hoa-phong-2024"
    shutil.copytree(FOLDER, copy)
    annex = copy / "bieu-01.yaml"
    lines = annex.read_text(encoding="utf-8").split("\n")
    hits = [n for n, content in enumerate(lines) if PRINTED_MEAN in content]
    assert len(hits) == 1 and "values:" in lines[hits[0]]   # the total row, not a district row
    lines[hits[0]] = lines[hits[0]].replace(PRINTED_MEAN, MUTATED_MEAN)
    annex.write_text("\n".join(lines), encoding="utf-8")
    line = hits[0] + 1

    code, report = run_check(copy, capsys)

    assert code == 1
    assert report["status"] == "fail"
    assert rule_status(report, "column-mean") == "fail"
    failures = findings(report, "column-mean", "fail")
    assert len(failures) == 1
    failure = failures[0]
    assert "Thực hiện năm 2023" in failure["message"]
    assert (failure["found"], failure["expected"]) == ("16,4", "16,5")
    location = failure["locations"][0]
    assert Path(location["file"]).name == "bieu-01.yaml"
    assert Path(location["file"]).resolve() == annex.resolve()
    assert location["line"] == line
    assert location["text"].startswith(f"{location['file']}:{line}")
    # The 2024 mean is untouched and still passes.
    assert len(findings(report, "column-mean", "pass")) == 1
