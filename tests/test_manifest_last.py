"""The manifest is renamed into place last (issue #19 item 22): when it appears, every file it lists is there.

A spy on os.replace watches the renames into the output folder of a `build` over an earlier one: at the moment
the new manifest.json replaces the old one, each output it lists must already hold the bytes it names, and no
output may be renamed after it. Renaming the manifest first (output/files.py) fails both.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from reportgen.cli import main


def test_manifest_is_renamed_last_and_lists_only_files_in_place(sample, tmp_path, monkeypatch, capsys):
    out = tmp_path / "ra"
    assert main(["build", str(sample), "-o", str(out), "--format", "docx,xlsx"]) == 0
    replace = os.replace
    renamed: list[str] = []
    at_manifest: dict[str, bool] = {}

    def spy(src, dst, *args, **kwargs):
        dst = Path(dst)
        if dst.parent == out and not dst.name.startswith("."):  # not a staged or backup file
            if dst.name == "manifest.json":
                listed = json.loads(Path(src).read_bytes())["outputs"]
                at_manifest.update({o["path"]: hashlib.sha256((out / o["path"]).read_bytes()).hexdigest() == o["sha256"]
                                    for o in listed})
            renamed.append(dst.name)
        return replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spy)
    (sample / "so-lieu.yaml").write_text((sample / "so-lieu.yaml").read_text(encoding="utf-8") + "\n# sửa\n",
                                         encoding="utf-8")  # a new input hash: the new manifest differs
    capsys.readouterr()
    assert main(["build", str(sample), "-o", str(out), "--format", "docx,xlsx"]) == 0
    written = [line.strip() for line in capsys.readouterr().out.splitlines()[1:]]
    assert renamed[-1] == "manifest.json" and renamed.count("manifest.json") == 1
    assert sorted(renamed[:-1]) == sorted(name for name in at_manifest)
    assert at_manifest and all(at_manifest.values()), at_manifest
    assert sorted(Path(line).name for line in written) == sorted(renamed)
