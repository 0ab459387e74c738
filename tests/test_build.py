"""`reportgen build`: check first, write every format and the manifest, atomically; nothing on failure."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import pipeline
from reportgen.cli import main
from reportgen.output.files import safe_name
from tests.conftest import ROOT, SAMPLE, replace_once

NAME = "ke-hoach-552-kh-bcd"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The sample built once with every format, by the command line."""
    out = tmp_path_factory.mktemp("built")
    assert main(["build", str(SAMPLE), "-o", str(out)]) == 0
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_writes_every_format_and_manifest(built):
    assert sorted(p.name for p in built.iterdir()) == [f"{NAME}.docx", f"{NAME}.pdf", f"{NAME}.xlsx", "manifest.json"]
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["document"] == "Kế hoạch 552/KH-BCĐ"
    outputs = {o["path"]: o for o in manifest["outputs"]}
    assert set(outputs) == {f"{NAME}.docx", f"{NAME}.pdf", f"{NAME}.xlsx"}
    for path, entry in outputs.items():
        assert entry["sha256"] == _sha(built / path)
        assert entry["format"] == path.rsplit(".", 1)[1] and entry["kind"] == "ke_hoach"
    inputs = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    assert set(inputs) == {"van-ban.yaml", "noi-dung.md", "so-lieu.yaml", "bieu-01.yaml", "bieu-03.yaml",
                           "bieu-04.yaml", "bieu-05.yaml", "don-vi.yaml"}   # the unit register was checked too
    assert all(sha == _sha(SAMPLE / path) for path, sha in inputs.items())
    assert built.joinpath(f"{NAME}.docx").read_bytes()[:2] == b"PK"
    assert built.joinpath(f"{NAME}.pdf").read_bytes()[:5] == b"%PDF-"


def in_new_process(*arguments: str, **env: str) -> subprocess.CompletedProcess:
    """`reportgen ARGUMENTS` in a fresh interpreter (its own hash seed, fonts, caches), from this checkout."""
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"PYTHONPATH": str(ROOT)} | env
    return subprocess.run([sys.executable, "-m", "reportgen", *arguments], capture_output=True, text=True,
                          env=environment, cwd=ROOT)


def test_build_is_reproducible_in_another_process(built, tmp_path):
    """Same bytes from a separate process, another hash seed and time zone: not a cache of this one."""
    run = in_new_process("build", str(SAMPLE), "-o", str(tmp_path), PYTHONHASHSEED="12345", TZ="America/Lima")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in built.iterdir())
    for name in (f"{NAME}.docx", f"{NAME}.pdf", f"{NAME}.xlsx", "manifest.json"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_default_out_folder_and_one_format(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(SAMPLE), "--format", "docx"]) == 0
    out = tmp_path / "out" / "bac-giang-2020"
    assert sorted(p.name for p in out.iterdir()) == [f"{NAME}.docx", "manifest.json"]
    assert "Đã viết 2 tệp" in capsys.readouterr().out


