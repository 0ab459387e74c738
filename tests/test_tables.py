"""Compose's tables: one path (compose.annex) builds every row as nodes, and every fixed word comes from a template."""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from reportgen import pipeline, styles
from reportgen.compose import annex as compose_annex
from reportgen.compose import document as compose_document
from reportgen.compose.by_unit import unit_annex
from reportgen.expressions.env import template_env
from reportgen.model.report import Period
from reportgen.tree import nodes as n
from reportgen.write.tree import tree_text
from tests.conftest import SAMPLE, replace_once

COMPOSE = Path(compose_annex.__file__).parent
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
# Functions that word an error for the clerk (not a document): their messages may be Vietnamese literals.
ERROR_MESSAGES = {"document.py": {"_template_place", "_template_problem"}}


@pytest.fixture
def templates(tmp_path) -> Path:
    """A copy of the templates for pipeline's `templates`: edit it to see what the output takes from it."""
    copy = tmp_path / "templates"
    shutil.copytree(styles.TEMPLATES, copy)
    return copy


def _rows(document: n.Document, kind: str) -> list[str]:
    return [line.strip() for line in tree_text(document).splitlines() if line.strip().startswith(f"{kind}:")]


def test_the_reports_table_words_are_the_templates(templates):
    words = templates / "phu-luc-bao-cao.j2"
    replace_once(words, '"Tỷ lệ so với kế hoạch"', '"Đạt so với kế hoạch"')
    replace_once(words, '"Hoàn thành chậm"', '"Xong muộn"')
    replace_once(words, '"Phụ lục II"', '"Phụ lục B"')
    replace_once(words, '"Kế hoạch năm %s"', '"KH %s"')
    replace_once(templates / "bieu.xml.j2", '"Tổng cộng"', '"Cộng chung"')
    result, document = pipeline.compose_report_folder(SAMPLE, Period(2020, 1), templates=templates)
    dump = tree_text(document)
    header = _rows(document, "header")[1]
    assert header.startswith("header: KH 2020 | Thực hiện đến hết quý I năm 2020 | Đạt so với kế hoạch |"), header
    assert _rows(document, "total")[0].startswith("total: Cộng chung⇥2 |")
    assert "section bieu-bc2 «Phụ lục B»" in dump and "| Xong muộn |" in dump
    assert not any(word in dump for word in ("Tỷ lệ so với kế hoạch |", "Tổng cộng", "Hoàn thành chậm"))


def test_a_unit_share_words_what_compose_adds_from_the_template(templates):
    """An annex printing no total: a unit's share gets one, labelled and worded ("Không đổi") by bieu.xml.j2."""
    replace_once(templates / "bieu.xml.j2", '"Tổng cộng"', '"Cộng chung"')
    replace_once(templates / "bieu.xml.j2", '"Không đổi"', '"Như cũ"')
    replace_once(templates / "bieu.xml.j2", '"Giảm"', '"Bớt"')
    plan = pipeline.check_folder(SAMPLE).plan
    part = unit_annex(replace(plan.annex("01"), total=None), "Huyện Sơn Động")
    env = template_env(templates, compose_document.TEMPLATE_FILTERS)
    [placed], tables = compose_annex.annex_tables(env, [part])
    total, comparison = placed.table.body[-2:]
    assert total.kind == "total" and total.cells[0].content == (n.Text("Cộng chung"),)
    changes = [cell.content for cell in comparison.cells[1:] if cell.content]
    assert (n.Text("Như cũ"),) in changes and any(c[0] == n.Text("Bớt ") for c in changes), changes
    assert tables == {placed.key: placed.table}


def test_an_empty_table_says_so_in_the_templates_words(templates):
    replace_once(templates / "phu-luc-bao-cao.j2", '"(Không có nhiệm vụ nào)"', '"(Trống)"')
    env = template_env(templates, compose_document.TEMPLATE_FILTERS)
    plan = pipeline.check_folder(SAMPLE).plan
    empty = replace(plan.annex("05"), groups=(), total=None, comparison=None)
    [placed], _ = compose_annex.annex_tables(env, [empty], empty="(Trống)")
    [row] = placed.table.body
    assert row == n.Row("data", (n.Cell((n.Text("(Trống)"),), len(placed.table.columns), align="center"),))
    [bare], _ = compose_annex.annex_tables(env, [empty])
    assert bare.table.body == () and len(bare.table.header) == len(placed.table.header) > 0


@pytest.mark.parametrize("old, new, name", [
    ("{%- set tinh_trang =", "{%- set tinh_trang_x =", "tinh_trang"),
    (', "Phụ lục IV"]', "]", "so_phu_luc"),
])
def test_a_word_missing_from_a_template_is_named_not_a_crash(templates, tmp_path, old, new, name):
    from reportgen.errors import OutputError

    replace_once(templates / "phu-luc-bao-cao.j2", old, new)
    with pytest.raises(OutputError) as raised:  # not an internal error: the CLI prints it, exit code 2
        pipeline.report_folder(SAMPLE, Period(2020, 1), tmp_path / "out", templates=templates)
    assert "phu-luc-bao-cao.j2" in str(raised.value) and name in str(raised.value), str(raised.value)
    assert not (tmp_path / "out").exists()


def _literals(tree: ast.AST, errors: set[str]):
    """String constants of a module, without docstrings and the messages of what it raises."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name in errors:
            skipped |= {id(inner) for inner in ast.walk(node)}
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None:
            skipped.add(id(node.body[0].value))
        if isinstance(node, ast.Raise):
            skipped |= {id(inner) for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            yield node


@pytest.mark.parametrize("module", sorted(p.name for p in COMPOSE.glob("*.py")))
def test_compose_holds_no_word_of_the_documents(module):
    """Every word a clerk reads in a document comes from templates/*.j2; compose's Python has none (errors aside)."""
    tree = ast.parse((COMPOSE / module).read_text(encoding="utf-8"))
    words = [f"{module}:{node.lineno}: {node.value!r}" for node in _literals(tree, ERROR_MESSAGES.get(module, set()))
             if VIETNAMESE.search(node.value)]
    assert not words, words
