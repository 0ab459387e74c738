"""A run among others and at the process's edges: one writer per output folder, signals, narrow streams, too many
jobs, the OS's errors in Vietnamese, --version, a build's progress, and README's exit codes as the code has them."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.conftest import ROOT, SAMPLE
from tests.test_export import folder_consistent

PYTHON = [sys.executable, "-m", "reportgen"]


def until(condition, seconds: float = 60.0, what: str = "") -> None:
    """Polls `condition` (never a blind sleep) and fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what}")
        time.sleep(0.02)


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def hidden(out: Path) -> list[Path]:
    return [p for p in out.rglob(".*")]


# One writer per output folder (issue #19 item 8) ---------------------------------------------

def test_a_build_waits_while_another_run_holds_the_output_folder(tmp_path):
    from reportgen.output.lock import LOCK_NAME, output_lock

    out, err = tmp_path / "out", tmp_path / "err.txt"
    with output_lock(out):
        with err.open("w") as stream:
            child = subprocess.Popen(PYTHON + ["build", str(SAMPLE), "-o", str(out), "--format", "docx"],
                                     stdout=subprocess.DEVNULL, stderr=stream)
        try:
            until(lambda: "Đang chờ" in err.read_text(encoding="utf-8"), what="the build says it waits")
            assert child.poll() is None and sorted(p.name for p in out.iterdir()) == [LOCK_NAME]
        except BaseException:
            child.kill()
            raise
    assert child.wait(timeout=60) == 0
    assert f"một lần chạy reportgen khác đang ghi vào {out}" in err.read_text(encoding="utf-8")
    assert folder_consistent(out) and not hidden(out)


