"""No file outside the input folder, reportgen's own package (templates) and the output folder is read: every
open() of a build, an export and a report is recorded by an audit hook, with a secret file beside the input
that the narrative points at in every way a renderer might follow."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import reportgen
from tests.conftest import replace_once

RECORDER = """
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.abspath(os.fsdecode(args[0])))
sys.addaudithook(hook)
from reportgen.cli import main
codes = [main(argv) for argv in json.loads(sys.argv[2])]
with open(sys.argv[1], "w") as log:
    json.dump({"codes": codes, "opened": opened}, log)
"""


def test_only_the_input_the_package_and_the_output_are_opened(sample, tmp_path):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    replace_once(sample / "noi-dung.md", "# III. TỔ CHỨC THỰC HIỆN",
                 f"![ảnh](../bi-mat.txt) <img src=\"file://{secret}\"> [liên kết]({secret})\n\n"
                 "# III. TỔ CHỨC THỰC HIỆN")
    out = tmp_path / "ra"
    commands = [["build", str(sample), "-o", str(out / "kh")],
                ["export", str(sample), "-o", str(out / "bieu"), "--by-unit", "--format", "xlsx,pdf", "--jobs", "1"],
                ["report", str(sample), "--period", "2020-Q2", "-o", str(out / "bc")]]
    log = tmp_path / "opened.json"
    run = subprocess.run([sys.executable, "-c", RECORDER, str(log), json.dumps(commands)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    record = json.loads(log.read_text(encoding="utf-8"))
    assert record["codes"] == [0, 0, 0], run.stdout + run.stderr
    package = Path(reportgen.__file__).resolve().parent
    opened = {Path(p).resolve() for p in record["opened"]}
    # Python's own files and the libraries', a scratch file a library makes directly in the temp folder, and
    # mimetypes' table are not the clerk's data; anything else must be the input, the package or the output.
    roots = {sample.resolve(), out.resolve(), package, *(Path(p).resolve() for p in
                                                        (sys.prefix, sys.base_prefix, sys.exec_prefix))}
    scratch = Path(tempfile.gettempdir()).resolve()
    strays = [p for p in opened if not any(root == p or root in p.parents for root in roots)
              and scratch not in (p, p.parent) and p not in (Path("/dev/null"), Path("/etc/mime.types"), log.resolve())]
    assert secret.resolve() not in opened and not strays, strays
    assert any(package / "templates" in p.parents for p in opened)       # the templates were read from the package
    assert any(sample.resolve() / "bieu-01.yaml" == p for p in opened)   # and the input, so the hook saw opens
