"""`reportgen export`: every annex in every format, each district's share in its own folder, safe names,
manifests, a failing unit that loses nothing else, and the command line's mistakes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook
from pdfminer.high_level import extract_text

from reportgen.cli import main
from reportgen.pipeline import check_folder
from tests.conftest import SAMPLE, replace_once

DISTRICTS = ["TP Bắc Giang", "Huyện Sơn Động", "Huyện Lục Ngạn", "Huyện Lục Nam", "Huyện Yên Thế", "Huyện Lạng Giang",
             "Huyện Yên Dũng", "Huyện Tân Yên", "Huyện Hiệp Hòa", "Huyện Việt Yên"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "bieu"
    assert main(["export", str(SAMPLE), "-o", str(out), "--format", "xlsx,docx", "--by-unit", "--jobs", "2"]) == 0
    return out


def rows_of(path: Path) -> list[list]:
    return [[c.value for c in row] for row in load_workbook(path, data_only=True).active.iter_rows()]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_annex_in_every_format_asked(exported):
    names = sorted(p.name for p in exported.iterdir() if p.is_file())
    assert names == ["bieu-01.docx", "bieu-01.xlsx", "bieu-03.docx", "bieu-03.xlsx", "bieu-04.docx", "bieu-04.xlsx",
                     "bieu-05.docx", "bieu-05.xlsx", "manifest.json"]
    assert load_workbook(exported / "bieu-05.xlsx").sheetnames == ["Biểu 05"]
    word = open_docx(exported / "bieu-04.docx")
    assert word.paragraphs[0].text == "Biểu 04" and len(word.sections) == 1
    assert word.sections[0].orientation == 1  # landscape


def test_one_folder_per_district_with_only_its_rows(exported):
    folders = sorted(p.name for p in exported.iterdir() if p.is_dir())
    assert folders == sorted(d.replace(" ", "-") for d in DISTRICTS)
    lines = rows_of(exported / "Huyện-Lục-Nam" / "bieu-01.xlsx")
    assert ["Đơn vị: Huyện Lục Nam"] == [v for v in lines[3] if v is not None]
    data = [r for r in lines if r[0] == 1]
    assert len(data) == 1 and data[0][1] == "Huyện Lục Nam"
    total = next(r for r in lines if r[0] == "Tổng cộng")
    assert total[2:14] == data[0][2:14]          # its own total: its one row (cached values of live formulas)
    comparison = next(r for r in lines if r[0] == "So sánh 2020/2019")
    assert comparison[10] == 3                   # xã NTM 10 → 13: "Tăng 3 xã"


def test_list_annex_share_matches_the_unit_table(exported):
    plan = check_folder(SAMPLE).plan
    expected = sum(len(g.rows) for g in plan.annex("04").groups if g.label == "Huyện Lạng Giang")
    lines = rows_of(exported / "Huyện-Lạng-Giang" / "bieu-04.xlsx")
    numbered = [r for r in lines if isinstance(r[0], int)]
    assert len(numbered) == expected == 14
    assert {r[1] for r in numbered} >= {"Xã Tiên Lục", "Xã Yên Mỹ"}
    assert not (exported / "TP-Bắc-Giang" / "bieu-05.xlsx").exists()  # tasks are not rows of a district


def test_manifests_list_every_file_with_its_digest(exported):
    top = json.loads((exported / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"]: o["sha256"] for o in top["outputs"]}
    on_disk = {str(p.relative_to(exported)) for p in exported.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert set(listed) == on_disk
    assert all(sha(exported / path) == digest for path, digest in listed.items())
    unit = json.loads((exported / "Huyện-Yên-Thế" / "manifest.json").read_text(encoding="utf-8"))
    assert unit["document"].endswith("Huyện Yên Thế") and {i["path"] for i in top["inputs"]} == {
        i["path"] for i in unit["inputs"]}


def test_parallel_and_serial_runs_give_the_same_bytes(exported, tmp_path):
    out = tmp_path / "serial"
    assert main(["export", str(SAMPLE), "-o", str(out), "--format", "xlsx,docx", "--by-unit", "--jobs", "1"]) == 0
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(exported) for p in exported.rglob("*") if p.is_file())
    assert all((out / f).read_bytes() == (exported / f).read_bytes() for f in files)


def test_annex_option_and_pdf(tmp_path):
    out = tmp_path / "out"
    assert main(["export", str(SAMPLE), "-o", str(out), "--annex", "04", "--format", "pdf"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["bieu-04.pdf", "manifest.json"]
    text = " ".join(extract_text(str(out / "bieu-04.pdf")).split())
    assert "Biểu 04" in text and "Xã Đông Phú" in text and "Kèm theo Kế hoạch số 552/KH-BCĐ" in text


@pytest.mark.parametrize("name", ["../x", "a/b", "Huyện " + "Rất Dài " * 40, "Xã <Hòa> & \"Bình\" 🎉"])
def test_folder_names_are_safe_whatever_a_unit_is_called(sample, tmp_path, name):
    for path in ("bieu-01.yaml", "bieu-03.yaml", "bieu-04.yaml", "don-vi.yaml"):   # the register says it too
        text = (sample / path).read_text(encoding="utf-8")
        (sample / path).write_text(text.replace("Huyện Lục Nam", json.dumps(name, ensure_ascii=False)),
                                   encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", str(sample), "-o", str(out), "--format", "xlsx", "--by-unit", "--jobs", "1"]) == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and sample not in p.parents]
    assert all(out in p.parents for p in written)
    folders = [p for p in out.iterdir() if p.is_dir()]
    assert len(folders) == 10 and all(len(p.name.encode()) <= 120 for p in folders)
    mine = next(p for p in folders if not any(p.name == d.replace(" ", "-") for d in DISTRICTS))
    assert "/" not in mine.name and ".." not in mine.name
    lines = rows_of(mine / "bieu-01.xlsx")
    assert lines[3][0] == f"Đơn vị: {' '.join(name.split())}"


def test_vietnamese_letters_stay_readable_in_folder_names(exported):
    assert (exported / "Huyện-Sơn-Động").is_dir() and (exported / "Huyện-Hiệp-Hòa").is_dir()


def test_one_failing_unit_is_named_and_loses_nothing_else(sample, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(sample), "-o", str(out), "--annex", "04", "--format", "pdf", "--by-unit",
                 "--jobs", "1"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    # A letter no installed font has, in one row of Lục Nam: its PDF (and the province's) cannot be printed.
    replace_once(sample / "bieu-04.yaml", "{xa: Xã Bảo Đài, thon: Thôn Đông}",
                 "{xa: Xã Bảo Đài, thon: Thôn Đông 中}")
    replace_once(sample / "bieu-04.yaml", "{xa: Xã Tiên Lục, thon: Thôn Cầu Gỗ}",
                 "{xa: Xã Tiên Lục, thon: Thôn Cầu Gỗ mới}")
    replace_once(sample / "don-vi.yaml", "{name: Thôn Đông}", "{name: Thôn Đông 中}")   # the register says them too
    replace_once(sample / "don-vi.yaml", "{name: Thôn Cầu Gỗ}", "{name: Thôn Cầu Gỗ mới}")
    assert main(["export", str(sample), "-o", str(out), "--annex", "04", "--format", "pdf", "--by-unit",
                 "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert "Không xuất được phần của Huyện Lục Nam" in err and "Không xuất được phần của các biểu toàn tỉnh" in err
    assert "中" in err and "Huyện Lạng Giang" not in err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert set(after) == set(before) and not [p for p in out.rglob(".*")]
    lục_nam, lạng_giang = out / "Huyện-Lục-Nam" / "bieu-04.pdf", out / "Huyện-Lạng-Giang" / "bieu-04.pdf"
    assert after[lục_nam] == before[lục_nam] and after[out / "bieu-04.pdf"] == before[out / "bieu-04.pdf"]
    listed = {o["path"]: o["sha256"] for o in json.loads((out / "manifest.json").read_text())["outputs"]}
    assert listed["Huyện-Lục-Nam/bieu-04.pdf"] == sha(lục_nam) and listed["bieu-04.pdf"] == sha(out / "bieu-04.pdf")
    assert listed["Huyện-Lạng-Giang/bieu-04.pdf"] == sha(lạng_giang)  # the manifest still tells all of OUT
    assert after[lạng_giang] != before[lạng_giang]   # the others were written anew
    assert "Thôn Cầu Gỗ mới" in " ".join(extract_text(str(lạng_giang)).split())


def test_a_failed_check_exports_nothing(sample, tmp_path, capsys):
    replace_once(sample / "bieu-01.yaml", "xa_ntm: [101, 124]", "xa_ntm: [101, 125]")
    out = tmp_path / "out"
    assert main(["export", str(sample), "-o", str(out)]) == 1
    assert "Không xuất tệp nào" in capsys.readouterr().out and not out.exists()


@pytest.mark.parametrize(("args", "words"), [
    (["--annex", "07"], "không có biểu 07; các biểu có: 01, 03, 04, 05"),
    (["--jobs", "0"], "số tiến trình phải là số nguyên dương"),
    (["--format", "odt"], "định dạng không biết: odt"),
    (["--annex", ","], "cần ít nhất một mã biểu"),
])
def test_command_line_mistakes_exit_64(tmp_path, capsys, args, words):
    with pytest.raises(SystemExit) as stopped:
        code = main(["export", str(SAMPLE), "-o", str(tmp_path / "out"), *args])
        raise SystemExit(code)
    assert stopped.value.code == 64
    assert words in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_quiet_progress_lines_when_not_on_a_terminal(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "xlsx", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "Đã xuất 4/4 tệp" in captured.err and "\r" not in captured.err
    assert "Đã viết 4 tệp và 1 manifest.json" in captured.out


def folder_consistent(folder: Path) -> bool:
    """Every file the folder's manifest lists is on disk with that digest: the folder is one run's, whole."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    own = [o for o in manifest["outputs"] if "/" not in o["path"]]
    files = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")} - {"manifest.json"}
    return {o["path"] for o in own} == files and all(sha(folder / o["path"]) == o["sha256"] for o in own)