def test_concurrent_builds_into_one_folder_all_succeed_and_agree(tmp_path):
    out = tmp_path / "out"
    command = PYTHON + ["build", str(SAMPLE), "-o", str(out), "--format", "docx,xlsx"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    for run in runs:
        run.stdout.close(), run.stderr.close()
    assert [code for code, _ in results] == [0] * 4, results
    assert folder_consistent(out) and not hidden(out)


@pytest.mark.parametrize("folder_a, folder_b", [("x", "y"), ("x/sub", "x")])
def test_leaving_one_folders_lock_leaves_another_folders_staged_files(tmp_path, monkeypatch, folder_a, folder_b):
    """Two writes in one process (the page's threads): B entering and leaving the lock on folder Y while A, holding
    X, has a file staged must not sweep A's file, and A's write completes whole. Y may even hold X."""
    import threading

    from reportgen.output import files
    from reportgen.output.files import Output, write_outputs
    from reportgen.output.lock import output_lock

    x, y = tmp_path / folder_a, tmp_path / folder_b
    staged, go, result = threading.Event(), threading.Event(), {}
    real = files._staged

    def slow(path: Path, data: bytes) -> Path:  # A pauses once its first file is staged
        temp = real(path, data)
        if path.parent == x and not staged.is_set():
            result["temp"] = temp
            staged.set()
            go.wait(30)
        return temp
    monkeypatch.setattr(files, "_staged", slow)

    def write_x() -> None:
        try:
            with output_lock(x):
                result["paths"] = write_outputs(x, [Output("a.txt", "txt", "k", b"A")], b"{}")
        except BaseException as error:  # the thread's failure, for the assert below
            result["error"] = error
    a = threading.Thread(target=write_x)
    a.start()
    try:
        assert staged.wait(30), "A never staged a file"
        with output_lock(y):
            pass
        assert result["temp"].exists(), "leaving Y's lock swept X's staged file"
    finally:
        go.set()
        a.join(30)
    assert "error" not in result, result.get("error")
    assert (x / "a.txt").read_bytes() == b"A" and (x / "manifest.json").read_bytes() == b"{}"
    assert not hidden(x) and not hidden(y)


# Signals (items 9 and 10) ---------------------------------------------------------------------

def _export_cut_short(sample: Path, out: Path, send) -> tuple[subprocess.Popen, str]:
    """An export of every district, cut by `send(child)` once two districts are written; its stderr."""
    command = PYTHON + ["export", str(sample), "-o", str(out), "--format", "docx,pdf", "--by-unit", "--jobs", "2"]
    started = time.time()
    child = subprocess.Popen(command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        until(lambda: child.poll() is not None
              or len([m for m in out.glob("*/manifest.json") if m.stat().st_mtime >= started]) >= 2,
              120, "two districts written")
        assert child.poll() is None, "the export finished before it could be cut short"
        send(child)
        _, err = child.communicate(timeout=30)  # returns once nobody holds the pipes: no worker outlived it
        until(lambda: group_gone(child.pid), 10, "every worker ended")
    finally:
        if not group_gone(child.pid):
            os.killpg(child.pid, signal.SIGKILL)
    return child, err


@pytest.mark.parametrize("signum, code, name", [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "tín hiệu SIGTERM")])
def test_a_signal_ends_an_export_quietly_with_workers_ended_and_temp_files_swept(sample, tmp_path, signum, code,
                                                                                 name):
    """Ctrl-C reaches the terminal's whole process group; SIGTERM (kill, systemd) the caller only."""
    out = tmp_path / "out"
    if signum == signal.SIGINT:
        child, err = _export_cut_short(sample, out, lambda c: os.killpg(c.pid, signal.SIGINT))
    else:
        child, err = _export_cut_short(sample, out, lambda c: c.send_signal(signal.SIGTERM))
    said = [line for line in err.splitlines() if not line.startswith("Đã xuất")]
    assert child.returncode == code and "Traceback" not in err
    assert len(said) == 1 and said[0].startswith(f"reportgen: đã dừng theo {name}")
    assert not hidden(out)
    assert all(folder_consistent(folder) for folder in out.iterdir() if (folder / "manifest.json").exists())


STUCK_CHILD = """
import sys, time
from pathlib import Path
from reportgen.output import batch
from reportgen.cli import main

real = batch.render
def stuck(document, fmt, options):  # a PDF that would take an hour: only ending the worker ends it
    if fmt == "pdf":
        Path(sys.argv[3], str(time.monotonic_ns())).touch()
        time.sleep(3600)
    return real(document, fmt, options)
batch.render = stuck
if sys.argv[4] == "cli":
    sys.exit(main(["export", sys.argv[1], "-o", sys.argv[2], "--format", "xlsx,pdf", "--by-unit", "--jobs", "2"]))
from reportgen import pipeline  # called as a library: Python's own KeyboardInterrupt, no handler of the CLI
pipeline.export_folder(Path(sys.argv[1]), Path(sys.argv[2]), ("xlsx", "pdf"), (), True, 2)
"""


@pytest.mark.parametrize("signum, code, caller", [(signal.SIGINT, 130, "cli"), (signal.SIGTERM, 143, "cli"),
                                                  (signal.SIGINT, -signal.SIGINT, "library")])
def test_workers_busy_with_a_long_document_are_ended_not_waited_for(tmp_path, signum, code, caller):
    """The CLI ends its children when a signal comes; the batch ends its workers whenever it is cut short (a
    library caller's KeyboardInterrupt too), and its workers leave Ctrl-C to the caller (no traceback of theirs)."""
    started = tmp_path / "started"
    started.mkdir()
    child = subprocess.Popen([sys.executable, "-c", STUCK_CHILD, str(SAMPLE), str(tmp_path / "out"), str(started),
                              caller],
                             start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT)
    try:
        until(lambda: len(list(started.iterdir())) >= 2 or child.poll() is not None, 120, "both workers busy")
        os.killpg(child.pid, signum) if signum == signal.SIGINT else child.send_signal(signum)
        _, err = child.communicate(timeout=30)
        until(lambda: group_gone(child.pid), 10, "every worker ended")
    finally:
        if not group_gone(child.pid):
            os.killpg(child.pid, signal.SIGKILL)
    if caller == "cli":
        assert child.returncode == code and "Traceback" not in err
    else:  # Python's own report of the interrupt, once: none from a worker
        assert child.returncode == code and err.count("Traceback") == 1 and "KeyboardInterrupt" in err
    assert not hidden(tmp_path / "out")


def test_a_signal_between_two_renames_leaves_the_folder_as_it_was(sample, tmp_path, monkeypatch, capsys):
    from reportgen.cli.signals import Stopped
    from reportgen.output import files
    from tests.conftest import replace_once

    out = tmp_path / "out"
    assert main(["build", str(sample), "-o", str(out), "--format", "docx,xlsx"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    replace_once(sample / "noi-dung.md", "như sau:", "như sau (sửa):")
    real, calls = files.os.replace, []

    def cut(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise Stopped(signal.SIGINT)
        real(source, target)
    monkeypatch.setattr(files.os, "replace", cut)
    assert main(["build", str(sample), "-o", str(out), "--format", "docx,xlsx"]) == 130
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before and len(calls) > 2  # the first put back


# Streams that cannot carry Vietnamese (item 12) --------------------------------------------

def _run_with(encoding: str | None, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PYTHONIOENCODING", None)
    if encoding:
        env["PYTHONIOENCODING"] = encoding
    return subprocess.run(PYTHON + list(args), capture_output=True, env=env, timeout=120)


@pytest.mark.parametrize("encoding", ["cp1258", "ascii"])
def test_a_stream_without_vietnamese_letters_degrades_and_the_exit_code_stays(tmp_path, encoding):
    import unicodedata

    plain = _run_with(None, "build", str(SAMPLE), "-o", str(tmp_path / "a"), "--format", "docx")
    narrow = _run_with(encoding, "build", str(SAMPLE), "-o", str(tmp_path / "b"), "--format", "docx")
    assert plain.returncode == narrow.returncode == 0 and narrow.stderr == b""
    text = narrow.stdout.decode(encoding)
    expected = plain.stdout.decode("utf-8").replace(str(tmp_path / "a"), str(tmp_path / "b"))
    if encoding == "cp1258":  # the code page carries Vietnamese as letters and combining marks: nothing lost
        assert unicodedata.normalize("NFC", text) == expected
    else:
        assert text.startswith("Da viet 2 tep vao ")


def test_json_to_an_ascii_stream_is_the_same_data(tmp_path):
    plain = _run_with(None, "check", str(SAMPLE), "--json")
    narrow = _run_with("ascii", "check", str(SAMPLE), "--json")
    assert plain.returncode == narrow.returncode == 0
    assert json.loads(narrow.stdout.decode("ascii")) == json.loads(plain.stdout.decode("utf-8"))


def test_a_failed_check_on_an_ascii_stream_still_exits_1(sample):
    from tests.conftest import replace_once

    replace_once(sample / "bieu-01.yaml", "xa_ntm: [101, 124]", "xa_ntm: [101, 125]")
    narrow = _run_with("ascii", "check", str(sample))
    assert narrow.returncode == 1 and narrow.stderr == b"" and b"[KHONG DAT]" in narrow.stdout


# Too many jobs (item 14), the OS's words (item 20), --version ----------------------------------

def test_jobs_beyond_the_cores_are_lowered_and_said(tmp_path):
    from reportgen.pipeline import usable_cores

    started = time.monotonic()
    done = _run_with(None, "export", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "xlsx", "--by-unit",
                     "--jobs", "600")
    assert done.returncode == 0, done.stderr.decode()
    assert (f"--jobs 600 nhiều hơn số lõi máy dùng được ({usable_cores()}): chạy {usable_cores()} tiến trình"
            in done.stderr.decode())
    assert time.monotonic() - started < 60


def test_workers_are_bounded_by_the_jobs(tmp_path, monkeypatch):
    from reportgen.output import batch

    asked = []
    real = batch.ProcessPoolExecutor

    def recording(max_workers, **kwargs):
        asked.append(max_workers)
        return real(max_workers=max_workers, **kwargs)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", recording)
    monkeypatch.setattr("reportgen.pipeline.usable_cores", lambda: 64)
    monkeypatch.setattr("reportgen.cli.usable_cores", lambda: 64)
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "xlsx", "--annex", "01,03",
                 "--jobs", "50"]) == 0
    assert asked == [2]  # two files, two workers: not fifty


def test_a_folder_where_a_file_should_go_is_said_in_vietnamese_with_its_path(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "ke-hoach-552-kh-bcd.docx").mkdir(parents=True)
    assert main(["build", str(SAMPLE), "-o", str(out), "--format", "docx"]) == 73
    err = capsys.readouterr().err
    assert f"Không ghi được tệp {out / 'ke-hoach-552-kh-bcd.docx'}: đây là một thư mục, không phải tệp [EISDIR]" in err
    assert "Is a directory" not in err and not hidden(out)


def test_an_output_folder_that_is_a_file_is_said_in_vietnamese(tmp_path, capsys):
    blocker = tmp_path / "out"
    blocker.write_text("một tệp", encoding="utf-8")
    assert main(["build", str(SAMPLE), "-o", str(blocker), "--format", "docx"]) == 73
    err = capsys.readouterr().err
    assert f"Không ghi được tệp {blocker}: đã có một tệp hoặc thư mục trùng tên [EEXIST]" in err
    assert "File exists" not in err


def test_every_errno_the_table_names_exists():
    import errno

    from reportgen.vi import _OS_REASONS, os_error_text
    assert all(hasattr(errno, name) for name in _OS_REASONS)
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device")) == "ổ đĩa đã đầy [ENOSPC]"


def test_version(capsys):
    import tomllib

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert exit_.value.code == 0 and capsys.readouterr().out == f"reportgen {version}\n"


def test_an_output_symlinked_onto_an_input_is_refused_for_a_report(sample, tmp_path, capsys):
    """The report's outputs, by a symlink named as its DOCX, would land on the plan's narrative: refused."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "bao-cao-98-bc-bcd-2020-q2.docx").symlink_to(sample / "noi-dung.md")
    before = (sample / "noi-dung.md").read_bytes()
    assert main(["report", str(sample), "--period", "2020-Q2", "-o", str(out)]) == 64
    assert f"tệp đầu vào {sample / 'noi-dung.md'}" in capsys.readouterr().err
    assert (sample / "noi-dung.md").read_bytes() == before and sorted(os.listdir(out)) == [
        "bao-cao-98-bc-bcd-2020-q2.docx"]


# A build's progress (must-be-true 5) --------------------------------------------------------

class Terminal:
    """A stderr that says it is a terminal and keeps what was drawn."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_a_build_shows_each_format_under_way_on_a_terminal(tmp_path, monkeypatch, capsys):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "docx,xlsx"]) == 0
    drawn = "".join(screen.parts)
    assert "Viết 0/2: DOCX" in drawn and "Viết 1/2: XLSX" in drawn and "Viết 2/2: manifest.json" in drawn


def test_a_long_step_is_redrawn_with_its_time(monkeypatch):
    from reportgen.cli.progress import steps_display

    screen = Terminal()
    with steps_display(screen, tick=0.01) as show:
        show(1, 3, "PDF")
        drawn = len(screen.parts)
        until(lambda: len(screen.parts) > drawn + 2, 10, "the bar redrawn while the PDF is laid out")


def test_nothing_is_drawn_for_a_build_in_a_log(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "-o", str(tmp_path / "out"), "--format", "docx"]) == 0
    assert capsys.readouterr().err == ""


# README's exit codes --------------------------------------------------------------------------

def test_readme_exit_codes_are_the_codes_the_cli_has():
    import signal as signals

    import reportgen.cli as cli
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = {int(code) for code in re.findall(r"^\| (\d+) \|", readme, re.M)}
    codes = {value for name, value in vars(cli).items() if name.startswith("EXIT_")}
    codes |= {128 + signals.SIGINT, 128 + signals.SIGTERM}
    assert table == codes
    assert all(str(code) in cli.__doc__ for code in codes)
