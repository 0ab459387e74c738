"""Issue #19, the loader's part: wrong numbers not read from workbooks, inputs not read from outside their folder,
permissions, line endings, file names, odd characters, and long lists of problems capped."""

from __future__ import annotations

import shutil

from reportgen.errors import Location, Problems
from tests.conftest import ROOT

HOA_PHONG = ROOT / "tests" / "data" / "hoa-phong-2024"


def hoa_phong(tmp_path):
    folder = tmp_path / "dau-vao"
    shutil.copytree(HOA_PHONG, folder)
    return folder


def messages(report: dict) -> list[str]:
    return [f"{p['location']['text'] if p.get('location') else ''}: {p['message']}" for p in report["problems"]]


# 16. Long lists of problems ------------------------------------------------------------------------------------

def test_twenty_thousand_unknown_keys_give_twenty_lines_and_a_count(tmp_path, run_check):
    folder = hoa_phong(tmp_path)
    with (folder / "van-ban.yaml").open("a", encoding="utf-8") as handle:
        handle.writelines(f"khoa_la_{i}: 1\n" for i in range(20_000))
    code, report = run_check(folder)
    assert code == 2
    said = report["problems"]
    assert len(said) == Problems.MAX_OF_A_KIND + 1
    assert "khoa_la_0'" in said[0]["message"] and "khoa_la_19'" in said[19]["message"]
    assert said[-1]["message"].startswith("… và 19.980 lỗi khác cùng loại")
    assert said[-1]["location"]["text"].endswith("van-ban.yaml")


def test_the_cap_counts_each_kind_apart_and_keeps_the_order():
    problems = Problems()
    for row in range(30):
        problems.add(f"Cột 'so_xa': 'x{row}' không phải là số.", Location("a.yaml", row + 1, 3))
        problems.add(f"Khóa 'k{row}' lặp lại (đã có ở dòng {row}).", Location("a.yaml", row + 1, 1))
    problems.add("Cột 'so_xa': 'x' không phải là số.", Location("b.yaml", 1, 1))  # another file, another kind
    texts = [p.message for p in problems.items]
    assert len(texts) == 20 + 1 + 20 + 1 + 1 and problems.total == 61
    assert texts[40].startswith("… và 10 lỗi khác") and texts[41].startswith("… và 10 lỗi khác")
    assert texts[-1] == "Cột 'so_xa': 'x' không phải là số."
    problems.add("Cột 'so_xa': 'x0' không phải là số.", Location("a.yaml", 1, 3))  # said already: not counted
    assert problems.total == 61
