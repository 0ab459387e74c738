"""Lays out the parts of a long document in worker processes, renumbers any that came out otherwise, joins them."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, TextStringObject

from reportgen.tree.nodes import Document
from reportgen.write.cores import usable_cores
from reportgen.write.pdf.html import html_text
from reportgen.write.pdf.parts import CutRun, Part, cut_run
from reportgen.write.pdf.plan import replanned
from reportgen.write.pdf.weasy import FontFacts
from reportgen.write.options import WriterOptions


@dataclass(frozen=True)
class Laid:
    data: bytes
    pages: int
    fonts: tuple[FontFacts, ...]
    heights: tuple[float, ...] = ()  # its data table's body rows as laid out (plan.laid_heights)


def lay_out_parts(document: Document, parts: list[Part], runs: list[CutRun], render, options: WriterOptions
                  ) -> tuple[list[Laid], list[str]]:
    """Each part as PDF bytes (`render(html) -> Laid`), its pages as the document laid out whole would have them;
    and the HTML of each."""
    texts = [_html(part, options) for part in parts]
    laid = _map(render, texts, options.workers, options.parts_done)
    for run in runs:  # rows taller or shorter than planned: cut the run again where they really fell
        parts, laid, texts = _recut(document, run, parts, laid, texts, render, options)
    fixed = _renumbered(parts, laid)
    if fixed:  # a row taller than a whole page, say: its part took a page more, the parts after number on
        again = {index: _html(part, options) for index, part in fixed.items()}
        for index, result in zip(again, _map(render, list(again.values()), options.workers)):
            laid[index], texts[index] = result, again[index]
    return laid, texts


def _html(part: Part, options: WriterOptions) -> str:
    return html_text(part.document, options, part.start, part.breaks)


def _recut(document: Document, run: CutRun, parts: list[Part], laid: list[Laid], texts: list[str], render,
           options: WriterOptions):
    mine = [i for i, part in enumerate(parts) if part.run == run.number]
    heights = [h for i in mine for h in laid[i].heights]
    if len(heights) != len(run.table.body):
        return parts, laid, texts  # not measurable: the renumbering below still keeps the numbers right
    starts = replanned(run.plan, run.table.body, heights)
    if starts == run.plan.starts:
        return parts, laid, texts
    done = {_same(parts[i]): (laid[i], texts[i]) for i in mine}  # a part cut alike is not laid out again
    fresh = cut_run(document, run, starts, options.part_pages)
    todo = [p for p in fresh if _same(p) not in done]
    pages = [_html(p, options) for p in todo]
    done.update({_same(p): pair for p, pair in zip(todo, zip(_map(render, pages, options.workers), pages))})
    pairs = [done[_same(p)] for p in fresh]
    at, end = mine[0], mine[-1] + 1
    return (parts[:at] + fresh + parts[end:], laid[:at] + [a for a, _ in pairs] + laid[end:],
            texts[:at] + [t for _, t in pairs] + texts[end:])


def _same(part: Part) -> tuple:
    return part.rows, part.breaks, part.start


def _renumbered(parts: list[Part], laid: list[Laid]) -> dict[int, Part]:
    fixed, pages, run = {}, 0, None
    for index, (part, result) in enumerate(zip(parts, laid)):
        if part.run != run:
            run, pages = part.run, 0
        elif part.start != pages + 1:
            fixed[index] = dataclasses.replace(part, start=pages + 1)
        pages += result.pages
    return fixed


def _map(render, texts: list[str], workers: int | None, told=None) -> list[Laid]:
    workers = min(len(texts), workers or usable_cores())
    # Inside a worker already (reportgen export runs documents in parallel) the parts go one after another, as
    # they do where processes cannot fork (the writer is imported: a forked worker starts laying out at once).
    forking = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or not forking or multiprocessing.parent_process() is not None:
        return _told((render(text) for text in texts), len(texts), told)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return _told(pool.map(render, texts), len(texts), told)


def _told(results, total: int, told) -> list[Laid]:
    """The results in order, `told(done, total)` after each (map yields each part as soon as it and those before
    it are laid out)."""
    laid = []
    for result in results:
        laid.append(result)
        if told is not None:
            told(len(laid), total)
    return laid


def joined(laid: list[Laid], texts: list[str]) -> bytes:
    """One PDF of the parts' pages in order; its /ID from the content, its metadata the first part's."""
    writer = PdfWriter()
    first = None
    for result in laid:
        reader = PdfReader(io.BytesIO(result.data))
        first = first or reader
        writer.append(reader, import_outline=True)  # the bookmarks of its headings (mục, khoản, Biểu), in order
    if first is not None:
        if first.metadata:
            writer.add_metadata(dict(first.metadata))
        language = first.trailer["/Root"].get("/Lang")
        if language is not None:  # <html lang="vi">: screen readers and search read Vietnamese
            writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
    digest = hashlib.sha256("".join(texts).encode("utf-8")).hexdigest()[:32].encode("ascii")
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
