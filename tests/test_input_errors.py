"""Unreadable input exits 2 with every problem located in the file, in Vietnamese."""

from __future__ import annotations

import pytest

from reportgen.cli import main
from tests.conftest import replace_once


def problem_at(report: dict, path, line: int | None = None) -> dict:
    prefix = f"{path}:{line}:" if line else str(path)
    hits = [p for p in report["problems"] if p.get("location", {}).get("text", "").startswith(prefix)]
    assert hits, report["problems"]
    return hits[0]


def test_malformed_yaml_is_located(sample, run_check):
    annex = sample / "bieu-01.yaml"
    line = replace_once(annex, "  label: Tổng cộng\n", "  label: [Tổng cộng\n")
    code, report = run_check(sample)
    assert code == 2 and report["status"] == "error"
    problem = problem_at(report, annex)
    assert "YAML sai cú pháp" in problem["message"]
    assert problem["location"]["line"] >= line


def test_unknown_key_is_named_with_the_allowed_ones(sample, run_check):
    document = sample / "van-ban.yaml"
    line = replace_once(document, "archive: VT, NN Thăng", "archive: VT, NN Thăng\nsignr: x")
    code, report = run_check(sample)
    assert code == 2
    problem = problem_at(report, document, line + 1)
    assert "'signr'" in problem["message"] and "signer" in problem["message"]


def test_word_for_a_number_is_a_located_type_error(sample, run_check):
    annex = sample / "bieu-01.yaml"
    line = replace_once(annex, "thon_ntm: [4, 5]", "thon_ntm: [4, mười]")
    code, report = run_check(sample)
    assert code == 2
    problem = problem_at(report, annex, line)
    assert "'mười' không phải là số" in problem["message"]
    assert problem["location"]["col"] == 1 + annex.read_text(encoding="utf-8").splitlines()[line - 1].index("mười")


def test_decimal_comma_in_yaml_says_how_to_write_it(sample, run_check):
    annex = sample / "bieu-01.yaml"
    line = replace_once(annex, "tieu_chi_binh_quan: [12.7, 13.4]", "tieu_chi_binh_quan: [12.7, '13,4']")
    code, report = run_check(sample)
    assert code == 2
    assert "viết 13.4" in problem_at(report, annex, line)["message"]


def test_missing_required_field(sample, run_check):
    document = sample / "van-ban.yaml"
    replace_once(document, "place: Bắc Giang\n", "")
    code, report = run_check(sample)
    assert code == 2
    assert "thiếu 'place'" in problem_at(report, document)["message"]


def test_missing_file_is_named(sample, run_check):
    (sample / "noi-dung.md").unlink()
    code, report = run_check(sample)
    assert code == 2
    assert "Không tìm thấy tệp" in problem_at(report, sample / "noi-dung.md")["message"]


def test_file_outside_the_input_folder_is_refused(sample, run_check):
    document = sample / "van-ban.yaml"
    line = replace_once(document, "narrative: noi-dung.md", "narrative: ../../etc/passwd")
    code, report = run_check(sample)
    assert code == 2
    assert "trong thư mục đầu vào" in problem_at(report, document, line)["message"]


def test_unknown_name_in_the_narrative_is_located(sample, run_check):
    narrative = sample / "noi-dung.md"
    line = replace_once(narrative, "{{ dem(bieu04) }} thôn phấn đấu", "{{ dem(bieu02) }} thôn phấn đấu")
    code, report = run_check(sample)
    assert code == 2
    problem = problem_at(report, narrative, line)
    assert "Không có tên 'bieu02'" in problem["message"] and "bieu04" in problem["message"]


def test_unknown_column_in_the_narrative_lists_the_columns(sample, run_check):
    narrative = sample / "noi-dung.md"
    line = replace_once(narrative, "{{ tang(bieu01.thon_ntm) }}", "{{ tang(bieu01.thon) }}")
    code, report = run_check(sample)
    assert code == 2
    message = problem_at(report, narrative, line)["message"]
    assert "không có cột 'thon'" in message and "thon_ntm" in message


