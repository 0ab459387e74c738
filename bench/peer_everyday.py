"""The everyday case (the sample built and exported from the command line) and LibreOffice on our big DOCX."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.peer_report import vi, vi_int

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "inputs/bac-giang-2020"  # relative to ROOT, as a clerk types it
LO_PROFILE = "file:///tmp/lo-bench-profile"


def cli_env() -> dict[str, str]:
    """PYTHONPATH puts this worktree's reportgen before the one the virtualenv's entry point was installed from."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "reportgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]


def cli_module() -> str:
    code = "import reportgen; print(reportgen.__file__)"
    return subprocess.run([sys.executable, "-c", code], env=cli_env(), cwd=tempfile.gettempdir(),
                          capture_output=True, text=True, check=True).stdout.strip()


def timed_process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and max RSS in MB of a command; wait4 gives the largest of it and the children it waited for."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # waited already: Popen must not wait again
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def median_of(command_for_run, runs: int) -> tuple[float, float]:
    """The median wall time of `runs` new processes, and the largest max RSS among them."""
    figures = [timed_process(command_for_run(run), cli_env()) for run in range(runs)]
    return statistics.median(s for s, _ in figures), max(mb for _, mb in figures)


def everyday_lines(runs: int, run_child, tmp: Path) -> list[str]:
    """`reportgen build` cold and warm, `reportgen export --by-unit` with one and two jobs, on the sample."""
    cli = cli_command()
    build, build_mb = median_of(lambda n: cli + ["build", SAMPLE, "-o", str(tmp / f"build-{n}")], runs)
    warm = run_child("warm-build", ROOT / SAMPLE, save=tmp / "warm")
    exports = {jobs: median_of(lambda n: cli + ["export", SAMPLE, "--by-unit", "-o", str(tmp / f"export-{jobs}-{n}"),
                                                "--jobs", str(jobs)], runs) for jobs in (1, 2)}
    files = sum(1 for p in (tmp / "export-1-0").rglob("*") if p.is_file())
    return [f"  reportgen build (docx, pdf, xlsx), new process          {vi(build):>6} s  median of {runs}, "
            f"peak {vi_int(build_mb)} MB",
            f"  pipeline.build_folder again in one process (warm)     {vi(statistics.median(warm['warm'])):>6} s  "
            f"median of {len(warm['warm'])} after a first call of {vi(warm['first'])} s",
            *(f"  reportgen export --by-unit --jobs {jobs} ({files} files)      {vi(s):>6} s  median of {runs}, "
              f"largest process {vi_int(mb)} MB" for jobs, (s, mb) in exports.items()),
            f"  --jobs 2 is {vi(exports[1][0] / exports[2][0])}× --jobs 1"]


def libreoffice_lines(docx: Path, tmp: Path) -> list[str]:
    """soffice --convert-to pdf on our DOCX, timed; its pages counted with pypdf."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return ["  soffice not found: skipped (scripts/setup.sh installs libreoffice-writer-nogui)"]
    profile_existed = Path(LO_PROFILE.removeprefix("file://")).exists()
    out = tmp / "lo"
    seconds, mb = timed_process([soffice, "--headless", f"-env:UserInstallation={LO_PROFILE}", "--convert-to", "pdf",
                                 "--outdir", str(out), str(docx)])
    pdf = out / f"{docx.stem}.pdf"
    try:
        from pypdf import PdfReader
        pages = f"{len(PdfReader(pdf).pages)} pages"
    except ImportError:
        pages = "pages not counted (pypdf, of the test extra, is not installed)"
    profile = "existing profile" if profile_existed else "new profile, made in this run"
    return [f"  soffice --convert-to pdf {docx.name} ({vi_int(docx.stat().st_size / 1024)} KB): {vi(seconds, 1)} s, "
            f"{pages}, {vi_int(pdf.stat().st_size / 1024)} KB, peak {vi_int(mb)} MB ({profile})"]
