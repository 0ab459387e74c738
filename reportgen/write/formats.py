"""The writer of each output format, imported only when that format is asked for (WeasyPrint takes a second)."""

from __future__ import annotations

from reportgen.tree.nodes import Document
from reportgen.write.options import WriterOptions

FORMATS = ("docx", "pdf", "xlsx")


def render(document: Document, fmt: str, options: WriterOptions) -> bytes:
    """The document's bytes in one format; OutputError when it cannot be printed as asked."""
    if fmt == "docx":
        from reportgen.write.docx.document import docx_bytes
        return docx_bytes(document, options)
    if fmt == "pdf":
        from reportgen.write.pdf.document import pdf_bytes
        return pdf_bytes(document, options)
    if fmt == "xlsx":
        from reportgen.write.xlsx.workbook import xlsx_bytes
        return xlsx_bytes(document, options)
    raise ValueError(f"unknown format {fmt}")


def preload(formats: set[str]) -> None:
    """Imports the writers before worker processes fork, so that each does not import them again."""
    for fmt in formats:
        __import__(f"reportgen.write.{fmt}")