@pytest.mark.parametrize(("added", "words"), [
    ("{% for x in y %}", "{% ... %}"),
    ("{{ ''.__class__.__mro__ }}", "không được phép"),
])
def test_template_statements_and_unsafe_expressions_are_refused(sample, run_check, added, words):
    narrative = sample / "noi-dung.md"
    text = narrative.read_text(encoding="utf-8")
    narrative.write_text(f"{text}\n{added}\n", encoding="utf-8")
    code, report = run_check(sample)
    assert code == 2
    assert words in problem_at(report, narrative, len(text.splitlines()) + 2)["message"]


def test_duplicate_yaml_keys_and_aliases_are_refused(sample, run_check):
    facts = sample / "so-lieu.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text + "extra: &a [1]\nagain: *a\nfacts: {}\n", encoding="utf-8")
    code, report = run_check(sample)
    assert code == 2
    messages = " ".join(p["message"] for p in report["problems"])
    assert "lặp lại" in messages and "bí danh" in messages


def test_every_problem_is_reported_not_just_the_first(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "thon_ntm: [4, 5]", "thon_ntm: [4, năm]")
    replace_once(sample / "bieu-04.yaml", "{xa: Xã Đông Phú, thon: Thôn Thanh Sơn}",
                 "{xa: Xã Đông Phú, thon: Thôn Thanh Sơn, lang: x}")
    replace_once(sample / "van-ban.yaml", "date: 2020-02-17", "date: 17/02/2020")
    code, report = run_check(sample)
    assert code == 2
    files = {p["location"]["file"].rsplit("/", 1)[-1] for p in report["problems"]}
    assert files == {"bieu-01.yaml", "bieu-04.yaml", "van-ban.yaml"}


def test_text_report_for_problems_is_vietnamese_and_located(sample, capsys):
    line = replace_once(sample / "bieu-01.yaml", "thon_ntm: [4, 5]", "thon_ntm: [4, năm]")
    code = main(["check", str(sample)])
    out = capsys.readouterr().out
    assert code == 2
    assert "Không đọc được đầu vào (1 lỗi)" in out
    assert f"bieu-01.yaml:{line}:" in out and "Traceback" not in out


def test_missing_folder(tmp_path, run_check):
    code, report = run_check(tmp_path / "khong-co")
    assert code == 2
    assert "Không tìm thấy thư mục" in report["problems"][0]["message"]


def test_control_character_in_narrative_is_located(sample, run_check, tmp_path):
    narrative = sample / "noi-dung.md"
    line = replace_once(narrative, "1. Cấp huyện:", "1. Cấp\x0c huyện:")
    code, report = run_check(sample)
    assert code == 2
    problem = problem_at(report, narrative, line)
    assert problem["location"]["col"] == 7 and "U+000C" in problem["message"]
    assert main(["build", str(sample), "-o", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("escape", ["\\x01", "\\x00", "\\e", "\\uFFFE"])
def test_control_character_escaped_in_yaml_is_located(sample, run_check, escape):
    document = sample / "van-ban.yaml"
    line = replace_once(document, "name: Dương Văn Thái", f'name: "Dương{escape} Thái"')
    code, report = run_check(sample)
    assert code == 2
    assert [p["location"]["text"] for p in report["problems"]] == [f"{document}:{line}:9"]
    assert "ký tự điều khiển" in report["problems"][0]["message"]


def test_c1_control_character_is_refused(sample, run_check):
    line = replace_once(sample / "noi-dung.md", "1. Cấp huyện:", "1. Cấp\u0080 huyện:")
    code, report = run_check(sample)
    assert code == 2 and "U+0080" in problem_at(report, sample / "noi-dung.md", line)["message"]


def test_line_separator_does_not_shift_line_numbers(sample, run_check):
    replace_once(sample / "noi-dung.md", "1. Cấp huyện:", "1. Cấp\u2028huyện:")
    line = replace_once(sample / "noi-dung.md", "{{ tang(bieu01.thon_ntm) }}", "{{ tang(bieu01.khong) }}")
    code, report = run_check(sample)
    assert code == 2 and problem_at(report, sample / "noi-dung.md", line)
