"""No edit is lost (#17): build, report and export refuse to replace an output changed since their manifest, one the
manifest does not list, or one open in Word/LibreOffice; --force replaces it and keeps the edited file beside."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path

import docx
import pytest

from reportgen.cli import main
from reportgen.output.protect import ProtectedError, guard, kept_name, lock_names
from tests.conftest import SAMPLE

DOCX = "ke-hoach-552-kh-bcd.docx"
XLSX = "ke-hoach-552-kh-bcd.xlsx"
EDIT = "ĐÃ SỬA TRONG WORD"


def _build(out: Path, *extra: str) -> int:
    return main(["build", str(SAMPLE), "-o", str(out), "--format", "docx,xlsx", *extra])


def _state(out: Path) -> dict[str, str]:
    """Every file of the folder and its sha256: what a refused run must leave exactly as it was."""
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


def _edit_in_word(path: Path) -> None:
    document = docx.Document(str(path))
    document.add_paragraph(EDIT)
    document.save(str(path))


def _texts(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture
def built(tmp_path: Path, capsys) -> Path:
    out = tmp_path / "ra"
    assert _build(out) == 0
    capsys.readouterr()
    return out


def test_an_unchanged_output_is_replaced_as_before(built, capsys):
    assert _build(built) == 0
    assert "Đã giữ" not in capsys.readouterr().out
    assert not list(built.glob("*-da-sua-*"))


def test_an_output_edited_in_word_is_not_replaced_and_nothing_is_written(built, capsys):
    _edit_in_word(built / DOCX)
    before = _state(built)
    assert _build(built) == 73
    err = capsys.readouterr().err
    assert f"{DOCX}: đã được sửa sau lần viết trước" in err
    assert XLSX not in err                       # only the file that was edited is named
    assert "--force" in err
    assert _state(built) == before              # not the xlsx, not the manifest: nothing
    assert EDIT in _texts(built / DOCX)


def test_force_replaces_and_keeps_the_edited_file_beside_it(built, capsys):
    _edit_in_word(built / DOCX)
    edited = (built / DOCX).read_bytes()
    assert _build(built, "--force") == 0
    said = capsys.readouterr().out
    kept = sorted(built.glob("ke-hoach-552-kh-bcd-da-sua-*.docx"))
    assert len(kept) == 1 and kept[0].read_bytes() == edited
    assert re.fullmatch(r"ke-hoach-552-kh-bcd-da-sua-\d{4}-\d{2}-\d{2}\.docx", kept[0].name)
    assert f"  {kept[0].name}" in said
    assert EDIT not in _texts(built / DOCX)
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert {o["path"] for o in manifest["outputs"]} == {DOCX, XLSX}   # the kept copy is the clerk's, not ours
    assert _build(built) == 0                   # the new output matches its manifest again


def test_force_never_overwrites_an_earlier_kept_copy(built, capsys):
    _edit_in_word(built / DOCX)
    first = (built / DOCX).read_bytes()
    assert _build(built, "--force") == 0
    (built / DOCX).write_bytes(first + b"\0")   # edited again, differently, the same day
    second = (built / DOCX).read_bytes()
    assert _build(built, "--force") == 0
    kept = {p.name.removeprefix("ke-hoach-552-kh-bcd-da-sua-")[10:]: p.read_bytes()
            for p in built.glob("*-da-sua-*.docx")}        # the date cut off: ".docx", "-2.docx"
    assert kept == {".docx": first, "-2.docx": second}


def test_the_same_edit_forced_twice_is_kept_once(tmp_path):
    out = tmp_path / "ra"
    out.mkdir()
    (out / "a.docx").write_bytes(b"edited")
    day = date(2020, 2, 17)
    assert guard(out, ["a.docx"], force=True, today=day) == [out / "a-da-sua-2020-02-17.docx"]
    assert guard(out, ["a.docx"], force=True, today=day) == [out / "a-da-sua-2020-02-17.docx"]
    assert sorted(p.name for p in out.iterdir()) == ["a-da-sua-2020-02-17.docx", "a.docx"]
    assert kept_name(out / "a.docx", "2020-02-17", 3).name == "a-da-sua-2020-02-17-3.docx"


def test_a_missing_manifest_protects_every_output_there(built, capsys):
    (built / "manifest.json").unlink()
    before = _state(built)
    assert _build(built) == 73
    err = capsys.readouterr().err
    for name in (DOCX, XLSX):
        assert f"{name}: không có trong manifest.json" in err
    assert _state(built) == before


def test_a_file_the_manifest_does_not_list_is_someone_elses(built, capsys):
    (built / "ke-hoach-552-kh-bcd.pdf").write_bytes(b"%PDF-1.7 made by hand")
    before = _state(built)
    assert main(["build", str(SAMPLE), "-o", str(built)]) == 73
    assert "ke-hoach-552-kh-bcd.pdf: không có trong manifest.json" in capsys.readouterr().err
    assert _state(built) == before


@pytest.mark.parametrize("lock", [f"~${DOCX[2:]}", f"~${DOCX}", f".~lock.{DOCX}#"],
                         ids=["word-long-name", "word-short-name", "libreoffice"])
def test_a_file_open_in_word_or_libreoffice_is_not_replaced_even_with_force(built, capsys, lock):
    (built / lock).write_bytes(b"owner")
    before = _state(built)
    assert _build(built, "--force") == 73
    err = capsys.readouterr().err
    assert f"{DOCX}: đang được mở trong Word, Excel hoặc LibreOffice (có tệp khóa {lock})" in err
    assert "đang mở trong chương trình khác" in err
    assert _state(built) == before


def test_a_lock_file_beside_no_output_is_stale(tmp_path):
    (tmp_path / f".~lock.{DOCX}#").write_bytes(b"owner")
    assert guard(tmp_path, [DOCX]) == []


def test_word_owner_file_names():
    assert lock_names("bieu-01.xlsx") == ["~$bieu-01.xlsx", "~$ieu-01.xlsx", "~$eu-01.xlsx", ".~lock.bieu-01.xlsx#"]


def test_the_nearest_manifest_decides(tmp_path):
    """An export's unit folder has its own manifest; the top one lists the same file under folder/name."""
    unit = tmp_path / "Huyện-Lục-Nam"
    unit.mkdir()
    (unit / "bieu-01.xlsx").write_bytes(b"ours")
    ours = hashlib.sha256(b"ours").hexdigest()
    (tmp_path / "manifest.json").write_text(json.dumps({"outputs": [
        {"path": "Huyện-Lục-Nam/bieu-01.xlsx", "sha256": ours}]}), encoding="utf-8")
    assert guard(tmp_path, ["Huyện-Lục-Nam/bieu-01.xlsx"]) == []
    (unit / "manifest.json").write_text(json.dumps({"outputs": [{"path": "bieu-01.xlsx", "sha256": "0" * 64}]}),
                                        encoding="utf-8")
    with pytest.raises(ProtectedError) as raised:
        guard(tmp_path, ["Huyện-Lucj-Nam/x.xlsx", "Huyện-Lục-Nam/bieu-01.xlsx"])
    assert [(h.name, h.reason) for h in raised.value.held] == [("Huyện-Lục-Nam/bieu-01.xlsx", "edited")]