def test_failed_rule_writes_nothing_and_keeps_earlier_outputs(sample, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(sample), "-o", str(out), "--format", "docx"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    replace_once(sample / "bieu-01.yaml", "xa_ntm: [101, 124]", "xa_ntm: [101, 125]")
    assert main(["build", str(sample), "-o", str(out), "--format", "docx"]) == 1
    report = capsys.readouterr().out
    assert "Không viết tệp nào" in report and "bieu-01.yaml" in report
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_failed_rule_creates_no_folder(sample, tmp_path, capsys):
    line = replace_once(sample / "bieu-01.yaml", "xa_ntm: [101, 124]", "xa_ntm: [101, 125]")
    assert main(["build", str(sample), "-o", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
    out = capsys.readouterr().out
    assert "dòng Tổng cộng ghi 125 nhưng cộng 10 dòng có số được 124" in out
    assert f"tại: {sample / 'bieu-01.yaml'}:{line}:126;" in out
    assert out.rstrip().endswith("Không viết tệp nào: số liệu chưa khớp (xem các mục không đạt ở trên).")


def test_bad_input_exits_2_without_writing(sample, tmp_path, capsys):
    replace_once(sample / "van-ban.yaml", "number: 552", "number: năm trăm")
    assert main(["build", str(sample), "-o", str(tmp_path / "out")]) == 2
    assert "van-ban.yaml:" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_writer_failure_leaves_earlier_outputs_whole(sample, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["build", str(sample), "-o", str(out), "--format", "docx"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    real_render = pipeline.render

    def broken(document, fmt, options):
        if fmt == "pdf":
            raise RuntimeError("hỏng giữa chừng")
        return real_render(document, fmt, options)
    monkeypatch.setattr(pipeline, "render", broken)
    assert main(["build", str(sample), "-o", str(out)]) == 3
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_disk_full_while_writing_replaces_nothing(sample, tmp_path, monkeypatch, capsys):
    """The second staged file fails (ENOSPC): the first is not renamed, no temp file stays."""
    import errno
    import os as real_os
    from reportgen.output import files

    out = tmp_path / "out"
    assert main(["build", str(sample), "-o", str(out), "--format", "docx"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    replace_once(sample / "noi-dung.md", "như sau:", "như sau (sửa):")
    calls = []
    real_fsync = real_os.fsync

    def full_disk(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)
    monkeypatch.setattr(files.os, "fsync", full_disk)
    assert main(["build", str(sample), "-o", str(out), "--format", "docx"]) == 73
    assert "ổ đĩa đã đầy [ENOSPC]" in capsys.readouterr().err  # the OS's English words, translated
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_unwritable_out_exits_73(tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("một tệp, không phải thư mục", encoding="utf-8")
    assert main(["build", str(SAMPLE), "-o", str(blocker), "--format", "docx"]) == 73
    assert "Không ghi được tệp" in capsys.readouterr().err


def test_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(SAMPLE), "--format", "docx,odt"])
    assert exit_info.value.code == 64
    assert "odt" in capsys.readouterr().err


@pytest.mark.parametrize("title, expected", [
    ("Kế hoạch 552/KH-BCĐ", "ke-hoach-552-kh-bcd"),
    ("../../etc/passwd", "etc-passwd"),
    ("Báo cáo quý I/2024 — Sở NN&PTNT", "bao-cao-quy-i-2024-so-nn-ptnt"),
    ("///", "van-ban"),
])
def test_file_names_from_data_are_sanitised(title, expected):
    assert safe_name(title) == expected


def test_another_province_builds(tmp_path):
    """Another province, year, signer (TM./KT.), columns: new input, no new code."""
    from pdfminer.high_level import extract_text

    folder = SAMPLE.parent.parent / "tests" / "data" / "hoa-phong-2024"
    assert main(["build", str(folder), "-o", str(tmp_path)]) == 0
    text = " ".join(extract_text(str(tmp_path / "ke-hoach-07-kh-ubnd.pdf")).split())
    for expected in ("Số: 07/KH-UBND", "Hòa Phong, ngày 05 tháng 3 năm 2024", "TM. ỦY BAN NHÂN DÂN",
                     "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Khang", "(Kèm theo Kế hoạch số 07/KH-UBND ngày "
                     "05/03/2024 của Ủy ban nhân dân tỉnh Hòa Phong)", "68,3%"):
        assert expected in text, expected
    from docx import Document as WordDocument
    word = WordDocument(str(tmp_path / "ke-hoach-07-kh-ubnd.docx"))
    docx_text = " ".join(p.text for t in word.tables for c in t._cells for p in c.paragraphs)
    docx_text += " " + " ".join(p.text for p in word.paragraphs)
    for expected in ("Số: 07/KH-UBND", "Hòa Phong, ngày 05 tháng 3 năm 2024", "KT. CHỦ TỊCH", "Trần Minh Khang",
                     "68,3%"):
        assert expected in docx_text, expected


def test_outputs_are_readable_like_any_new_file(tmp_path):
    import os
    previous = os.umask(0o022)
    try:
        assert main(["build", str(SAMPLE), "-o", str(tmp_path), "--format", "docx"]) == 0
    finally:
        os.umask(previous)
    assert {oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()} == {"0o644"}


def test_letter_no_font_has_stops_the_pdf_with_exit_2(sample, tmp_path, capsys):
    replace_once(sample / "noi-dung.md", "như sau:", "như sau: 中文")
    assert main(["build", str(sample), "-o", str(tmp_path / "out")]) == 2
    out = capsys.readouterr().out
    line = next(n for n, text in enumerate((sample / "noi-dung.md").read_text(encoding="utf-8").split("\n"), 1)
                if "中" in text)
    assert "Không viết được văn bản (3 lỗi)" in out and "«中文»" in out
    assert f"noi-dung.md:{line}:" in out and "Chữ «中» ở đây không in được" in out
    assert not (tmp_path / "out").exists()


def test_read_only_output_folder_is_a_clear_message(sample, tmp_path, monkeypatch, capsys):
    import errno
    from reportgen.output import files

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "out"))
    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    assert main(["build", str(sample), "-o", str(tmp_path / "out"), "--format", "docx"]) == 73
    err = capsys.readouterr().err
    assert "Không ghi được tệp" in err and "ổ đĩa hoặc thư mục chỉ cho đọc [EROFS]" in err


KILLED_CHILD = """
import os, signal, sys, time
from pathlib import Path
from reportgen import cli
from reportgen.output import files

real = files._staged
def slow(path, data):
    staged = real(path, data)
    Path(sys.argv[3]).write_text("staged")       # tell the test a temp file exists now
    time.sleep(60)                               # the test kills us here
    return staged
files._staged = slow
cli.main(["build", sys.argv[1], "-o", sys.argv[2], "--format", "docx"])
"""


def test_a_build_killed_mid_write_leaves_earlier_outputs_whole(sample, tmp_path):
    """SIGKILL while the new files are staged: old outputs unchanged, the next run sweeps the temporary file."""
    import signal
    import subprocess
    import sys
    import time

    out, flag = tmp_path / "out", tmp_path / "staged.flag"
    assert main(["build", str(sample), "-o", str(out), "--format", "docx"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    replace_once(sample / "noi-dung.md", "như sau:", "như sau (sửa):")
    child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(sample), str(out), str(flag)])
    try:
        for _ in range(300):
            if flag.exists() or child.poll() is not None:
                break
            time.sleep(0.05)
        assert flag.exists(), "the child never staged a file"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    visible = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert visible == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")]  # the killed run's temp file, hidden
    assert main(["build", str(sample), "-o", str(out), "--format", "docx"]) == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert (out / "ke-hoach-552-kh-bcd.docx").read_bytes() != before["ke-hoach-552-kh-bcd.docx"]


def test_a_rename_that_fails_midway_puts_the_replaced_files_back(sample, tmp_path, capsys):
    """The second of three renames fails (its target became a folder): the first file is the old one again."""
    out = tmp_path / "out"
    assert main(["build", str(sample), "-o", str(out), "--format", "docx,xlsx"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "ke-hoach-552-kh-bcd.xlsx").unlink()
    (out / "ke-hoach-552-kh-bcd.xlsx").mkdir()
    (out / "ke-hoach-552-kh-bcd.xlsx" / "x").write_text("chặn", encoding="utf-8")
    replace_once(sample / "noi-dung.md", "như sau:", "như sau (sửa):")
    assert main(["build", str(sample), "-o", str(out), "--format", "docx,xlsx"]) == 73
    err = capsys.readouterr().err
    assert f"Không ghi được tệp {out / 'ke-hoach-552-kh-bcd.xlsx'}:" in err and ".tmp" not in err
    assert (out / "ke-hoach-552-kh-bcd.docx").read_bytes() == before["ke-hoach-552-kh-bcd.docx"]
    assert (out / "manifest.json").read_bytes() == before["manifest.json"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_build_leaves_nothing_frozen_away_from_the_collector(tmp_path):
    """Stages freeze what they build (collector passes would walk it again); a command hands it all back."""
    import gc

    from reportgen.collector import collector_paused
    with collector_paused():
        pass
    assert gc.get_freeze_count() > 0  # the pause froze what lived
    pipeline.build_folder(SAMPLE, tmp_path / "out", ("docx", "xlsx"))
    assert gc.get_freeze_count() == 0 and gc.isenabled()