def test_an_export_killed_mid_run_leaves_every_folder_whole(sample, tmp_path):
    """SIGKILL (the whole process group, workers too) after some districts are written: each folder is wholly the
    old run's or wholly the new one's, no visible file is partial, and the next run sweeps what was staged."""
    import os
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    command = [sys.executable, "-m", "reportgen", "export", str(sample), "-o", str(out), "--format", "docx,pdf",
               "--by-unit", "--jobs", "1"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    replace_once(sample / "van-ban.yaml", "issuing_body_name: Ban Chỉ đạo", "issuing_body_name: Ban Chỉ Đạo")
    started = time.time()
    child = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while child.poll() is None:
            fresh = [m for m in out.glob("*/manifest.json") if m.stat().st_mtime > started]
            if len(fresh) >= 2:
                os.killpg(child.pid, signal.SIGKILL)
                break
            time.sleep(0.01)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL, "the export finished before it could be killed"
    folders = [out] + [p for p in out.iterdir() if p.is_dir()]
    assert all(folder_consistent(folder) for folder in folders)
    new = [f for f in folders if (f / "manifest.json").read_bytes() != before[f / "manifest.json"]]
    assert 2 <= len(new) < len(folders) and out not in new   # the province's folder and manifest come last
    old = [f for f in folders if f not in new]
    assert all(p.read_bytes() == before[p] for f in old for p in f.iterdir() if p.is_file()
               and not p.name.startswith("."))
    assert main(["export", str(sample), "-o", str(out), "--format", "docx,pdf", "--by-unit", "--jobs", "2"]) == 0
    assert not [p for p in out.rglob(".*")] and all(folder_consistent(folder) for folder in folders)


def test_a_progress_bar_on_a_terminal():
    import io

    from reportgen.cli.progress import progress_display

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with progress_display(screen) as show:
        for done in range(1, 5):
            show(done, 4, f"Huyện Lục Nam: bieu-0{done}.xlsx")
    drawn = screen.getvalue()
    assert "\r" in drawn and "4/4" in drawn and "Đã xuất" not in drawn


def test_a_closed_output_pipe_is_not_an_internal_error():
    """`reportgen check … | head`: the reader is gone before the report is printed."""
    import os
    import subprocess
    import sys

    read, write = os.pipe()
    os.close(read)  # nobody will read: the first write fails with EPIPE
    done = subprocess.run([sys.executable, "-m", "reportgen", "check", str(SAMPLE), "--verbose"], stdout=write,
                          stderr=subprocess.PIPE, text=True)
    os.close(write)
    assert done.returncode == 141 and "Lỗi nội bộ" not in done.stderr and "Traceback" not in done.stderr


def test_two_annexes_whose_labels_name_alike_get_two_files(sample, tmp_path):
    replace_once(sample / "bieu-03.yaml", "label: Biểu 03", "label: Biểu 04.")
    out = tmp_path / "out"
    assert main(["export", str(sample), "-o", str(out), "--annex", "03,04", "--format", "xlsx"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["bieu-04-2.xlsx", "bieu-04.xlsx", "manifest.json"]
    assert load_workbook(out / "bieu-04.xlsx").sheetnames == ["Biểu 04."]


def test_a_bug_in_one_document_loses_nothing_else(tmp_path, monkeypatch, capsys):
    from reportgen.output import batch
    real = batch.render

    def buggy(document, fmt, options):
        if "Huyện Lục Nam" in document.title:
            raise ValueError("hỏng")
        return real(document, fmt, options)
    monkeypatch.setattr(batch, "render", buggy)
    out = tmp_path / "out"
    assert main(["export", str(SAMPLE), "-o", str(out), "--format", "xlsx", "--by-unit", "--jobs", "1"]) == 3
    err = capsys.readouterr().err
    assert "Không xuất được phần của Huyện Lục Nam" in err and "lỗi nội bộ của reportgen (ValueError: hỏng)" in err
    assert not (out / "Huyện-Lục-Nam").exists() and (out / "Huyện-Lạng-Giang" / "bieu-04.xlsx").is_file()
    assert (out / "bieu-01.xlsx").is_file() and (out / "manifest.json").is_file()


def test_a_text_too_long_for_a_spreadsheet_cell_is_named(sample, tmp_path, capsys):
    replace_once(sample / "bieu-05.yaml", "chu_tri: UBND huyện Tân Yên\n        phoi_hop: Sở NN&PTNT, VPĐP, Sở, ngành, "
                 "các xã\n        thoi_han: Tháng 02/2020", "chu_tri: UBND huyện Tân Yên\n        phoi_hop: "
                 + "Sở ngành " * 4000 + "\n        thoi_han: Tháng 02/2020")
    out = tmp_path / "out"
    assert main(["export", str(sample), "-o", str(out), "--annex", "05", "--format", "xlsx"]) == 1
    err = capsys.readouterr().err
    assert "Biểu 05!D10 của bảng tính có 35.999 ký tự, quá 32.767 ký tự" in err  # the last space is trimmed


def test_the_manifest_tells_what_out_holds_after_partial_runs(tmp_path):
    out = tmp_path / "out"
    assert main(["export", str(SAMPLE), "-o", str(out), "--annex", "01", "--format", "xlsx"]) == 0
    assert main(["export", str(SAMPLE), "-o", str(out), "--annex", "04", "--format", "xlsx"]) == 0
    outputs = {o["path"]: o for o in json.loads((out / "manifest.json").read_text())["outputs"]}
    assert set(outputs) == {"bieu-01.xlsx", "bieu-04.xlsx"}
    assert outputs["bieu-01.xlsx"].get("earlier_run") is True and "earlier_run" not in outputs["bieu-04.xlsx"]
    assert outputs["bieu-01.xlsx"]["sha256"] == sha(out / "bieu-01.xlsx")


def test_an_edited_manifest_cannot_make_export_read_outside_out(tmp_path):
    out = tmp_path / "out"
    assert main(["export", str(SAMPLE), "-o", str(out), "--annex", "01", "--format", "xlsx"]) == 0
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("mật", encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["outputs"] += [{"path": str(secret), "format": "txt", "kind": "x"}, {"path": "../bi-mat.txt"}]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["export", str(SAMPLE), "-o", str(out), "--annex", "04", "--format", "xlsx"]) == 0
    listed = [o["path"] for o in json.loads((out / "manifest.json").read_text())["outputs"]]
    assert listed == ["bieu-01.xlsx", "bieu-04.xlsx"]


def test_when_the_provinces_files_cannot_be_renamed_the_manifest_still_has_the_new_districts(sample, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["export", str(sample), "-o", str(out), "--annex", "01", "--format", "xlsx", "--by-unit", "--jobs", "1"]
    assert main(args) == 0
    district = out / "Huyện-Tân-Yên" / "bieu-01.xlsx"
    before = sha(district)
    replace_once(sample / "van-ban.yaml", "issuing_body_name: Ban Chỉ đạo", "issuing_body_name: Ban Chỉ Đạo")
    (out / "bieu-01.xlsx").unlink()
    (out / "bieu-01.xlsx").mkdir()
    (out / "bieu-01.xlsx" / "x").write_text("chặn", encoding="utf-8")
    assert main(args) == 1
    assert "Không xuất được phần của các biểu toàn tỉnh" in capsys.readouterr().err
    listed = {o["path"]: o["sha256"] for o in json.loads((out / "manifest.json").read_text())["outputs"]}
    assert sha(district) != before and listed["Huyện-Tân-Yên/bieu-01.xlsx"] == sha(district)
    assert "bieu-01.xlsx" not in listed


def test_a_cell_counts_letters_as_excel_does(sample, tmp_path, capsys):
    replace_once(sample / "bieu-04.yaml", "{xa: Xã Đông Phú, thon: Thôn Thanh Sơn}",
                 "{xa: Xã Đông Phú, thon: Thôn Thanh Sơn, ghi_chu: " + "𝐀" * 17000 + "}")
    assert main(["export", str(sample), "-o", str(tmp_path / "out"), "--annex", "04", "--format", "xlsx"]) == 1
    assert "có 34.000 ký tự, quá 32.767" in capsys.readouterr().err
