"""Prints how long `reportgen forms` takes, and its peak memory, for one form per commune of a synthetic nationwide
annex, on one worker and on every core; beside it `reportgen check` of the same rows.

Usage: .venv/bin/python bench/forms_speed.py [ROWS ...]   (default 2000 10000)
The input is bench/check_speed.py's made-up annex (N communes × 6 cumulative indicators) in a temporary folder;
each command runs in a new process. Peak memory: the largest resident set of the main process and of any worker.
CPU seconds (the process and its workers) show the work itself: wall time also waits for the disk, as every file
and manifest is flushed (fsync) before it is renamed into place, and a shared disk makes that wait vary.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.check_speed import make_input  # noqa: E402  (bench/ is run as a script)
from reportgen.write.cores import usable_cores  # noqa: E402


def measure(arguments: list[str]) -> tuple[float, float, float, float, int]:
    """Seconds of main(arguments) after imports (wall, and CPU of the process and its workers), peak MB of the
    process and of its largest worker, exit code."""
    code = ("import resource,sys,time;from reportgen.cli import main;r=resource.getrusage;"
            "u=lambda w:r(w).ru_utime+r(w).ru_stime;c0=u(resource.RUSAGE_SELF);t=time.perf_counter();"
            f"c=main({arguments!r});s=time.perf_counter()-t;"
            "cpu=u(resource.RUSAGE_SELF)-c0+u(resource.RUSAGE_CHILDREN);"
            "print(s,cpu,r(resource.RUSAGE_SELF).ru_maxrss,r(resource.RUSAGE_CHILDREN).ru_maxrss,c,file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    seconds, cpu, own, child, exit_code = run.stderr.split()[-5:]
    return float(seconds), float(cpu), int(own) / 1024, int(child) / 1024, int(exit_code)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 10000]
    cores = usable_cores()
    print(f"{'rows':>6} {'command':<24} {'seconds':>8} {'CPU s':>8} {'peak MB':>8} {'worker MB':>9} {'files':>6}")
    times: dict[tuple[int, str], tuple[float, float]] = {}
    for rows in sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp) / "plan"
            folder.mkdir()
            make_input(folder, rows, as_xlsx=False)
            runs = [("check", ["check", str(folder)])]
            for jobs in dict.fromkeys((1, cores)):
                runs.append((f"forms --jobs {jobs}", ["forms", str(folder), "--period", "2024-Q2", "-o",
                                                     str(Path(temp) / f"out{jobs}"), "--jobs", str(jobs)]))
            for name, arguments in runs:
                seconds, cpu, own, child, code = measure(arguments)
                out = Path(temp) / f"out{arguments[-1]}"
                files = len(list(out.rglob("*.xlsx"))) if name.startswith("forms") else 0
                assert code == 0, (name, code)
                times[(rows, name)] = (seconds, cpu)
                print(f"{rows:>6} {name:<24} {seconds:8.2f} {cpu:8.2f} {own:8.0f} {child:9.0f} {files:>6}"
                      .replace(".", ","))
    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        for name in sorted({n for _, n in times}):
            if (small, name) in times and (large, name) in times:
                wall, cpu = (times[(large, name)][i] / times[(small, name)][i] for i in (0, 1))
                print(f"{name}: {large} rows cost {wall:.1f}× the {small}-row time, {cpu:.1f}× its CPU "
                      f"(linear: {large / small:.1f}×)".replace(".", ","))


if __name__ == "__main__":
    main()
