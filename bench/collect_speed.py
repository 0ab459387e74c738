"""Prints how long `reportgen collect` takes on one returned form of N rows, and its peak memory, beside `reportgen
check` of the same plan (the same N rows, as the task annex).

Usage: .venv/bin/python bench/collect_speed.py [--runs N] [ROWS ...]   (default 2000 10000, best of 3 runs)
The input is generated in a temporary folder (made-up data): a plan whose task annex has N tasks, all led by one
agency, so that agency's form has N rows; the form is written by the forms writer and every row filled with
openpyxl (a status, a completion date for tasks done, a note on every tenth), then collected with --partial (the
districts' forms are not returned). Each command runs in a new process, three times; seconds are the best wall
time after imports, peak memory the process's max RSS.
"""

from __future__ import annotations

import datetime as _dt
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.check_speed import print_ratios  # noqa: E402  (bench/ is run as a script)

PERIOD = "2024-Q2"
AGENCY = "Sở Thử nghiệm"
DISTRICTS = ("Huyện Một", "Huyện Hai")
RUNS = 3


def make_plan(folder: Path, rows: int) -> None:
    """A plan with a small annex by district (the districts' forms) and a task annex of `rows` tasks."""
    annex = {"id": "01", "label": "Biểu 01", "title": "CHỈ TIÊU THỬ", "key": ["unit"],
             "periods": {"from": "truoc", "to": "sau"},
             "columns": [{"id": "tt", "header": "TT", "type": "index"}, {"id": "unit", "header": "Huyện", "type": "unit"},
                         {"id": "xa_ntm", "header": "Số xã đạt chuẩn", "measure": "xã", "cumulative": True,
                          "columns": [{"id": "truoc", "header": "Năm trước", "type": "count", "aggregate": "sum"},
                                      {"id": "sau", "header": "Năm sau", "type": "count", "aggregate": "sum"}]}],
             "rows": [{"unit": unit, "xa_ntm": [1, 2]} for unit in DISTRICTS],
             "total": {"label": "Tổng cộng", "values": {"xa_ntm": [2, 4]}}}
    tasks = {"id": "05", "label": "Biểu 05", "title": "NHIỆM VỤ THỬ", "key": ["noi_dung", "thoi_han"],
             "columns": [{"id": "tt", "header": "TT", "type": "index"},
                         {"id": "noi_dung", "header": "Nội dung", "type": "text"},
                         {"id": "chu_tri", "header": "Cơ quan chủ trì", "type": "text"},
                         {"id": "thoi_han", "header": "Thời gian hoàn thành", "type": "deadline"}],
             "rows": [{"noi_dung": f"Nhiệm vụ thử số {n}", "chu_tri": AGENCY, "thoi_han": f"Tháng {n % 12 + 1:02d}/2024"}
                      for n in range(1, rows + 1)]}
    (folder / "bieu-01.yaml").write_text(yaml.safe_dump(annex, allow_unicode=True), encoding="utf-8")
    (folder / "bieu-05.yaml").write_text(yaml.safe_dump(tasks, allow_unicode=True), encoding="utf-8")
    (folder / "noi-dung.md").write_text("# SỐ LIỆU GIẢ ĐỊNH\n\nKế hoạch thử.\n", encoding="utf-8")
    document = {"kind": "ke_hoach", "issuing_body": ["UBND TỈNH THỬ"], "issuing_body_name": "UBND tỉnh Thử",
                "number": 1, "symbol": "KH-UBND", "place": "Thử", "date": "2024-01-02", "subject": "Thử",
                "signer": {"title": ["CHỦ TỊCH"], "name": "Nguyễn Văn A"}, "recipients": ["Như trên"],
                "archive": "VT", "narrative": "noi-dung.md", "annexes": ["bieu-01.yaml", "bieu-05.yaml"]}
    text = yaml.safe_dump(document, allow_unicode=True).replace("'2024-01-02'", "2024-01-02")
    (folder / "van-ban.yaml").write_text(text, encoding="utf-8")


def make_return(folder: Path, path: Path) -> int:
    """The agency's form, written as `forms` writes it and filled on every row; its number of inputs."""
    from reportgen.pipeline import parse_period
    from reportgen.pipeline.forms import plan_forms
    from reportgen.write.xlsx.form import form_bytes
    from tests.conftest import OPTIONS
    _, forms = plan_forms(folder, parse_period(PERIOD))
    form = next(f for f in forms if f.identity.unit == AGENCY)
    path.write_bytes(form_bytes(form, OPTIONS))
    book = load_workbook(path)
    filled = 0
    for number, (sheet, cell) in enumerate(form.inputs()):
        task = number // 3
        value = {"status": "hoàn thành" if task % 2 else "đang thực hiện",
                 "done": _dt.datetime(2024, 3, 1) if task % 2 else None,
                 "note": f"Ghi chú {task}" if task % 10 == 0 else None}[cell.key.field]
        if value is not None:
            book[sheet.name].cell(cell.row, cell.column).value = value
            filled += 1
    book.save(path)
    return filled


def measure(args: list[str]) -> tuple[float, float, int]:
    code = ("import resource,sys,time;from reportgen.cli import main;t=time.perf_counter();"
            f"c=main({args!r});"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, c, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    seconds, peak_kib, exit_code = run.stderr.split()[-3:]
    return float(seconds), int(peak_kib) / 1024, int(exit_code)


def main(args: list[str]) -> None:
    runs = RUNS
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    sizes = [int(a) for a in args] or [2000, 10000]
    print(f"{'rows':>7} {'command':>8} {'seconds':>8} {'peak MB':>8} {'exit':>4}")
    results = {}
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "ke-hoach"
            folder.mkdir()
            make_plan(folder, rows)
            returned = Path(tmp) / "tra-ve.xlsx"
            # In a process of its own: Linux carries a process's peak memory over to the children it starts, and
            # openpyxl filling 10.000 rows would be counted as the commands' own.
            subprocess.run([sys.executable, __file__, "--make", str(folder), str(returned)], check=True, cwd=ROOT)
            for command, argv in (("check", ["check", str(folder)]),
                                  ("collect", ["collect", str(folder), "--period", PERIOD, str(returned),
                                               "--partial"])):
                # the best of the runs: other processes on the machine only ever add time
                seconds, peak, code = min(measure(argv) for _ in range(runs))
                results[(rows, command)] = seconds
                print(f"{rows:>7} {command:>8} {seconds:>8.2f} {peak:>8.0f} {code:>4}")
    print_ratios(results, sizes, ("check", "collect"))
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        make_return(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main(sys.argv[1:])
