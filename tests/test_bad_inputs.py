"""The bad-input corpus: each case in tests/bad_inputs/ is a small input and the exact report it must give.

A case is a YAML file: `base` (an input folder the case starts from), `edits` (text replaced in
its files, each old text occurring once), `files` (whole text files written), `make` (a binary
file built by a maker below), `command` (check, build, or report with its `period`), `out` (build, export: the
output folder relative to the case's temporary folder, which holds the input as `dau-vao`; default `ra`; "" is
passed as the empty -o it is), `links` (symlinks made there, name: target), and what must come out: `exit` and
`expected`, every problem or failed finding as `at` (file:line:col or book!sheet!cell, relative
to the case folder) and `message`, exactly. `pytest --update-golden` rewrites `exit`/`expected`
from what the code says now and fails that case (skips it when unchanged): review that diff like code.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from reportgen.cli import main
from tests.bad_returns import RETURN_MAKERS, run_collect
from tests.conftest import ROOT, SAMPLE, update_golden

CASES = sorted((ROOT / "tests" / "bad_inputs").glob("*.yaml"))
BASES = {"bac-giang-2020": SAMPLE, "hoa-phong-2024": ROOT / "tests" / "data" / "hoa-phong-2024"}


def test_corpus_is_big_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_bad_input_gives_its_exact_report(case_file: Path, tmp_path, capsys, request):
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    folder = tmp_path / "dau-vao"
    shutil.copytree(BASES[case.get("base", "hoa-phong-2024")], folder)
    _prepare(case, folder)
    for name, target in case.get("links", {}).items():
        (tmp_path / name).symlink_to(target)
    inputs = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    out = case.get("out", "ra") and str(tmp_path / case.get("out", "ra"))
    if case.get("command") == "export":
        code, reported = _run_export(folder, out, capsys, case.get("args", []))
    elif case.get("command") == "collect":
        code, reported = run_collect(folder, capsys, case)
    else:
        code, reported = _run(case.get("command", "check"), folder, out, capsys, case.get("period"))
    reported = [{key: value.replace(f"{tmp_path}/", "") if isinstance(value, str) else value
                 for key, value in item.items()} for item in reported]
    same = (code, reported) == (case.get("exit"), case.get("expected"))
    update_golden(request, case_file, yaml.safe_dump(case | {"exit": code, "expected": reported}, allow_unicode=True,
                                                     sort_keys=False, width=100), same)
    assert (code, reported) == (case["exit"], case["expected"])
    assert all(path.read_bytes() == data for path, data in inputs.items()), "an input file was changed"
    if code == 64:  # a command-line mistake is found before anything is written, inside the input folder too
        assert {path for path in folder.rglob("*") if path.is_file()} == set(inputs)
    if case.get("command") in ("build", "report") and code != 0:
        assert not (tmp_path / "ra").exists(), "a failed build wrote something"
    if case.get("command") == "export" and (tmp_path / "ra").exists():
        assert not list((tmp_path / "ra").rglob(".*")), "an export left a staged file"


def _prepare(case: dict, folder: Path) -> None:
    for edit in case.get("edits", []):
        path = folder / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["replace"]) == 1, f"{edit['replace']!r} occurs {text.count(edit['replace'])} times"
        path.write_text(text.replace(edit["replace"], edit["with"]), encoding="utf-8")
    for name, text in case.get("files", {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, maker in case.get("make", {}).items():
        MAKERS[maker](folder / name)


def _run(command: str, folder: Path, out: str, capsys, period: str | None = None) -> tuple[int, list[dict]]:
    if command == "report":
        return _run_report(folder, out, capsys, period)
    if command == "build":
        try:
            code = main(["build", str(folder), "-o", out])
        except SystemExit as exit_:  # argparse ends a command-line mistake itself
            code = exit_.code
        captured = capsys.readouterr()
        lines = captured.out.splitlines()
        if code == 64:
            return code, [{"message": captured.err.splitlines()[-1].replace(f"{folder}/", "")}]
        if code == 0:  # what was written
            return code, [{"written": line.strip()} for line in lines[1:]]
        return code, [{"message": line.strip().replace(f"{folder}/", "")} for line in lines[3:] if line.startswith("  ")]
    code = main(["check", str(folder), "--json"])
    report = json.loads(capsys.readouterr().out)
    prefix = f"{folder}/"
    found = [{"at": p["location"]["text"].removeprefix(prefix), "message": p["message"]} if p.get("location")
             else {"message": p["message"]} for p in report["problems"]]
    found += [{"rule": f["rule"], "at": [loc["text"].removeprefix(prefix) for loc in f.get("locations", [])][:1],
               "message": f["message"]} for f in report["findings"] if f["status"] == "fail"]
    return code, found


def _run_report(folder: Path, out: str, capsys, period: str) -> tuple[int, list[dict]]:
    """`report`: what was written, the command-line error, every problem, or each failed finding with its lines."""
    try:
        code = main(["report", str(folder), "--period", period, "-o", out])
    except SystemExit as exit_:  # argparse ends a command-line mistake itself
        code = exit_.code
    captured = capsys.readouterr()
    lines = [line.replace(f"{folder}/", "") for line in captured.out.splitlines()]
    if code == 0:
        return code, [{"written": line.strip()} for line in lines[1:]]
    if code == 64:
        return code, [{"message": captured.err.splitlines()[-1]}]
    if code == 2:
        return code, [{"message": line.strip()} for line in lines[3:] if line.startswith("  ")]
    failed, keep = [], False
    for line in lines:
        if not line.startswith("     "):  # a finding's own line, or a rule's: only failures are kept
            keep = line.startswith("   ✗")
        if keep:
            failed.append({"message": line.strip()})
    return code, failed


def _run_export(folder: Path, out_text: str, capsys, args: list[str]) -> tuple[int, list[dict]]:
    """`export` (`args` after the folder and -o): the files written, then every line said about what was not."""
    out = Path(out_text)
    try:
        code = main(["export", str(folder), "-o", out_text, *args])
    except SystemExit as exit_:  # argparse ends a command-line mistake itself
        code = exit_.code
    captured = capsys.readouterr()
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) if out.exists() and code != 64 else []
    said = [line.strip().replace(f"{folder}/", "") for line in captured.out.splitlines()[3:] if line.startswith("  ")]
    said += [line.strip().replace(f"{folder}/", "") for line in captured.err.splitlines()
             if not line.startswith("Đã xuất")]
    return code, [{"written": path} for path in written] + [{"message": line} for line in said]


# Makers: binary inputs that cannot be written as text ---------------------------------------

def _pointed(path: Path) -> None:
    from tests.workbook import point_annexes_at_workbook
    point_annexes_at_workbook(path.parent, path.name)


def _not_a_workbook(path: Path) -> None:
    path.write_text("Đây là một tệp văn bản đổi tên thành .xlsx", encoding="utf-8")
    _pointed(path)


def _encrypted_workbook(path: Path) -> None:
    # Excel saves a password-protected workbook as an OLE compound file, not a zip.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptedPackage" + bytes(1024))
    _pointed(path)


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (120 * 1024 * 1024))
    _pointed(path)


def _workbook(path: Path, edit) -> None:
    from tests.workbook import edited_workbook, point_annexes_at_workbook, write_annexes
    from reportgen.pipeline import check_folder

    write_annexes(list(check_folder(path.parent).plan.annexes), path)
    point_annexes_at_workbook(path.parent, path.name)
    with edited_workbook(path) as book:
        edit(book)


def _data_workbook(path: Path) -> None:
    _workbook(path, lambda book: None)


def _formula_without_cache(path: Path) -> None:
    _workbook(path, lambda book: book["Biểu 01"].__setitem__("D12", "=SUM(D6:D11)"))


def _merged_cells_in_data(path: Path) -> None:
    _workbook(path, lambda book: book["Biểu 01"].merge_cells("C7:C8"))


def _copy_of_q1_report(path: Path) -> None:
    shutil.copytree(path.parent / "bao-cao-2020-q1", path)


def _copy_of_h1_report_for_h2(path: Path) -> None:
    """The 6-month report copied for the second half with only its date and subject changed."""
    shutil.copytree(path.parent / "bao-cao-2020-h1", path)
    document = path / "van-ban.yaml"
    text = document.read_text(encoding="utf-8").replace("date: 2020-07-15", "date: 2021-01-05")
    document.write_text(text.replace("Sơ kết 6 tháng đầu năm 2020", "Sơ kết 6 tháng cuối năm 2020"), encoding="utf-8")


def _windows_1258_text(path: Path) -> None:
    # "Kê hoach năm": single-byte Vietnamese code pages give bytes that are not UTF-8.
    path.write_bytes(b"K\xea ho\xe1ch n\xe3m 2024\n")


def _word_narrative(path: Path, extra=None) -> None:
    """The folder's noi-dung.md (after the case's edits) saved as the Word file `path`, which van-ban.yaml names."""
    from tests.word import markdown_to_docx
    source = path.with_suffix(".md")
    document = markdown_to_docx(source.read_text(encoding="utf-8"), path)
    if extra is not None:
        extra(document)
        document.save(str(path))
    source.unlink()
    document_file = path.parent / "van-ban.yaml"
    text = document_file.read_text(encoding="utf-8").replace(f"narrative: {source.name}", f"narrative: {path.name}")
    document_file.write_text(text, encoding="utf-8")


def _word_narrative_with_table(path: Path) -> None:
    def table_after_paragraph_4(document) -> None:
        table = document.add_table(rows=2, cols=2)
        document.paragraphs[3]._p.addnext(table._tbl)
    _word_narrative(path, table_after_paragraph_4)


def _word_narrative_numbered(path: Path) -> None:
    """Paragraph 4 in a list Word numbers itself (the number is not in the text)."""
    def numbered(document) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls
        document.paragraphs[3]._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    _word_narrative(path, numbered)


def _old_word_file(path: Path) -> None:
    # Word 97-2003 (.doc) and a password-protected .docx are OLE compound files, not zips.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"WordDocument" + bytes(1024))
    _word_narrative_pointed(path)


def _word_narrative_pointed(path: Path) -> None:
    document_file = path.parent / "van-ban.yaml"
    text = document_file.read_text(encoding="utf-8").replace("narrative: noi-dung.md", f"narrative: {path.name}")
    document_file.write_text(text, encoding="utf-8")


def _array_formula_without_cache(path: Path) -> None:
    from openpyxl.worksheet.formula import ArrayFormula
    _workbook(path, lambda book: book["Biểu 01"].__setitem__("C10", ArrayFormula("C10:E10", "=C6:E6+C7:E7")))


def _true_in_a_count_cell(path: Path) -> None:
    _workbook(path, lambda book: book["Biểu 01"].__setitem__("C7", True))


def _formula_written_without_computing(path: Path) -> None:
    """XlsxWriter writes a formula with the placeholder value 0 unless told the value, as other such programs do."""
    from tests.workbook import rewritten_by_xlsxwriter
    _workbook(path, lambda book: None)
    rewritten_by_xlsxwriter(path, {("Biểu 01", "H6"): ("=18.5", None)})


def _totals_written_without_computing(path: Path) -> None:
    """The total row as formulas of the rows above, saved with XlsxWriter's placeholder 0."""
    from tests.workbook import rewritten_by_xlsxwriter
    _workbook(path, lambda book: None)
    rewritten_by_xlsxwriter(path, {("Biểu 01", "C10"): ("=SUM(C6:C9)", None),
                                   ("Biểu 01", "D10"): ("=D6+D7+D8+D9", None),
                                   ("Biểu 01", "G10"): ("=ROUND(SUM(G6:G9),0)", 11)})


