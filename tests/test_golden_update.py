"""`pytest --update-golden` rewrites a golden and never counts as a pass (issue #19 item 23)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.conftest import update_golden


def _request(updating: bool):
    return SimpleNamespace(config=SimpleNamespace(getoption=lambda name: updating if name == "--update-golden" else None))


def test_an_update_run_rewrites_a_changed_golden_then_fails_asking_for_review(tmp_path):
    golden = tmp_path / "x.tree.txt"
    golden.write_text("cũ\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match=r"rewrote .*x\.tree\.txt: review `git diff"):
        update_golden(_request(True), golden, "mới\n")
    assert golden.read_text(encoding="utf-8") == "mới\n"


def test_an_update_run_skips_an_unchanged_golden_without_writing_it(tmp_path):
    golden = tmp_path / "x.yaml"
    golden.write_text("# một chú thích\nexit: 2\n", encoding="utf-8")
    with pytest.raises(pytest.skip.Exception, match="unchanged; nothing was compared"):
        update_golden(_request(True), golden, "exit: 2\n", same=True)  # same values, other text: kept as typed
    assert golden.read_text(encoding="utf-8") == "# một chú thích\nexit: 2\n"
    with pytest.raises(pytest.fail.Exception):
        update_golden(_request(True), tmp_path / "moi.tree.txt", "mới\n")  # a new golden is a change too
    assert (tmp_path / "moi.tree.txt").read_text(encoding="utf-8") == "mới\n"


def test_a_normal_run_writes_nothing(tmp_path):
    golden = tmp_path / "x.tree.txt"
    golden.write_text("cũ\n", encoding="utf-8")
    update_golden(_request(False), golden, "mới\n")
    assert golden.read_text(encoding="utf-8") == "cũ\n"
