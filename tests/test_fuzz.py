"""Any edit of an input file yields a report or located problems, never a traceback (bounded for CI)."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import ReportgenError
from reportgen.pipeline import check_folder
from tests.conftest import OPTIONS, SAMPLE

PIECES = list("[]{}:,-~&*!|>'\"#%@ \n\t0123456789.xXaăđươ\u0300") + ["mười", "{{", "}}", "{%", "- ", ": "]
NOISE = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "input"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.mark.parametrize("name", ["bieu-01.yaml", "bieu-04.yaml", "van-ban.yaml", "so-lieu.yaml", "noi-dung.md"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_edited_input_gives_findings_or_located_problems(folder, name, data):
    original = (SAMPLE / name).read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 40)))
    edited = original[:start] + data.draw(NOISE) + original[end:]
    (folder / name).write_text(edited, encoding="utf-8")
    try:
        result = check_folder(folder)
        assert result.findings
    except ReportgenError as error:
        assert error.problems
        assert all(p.location is not None and p.location.file for p in error.problems)
    finally:
        (folder / name).write_text(original, encoding="utf-8")


CELL_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=10), st.sampled_from(["=SUM(A1:A3)", "#DIV/0!", "X", "Tổng cộng", "IV", "So sánh 2020/2019"]),
    st.dates(),
)


@pytest.fixture(scope="module")
def workbook_folder(tmp_path_factory):
    from tests.test_xlsx_input import xlsx_sample

    target = tmp_path_factory.mktemp("fuzz-xlsx") / "input"
    shutil.copytree(SAMPLE, target)
    xlsx_sample(target)
    return target


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(["Biểu 01", "Biểu 04", "Biểu 05"]), st.integers(1, 60),
                                st.integers(1, 16), CELL_VALUES), min_size=1, max_size=6))
def test_edited_workbook_gives_findings_or_located_problems(workbook_folder, edits):
    from openpyxl import load_workbook

    path = workbook_folder / "bieu.xlsx"
    original = path.read_bytes()
    try:
        book = load_workbook(path)
        for sheet, row, column, value in edits:
            cell = book[sheet].cell(row, column)
            if type(cell).__name__ != "MergedCell":
                cell.value = value
        book.save(path)
        try:
            assert check_folder(workbook_folder).findings
        except ReportgenError as error:
            assert error.problems and all(p.location is not None for p in error.problems)
    finally:
        path.write_bytes(original)


MARKUP = list("<>&\"'*_#`[]()!\\{}/-+=. \n\tXaăđươ\u0300") + ["<!--", "-->", "</p>", "<num value='1'/>", "]]>",
                                                              "&amp;", "# ", "## ", "\n\n", "{{ dem(bieu04) }}"]


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_checked_narrative_composes_into_a_tree(folder, data):
    """Whatever the clerk types, once the check passes, compose gives a tree the writers take (no internal error)."""
    from reportgen.pipeline import compose_folder
    from reportgen.write.tree import tree_text

    for name in ("bieu-01.yaml", "bieu-04.yaml", "van-ban.yaml", "so-lieu.yaml"):
        shutil.copy(SAMPLE / name, folder / name)
    original = (SAMPLE / "noi-dung.md").read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(original)))
    noise = data.draw(st.lists(st.sampled_from(MARKUP), max_size=10).map("".join))
    (folder / "noi-dung.md").write_text(original[:start] + noise + original[start:], encoding="utf-8")
    try:
        result, document = compose_folder(folder)
    except ReportgenError as error:
        assert all(p.location is not None for p in error.problems)
        return
    if document is not None:
        from reportgen.write.docx.document import docx_bytes
        from reportgen.write.pdf.html import html_text
        assert tree_text(document).startswith("document ke_hoach")
        assert docx_bytes(document, OPTIONS)[:2] == b"PK" and html_text(document, OPTIONS).startswith("<!DOCTYPE html>")
