"""`reportgen export`: every piece in every format over worker processes; each folder written whole or not at all."""

from __future__ import annotations

import multiprocessing
import signal
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from reportgen.errors import OutputError
from reportgen.exit_codes import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK
from reportgen.tree.nodes import Document
from reportgen.output.files import (Output, WriteError, carried, distinct, folder_names, manifest_bytes, safe_name,
                                   write_outputs)
from reportgen.output.protect import guard
from reportgen.write.formats import preload, render
from reportgen.write.options import WriterOptions


Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Job:
    folder: str                      # inside OUT: "" for the province-wide annexes, else the unit's folder
    unit: str | None
    name: str                        # file name
    fmt: str
    document: Document               # or a return form (reportgen forms), drawn by `writer`
    writer: str = ""                 # the writer when not the format's own ("form": a form as XLSX)
    kind: str = "bieu"               # the manifest's kind of the file


@dataclass
class Failure:
    """A unit (or the province-wide part, unit None) none of whose files was written, and why."""

    unit: str | None
    folder: str
    reasons: list[str] = field(default_factory=list)
    characters: str = ""             # letters no font has: the input files place them (the pipeline does)
    internal: bool = False           # a bug of reportgen (or a worker that died), not something in the input


@dataclass
class BatchResult:
    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)    # edited outputs kept beside the new ones (--force)

    @property
    def code(self) -> int:
        """3 when a part failed by reportgen's own fault, 1 when a part could not be written, else 0."""
        if any(failure.internal for failure in self.failures):
            return EXIT_INTERNAL
        return EXIT_FAILED if self.failures else EXIT_OK


def plan_jobs(pieces: Iterable, formats: tuple[str, ...]) -> list[Job]:
    """A job per piece and format, folder by folder (each folder is written as soon as it is complete, so a run
    cut short keeps what it finished), PDFs first within one as they take longest."""
    pieces = list(pieces)
    folders = folder_names([p.unit for p in pieces if p.unit is not None])
    places = [("" if p.unit is None else folders[p.unit]) for p in pieces]
    stems = _stems(pieces, places)
    jobs = [Job(place, p.unit, f"{stem}.{fmt}", fmt, p.document)
            for p, place, stem in zip(pieces, places, stems) for fmt in formats]
    order = {folder: number for number, folder in enumerate(dict.fromkeys(job.folder for job in jobs))}
    return sorted(jobs, key=lambda job: (order[job.folder], job.fmt != "pdf"))


def batch_targets(out: Path, jobs: list[Job]) -> list[Path]:
    """Every path the batch may write: each job's file and each folder's manifest."""
    folders = dict.fromkeys(job.folder for job in jobs)
    return [out / job.folder / job.name for job in jobs] + [out / folder / "manifest.json" for folder in folders]


def _stems(pieces: list, places: list[str]) -> list[str]:
    """File names from the annex labels, each once in its folder ("Biểu 06" and "Biểu 06." would both be bieu-06)."""
    stems = [""] * len(pieces)
    for place in dict.fromkeys(places):
        here = [i for i, p in enumerate(places) if p == place]
        for i, stem in zip(here, distinct([safe_name(pieces[i].stem) for i in here])):
            stems[i] = stem
    return stems


