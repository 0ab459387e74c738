"""bench/peers.py still runs: our path and the python-docx and openpyxl peers on a tiny annex, docxtpl absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_peers_bench_runs_without_docxtpl(tmp_path: Path) -> None:
    # CI installs only .[test]: a docxtpl that cannot be imported stands in for it here, where it may be installed.
    (tmp_path / "docxtpl").mkdir()
    (tmp_path / "docxtpl" / "__init__.py").write_text("raise ImportError('hidden by tests/test_bench.py')\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "peers.py"), "--rows", "30,60", "--runs", "1",
                          "--formats", "docx,xlsx", "--skip-slow"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "docxtpl cannot be imported" in out
    for size in ("30", "60"):
        for fmt, writer in (("docx", "reportgen"), ("docx", "python-docx add_row"), ("xlsx", "reportgen"),
                            ("xlsx", "openpyxl cell by cell"), ("xlsx", "XlsxWriter plain")):
            assert any(line.split()[:3] == [size, fmt, writer.split()[0]] for line in out.splitlines()), (size, writer)
    assert "docx 60: reportgen" in out and "python-docx add_row" in out
    assert "xlsx: 60 rows cost" in out
    assert "n/a   DOCX 10.000 rows ≤ 1 s" in out  # targets are set at 10.000 rows only


def test_forms_bench_runs_at_a_small_size() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "forms_speed.py"), "5", "10"], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert any(line.split()[:4] == ["10", "forms", "--jobs", "1"] and line.split()[-1] == "10" for line in lines)
    assert "forms --jobs 1: 10 rows cost" in run.stdout


def test_collect_bench_runs() -> None:
    """bench/collect_speed.py on a tiny return: the form is written, filled, collected (exit 0) beside check."""
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "collect_speed.py"), "--runs", "1", "20", "40"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    lines = [line.split() for line in run.stdout.splitlines()]
    assert [line[:2] + line[-1:] for line in lines if line and line[0] in ("20", "40")] == [
        ["20", "check", "0"], ["20", "collect", "0"], ["40", "check", "0"], ["40", "collect", "0"]]
    assert "collect: 40 rows cost" in run.stdout
