"""The Document tree: golden dumps per case, the markup it comes from, and what compose guarantees."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen import pipeline
from reportgen.cli import main
from reportgen.compose.markup import MarkupError, parse_document
from reportgen.tree import nodes as n
from reportgen.write.tree import tree_text
from tests.conftest import ROOT, SAMPLE, SHEET, replace_once, update_golden

CASES = ROOT / "tests" / "cases"
INPUTS = {"bac-giang-2020": SAMPLE, "hoa-phong-2024": ROOT / "tests" / "data" / "hoa-phong-2024",
          "bieu-bien-2024": ROOT / "tests" / "data" / "bieu-bien-2024"}


@pytest.mark.parametrize("case", sorted(INPUTS))
def test_tree_matches_golden(case, request):
    result, document = pipeline.compose_folder(INPUTS[case])
    assert document is not None
    dump = tree_text(document)
    golden = CASES / f"{case}.tree.txt"
    update_golden(request, golden, dump)
    assert golden.exists(), f"no golden for {case}: run pytest --update-golden and review the diff"
    assert dump == golden.read_text(encoding="utf-8")


def test_tree_command_prints_the_dump(capsys):
    assert main(["tree", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out == (CASES / "bac-giang-2020.tree.txt").read_text(encoding="utf-8")


def _paragraphs(section: n.Section, style: str) -> list[n.Paragraph]:
    found = [b for b in section.blocks if isinstance(b, n.Paragraph) and b.style == style]
    for layout in (b for b in section.blocks if isinstance(b, n.Layout)):
        found += [b for row in layout.rows for cell in row for b in cell
                  if isinstance(b, n.Paragraph) and b.style == style]
    return found


def test_figures_stay_typed_until_a_writer(sample_document):
    body = sample_document.sections[0]
    numbers = [item for p in _paragraphs(body, "body") for item in p.content if isinstance(item, n.Num)]
    assert n.Num(Decimal("67.4"), "percent", 1) in numbers
    assert n.Num(Decimal("8"), "count", 0, pad=2) in numbers
    assert not any("67,4" in item.text for p in _paragraphs(body, "body") for item in p.content
                   if isinstance(item, n.Text))


def test_sections_body_then_each_annex_landscape(sample_document):
    sections = [(s.name, s.orientation, s.restart_numbering) for s in sample_document.sections]
    assert sections == [("van-ban", "portrait", False), ("bieu-01", "landscape", True),
                        ("bieu-03", "landscape", True), ("bieu-04", "landscape", True),
                        ("bieu-05", "landscape", True)]


def test_annex_reference_line_from_metadata(sample, tmp_path):
    replace_once(sample / "van-ban.yaml", "number: 552", "number: 9")
    replace_once(sample / "van-ban.yaml", "date: 2020-02-17", "date: 2020-03-05")
    _, document = pipeline.compose_folder(sample)
    lines = [p for s in document.sections[1:] for p in _paragraphs(s, "bieu-kem-theo")]
    assert len(lines) == 4
    expected = ("(Kèm theo Kế hoạch số 09/KH-BCĐ ngày 05/03/2020 của Ban Chỉ đạo các Chương trình MTQG "
                "tỉnh Bắc Giang)")
    assert {p.content for p in lines} == {(n.Text(expected),)}
    date = _paragraphs(document.sections[0], "dia-danh")[0].content
    assert date == (n.Text("Bắc Giang, ngày 05 tháng 3 năm 2020"),)


def test_markup_in_input_is_text_not_tags(sample):
    replace_once(sample / "van-ban.yaml", "name: Dương Văn Thái", 'name: "<b>Dương</b> & <script>x</script>"')
    replace_once(sample / "noi-dung.md", "1. Cấp huyện:", "1. <num value=\"9\"/> Cấp huyện &amp;")
    _, document = pipeline.compose_folder(sample)
    dump = tree_text(document)
    assert "p.ky-ten: <b>Dương</b> & <script>x</script>" in dump
    assert 'p.body: 1. <num value="9"/> Cấp huyện &amp;' in dump


def test_failed_rule_gives_no_tree(sample, capsys):
    replace_once(sample / "bieu-01.yaml", "xa_ntm: [101, 124]", "xa_ntm: [101, 125]")
    result, document = pipeline.compose_folder(sample)
    assert result.failed and document is None
    assert main(["tree", str(sample)]) == 1
    assert "không đạt" in capsys.readouterr().out.lower()


@pytest.mark.parametrize("section", [
    '<section orientation="portrait"><blink/></section>',
    '<section orientation="portrait"><p style="khong-co">x</p></section>',
    '<section orientation="ngang"><p>x</p></section>',
    '<section orientation="portrait"><table key="bang-2"/></section>',
    '<section orientation="portrait"><table><col/><tbody><tr><td>1</td></tr></tbody></table></section>',
    '<section orientation="portrait"><table key="bang-1"><tr><td>1</td></tr></table></section>',
    '<section orientation="portrait"><table key="bang-1">1</table></section>',
    '<section orientation="portrait"><layout widths="10"><row><cell><table key="bang-1"/></cell></row></layout></section>',
    '<section orientation="portrait"><table key="lech"/></section>',
])
def test_unknown_markup_is_refused(section):
    """Tables come only as nodes compose built (compose.annex), whole: no row travels as markup."""
    one = n.Table((n.Column(Decimal(1)),), (), (n.Row("data", (n.Cell((n.Text("1"),)),)),))
    lopsided = n.Table((n.Column(Decimal(1)),) * 2, (), one.body)
    with pytest.raises(MarkupError):
        parse_document(f'<document date="2020-01-01">{section}</document>', {"bang-1": one, "lech": lopsided},
                       styles=SHEET.paragraphs)


def test_a_table_is_placed_by_its_key():
    one = n.Table((n.Column(Decimal(1)),), (), (n.Row("data", (n.Cell((n.Text("1"),)),)),))
    document = parse_document('<document date="2020-01-01"><section orientation="portrait"><p>x</p>'
                              '<table key="bang-1"/></section></document>', {"bang-1": one}, styles=SHEET.paragraphs)
    assert document.sections[0].blocks[1] is one


def _templates_copy(tmp_path, name: str, old: str, new: str):
    """A copy of reportgen's templates with one edit, for pipeline's `templates`."""
    import shutil
    from reportgen import styles

    copy = tmp_path / "templates"
    shutil.copytree(styles.TEMPLATES, copy)
    replace_once(copy / name, old, new)
    return copy


@pytest.mark.parametrize("name, old, new, words", [
    ("ke-hoach.xml.j2", "{{ meta.place }}", "{{ meta.plac }}", ["ke-hoach.xml.j2:", "plac"]),
    ("ke-hoach.xml.j2", '<p style="ten-loai">', '<p style="ten-loai-x">', ["ten-loai-x"]),
    ("bieu.xml.j2", "</section>", "", ["XML sai"]),
    ("bieu.xml.j2", '<table key="{{ view.key }}"/>', '<table key="{{ view.key }}x"/>', ["không có bảng này"]),
])
def test_a_broken_template_is_named_not_a_crash(tmp_path, name, old, new, words):
    """An OutputError (the CLI prints it as "Không viết được văn bản", tests/test_build.py) naming the place."""
    from reportgen.errors import OutputError

    templates = _templates_copy(tmp_path, name, old, new)
    with pytest.raises(OutputError) as raised:
        pipeline.build_folder(SAMPLE, tmp_path / "out", templates=templates)
    assert all(word in str(raised.value) for word in words), str(raised.value)
    assert not (tmp_path / "out").exists()


def test_a_broken_style_sheet_is_named_not_a_crash(tmp_path):
    """What the CLI prints as "Không viết được văn bản" (an OutputError) names the sheet and the key."""
    import shutil

    from reportgen.errors import OutputError
    from reportgen.load.style_sheet import STYLE_SHEET, load_style_sheet

    copy = tmp_path / "styles.yaml"
    shutil.copy(STYLE_SHEET, copy)
    replace_once(copy, "italic: true, align: center, before: 6}", "italics: true, align: center, before: 6}")
    with pytest.raises(OutputError) as raised:
        load_style_sheet(copy)
    assert "styles.yaml" in str(raised.value) and "italics" in str(raised.value)


def test_comments_dropped_but_html_lines_kept_as_text(sample):
    text = (sample / "noi-dung.md").read_text(encoding="utf-8")
    (sample / "noi-dung.md").write_text("<!-- ghi chú của người soạn -->\n\n<div>Dòng {{ dem(bieu04) }} thôn</div>\n\n"
                                        "<!-- sửa sau --> Câu một <!-- chú\nthích --> còn tiếp {{ dem(bieu03) }}.\n\n"
                                        + text, encoding="utf-8")
    _, document = pipeline.compose_folder(sample)
    dump = tree_text(document)
    assert "ghi chú của người soạn" not in dump and "sửa sau" not in dump and "thích" not in dump
    assert "p.body: <div>Dòng «46» thôn</div>" in dump
    assert "p.body: Câu một còn tiếp «8»." in dump


def test_unclosed_comment_is_located_not_swallowing_the_rest(sample, run_check):
    narrative = sample / "noi-dung.md"
    line = replace_once(narrative, "# II. NHIỆM VỤ", "<!-- TODO: xem lại\n# II. NHIỆM VỤ")
    code, report = run_check(sample)
    assert code == 2
    [problem] = report["problems"]
    assert problem["location"]["text"] == f"{narrative}:{line}:1" and "chưa đóng" in problem["message"]


def test_each_line_is_its_own_paragraph(sample):
    replace_once(sample / "noi-dung.md", "# III. TỔ CHỨC THỰC HIỆN\n",
                 "# III. TỔ CHỨC THỰC HIỆN\n- mục *một\n- mục* hai {{ dem(bieu05) }}\n### Điểm nhỏ\n")
    _, document = pipeline.compose_folder(sample)
    dump = tree_text(document)
    assert "p.body: - mục *một*\n    p.body: *- mục* hai «36»\n    p.khoan: Điểm nhỏ\n" in dump


def _table_of(annex) -> n.Table:
    from reportgen.compose.annex import annex_tables
    from reportgen.compose.document import TEMPLATE_FILTERS
    from reportgen.expressions.env import template_env
    from reportgen.styles import TEMPLATES

    [placed], tables = annex_tables(template_env(TEMPLATES, TEMPLATE_FILTERS), [annex])
    assert tables == {placed.key: placed.table}
    return placed.table


def test_total_keeps_its_figure_when_the_first_column_is_a_figure():
    from reportgen.model.plan import Annex, Cell, Column, Group, Row, TotalRow

    columns = (Column("so", "Số", "count", "sum", key="so"), Column("ten", "Tên", "text", key="ten"))
    rows = tuple(Row({"so": Cell(Decimal(v)), "ten": Cell(t)}) for v, t in ((1, "A"), (2, "B")))
    annex = Annex("09", "Biểu 09", "THỬ", columns, (Group(None, rows),),
                  total=TotalRow("Tổng cộng", {"so": Cell(Decimal(3))}))
    total = _table_of(annex).body[-1]
    assert total.kind == "total" and total.cells[0].content == (n.Num(Decimal(3)),) and len(total.cells) == 2


def test_group_numeral_needs_the_index_column_first():
    from reportgen.model.plan import Annex, Cell, Column, Group, Row

    columns = (Column("ten", "Tên", "text", key="ten"), Column("tt", "TT", "index", key="tt"))
    annex = Annex("09", "Biểu 09", "THỬ", columns, (Group("Nhóm A", (Row({"ten": Cell("x")}),)),))
    group = _table_of(annex).body[0]
    assert [(c.content, c.colspan) for c in group.cells] == [((n.Text("I. Nhóm A"),), 2)]


def test_grid_places_cells_under_rowspans_with_continuations():
    from reportgen.tree.grid import Placed, placed_rows

    merged = n.Cell((n.Text("TT"),), rowspan=2)
    group = n.Cell((n.Text("Chỉ tiêu"),), colspan=2)
    rows = (n.Row("header", (merged, group)), n.Row("header", (n.Cell((n.Text("Tên"),)), n.Cell((n.Text("Số"),)))))
    placed = placed_rows(rows, 3)
    assert placed[0] == [Placed(merged, 0, 1), Placed(group, 1, 2)]
    assert [(p.cell is None, p.column) for p in placed[1]] == [(True, 0), (False, 1), (False, 2)]


@pytest.mark.parametrize("cells", [1, 3])
def test_a_row_that_does_not_fill_the_grid_is_refused(cells):
    from reportgen.tree.grid import GridError, placed_rows

    row = n.Row("data", tuple(n.Cell((n.Text(str(i)),)) for i in range(cells)))
    with pytest.raises(GridError):
        placed_rows((row,), 2)


def test_a_heading_that_only_held_a_comment_prints_nothing(sample):
    replace_once(sample / "noi-dung.md", "# III. TỔ CHỨC THỰC HIỆN", "## <!-- c -->\n\n# III. TỔ CHỨC THỰC HIỆN")
    _, document = pipeline.compose_folder(sample)
    assert "p.khoan: \n" not in tree_text(document)
    assert tree_text(document).count("p.khoan:") == tree_text(pipeline.compose_folder(SAMPLE)[1]).count("p.khoan:")
