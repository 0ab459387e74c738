"""Every WeasyPrint layout the PDF writer makes refuses to fetch (issue #19 item 22).

test_pdf.py shows that RefusingFetcher refuses; these show that the writers use it: the whole document, the
calibration layout of a long table (write/pdf/plan.py) and the parts laid out in worker processes. The HTML each
one lays out is given an image on a local server and a file:// stylesheet: the layout must stop with our message
and the server must see no request. With WeasyPrint's default fetcher the server is asked for the image.
"""

from __future__ import annotations

import pytest

from reportgen.errors import OutputError
from reportgen.tree import nodes as n
from reportgen.write.pdf import document as pdf, join as pdf_join, plan as pdf_plan, weasy
from reportgen.write.pdf.html import html_text
from reportgen.write.options import WriterOptions
from tests.conftest import OPTIONS, SHEET
from tests.test_injection import listener  # noqa: F401 (a fixture)
from tests.test_pdf import small_document
from tests.test_pdf_parts import long_annex

REFUSED = "Bản PDF không được tải tài nguyên ngoài"


def _fetching(monkeypatch, module, url: str, tmp_path) -> None:
    """The HTML that `module` lays out names an image on the server and a stylesheet on disk (read, it would ask
    the server for another image)."""
    sheet = tmp_path / "ngoai.css"
    sheet.write_text(f"p {{ background: url({url}/tu-tep.png); }}", encoding="utf-8")
    outside = f'<link rel="stylesheet" href="file://{sheet}"><img src="{url}/anh.png">'

    def with_outside(*args, **kwargs) -> str:
        return html_text(*args, **kwargs).replace("</body>", f"{outside}</body>")
    monkeypatch.setattr(module, "html_text", with_outside)


def test_the_whole_document_is_laid_out_without_fetching(monkeypatch, tmp_path, listener):  # noqa: F811
    url, requests = listener
    _fetching(monkeypatch, pdf, url, tmp_path)
    with pytest.raises(OutputError) as raised:
        pdf.pdf_bytes(small_document("Kế hoạch"), OPTIONS)
    assert REFUSED in str(raised.value) and "ngoai.css" in str(raised.value)
    assert requests == []


def test_the_calibration_layout_of_a_long_table_fetches_nothing(monkeypatch, tmp_path, listener):  # noqa: F811
    url, requests = listener
    _fetching(monkeypatch, pdf_plan, url, tmp_path)
    document = long_annex("Biểu 01", 2)
    section = document.sections[0]
    table = next(b for b in section.blocks if isinstance(b, n.Table))
    with pytest.raises(weasy.FetchRefused):
        pdf_plan.page_starts(document, section, table, OPTIONS)
    assert requests == []


def test_the_parts_laid_out_in_workers_fetch_nothing(monkeypatch, tmp_path, listener):  # noqa: F811
    url, requests = listener
    _fetching(monkeypatch, pdf_join, url, tmp_path)
    laid_out = []
    monkeypatch.setattr(weasy, "page_count", lambda rendered: laid_out.append(1) or len(rendered.pages))
    with pytest.raises(OutputError) as raised:
        pdf.pdf_bytes(long_annex("Biểu 01", 8), WriterOptions(SHEET, long_rows=30, part_pages=2))
    assert REFUSED in str(raised.value)
    assert requests == []
    assert laid_out == [], "a part was laid out whole instead of refused"
