"""Our DOCX, XLSX and PDF writers against their peers on a synthetic nationwide annex; the issue's targets.

Usage: .venv/bin/python bench/peers.py [--rows 2000,10000] [--runs 3] [--formats docx,xlsx,pdf] [--skip-slow]
                                       [--large-pdf-runs N] [--everyday] [--libreoffice]
With no --formats and no --everyday it runs every format and the everyday case; --formats runs only those
formats, --everyday only the everyday case (both when both are given); --libreoffice adds LibreOffice's
conversion of our largest DOCX (40 s to 20 min). Every run is a fresh process (bench/peer_child.py); the
figures are the median of the runs and the largest max RSS (the process, and apart its largest child).
This script does no heavy work itself, not even making the input: Linux counts the parent's peak resident pages
into a child's max RSS (at exec), so a big parent would raise every child's figure to its own.
The input is bench/check_speed.py's made-up annex: N communes × 12 numeric columns, a two-row merged header,
a total and a comparison row; the peers write the same 14 columns and rows, the header as text.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this worktree's bench and reportgen

from bench import peer_everyday, peer_report  # noqa: E402
from bench.peer_report import HEADER, Measured, line, vi_int  # noqa: E402

CHILD = ROOT / "bench" / "peer_child.py"
FORMATS = ("docx", "xlsx", "pdf")
PEERS = {"docx": ("docxtpl", "python-docx"), "xlsx": ("openpyxl", "xlsxwriter"), "pdf": ("weasyprint",)}
SLOW = ("python-docx", "weasyprint")  # what --skip-slow skips above SLOW_ABOVE rows
SLOW_ABOVE = 2000


def run_child(job: str, source: Path, save: Path | None = None, rows: int | None = None) -> dict:
    command = [sys.executable, str(CHILD), job, str(source)] + (["--save", str(save)] if save else [])
    command += ["--rows", str(rows)] if rows else []
    run = subprocess.run(command, capture_output=True, text=True, cwd=tempfile.gettempdir())
    if run.returncode != 0:
        raise SystemExit(f"{job} on {source} failed:\n{run.stderr}")
    figures = json.loads(run.stdout.splitlines()[-1])
    module = figures.get("reportgen")
    if module and not Path(module).is_relative_to(ROOT):  # the figures would be another checkout's
        raise SystemExit(f"{job} imported reportgen from {module}, not from {ROOT}")
    return figures


class Inputs:
    """The synthetic input folder of each size, its table as JSON (the peers') and its HTML (WeasyPrint's)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp

    def folder(self, rows: int) -> Path:
        folder = self.tmp / f"rows-{rows}"
        if not folder.exists():
            run_child("input", folder, rows=rows)
        return folder

    def source(self, rows: int, writer: str) -> Path:
        if writer == "weasyprint":
            path = self.tmp / f"table-{rows}.html"
            if not path.exists():
                run_child("html", self.folder(rows), save=path)
            return path
        path = self.tmp / f"table-{rows}.json"
        if not path.exists():
            run_child("table", self.folder(rows), save=path)
        return path


def skip_reason(writer: str, rows: int, args) -> str | None:
    if writer == "docxtpl" and not args.docxtpl:
        return "docxtpl cannot be imported: pip install -e '.[bench]'"
    if args.skip_slow and writer in SLOW and rows > SLOW_ABOVE:
        return f"--skip-slow, above {vi_int(SLOW_ABOVE)} rows"
    return None


def runs_of(fmt: str, rows: int, args) -> int:
    return args.large_pdf_runs if fmt == "pdf" and rows > SLOW_ABOVE else args.runs


def measure(inputs: Inputs, fmt: str, rows: int, writer: str, runs: int) -> Measured:
    if writer == "reportgen":
        source, job = inputs.folder(rows), f"reportgen-{fmt}"
    else:
        source, job = inputs.source(rows, writer), writer
    measured = Measured(fmt, rows, writer, [run_child(job, source) for _ in range(runs)])
    print(line(measured), flush=True)
    return measured


