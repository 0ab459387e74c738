"""The page's long work: each job in a process of its own, one job per plan folder at a time, a few at once."""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import queue
import secrets
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportgen import pipeline
from reportgen.exit_codes import (EXIT_CANT_WRITE, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_STOPPED,
                                  EXIT_USAGE)

# Page states, one per exit code of the CLI (README's table), so that the page and the command line agree.
STATES = {EXIT_OK: "xong", EXIT_FAILED: "chua-khop", EXIT_INPUT: "loi-dau-vao", EXIT_INTERNAL: "loi-noi-bo",
          EXIT_USAGE: "loi-lenh", EXIT_CANT_WRITE: "loi-ghi", EXIT_STOPPED: "da-dung"}
DEADLINE = 3600                # seconds: 10.000 forms take 4 minutes here; a job still running after an hour is stuck
# the last check's state from the check's own verdict (json_report's status), not from what the job wrote after it
_VERDICTS = {"pass": "xong", "fail": "chua-khop", "error": "loi-dau-vao"}
_PLAN_CHECKS = ("check", "build", "export", "forms")   # a report or a collect judges other files besides the plan
WAITING, RUNNING = "cho", "dang-chay"
log = logging.getLogger("reportgen.serve")
_KEPT = 200          # finished jobs remembered (their pages and images) before the oldest are forgotten


@dataclass
class Job:
    id: str
    kind: str
    folder: str                      # the plan folder's name under ROOT
    title: str                       # what the clerk asked, in Vietnamese
    params: dict
    state: str = WAITING
    lines: list[str] = field(default_factory=list)
    result: dict | None = None
    started: float = field(default_factory=time.time)
    ended: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)    # set by the page's "Dừng" button

    @property
    def running(self) -> bool:
        return self.state in (WAITING, RUNNING)


class Busy(Exception):
    """The folder already has a job under way: the clerk is told which, never a second run beside it."""

    def __init__(self, job: Job) -> None:
        super().__init__(job.id)
        self.job = job


