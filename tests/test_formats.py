"""The format table: preload imports each writer with its library before the export's workers fork."""

from __future__ import annotations

import subprocess
import sys

import pytest

# The library each writer needs, as it appears in sys.modules once the writer is imported.
LIBRARIES = {"docx": ("reportgen.write.docx.document", "docx"),
             "pdf": ("reportgen.write.pdf.document", "weasyprint"),
             "xlsx": ("reportgen.write.xlsx.workbook", "xlsxwriter")}


@pytest.mark.parametrize("fmt", sorted(LIBRARIES))
def test_preload_imports_the_writer_and_its_library(fmt):
    # A fresh interpreter: this test process has imported every writer already.
    code = ("import sys\nfrom reportgen.write.formats import preload\n"
            f"before = set(sys.modules)\npreload({{{fmt!r}}})\n"
            "print(' '.join(sorted(set(sys.modules) - before)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    for module in LIBRARIES[fmt]:
        assert module in loaded, f"preload({fmt}) did not import {module}"
    others = {name for other, names in LIBRARIES.items() if other != fmt for name in names}
    assert not others & set(loaded), f"preload({fmt}) imported another format's writer"