def _unused_sheets_with_huge_ranges(path: Path) -> None:
    def drafts(book):
        for number in range(1, 21):
            sheet = book.create_sheet(f"Nháp {number}")
            sheet["A1"], sheet["AX40000"] = "nháp", 1
    _workbook(path, drafts)


MAKERS = {
    "word_narrative": _word_narrative,
    "word_narrative_with_table": _word_narrative_with_table,
    "word_narrative_numbered": _word_narrative_numbered,
    "old_word_file": _old_word_file,
    "array_formula_without_cache": _array_formula_without_cache,
    "true_in_a_count_cell": _true_in_a_count_cell,
    "formula_written_without_computing": _formula_written_without_computing,
    "totals_written_without_computing": _totals_written_without_computing,
    "unused_sheets_with_huge_ranges": _unused_sheets_with_huge_ranges,
    "windows_1258_text": _windows_1258_text,
    "copy_of_q1_report": _copy_of_q1_report,
    "copy_of_h1_report_for_h2": _copy_of_h1_report_for_h2,
    "not_a_workbook": _not_a_workbook,
    "encrypted_workbook": _encrypted_workbook,
    "zip_bomb": _zip_bomb,
    "formula_without_cache": _formula_without_cache,
    "data_workbook": _data_workbook,
    "merged_cells_in_data": _merged_cells_in_data,
    **RETURN_MAKERS,
}
