"""What bench/peers.py prints: one line per writer and size, ratios to the peers, scaling, the issue's targets."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

LABELS = {"reportgen": "reportgen", "docxtpl": "docxtpl", "python-docx": "python-docx add_row",
          "openpyxl": "openpyxl cell by cell", "xlsxwriter": "XlsxWriter plain",
          "weasyprint": "WeasyPrint one document"}
TARGET_ROWS, BASE_ROWS = 10000, 2000  # the targets are set at these sizes
SCALING_LIMIT = 5.5                   # linear would be 5,0×


@dataclass
class Measured:
    fmt: str
    rows: int
    writer: str
    runs: list[dict]

    def median(self, key: str) -> float:
        return statistics.median(run.get(key, 0) for run in self.runs)

    @property
    def total(self) -> float:
        """Ours: compose + write (check is not counted); a peer: its writing."""
        return statistics.median(run.get("compose", 0) + run["write"] for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run["self_mb"] for run in self.runs)

    @property
    def children_mb(self) -> float:
        return max(run["children_mb"] for run in self.runs)


def vi(value: float, decimals: int = 2) -> str:
    """1,23 — the decimal comma, as every figure of the project."""
    return f"{value:.{decimals}f}".replace(".", ",")


def vi_int(value: float) -> str:
    """10.000 — a dot between thousands."""
    return f"{round(value):,}".replace(",", ".")


HEADER = (f"{'rows':>7}  {'format':<6} {'writer':<24} {'runs':>4} {'check s':>7} {'compose s':>9} {'write s':>8} "
          f"{'total s':>8} {'KB':>7} {'peak MB':>8} {'children MB':>11}")


def line(m: Measured) -> str:
    ours = m.writer == "reportgen"
    check, compose = (vi(m.median("check")), vi(m.median("compose"))) if ours else ("", "")
    return (f"{vi_int(m.rows):>7}  {m.fmt:<6} {LABELS[m.writer]:<24} {len(m.runs):>4} {check:>7} {compose:>9} "
            f"{vi(m.median('write')):>8} {vi(m.total):>8} {vi_int(m.median('bytes') / 1024):>7} "
            f"{vi_int(m.peak_mb):>8} {vi_int(m.children_mb):>11}")


def _times(ours: float, peer: float) -> str:
    ratio = peer / ours
    return f"{vi(ratio, 1)}× faster" if ratio >= 1 else f"{vi(1 / ratio, 1)}× slower"


def ratio_lines(results: dict[tuple, Measured], skipped: dict[tuple, str]) -> list[str]:
    """docx 10.000: 0,62 s; docxtpl 5,10 s (8,2× faster); python-docx add_row 27,00 s (44,0× faster)."""
    lines = []
    for (fmt, rows, writer), ours in results.items():
        if writer != "reportgen":
            continue
        parts = [f"{fmt} {vi_int(rows)}: reportgen {vi(ours.total)} s"]
        for (pfmt, prows, pwriter), peer in results.items():
            if (pfmt, prows) == (fmt, rows) and pwriter != "reportgen":
                parts.append(f"{LABELS[pwriter]} {vi(peer.total)} s ({_times(ours.total, peer.total)})")
        parts += [f"{LABELS[w]} skipped ({why})" for (f, r, w), why in skipped.items() if (f, r) == (fmt, rows)]
        lines.append("; ".join(parts))
    return lines


def scaling_lines(results: dict[tuple, Measured], sizes: list[int]) -> list[str]:
    small, large = min(sizes), max(sizes)
    lines = []
    for fmt in dict.fromkeys(f for f, _, w in results if w == "reportgen"):
        if (fmt, small, "reportgen") in results and (fmt, large, "reportgen") in results:
            ratio = results[(fmt, large, "reportgen")].total / results[(fmt, small, "reportgen")].total
            lines.append(f"{fmt}: {vi_int(large)} rows cost {vi(ratio)}× {vi_int(small)} rows (compose + write; "
                         f"linear {vi(large / small, 1)}×)")
    return lines


def same_bytes_lines(results: dict[tuple, Measured]) -> list[str]:
    lines = []
    for (fmt, rows, writer), m in results.items():
        if writer == "reportgen":
            digests = {run["sha256"] for run in m.runs}
            verdict = ("one run: not compared" if len(m.runs) < 2 else
                       f"same bytes in {len(m.runs)} runs" if len(digests) == 1 else
                       f"DIFFERENT bytes: {len(digests)} digests in {len(m.runs)} runs")
            lines.append(f"{fmt} {vi_int(rows)}: sha256 {sorted(digests)[0]} — {verdict}")
    return lines


def target_lines(results: dict[tuple, Measured]) -> list[str]:
    """PASS/FAIL beside each target of issue #7 (item 1, 3 and part of 4); n/a when what it needs was not run."""
    def get(fmt, writer="reportgen", rows=TARGET_ROWS):
        return results.get((fmt, rows, writer))
    docx, xlsx, pdf = get("docx"), get("xlsx"), get("pdf")
    docxtpl, weasy = get("docx", "docxtpl"), get("pdf", "weasyprint")
    checks = [
        ("DOCX 10.000 rows ≤ 1 s", docx and (docx.total <= 1, f"{vi(docx.total)} s")),
        ("DOCX ≥ 5× faster than docxtpl", docx and docxtpl and (
            docxtpl.total / docx.total >= 5, f"{vi(docxtpl.total / docx.total, 1)}× ({vi(docxtpl.total)} s)")),
        ("XLSX 10.000 rows ≤ 1 s", xlsx and (xlsx.total <= 1, f"{vi(xlsx.total)} s")),
        ("PDF 10.000 rows ≤ 0,6 × one-document WeasyPrint", pdf and weasy and (
            pdf.total <= 0.6 * weasy.total, f"{vi(pdf.total / weasy.total)} × ({vi(pdf.total)} s against "
                                            f"{vi(weasy.total)} s)")),
        ("PDF ≤ 600 MB peak in any one process", pdf and (
            max(pdf.peak_mb, pdf.children_mb) <= 600,
            f"parent {vi_int(pdf.peak_mb)} MB, largest child {vi_int(pdf.children_mb)} MB")),
    ]
    for fmt in ("docx", "xlsx", "pdf"):
        large, small = get(fmt), get(fmt, rows=BASE_ROWS)
        checks.append((f"{fmt.upper()} 10.000 rows ≤ 5,5 × 2.000 rows", large and small and (
            large.total <= SCALING_LIMIT * small.total, f"{vi(large.total / small.total)}×")))
    return [f"  {'n/a ' if not outcome else 'PASS' if outcome[0] else 'FAIL'}  {name}"
            + (f": {outcome[1]}" if outcome else " (not run)") for name, outcome in checks]