def bench_tables(args, inputs: Inputs) -> None:
    results: dict[tuple, Measured] = {}
    skipped: dict[tuple, str] = {}
    print(HEADER, flush=True)
    for rows in args.rows:
        for fmt in args.formats:
            runs = runs_of(fmt, rows, args)
            results[(fmt, rows, "reportgen")] = measure(inputs, fmt, rows, "reportgen", runs)
            for writer in PEERS[fmt]:
                why = skip_reason(writer, rows, args)
                if why:
                    skipped[(fmt, rows, writer)] = why
                    print(f"{vi_int(rows):>7}  {fmt:<6} {peer_report.LABELS[writer]:<24} skipped: {why}", flush=True)
                else:
                    results[(fmt, rows, writer)] = measure(inputs, fmt, rows, writer, runs)
    _section("ratios to the peers (total: compose + write; a peer: its writing)",
             peer_report.ratio_lines(results, skipped))
    if len(args.rows) >= 2:
        _section("scaling", peer_report.scaling_lines(results, args.rows))
    _section("same input, same bytes (our writers)", peer_report.same_bytes_lines(results))
    _section("targets of issue #7 (medians; the bench never fails on them)", peer_report.target_lines(results))


def _section(title: str, lines: list[str]) -> None:
    print(f"\n{title}:")
    for text in lines:
        print(f"  {text}" if not text.startswith("  ") else text, flush=True)


def _arguments(argv: list[str] | None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="2000,10000", help="sizes, comma-separated (default 2000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per figure (default 3)")
    parser.add_argument("--large-pdf-runs", type=int, help="runs of the PDF (ours, WeasyPrint's) above 2.000 rows "
                                                           "(default --runs; each takes minutes today)")
    parser.add_argument("--formats", help="docx,xlsx,pdf or some of them (default all, with --everyday)")
    parser.add_argument("--skip-slow", action="store_true", help="skip python-docx add_row and one-document "
                                                                 "WeasyPrint above 2.000 rows")
    parser.add_argument("--everyday", action="store_true", help="the sample's build and export from the CLI")
    parser.add_argument("--libreoffice", action="store_true", help="soffice --convert-to pdf on our largest DOCX")
    args = parser.parse_args(argv)
    args.tables = args.formats is not None or not args.everyday
    args.everyday = args.everyday or args.formats is None
    args.formats = [f.strip() for f in (args.formats or ",".join(FORMATS)).split(",") if f.strip()]
    if unknown := [f for f in args.formats if f not in FORMATS]:
        parser.error(f"unknown formats {', '.join(unknown)}")
    args.rows = [int(n) for n in args.rows.split(",")]
    args.large_pdf_runs = args.large_pdf_runs or args.runs
    args.docxtpl = _importable("docxtpl")
    return args


def _importable(name: str) -> bool:
    """Asked of a child: importing docxtpl here would raise this process's peak, and with it every child's."""
    return subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True).returncode == 0


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    print(f"python {platform.python_version()}, {platform.machine()}, {len(_cores())} cores; reportgen from "
          f"{ROOT}; runs {args.runs} (PDF above {vi_int(SLOW_ABOVE)} rows: {args.large_pdf_runs}); {_load()}")
    if args.tables and not args.docxtpl:
        print("note: docxtpl cannot be imported, its peer is skipped (bench extra: pip install -e '.[bench]')")
    with tempfile.TemporaryDirectory(prefix="reportgen-peers-") as tmp:
        inputs = Inputs(Path(tmp))
        if args.tables:
            bench_tables(args, inputs)
        if args.everyday:
            (Path(tmp) / "everyday").mkdir()
            _section(f"everyday case, {peer_everyday.SAMPLE} (the CLI imports {peer_everyday.cli_module()})",
                     peer_everyday.everyday_lines(args.runs, run_child, Path(tmp) / "everyday"))
        if args.libreoffice:
            rows = max(args.rows)
            docx = Path(tmp) / f"bieu-{rows}.docx"
            run_child("reportgen-docx", inputs.folder(rows), save=docx)
            _section(f"LibreOffice on our {vi_int(rows)}-row DOCX", peer_everyday.libreoffice_lines(docx, Path(tmp)))
    print(f"\nend: {_load()}; max RSS of peers.py itself {vi_int(_own_mb())} MB (no child's figure can be lower)")


def _own_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load() -> str:
    """Another job on the machine slows every figure: the load average says whether one ran."""
    return "load average (1, 5, 15 min) " + " / ".join(f"{v:.2f}" for v in os.getloadavg()).replace(".", ",")


def _cores():
    return os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)


if __name__ == "__main__":
    main()
