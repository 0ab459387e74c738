"""The writer of each output format, imported only when that format is asked for (WeasyPrint takes a second)."""

from __future__ import annotations

from collections.abc import Callable

from reportgen.tree.nodes import Document
from reportgen.write.options import WriterOptions

FORMATS = ("docx", "pdf", "xlsx")

Writer = Callable[[Document, WriterOptions], bytes]


# Each loader imports its writer module (plain imports, so that the import-graph test sees them) and returns it.
def _docx() -> Writer:
    from reportgen.write.docx.document import docx_bytes
    return docx_bytes


def _pdf() -> Writer:
    from reportgen.write.pdf.document import pdf_bytes
    return pdf_bytes


def _xlsx() -> Writer:
    from reportgen.write.xlsx.workbook import xlsx_bytes
    return xlsx_bytes


def _form() -> Writer:
    """A return form (model/forms.py, not a tree): `reportgen forms` writes it as XLSX."""
    from reportgen.write.xlsx.form import form_bytes
    return form_bytes


WRITERS: dict[str, Callable[[], Writer]] = {"docx": _docx, "pdf": _pdf, "xlsx": _xlsx, "form": _form}


def render(document: Document, fmt: str, options: WriterOptions) -> bytes:
    """The document's bytes in one format; OutputError when it cannot be printed as asked."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt}")
    return WRITERS[fmt]()(document, options)


def preload(formats: set[str]) -> None:
    """Imports the writers, and so their libraries, before worker processes fork, so that each does not import them
    again."""
    for fmt in formats:
        WRITERS[fmt]()
