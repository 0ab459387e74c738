"""Hostile text in the input is printed as text: nothing fetched, nothing run, no file outside read."""

from __future__ import annotations

import http.server
import threading

import pytest
from pdfminer.high_level import extract_text

from reportgen.cli import main
from tests.conftest import replace_once


@pytest.fixture
def listener():
    """A local HTTP server that records every request: proof that the PDF writer fetched nothing."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


def test_html_images_links_and_css_in_input_fetch_nothing(sample, tmp_path, listener):
    url, requests = listener
    hostile = (f'<img src="{url}/img.png"> <link rel="stylesheet" href="{url}/a.css"> '
               f'<style>@import url({url}/b.css);</style> ![ảnh]({url}/c.png) [liên kết]({url}/d) '
               f'<iframe src="file:///etc/passwd"></iframe>')
    replace_once(sample / "noi-dung.md", "# III. TỔ CHỨC THỰC HIỆN", f"{hostile}\n\n# III. TỔ CHỨC THỰC HIỆN")
    replace_once(sample / "van-ban.yaml", "name: Dương Văn Thái", f'name: "Dương Văn Thái <img src={url}/sig.png>"')
    replace_once(sample / "bieu-05.yaml", "chu_tri: Mặt trận Tổ quốc", f'chu_tri: "<img src={url}/cell.png>"')
    assert main(["build", str(sample), "-o", str(tmp_path)]) == 0
    assert requests == []
    text = " ".join(extract_text(str(tmp_path / "ke-hoach-552-kh-bcd.pdf")).split())
    assert f'<img src="{url}/img.png">' in text and f"![ảnh]({url}/c.png)" in text
    assert "sig.png>" in text.replace(" ", "") and "/etc/passwd" in text  # the signer's cell wraps the URL


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__ }}",
    "{{ self._TemplateReference__context }}",
])
def test_jinja_in_narrative_is_refused_with_its_place(sample, run_check, payload):
    line = replace_once(sample / "noi-dung.md", "# III. TỔ CHỨC THỰC HIỆN", f"{payload}\n\n# III. TỔ CHỨC THỰC HIỆN")
    code, report = run_check(sample)
    assert code == 2
    [problem] = report["problems"]
    assert problem["location"]["text"] == f"{sample / 'noi-dung.md'}:{line}:1"


@pytest.mark.parametrize("payload", ["{{ 7 }}", "{% if true %}x{% endif %}", "{{ range(10) }}"])
def test_jinja_in_data_is_text(sample, tmp_path, payload):
    """Only the narrative has expressions; a cell or a name is never rendered as a template."""
    replace_once(sample / "van-ban.yaml", "name: Dương Văn Thái", f'name: "Dương Văn Thái {payload}"')
    replace_once(sample / "bieu-05.yaml", "chu_tri: Mặt trận Tổ quốc", f'chu_tri: "{payload}"')
    assert main(["build", str(sample), "-o", str(tmp_path), "--format", "pdf"]) == 0
    text = " ".join(extract_text(str(tmp_path / "ke-hoach-552-kh-bcd.pdf")).split())
    assert text.count(payload) == 2


def test_ooxml_fragment_in_data_is_text_in_the_docx(sample, tmp_path):
    from docx import Document as WordDocument
    from docx.oxml.ns import qn

    fragment = '</w:t></w:r><w:r><w:t>chèn</w:t></w:r><w:fldSimple w:instr="INCLUDETEXT c:/x"/>'
    replace_once(sample / "van-ban.yaml", "name: Dương Văn Thái", f"name: '{fragment}'")
    assert main(["build", str(sample), "-o", str(tmp_path), "--format", "docx"]) == 0
    word = WordDocument(str(tmp_path / "ke-hoach-552-kh-bcd.docx"))
    cells = [p.text for t in word.tables for c in t._cells for p in c.paragraphs]
    assert fragment in cells
    body = word.element.body
    assert not [e for e in body.iter() if e.tag == qn("w:fldSimple")]  # a field only as text, never as XML
    assert any(fragment in (text.text or "") for text in body.iter(qn("w:t")))  # whole, inside one w:t