def run_batch(out: Path, jobs: list[Job], title: str, inputs: dict[str, str], workers: int, options: WriterOptions,
              progress: Progress | None = None, force: bool = False) -> BatchResult:
    """Renders every job; a unit's folder is renamed into place once all its files are ready, the province's
    folder and the manifest of everything written last. An output edited since its manifest stops the run
    before anything is rendered or written (ProtectedError), unless `force` keeps a copy of it."""
    kept = guard(out, [f"{job.folder}/{job.name}" if job.folder else job.name for job in jobs], force)
    pending = Counter(job.folder for job in jobs)
    ready: dict[str, list[Output]] = {folder: [] for folder in pending}
    failed: dict[str, Failure] = {}
    result = BatchResult(kept=kept)
    written: list[Output] = []
    with closing(_rendered(jobs, workers, options)) as rendered:  # cut short (Ctrl-C): its workers end at once
        for done, (job, data, reasons, characters) in enumerate(rendered, start=1):
            if data is None:
                failure = failed.setdefault(job.folder, Failure(job.unit, job.folder))
                failure.reasons.extend(reasons)
                failure.characters += "".join(c for c in characters or "" if c not in failure.characters)
                failure.internal = failure.internal or characters is None
            else:
                ready[job.folder].append(Output(job.name, job.fmt, job.kind, data))
            pending[job.folder] -= 1
            if pending[job.folder] == 0 and job.folder:
                _write_folder(out, job.folder, job.unit, ready.pop(job.folder), title, inputs, failed, result,
                              written)
            if progress is not None:
                progress(done, len(jobs), f"{job.unit or 'Toàn tỉnh'}: {job.name}")
    top = [] if "" in failed else ready.pop("", [])
    fresh = written + top
    paths = _write(out, "", top, title, inputs, fresh + carried(out, fresh), None, failed)
    if top and not paths:  # the province's files could not be renamed in: the manifest still tells what OUT holds
        paths = _write(out, "", [], title, inputs, written + carried(out, written), None, failed)
    result.written += paths
    result.failures = sorted(failed.values(), key=lambda f: f.folder)
    return result


def _write_folder(out: Path, folder: str, unit: str | None, outputs: list[Output], title: str,
                  inputs: dict[str, str], failed: dict[str, Failure], result: BatchResult,
                  written: list[Output]) -> None:
    if folder in failed:
        return  # nothing of a failed unit is written: its earlier files stay as they were
    paths = _write(out, folder, outputs, f"{title} — {unit}", inputs, outputs, unit, failed)
    if paths:
        result.written += paths
        written += [Output(f"{folder}/{o.name}", o.format, o.kind, o.data) for o in outputs]


def _write(out: Path, folder: str, outputs: list[Output], title: str, inputs: dict[str, str],
           listed: list[Output], unit: str | None, failed: dict[str, Failure]) -> list[Path]:
    """One folder's files and its manifest (the province's lists every file written), each renamed into place."""
    manifest = manifest_bytes(title, inputs, sorted(listed, key=lambda o: o.name))
    try:
        return write_outputs(out / folder if folder else out, sorted(outputs, key=lambda o: o.name), manifest)
    except WriteError as error:
        failed.setdefault(folder, Failure(unit, folder)).reasons.append(f"không ghi được {error.path}: {error.reason}")
        return []


def _rendered(jobs: list[Job], workers: int, options: WriterOptions) -> Iterator[tuple[Job, bytes | None, list[str], str]]:
    workers = min(workers, len(jobs))  # a worker per job at most: `--jobs 600` for 30 files starts 30
    if workers <= 1:
        yield from (_render(job, options) for job in jobs)
        return
    preload({job.writer or job.fmt for job in jobs})
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_quiet_worker)
    try:
        futures = {pool.submit(_render, job, options): job for job in jobs}  # options pickle: plain values
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as error:  # the worker died (out of memory, killed): its job failed, not the batch
                yield _internal(futures[future], error)
    except BaseException:  # Ctrl-C, SIGTERM, or the caller stopped reading: no job is waited for
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _quiet_worker() -> None:
    """A worker leaves Ctrl-C (sent to the whole terminal's process group) to the caller, which ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Ends the workers now: a run cut short must not leave processes holding the caller's pipes."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()


def _render(job: Job, options: WriterOptions) -> tuple[Job, bytes | None, list[str], str | None]:
    try:
        return job, render(job.document, job.writer or job.fmt, options), [], ""
    except OutputError as error:
        return job, None, [f"{job.name}: {problem.message}" for problem in error.problems], error.characters
    except Exception as error:  # a bug in one document must not lose the others
        return _internal(job, error)


def _internal(job: Job, error: Exception) -> tuple[Job, None, list[str], None]:
    """Characters None marks the failure as reportgen's own (exit 3), not the input's."""
    return job, None, [f"{job.name}: lỗi nội bộ của reportgen ({type(error).__name__}: {error}); hãy báo lỗi "
                       "kèm thư mục đầu vào"], None
