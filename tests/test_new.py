"""`reportgen new`: a minimal plan or report folder that checks clean, every key with a Vietnamese comment."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from reportgen.cli import main
from reportgen.output.inputs.new import province_words
from reportgen.output.inputs.yaml_text import flow, scalar


@pytest.mark.parametrize("kind, document_kind, symbol", [("ke-hoach", "ke_hoach", "KH-UBND"),
                                                         ("bao-cao", "bao_cao", "BC-UBND")])
def test_new_folder_checks_clean_and_builds(kind, document_kind, symbol, tmp_path, capsys):
    folder = tmp_path / "moi"
    assert main(["new", str(folder), "--kind", kind, "--province", "Bắc Giang", "--year", "2021"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["don-vi.yaml", "noi-dung.md", "van-ban.yaml"]
    register = yaml.safe_load((folder / "don-vi.yaml").read_text(encoding="utf-8"))
    assert (register["province"], str(register["as_of"])) == ("Bắc Giang", "2021-01-15")
    assert "Huyện Lục Nam" in [unit["name"] for unit in register["units"]]
    capsys.readouterr()
    assert main(["check", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["status"], report["summary"]["fail"], report["problems"]) == ("pass", 0, [])
    document = yaml.safe_load((folder / "van-ban.yaml").read_text(encoding="utf-8"))
    assert (document["kind"], document["symbol"], document["year"]) == (document_kind, symbol, 2021)
    assert document["issuing_body"] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"]
    assert document["subject"].endswith("năm 2021 trên địa bàn tỉnh Bắc Giang")
    assert ("kinh_gui" in document) == (kind == "bao-cao")   # Kính gửi: a Báo cáo's only
    assert main(["build", str(folder), "-o", str(tmp_path / "ra"), "--format", "docx"]) == 0


def test_every_key_of_the_document_file_says_what_it_is(tmp_path):
    folder = tmp_path / "moi"
    assert main(["new", str(folder), "--kind", "ke-hoach", "--province", "Hà Nội", "--year", "2021"]) == 0
    lines = (folder / "van-ban.yaml").read_text(encoding="utf-8").splitlines()
    keys = [line for line in lines if re.match(r"\s*[a-z_]+:", line)]
    assert len(keys) >= 15
    assert all(re.search(r"\s#\s\S", line) for line in keys), [line for line in keys if " # " not in line]
    assert "issuing_body: [ỦY BAN NHÂN DÂN, THÀNH PHỐ HÀ NỘI]" in "\n".join(lines)


@pytest.mark.parametrize("typed, words", [("Bắc Giang", ("tỉnh Bắc Giang", "Bắc Giang")),
                                          ("tỉnh  Bắc   Giang", ("tỉnh Bắc Giang", "Bắc Giang")),
                                          ("Hà Nội", ("thành phố Hà Nội", "Hà Nội")),
                                          ("Thành phố Hồ Chí Minh", ("thành phố Hồ Chí Minh", "Hồ Chí Minh"))])
def test_province_words(typed, words):
    assert province_words(typed) == words


def test_new_refuses_a_folder_that_holds_anything_and_an_empty_province(tmp_path, capsys):
    folder = tmp_path / "moi"
    folder.mkdir()
    (folder / "van-ban.yaml").write_text("kind: ke_hoach\n", encoding="utf-8")
    assert main(["new", str(folder), "--kind", "ke-hoach", "--province", "Bắc Giang", "--year", "2021"]) == 64
    assert (folder / "van-ban.yaml").read_text(encoding="utf-8") == "kind: ke_hoach\n"
    said = capsys.readouterr().err    # in new's words: it takes the folder itself, it has no -o (said «roll» once)
    assert "«new» chỉ viết vào một thư mục mới" in said and "Chọn tên thư mục khác" in said and "Chọn -o" not in said
    assert main(["new", str(tmp_path / "khac"), "--kind", "ke-hoach", "--province", "  ", "--year", "2021"]) == 64
    assert "--province trống" in capsys.readouterr().err
    assert not (tmp_path / "khac").exists()
    assert main(["new", str(tmp_path / "khac"), "--kind", "ke-hoach", "--province", "Bắc Giag", "--year", "2021"]) == 64
    assert "có phải 'Bắc Giang' không?" in capsys.readouterr().err
    assert not (tmp_path / "khac").exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@settings(max_examples=300, deadline=None)
@example("Sở NN&PTNT, VPĐP")
@example("Căn cứ: Luật")
@example("UBND huyện, TP")
@example("x #y")
@example("- x")
@example("2020")
@example("No")
@example("[Biểu 01]")
@example('Đề án "Phong trào"')
@given(st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"))), st.none(),
                 st.decimals(allow_nan=False, allow_infinity=False, places=3)))
def test_a_scalar_reads_back_as_itself(value):
    """What the writer puts on a line reads back through YAML as the same value, alone and inside a flow list."""
    text = scalar(value)
    assert yaml.safe_load(f"k: {text}\n")["k"] == _yaml_value(value)
    assert yaml.safe_load(f"k: {flow([value, 'x'])}\n")["k"] == [_yaml_value(value), "x"]


def _yaml_value(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
