"""Prints how long each stage of `reportgen build` takes on an input folder (default: the sample)."""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "inputs" / "bac-giang-2020"
    started = time.perf_counter()
    from reportgen import pipeline
    from reportgen.compose.document import compose_plan
    from reportgen.write.docx.document import docx_bytes
    from reportgen.write.pdf.document import pdf_bytes
    from reportgen.load.style_sheet import load_style_sheet
    from reportgen.write.options import WriterOptions
    _line("imports", started)
    mark = time.perf_counter()
    result = pipeline.check_folder(folder)
    _line("load + check", mark)
    mark = time.perf_counter()
    options = WriterOptions(load_style_sheet())
    document = compose_plan(result.plan, result.evaluated, options.sheet, options.templates)
    _line("compose", mark)
    for name, writer in (("docx", docx_bytes), ("pdf", pdf_bytes)):
        mark = time.perf_counter()
        size = len(writer(document, options))
        _line(f"write {name} ({size // 1024} KB)", mark)
    _line("total", started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"peak memory: {peak} MB")


def _line(label: str, since: float) -> None:
    print(f"{label:<24} {time.perf_counter() - since:6.2f} s".replace(".", ","))


if __name__ == "__main__":
    main()
