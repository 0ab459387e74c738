"""Prints how long `reportgen check` takes, and its peak memory, on a synthetic nationwide annex.

Usage: .venv/bin/python bench/check_speed.py [ROWS ...]   (default 2000 10000)
The input is generated in a temporary folder (made-up data: N communes × 12 numeric columns as
6 grouped indicators, a total row and a comparison row), read once from YAML and once from XLSX.
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from openpyxl import Workbook

INDICATORS = 6


def make_data(rows: int) -> tuple[list[list[int]], list[int]]:
    """`rows` lines of 12 made-up counts (6 indicators × last year, this year) and their column totals."""
    rng = random.Random(rows)
    data = [[rng.randint(0, 50) for _ in range(INDICATORS * 2)] for _ in range(rows)]
    for values in data:  # cumulative: the later year is not below the earlier
        for i in range(0, len(values), 2):
            values[i + 1] = max(values[i + 1], values[i])
    return data, [sum(col) for col in zip(*data)]


def annex_columns() -> list[dict]:
    columns = [{"id": "tt", "header": "TT", "type": "index"}, {"id": "unit", "header": "Xã", "type": "unit"}]
    for i in range(INDICATORS):
        columns.append({"id": f"chi_tieu_{i}", "header": f"Chỉ tiêu {i + 1}", "measure": "xã", "cumulative": True,
                        "columns": [{"id": "truoc", "header": "Năm trước", "type": "count", "aggregate": "sum"},
                                    {"id": "sau", "header": "Năm sau", "type": "count", "aggregate": "sum"}]})
    return columns


def make_input(folder: Path, rows: int, as_xlsx: bool) -> None:
    data, totals = make_data(rows)
    columns = annex_columns()
    changes = {f"chi_tieu_{i}": _change(totals[2 * i], totals[2 * i + 1]) for i in range(INDICATORS)}
    annex = {"id": "01", "label": "Biểu 01", "title": "BIỂU THỬ", "key": ["unit"],
             "periods": {"from": "truoc", "to": "sau"}, "columns": columns,
             "total": {"label": "Tổng cộng"}, "comparison": {"label": "So sánh"}}
    if as_xlsx:
        annex["source"] = "bieu.xlsx"
        _workbook(folder / "bieu.xlsx", columns, data, totals, changes)
    else:
        annex["rows"] = [{"unit": f"Xã số {n + 1}", **{f"chi_tieu_{i}": v[2 * i:2 * i + 2] for i in range(INDICATORS)}}
                         for n, v in enumerate(data)]
        annex["total"]["values"] = {f"chi_tieu_{i}": totals[2 * i:2 * i + 2] for i in range(INDICATORS)}
        annex["comparison"]["values"] = changes
    (folder / "bieu-01.yaml").write_text(yaml.safe_dump(annex, allow_unicode=True), encoding="utf-8")
    write_document(folder, ["bieu-01.yaml"])


def write_document(folder: Path, annexes: list[str]) -> None:
    """The plan's van-ban.yaml over `annexes` and a one-line narrative on Biểu 01's first indicator."""
    (folder / "noi-dung.md").write_text("Tăng {{ tang(bieu01.chi_tieu_0) }} xã.\n", encoding="utf-8")
    document = {"kind": "ke_hoach", "issuing_body": ["UBND TỈNH THỬ"], "issuing_body_name": "UBND tỉnh Thử",
                "number": 1, "symbol": "KH-UBND", "place": "Thử", "date": "2024-01-02", "subject": "Thử",
                "signer": {"title": ["CHỦ TỊCH"], "name": "Nguyễn Văn A"}, "recipients": ["Như trên"],
                "archive": "VT", "narrative": "noi-dung.md", "annexes": annexes}
    text = yaml.safe_dump(document, allow_unicode=True).replace("'2024-01-02'", "2024-01-02")
    (folder / "van-ban.yaml").write_text(text, encoding="utf-8")


def _change(before: int, after: int) -> str:
    return "Không đổi" if after == before else f"{'Tăng' if after > before else 'Giảm'} {abs(after - before)} xã"


def _workbook(path: Path, columns, data, totals, changes) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Biểu 01"
    ws.append(["TT", "Xã"] + [c["header"] for c in columns[2:] for _ in range(2)])
    ws.append([None, None] + ["Năm trước", "Năm sau"] * INDICATORS)
    for n, values in enumerate(data, start=1):
        ws.append([n, f"Xã số {n}"] + values)
    ws.append(["Tổng cộng", None] + totals)
    ws.append(["So sánh", None] + [text for change in changes.values() for text in (change, None)])
    book.save(path)


def measure(folder: Path) -> tuple[float, float, int]:
    code = ("import resource,sys,time;from reportgen.cli import main;t=time.perf_counter();"
            f"c=main(['check',{str(folder)!r}]);"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, c, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    seconds, peak_kib, exit_code = run.stderr.split()[-3:]
    return float(seconds), int(peak_kib) / 1024, int(exit_code)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 10000]
    print(f"{'rows':>7} {'source':>6} {'seconds':>8} {'peak MB':>8} {'exit':>4}")
    results = {}
    for rows in sizes:
        for as_xlsx in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                make_input(folder, rows, as_xlsx)
                seconds, peak, code = measure(folder)
            source = "xlsx" if as_xlsx else "yaml"
            results[(rows, source)] = seconds
            print(f"{rows:>7} {source:>6} {seconds:>8.2f} {peak:>8.0f} {code:>4}")
    print_ratios(results, sizes, ("yaml", "xlsx"))
    print(f"python {sys.version.split()[0]}, max RSS of this script {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


def print_ratios(results: dict, sizes: list[int], names) -> None:
    """For each name, what the largest size costs against the smallest, beside the linear ratio."""
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for name in names:
            ratio = results[(large, name)] / results[(small, name)]
            print(f"{name}: {large} rows cost {ratio:.1f}× {small} rows (linear would be {large / small:.1f}×)")


if __name__ == "__main__":
    main()