class Jobs:
    """The job table of one server. `slots` jobs run at once (the machine's cores); more wait their turn."""

    def __init__(self, slots: int = 1, previews: Path | None = None, remembered: Path | None = None) -> None:
        self._previews = previews                   # each job's page images go into previews/<job id>/
        self._remembered = remembered               # the last checks' states, kept across restarts
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._busy: dict[str, str] = {}             # folder -> the id of its job under way
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self.checked: dict[str, tuple[str, float]] = _read_checked(remembered)   # folder -> last check's state, when

    def start(self, kind: str, folder: str, params: dict, title: str, prepare: Callable[[], None] | None = None
              ) -> Job:
        """A new job for `folder`, started in the background; Busy when one is already under way there. `prepare`
        (keeping uploaded files) runs first, under the table's lock, so no other job of the folder sees it half done."""
        with self._lock:
            if folder in self._busy:
                raise Busy(self._jobs[self._busy[folder]])
            if prepare is not None:
                prepare()
            job_id = secrets.token_urlsafe(12)
            if self._previews is not None:
                params = params | {"previews": str(self._previews / job_id)}
            job = Job(job_id, kind, folder, title, params)
            self._jobs[job.id] = job
            self._busy[folder] = job.id
            self._forget_oldest()
        threading.Thread(target=self._run, args=(job,), name=f"job-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def latest(self, folder: str) -> list[Job]:
        """The folder's jobs, newest first."""
        with self._lock:
            return sorted((j for j in self._jobs.values() if j.folder == folder), key=lambda j: -j.started)

    def wait(self, job_id: str, timeout: float) -> Job:
        """Blocks until the job ends (tests, and nothing else, wait so)."""
        deadline = time.monotonic() + timeout
        while (job := self.get(job_id)) is not None and job.running and time.monotonic() < deadline:
            time.sleep(0.05)
        return job

    def stop(self, job_id: str) -> Job | None:
        """Asks a job under way to stop: its process is ended (its staged files swept), its state "da-dung"."""
        job = self.get(job_id)
        if job is not None:
            job.stop.set()
        return job

    def _forget_oldest(self) -> None:
        done = sorted((j for j in self._jobs.values() if not j.running), key=lambda j: j.started)
        for job in done[: max(0, len(done) - _KEPT)]:
            del self._jobs[job.id]
            if self._previews is not None:   # its page images go with it
                shutil.rmtree(self._previews / job.id, ignore_errors=True)

    def _run(self, job: Job) -> None:
        result = None
        try:
            # a check is a second's reading, never waits for an output folder: it does not queue behind long work
            with contextlib.nullcontext() if job.kind == "check" else _slot(self._slots, job.stop) as got:
                if got is not False and not job.stop.is_set():
                    job.state = RUNNING
                    result = _in_child(job)
        except Exception as error:  # noqa: BLE001 - the process could not even be started
            result = {"code": EXIT_INTERNAL, "message": f"Không chạy được việc này ({type(error).__name__}: {error})."}
        finally:
            result = result or {"code": EXIT_STOPPED, "message": "Đã dừng trước khi chạy."}
            with self._lock:  # the job page never says done while the folder is still busy or the index not told
                job.result, job.ended = result, time.time()
                self._busy.pop(job.folder, None)
                verdict = (result.get("report") or {}).get("status")
                if job.kind in _PLAN_CHECKS and verdict in _VERDICTS:
                    self.checked[job.folder] = (_VERDICTS[verdict], job.ended)
                    _write_checked(self._remembered, self.checked)
                job.state = STATES.get(result["code"], "loi-noi-bo")


@contextlib.contextmanager
def _slot(slots: threading.BoundedSemaphore, stop: threading.Event):
    """A slot to run in, waited for while the job's stop button is not pressed: yields False when it was."""
    while not slots.acquire(timeout=0.2):
        if stop.is_set():
            yield False
            return
    try:
        yield True
    finally:
        slots.release()


def _read_checked(path: Path | None) -> dict[str, tuple[str, float]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
        return {str(k): (str(v[0]), float(v[1])) for k, v in data.items() if v[0] in STATES.values()}
    except (OSError, ValueError, TypeError, IndexError, AttributeError):
        return {}   # no file yet, or one that is not ours: every folder "chưa kiểm tra", as on a first start


def _write_checked(path: Path | None, checked: dict[str, tuple[str, float]]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pipeline.write_file(path, json.dumps(checked, ensure_ascii=False, indent=1).encode("utf-8"))
    except (OSError, pipeline.WriteError) as error:  # the page still works; the states are lost at the next restart
        log.warning("không lưu được trạng thái kiểm tra vào %s: %s", path, error)


def _in_child(job: Job) -> dict:
    """Runs the job in a spawned process (a fresh interpreter: no thread of the server is copied into it, as a fork
    would) and follows its progress lines until its outcome arrives or it dies."""
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    child = context.Process(target=_child, args=(job.kind, job.params, messages), daemon=True,
                            name=f"reportgen-{job.kind}")
    child.start()
    deadline = time.monotonic() + DEADLINE
    try:
        while True:
            if job.stop.is_set() or time.monotonic() > deadline:
                child.terminate()   # SIGTERM: the child leaves through Python, its output lock sweeping what it staged
                child.join(timeout=10)
                if child.is_alive():   # stuck where Python cannot run its handler: ended for sure, its lock with it
                    child.kill()
                    child.join(timeout=5)
                why = "theo yêu cầu" if job.stop.is_set() else f"vì chạy quá {DEADLINE // 60} phút"
                return {"code": EXIT_STOPPED,
                        "message": f"Đã dừng {why}; các tệp đã viết xong trước đó vẫn nguyên vẹn."}
            try:
                kind, value = messages.get(timeout=0.2)
            except queue.Empty:
                if not child.is_alive():
                    return {"code": EXIT_INTERNAL, "message": f"Tiến trình làm việc dừng bất thường (mã {child.exitcode})."}
                continue
            if kind == "line":
                job.lines = (job.lines + [value])[-20:]
            else:
                return value
    finally:
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()
        messages.close()


def _child(kind: str, params: dict, messages) -> None:
    """The job's process: SIGTERM ends it through Python, so that the output lock sweeps what it staged."""
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C in the server's terminal is the server's to handle
    if "root" in params:  # every path the pipeline prints is then as the page names it: bac-giang-2020/bieu-01.yaml
        os.chdir(params["root"])
    from reportgen.serve.work import run
    outcome = run(kind, params, lambda line: messages.put(("line", line)))
    messages.put(("done", outcome))


def _stop(signum, frame) -> None:
    sys.exit(128 + signum)
