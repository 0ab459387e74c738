"""Prints how `reportgen check` time grows with unclosed `<!--` and `{{` in a narrative (issue #19 item 13).

Usage: .venv/bin/python bench/bad_input_scaling.py [SIZE ...]   (default 5000 10000 20000)
       .venv/bin/python bench/bad_input_scaling.py --timeout 60 10000 90000

Each case copies the sample (inputs/bac-giang-2020) to a temporary folder, appends SIZE copies of a bad
snippet to the plan's narrative (or, for the "report" cases, to the Q2 report's narrative) and runs
`check` (or `report --period 2020-Q2`) in a new process; seconds are wall time of `main([...])` after
imports. The ratio column compares each size with the previous one: linear work doubles when the size
doubles, quadratic work quadruples.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "bac-giang-2020"

# name: (snippet appended SIZE times, where)
CASES = {
    "<!-- one line": ("<!-- ", "plan"),
    "<!-- a line each": ("<!--\n", "plan"),
    "{{ one line": ("{{ ", "plan"),
    "{{ a line each": ("{{\n", "plan"),
    "report <!--": ("<!-- ", "report"),
    "report {{ a line each": ("{{\n", "report"),
}


def make_input(folder: Path, snippet: str, size: int, where: str) -> list[str]:
    shutil.copytree(SAMPLE, folder)
    narrative = folder / ("noi-dung.md" if where == "plan" else "bao-cao-2020-q2/noi-dung.md")
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n" + snippet * size, encoding="utf-8")
    if where == "plan":
        return ["check", str(folder), "--json"]
    return ["report", str(folder), "--period", "2020-Q2", "-o", str(folder.parent / "ra")]


def measure(arguments: list[str], timeout: float) -> tuple[float | None, int | None]:
    code = ("import sys,time;from reportgen.cli import main;t=time.perf_counter();"
            f"c=main({arguments!r});print(time.perf_counter()-t, c, file=sys.stderr)")
    try:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                             cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None, None
    seconds, exit_code = run.stderr.split()[-2:]
    return float(seconds), int(exit_code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000, 10000, 20000])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as no answer")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    args = parser.parse_args()
    print(f"{'case':<24} {'size':>7} {'seconds':>8} {'× prev':>7} exit")
    for name in args.cases.split(","):
        snippet, where = CASES[name]
        previous = None
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as tmp:
                seconds, code = measure(make_input(Path(tmp) / "dau-vao", snippet, size, where), args.timeout)
            if seconds is None:
                print(f"{name:<24} {size:>7} {'> ' + str(int(args.timeout)):>8} {'':>7} (no answer)")
                break
            ratio = f"{seconds / previous:.1f}" if previous else ""
            print(f"{name:<24} {size:>7} {seconds:>8.2f} {ratio:>7} {code}")
            previous = seconds
    print(f"# {time.strftime('%Y-%m-%d')}, {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
