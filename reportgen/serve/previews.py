"""Page images of the PDFs a job wrote, for the clerk to look at before downloading: poppler's pdftoppm, run with
its arguments as a list (no shell), into the server's own temporary folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

DPI = 100              # an A4 page 827 px wide: thumbnails on the job page, figures readable when one is opened
MAX_PAGES = 30         # of each PDF
MAX_PDFS = 4           # an export of every district's PDF shows the first few


def page_images(pdfs: list[Path], folder: Path) -> list[dict]:
    """folder/<n>/<page>.png for the first PDFs; each as {index, name, pages}, pages 0 when none could be drawn."""
    tool = shutil.which("pdftoppm")
    shown = []
    for index, pdf in enumerate(pdfs[:MAX_PDFS]):
        target = folder / str(index)
        pages = _draw(tool, pdf, target) if tool else 0
        shown.append({"index": index, "name": pdf.name, "pages": pages})
    return shown


def _draw(tool: str, pdf: Path, target: Path) -> int:
    target.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([tool, "-png", "-r", str(DPI), "-l", str(MAX_PAGES), "--", str(pdf), str(target / "p")],
                       check=True, capture_output=True, timeout=300, shell=False)
    except (OSError, subprocess.SubprocessError):
        return 0
    drawn = sorted(target.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    for number, path in enumerate(drawn, start=1):
        path.rename(target / f"{number}.png")
    return len(drawn)
