"""Issue #14 item 5: the narrative reaches one row by its name, a group's row count and a filtered count
(README "Narrative expressions"); an unknown name is an input error at the expression, with suggestions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.conftest import ROOT, SAMPLE, line_of, replace_once

EXAMPLE = ROOT / "examples" / "tuyen-quang-2021"
END = "trước 30/11/2021./."


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "tuyen-quang-2021"
    shutil.copytree(EXAMPLE, target)
    return target


def _says(folder: Path, expression: str, capsys) -> str:
    """The figure `expression` prints, written at the end of the narrative."""
    name = "noi-dung.md"
    end = END if folder.name.startswith("tuyen") else None
    text = (folder / name).read_text(encoding="utf-8")
    if end is None:
        text += f"\nKiểm thử: [{{{{ {expression} }}}}]\n"
    else:
        text = text.replace(end, f"{end} Kiểm thử: [{{{{ {expression} }}}}]")
    (folder / name).write_text(text, encoding="utf-8")
    assert main(["tree", str(folder)]) == 0
    out = capsys.readouterr().out
    return out[out.rindex("Kiểm thử: [") + 11:].split("]")[0]


@pytest.mark.parametrize("expression, printed", [
    ('dong(bieu02.so_xa.ntm, "Huyện Lâm Bình")', "«2»"),
    ('dong(bieu02.von, "Huyện Chiêm Hóa")', "«5.000»"),
    ('dong(bieu02.von, "  Huyện   Chiêm Hóa ")', "«5.000»"),                     # spaces as a clerk types them
    ('dem(bieu01, nhom="Xã phấn đấu đạt chuẩn nông thôn mới nâng cao")', "«5»"),
    ('dem(bieu01, nhom="II")', "«5»"),                                               # the group's printed number
    ('dem(bieu01, nhom="iii", huyen="Huyện Sơn Dương")', "«1»"),
    ('dem(bieu01, huyen="Huyện Sơn Dương")', "«3»"),
    ('dem(bieu01, nhom="Xã phấn đấu đạt chuẩn nông thôn mới", huyen="Huyện Sơn Dương")', "«1»"),
    ('dem(bieu01, nhom="Xã phấn đấu đạt chuẩn nông thôn mới kiểu mẫu", huyen="Huyện Lâm Bình")', "«0»"),  # true 0
    ('dem(bieu01.dbkk, huyen="Huyện Lâm Bình")', "«2»"),
    ('dem(bieu01, dbkk="X")', "«4»"),
    ('tong(bieu01.von, huyen="Huyện Hàm Yên")', "«5.000»"),
    ('tong(bieu01.von, nhom="Xã phấn đấu đạt chuẩn nông thôn mới nâng cao")', "«5.000»"),
])
def test_the_narrative_reaches_rows_groups_and_filtered_counts(example, capsys, expression, printed):
    assert _says(example, expression, capsys) == printed


def test_the_sample_reaches_one_districts_cell(sample, capsys):
    assert _says(sample, 'dong(bieu01.xa_ntm.kh_2020, "Huyện Lục Ngạn")', capsys) == "«11»"
    assert _says(sample, 'dem(bieu04, nhom="Huyện Lục Nam")', capsys) == "«6»"


@pytest.mark.parametrize("expression, said", [
    ('dong(bieu02.von, "Huyện Hàm Yen")', "Biểu 02 không có dòng 'Huyện Hàm Yen' (có phải 'Huyện Hàm Yên' không?)."),
    ('dong(bieu02.von, "huyện lâm  bình")', None),                     # case and spaces aside, as units compare
    ('dong(bieu02.von, "TP Tuyên Quang")', None),                      # "TP" is "Thành phố"
    ('dong(bieu02.von, "Huyện Lam Binh")', "(có phải 'Huyện Lâm Bình' không?)"),
    ('dem(bieu01, huyen="Huyện Chiem Hoa")', "cột 'huyen' không có dòng nào ghi 'Huyện Chiem Hoa' (có phải "
                                            "'Huyện Chiêm Hóa' không?)"),
    ('dem(bieu01, nhom="Xã phấn đấu đạt chuẩn nông thôn mới nâng cao ")', None),   # trailing space: fine
    ('dem(bieu01, nhom="Xa phan dau dat chuan nong thon moi nang cao")',
     "(có phải 'Xã phấn đấu đạt chuẩn nông thôn mới nâng cao' không?)"),
    ('dem(bieu01, huyn="Huyện Na Hang")', "Biểu 01 không có cột 'huyn' để lọc (có phải 'huyen' không?)"),
    ('dong(bieu02.so_xa, "Huyện Na Hang")', "dong(...) cần một cột con của 'so_xa'"),
    ('dong(bieu02.von, 5)', "dong(...) cần tên dòng trong dấu nháy"),
])
def test_an_unknown_row_group_or_column_is_an_error_at_the_expression_with_suggestions(example, run_check, expression,
                                                                                        said):
    replace_once(example / "noi-dung.md", END, f"{END} {{{{ {expression} }}}}")
    line = line_of(example / "noi-dung.md", END)
    code, report = run_check(example)
    if said is None:
        assert code == 0
        return
    assert code == 2
    [problem] = report["problems"]
    assert said in problem["message"], problem["message"]
    assert problem["location"]["text"].startswith(f"{example / 'noi-dung.md'}:{line}:")


def test_sample_is_unchanged_by_the_new_words():
    """dong and the filters only add: the sample's narrative has none of them and checks as before."""
    text = (SAMPLE / "noi-dung.md").read_text(encoding="utf-8")
    assert "dong(" not in text and "nhom=" not in text


def test_every_unit_name_used_to_reach_a_row_is_listed_with_its_place():
    """What the unit register checks beyond the annexes' own cells (check/row_names.py)."""
    from reportgen import pipeline
    from reportgen.check.row_names import referenced_names

    uses = referenced_names(pipeline.check_folder(EXAMPLE).plan)
    units = [(u.name, u.annex, u.column, u.loc.file.split("/")[-1], u.loc.line) for u in uses if u.unit]
    narrative = line_of(EXAMPLE / "noi-dung.md", 'huyen="Huyện Chiêm Hóa") | hai_chu_so }} xã trong')
    assert units == [("Huyện Chiêm Hóa", "01", "huyen", "noi-dung.md", narrative)] * 2 + [
        ("Huyện Hàm Yên", "02", "unit", "noi-dung.md", line_of(EXAMPLE / "noi-dung.md", '"Huyện Hàm Yên"')),
        ("Huyện Lâm Bình", "02", "unit", "so-lieu.yaml", line_of(EXAMPLE / "so-lieu.yaml", '"Huyện Lâm Bình"'))]
    groups = {u.name for u in uses if u.column is None}
    assert groups == {f"Xã phấn đấu đạt chuẩn nông thôn mới{s}" for s in ("", " nâng cao", " kiểu mẫu")}
