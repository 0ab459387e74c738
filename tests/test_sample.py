"""The Bắc Giang 2020 sample: transcribed whole, typed, and passing every rule that can be checked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportgen.pipeline import check_folder
from tests.conftest import SAMPLE, findings


@pytest.fixture(scope="module")
def result():
    return check_folder(SAMPLE)


def test_sample_passes_with_exit_0_and_lists_what_cannot_be_checked(run_check):
    code, report = run_check(SAMPLE)
    assert code == 0
    assert report["status"] == "pass"
    assert report["summary"]["fail"] == 0
    means = findings(report, "column-mean")
    assert [f["status"] for f in means] == ["not_checkable", "not_checkable"]
    assert "15,8" in means[0]["message"] and "16,2" in means[1]["message"]
    blank_totals = findings(report, "column-sum", "not_checkable")
    assert len(blank_totals) == 2 and "cộng các dòng được 9" in blank_totals[0]["message"]


def test_metadata_is_transcribed(result):
    meta = result.plan.meta
    assert (meta.number, meta.symbol, meta.place) == (552, "KH-BCĐ", "Bắc Giang")
    assert meta.date == dt.date(2020, 2, 17)
    assert meta.parent_body == "UBND TỈNH BẮC GIANG"
    assert meta.issuing_body == ("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG",)
    assert len(meta.legal_bases) == 2 and "1600/QĐ-TTg" in meta.legal_bases[0]
    assert "975/QĐ-UBND" in meta.legal_bases[1]
    assert meta.signer.title == ("TRƯỞNG BAN",)
    assert (meta.signer.capacity, meta.signer.name) == ("CHỦ TỊCH UBND TỈNH", "Dương Văn Thái")
    assert len(meta.recipients) == 9 and meta.recipients[-1].items[0] == "LĐVP"
    assert meta.archive == "VT, NN Thăng"


def test_annex_01_has_ten_districts_six_indicators_and_keeps_blanks(result):
    annex = result.plan.annex("01")
    rows = annex.rows()
    assert len(rows) == 10
    indicators = [c for c in annex.columns if c.is_group]
    assert len(indicators) == 6 and all(len(c.children) == 2 for c in indicators)
    bac_giang = rows[0]
    assert bac_giang.value("unit") == "TP Bắc Giang"
    assert bac_giang.value("thon_ntm.th_2019") is None          # blank stays blank, not 0
    assert bac_giang.value("xa_nang_cao.th_2019") == Decimal(0)  # a printed 0 stays 0
    assert bac_giang.value("xa_nang_cao.kh_2020") is None
    assert bac_giang.value("tieu_chi_binh_quan.kh_2020") == Decimal("19.0")
    assert str(rows[1].value("tieu_chi_binh_quan.kh_2020")) == "13.4"
    assert annex.total.cells["xa_ntm.kh_2020"].value == Decimal(124)
    assert annex.total.cells["xa_duoi_10.th_2019"].value is None
    assert annex.comparison.changes["xa_duoi_10"].direction == -1


def test_list_annexes_have_every_row(result):
    plan = result.plan
    assert len(plan.annex("03").rows()) == 8
    assert [r.value("kieu_mau") for r in plan.annex("03").rows()].count("X") == 1
    villages = plan.annex("04")
    assert len(villages.rows()) == 46 and len(villages.groups) == 9
    tasks = plan.annex("05")
    assert [len(g.rows) for g in tasks.groups] == [12, 10, 14]
    deadlines = {r.value("thoi_han") for r in tasks.rows()}
    assert {"Tháng 01/2020", "Trước 28/02/2020", "Quý II-III/2020", "Trong năm 2020"} <= deadlines
    assert plan.annex("02") is None  # not in the seed: left out, not invented


def test_narrative_figures_come_from_the_data(result):
    values = {str(loc.line) + ":" + str(loc.col): fig for loc, fig in result.evaluated.values.items()}
    by_text = {}
    for expression in result.plan.narrative.expressions:
        key = f"{expression.loc.line}:{expression.loc.col}"
        by_text.setdefault(expression.source, values[key].value)
    assert by_text["tang(bieu01.xa_ntm)"] == 23
    assert by_text["tong(bieu01.xa_ntm.kh_2020)"] == 124
    assert by_text["so_lieu.so_xa_toan_tinh"] == 184
    assert by_text["ty_le.xa_dat_chuan"] == Decimal("67.4")
    assert by_text["tang(bieu01.thon_ntm)"] == 22
    assert by_text["tang(bieu01.thon_kieu_mau)"] == 46
    assert by_text["tang(bieu01.tieu_chi_binh_quan)"] == Decimal("0.4")
    assert by_text["tong(bieu01.tieu_chi_binh_quan.kh_2020)"] == Decimal("16.2")
    assert by_text["giam(bieu01.xa_duoi_10)"] == 9
    assert by_text["dem(bieu04)"] == 46
    assert by_text["tang(bieu01.xa_nang_cao) | hai_chu_so"] == 8

