"""One measured run in a fresh process (ours or a peer); prints its seconds and peak memory as one JSON line.

Usage (bench/peers.py starts it): python bench/peer_child.py JOB SOURCE [--save PATH]
  JOB reportgen-docx|reportgen-xlsx|reportgen-pdf, SOURCE an input folder: check (untimed), compose, write;
  JOB input, SOURCE a new folder: bench/check_speed.make_input's annex of --rows N rows (untimed);
  JOB table, SOURCE an input folder: the table the peers write, as JSON saved to PATH (untimed);
  JOB html, SOURCE an input folder: the HTML our PDF writer lays out, saved to PATH (untimed);
  JOB python-docx|docxtpl|openpyxl|xlsxwriter, SOURCE the table as JSON; JOB weasyprint, SOURCE that HTML;
  JOB warm-build, SOURCE an input folder, PATH an output folder: pipeline.build_folder four times in one process.
Libraries are imported before the clock starts, ours and the peers' alike: the figures are writing, not importing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this worktree's reportgen, not the one the virtualenv was installed from

from bench import peer_writers as peers  # noqa: E402

TEMPLATES = ROOT / "reportgen" / "templates"  # our PDF writer's base URL, given to the WeasyPrint peer too


def ours(folder: Path, fmt: str, save: Path | None) -> dict:
    from reportgen import pipeline
    from reportgen.compose.document import compose_annexes
    from reportgen.load.style_sheet import load_style_sheet
    from reportgen.write import formats
    from reportgen.write.options import WriterOptions
    formats.preload({fmt})  # WeasyPrint's import alone is 0,7 s: not writing
    started = time.perf_counter()
    result = pipeline.check_folder(folder)
    if result.failed:
        raise SystemExit(f"the synthetic input fails a rule: {folder}")
    checked = time.perf_counter()
    sheet = load_style_sheet()  # read in compose's time, as it was when compose read it itself
    document = compose_annexes(result.plan, list(result.plan.annexes), "bench", sheet, TEMPLATES)
    composed = time.perf_counter()
    data = formats.render(document, fmt, WriterOptions(sheet, TEMPLATES))
    written = time.perf_counter()
    if save:
        save.write_bytes(data)
    return {"check": checked - started, "compose": composed - checked, "write": written - composed,
            "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def html(folder: Path, save: Path) -> dict:
    from reportgen import pipeline
    from reportgen.compose.document import compose_annexes
    from reportgen.load.style_sheet import load_style_sheet
    from reportgen.write.options import WriterOptions
    from reportgen.write.pdf.html import html_text
    plan, sheet = pipeline.check_folder(folder).plan, load_style_sheet()
    document = compose_annexes(plan, list(plan.annexes), "bench", sheet, TEMPLATES)
    save.write_text(html_text(document, WriterOptions(sheet, TEMPLATES)), encoding="utf-8")
    return {}


def make_input(folder: Path, rows: int) -> dict:
    from bench.check_speed import make_input
    folder.mkdir()
    make_input(folder, rows, as_xlsx=False)
    return {}


def table(folder: Path, save: Path) -> dict:
    save.write_text(json.dumps(peers.table_from_input(folder), ensure_ascii=False), encoding="utf-8")
    return {}


def prepared(job: str, source: Path):
    """The peer's writing as a call without arguments: its input made and its library imported beforehand."""
    if job == "weasyprint":
        import weasyprint  # noqa: F401
        page = source.read_text(encoding="utf-8")
        return lambda: peers.weasyprint_one_document(page, str(TEMPLATES))
    table = json.loads(source.read_text(encoding="utf-8"))
    rows = table["header"] + table["body"]
    if job == "openpyxl":
        import openpyxl  # noqa: F401
        return lambda: peers.openpyxl_cells(rows)
    if job == "xlsxwriter":
        import xlsxwriter  # noqa: F401
        return lambda: peers.xlsxwriter_plain(rows)
    header, body = peers.texts(table["header"]), peers.texts(table["body"])  # strings formatted already
    if job == "python-docx":
        import docx  # noqa: F401
        return lambda: peers.python_docx_add_row(header, body)
    if job == "docxtpl":
        import docxtpl  # noqa: F401
        template = peers.docxtpl_template(header)
        return lambda: peers.docxtpl_render(template, body)
    raise SystemExit(f"unknown job {job}")


def peer(job: str, source: Path) -> dict:
    write = prepared(job, source)
    started = time.perf_counter()
    data = write()
    return {"write": time.perf_counter() - started, "bytes": len(data)}


def warm_build(folder: Path, out: Path) -> dict:
    """The CLI's build (pipeline.build_folder) a first time, then three times more with imports and fonts loaded."""
    from reportgen import pipeline
    seconds = []
    for run in range(4):
        started = time.perf_counter()
        built = pipeline.build_folder(folder, out / str(run))
        seconds.append(time.perf_counter() - started)
        if built.check.failed or not built.written:
            raise SystemExit(f"build wrote nothing: {folder}")
    return {"first": seconds[0], "warm": seconds[1:]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("job")
    parser.add_argument("source", type=Path)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--rows", type=int)
    args = parser.parse_args()
    jobs = {"input": lambda: make_input(args.source, args.rows), "table": lambda: table(args.source, args.save),
            "html": lambda: html(args.source, args.save), "warm-build": lambda: warm_build(args.source, args.save)}
    if args.job.startswith("reportgen-"):
        figures = ours(args.source, args.job.removeprefix("reportgen-"), args.save)
    else:
        figures = jobs.get(args.job, lambda: peer(args.job, args.source))()
    module = sys.modules.get("reportgen")
    figures.update(self_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   # the largest waited-for child (a writer's worker processes, if it starts any)
                   children_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                   reportgen=getattr(module, "__file__", None))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
