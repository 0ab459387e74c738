"""Prints seconds and peak memory of each export format: the sample's annexes, and a synthetic nationwide annex.

Usage: .venv/bin/python bench/export_speed.py [--rows 2000,10000] [--formats xlsx,docx,pdf]
(the PDF of 10.000 rows takes minutes and GBs: see the performance issue; `--formats xlsx,docx` skips it)
Each figure is one writer in a new process (after load, check and compose, which are timed apart), so its peak
memory is that format's own. The synthetic annex is made up (N communes × 12 numeric columns as 6 grouped
indicators, a total row and a comparison row: bench/check_speed.py's generator). The ratio of the largest to the
smallest size shows whether the cost grows linearly.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "inputs" / "bac-giang-2020"


def child(folder: Path, fmt: str) -> None:
    """In a new process: compose every annex of the folder standing alone, then time one writer."""
    from reportgen import pipeline
    from reportgen.compose.document import compose_annexes
    from reportgen.write.formats import render
    started = time.perf_counter()
    plan = pipeline.check_folder(folder).plan
    checked = time.perf_counter()
    document = compose_annexes(plan, list(plan.annexes), "bench")
    composed = time.perf_counter()
    data = render(document, fmt)
    written = time.perf_counter()
    print(json.dumps({"check": checked - started, "compose": composed - checked, "write": written - composed,
                      "bytes": len(data), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def peer(folder: Path) -> None:
    """In a new process: the same table written cell by cell with openpyxl (the naive peer of the XLSX writer),
    each cell with the font, border and number format ours has."""
    import io
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side
    from reportgen import pipeline
    from reportgen.compose.document import compose_annexes
    from reportgen.tree.nodes import Num, Table
    plan = pipeline.check_folder(folder).plan
    document = compose_annexes(plan, list(plan.annexes), "bench")
    started = time.perf_counter()
    book = Workbook()
    ws = book.active
    font, thin = Font(name="Times New Roman", size=12), Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for section in document.sections:
        for table in (b for b in section.blocks if isinstance(b, Table)):
            for number, row in enumerate(table.header + table.body, start=1):
                for column, cell in enumerate(row.cells, start=1):
                    item = cell.content[0] if cell.content else None
                    value = float(item.value) if isinstance(item, Num) else getattr(item, "text", None)
                    target = ws.cell(number, column, value)
                    target.font, target.border = font, border
                    if isinstance(item, Num):
                        target.number_format = "#,##0"
    book.save(io.BytesIO())
    print(json.dumps({"check": 0, "compose": 0, "write": time.perf_counter() - started, "bytes": 0,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def measure(folder: Path, fmt: str) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", str(folder), fmt], capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(run.stderr)
    return json.loads(run.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="2000,10000")
    parser.add_argument("--formats", default="xlsx,docx,pdf")
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        return peer(Path(args.child[0])) if args.child[1] == "openpyxl" else child(Path(args.child[0]), args.child[1])
    formats, sizes = args.formats.split(","), [int(n) for n in args.rows.split(",")]
    print(f"{'input':>14} {'format':>8} {'check s':>8} {'compose s':>9} {'write s':>8} {'KB':>7} {'peak MB':>8}")
    _row("sample", formats, SAMPLE)
    seconds: dict[tuple[int, str], float] = {}
    for rows in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            from bench.check_speed import make_input
            make_input(Path(tmp), rows, as_xlsx=False)
            for fmt, figures in _row(f"{rows} rows", formats, Path(tmp)).items():
                seconds[(rows, fmt)] = figures["write"]
            if "xlsx" in formats:
                naive = _row(f"{rows} rows", ["openpyxl"], Path(tmp))["openpyxl"]["write"]
                print(f"{'':>14} xlsx is {naive / seconds[(rows, 'xlsx')]:.1f}× faster than openpyxl cell by cell"
                      .replace(".", ","))
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for fmt in formats:
            ratio = seconds[(large, fmt)] / seconds[(small, fmt)]
            print(f"{fmt}: {large} rows cost {ratio:.2f}× {small} rows to write (linear: {large / small:.1f}×)"
                  .replace(".", ","))
    print(f"python {sys.version.split()[0]}")


def _row(label: str, formats: list[str], folder: Path) -> dict[str, dict]:
    results = {}
    for fmt in formats:
        figures = results[fmt] = measure(folder, fmt)
        peer = fmt == "openpyxl"  # only its write is timed: the other columns stay blank
        check, compose = ("", "") if peer else (f"{figures['check']:.2f}", f"{figures['compose']:.2f}")
        size = "" if peer else str(figures["bytes"] // 1024)
        print(f"{label:>14} {fmt:>8} {check:>8} {compose:>9} {figures['write']:>8.2f} {size:>7} "
              f"{figures['peak_mb']:>8.0f}".replace(".", ","))
    return results


if __name__ == "__main__":
    main()