def test_export_stops_before_writing_any_unit(tmp_path, capsys):
    out = tmp_path / "bieu"
    args = ["export", str(SAMPLE), "-o", str(out), "--format", "xlsx", "--by-unit", "--jobs", "1"]
    assert main(args) == 0
    capsys.readouterr()
    edited = sorted(out.glob("*/bieu-01.xlsx"))[-1]
    edited.write_bytes(edited.read_bytes() + b"\0")
    (out / "bieu-04.xlsx").unlink()             # a file to write that is missing: nothing to lose there
    before = _state(out)
    assert main(args) == 73
    assert f"{edited.relative_to(out).as_posix()}: đã được sửa" in capsys.readouterr().err
    assert _state(out) == before
    assert main(args + ["--force"]) == 0
    assert len(list(edited.parent.glob("bieu-01-da-sua-*.xlsx"))) == 1


def test_report_keeps_an_edit_too(tmp_path, capsys):
    out = tmp_path / "bc"
    args = ["report", str(SAMPLE), "--period", "2020-Q2", "-o", str(out), "--format", "docx"]
    assert main(args) == 0
    capsys.readouterr()
    target = next(out.glob("*.docx"))
    _edit_in_word(target)
    assert main(args) == 73
    assert f"{target.name}: đã được sửa" in capsys.readouterr().err
    assert EDIT in _texts(target)


def test_a_narrower_build_keeps_the_other_formats_known(built, capsys):
    """build --format docx, then docx,xlsx again: the xlsx is still reportgen's (it was refused as someone else's)."""
    assert main(["build", str(SAMPLE), "-o", str(built), "--format", "docx"]) == 0
    listed = {e["path"]: e for e in json.loads((built / "manifest.json").read_text(encoding="utf-8"))["outputs"]}
    assert listed[XLSX].get("earlier_run") is True
    assert listed[XLSX]["sha256"] == hashlib.sha256((built / XLSX).read_bytes()).hexdigest()
    assert _build(built) == 0, capsys.readouterr().err


def test_an_edit_made_between_two_narrower_runs_is_still_an_edit(tmp_path, capsys):
    """export 01, edit its workbook, export 03 (which lists 01 again), export 01: the edit must stop the last run.
    The manifest once took the edited file's bytes as its own record, and the edit was replaced without a word."""
    out = tmp_path / "bieu"

    def export(annex: str) -> int:
        return main(["export", str(SAMPLE), "-o", str(out), "--annex", annex, "--format", "xlsx", "--jobs", "1"])
    assert export("01") == 0
    edited = out / "bieu-01.xlsx"
    edited.write_bytes(edited.read_bytes() + b"\0")
    assert export("03") == 0
    before = _state(out)
    capsys.readouterr()
    assert export("01") == 73
    assert "bieu-01.xlsx" in capsys.readouterr().err
    assert _state(out) == before


def test_an_edit_stops_build_before_anything_is_rendered(built, capsys, monkeypatch):
    """A long PDF renders for minutes: the edit is said first, as export says it (render is never called)."""
    from reportgen import pipeline
    _edit_in_word(built / DOCX)
    rendered = []
    monkeypatch.setattr(pipeline, "render", lambda *args: rendered.append(args) or b"")
    assert _build(built) == 73
    assert rendered == [] and DOCX in capsys.readouterr().err
