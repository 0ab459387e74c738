"""What XlsxWriter cannot say, set in its saved package: no page number on each sheet's first page, as in the PDF."""

from __future__ import annotations

import io
import re
import zipfile

_SHEET = re.compile(r"xl/worksheets/sheet\d+\.xml\Z")
# XlsxWriter 3 writes one header for every page and has no option for a different first page (Excel's
# "Different first page", <headerFooter differentFirst="1">): without a <firstHeader> that page's header is empty.
_HEADER = b"<headerFooter>"
_FIRST_PAGE_BLANK = b'<headerFooter differentFirst="1">'


def first_pages_unnumbered(data: bytes) -> bytes:
    """The same package, members in the same order with the same dates, each sheet's first page unnumbered."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if _SHEET.match(info.filename):
                content = content.replace(_HEADER, _FIRST_PAGE_BLANK, 1)
            target.writestr(info, content)
    return out.getvalue()
