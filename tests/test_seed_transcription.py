"""The sample input inputs/bac-giang-2020/ is a faithful transcription of the seed document.

The seed is the OCR text of Kế hoạch 552/KH-BCĐ (shared/seed/, next to the repository). Each test
reads the seed independently, applies exactly the OCR corrections the transcriber documented (the
annex header comments and GHI-CHU-CHEP.md, repeated below as explicit dicts) and compares the result
with the sample as reportgen's typed model sees it. The sample YAML is never parsed here.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.pipeline import check_folder
from reportgen.vi import format_number, format_percent

HERE = Path(__file__).resolve()
SAMPLE = HERE.parents[1] / "inputs" / "bac-giang-2020"
SEED = HERE.parents[2] / "shared" / "seed" / "ke-hoach-552-KH-BCD-2020-bac-giang.txt"

# ---------------------------------------------------------------------------------------------
# Documented corrections (old OCR text -> transcribed text). Each one must occur in the seed, so a
# correction that no longer applies is reported instead of silently matching nothing.
# ---------------------------------------------------------------------------------------------

# GHI-CHU-CHEP.md, "Biểu 01".
BIEU01_FIXES = {
    "Số sánh": "So sánh",
    "sắp nhập": "sáp nhập",
    "nông thôn mới cao/kiểu mẫu": "nông thôn mới nâng cao/kiểu mẫu",
    "(Lấy kê)": "(Lũy kế)",
}

# Header comments "chép sửa" of bieu-03.yaml / bieu-05.yaml (bieu-04.yaml: "không có chỗ chép sửa").
TABLE_FIXES = {
    "03": {
        "PHÂN ĐẦU": "PHẤN ĐẤU",
        "Xã phân đầu đạt chuẩn": "Xã phấn đấu đạt chuẩn",
    },
    "04": {},
    "05": {
        "BIÊN LƯU KẾ HOẠCH": "KẾ HOẠCH",
        "Hợp sơ kết": "Họp sơ kết",
        "UBND xã phân đầu đạt chuẩn 2020": "UBND xã phấn đấu đạt chuẩn 2020",
        "Hoàn thành xây ngân": "Hoàn thành giải ngân",
        "Mặt trận tổ quốc": "Mặt trận Tổ quốc",
    },
}
# Whole-cell corrections (a substring rule would also hit "Sở, ngành, các xã").
TABLE_CELL_FIXES = {
    "05": {"Sở NN&PTNT, VPĐP, Sở, ngành,": "Sở NN&PTNT, VPĐP, Sở, ngành"},  # stray final comma, mục I.6
}

# GHI-CHU-CHEP.md, "Lời văn".
NARRATIVE_FIXES = {
    "PHÂN ĐÁU": "PHẤN ĐẤU",
    "phần đầu": "phấn đấu",
    "phân đầu": "phấn đấu",
    "hiên đất": "hiến đất",
    "tạ thôn": "tại thôn",
    "thời án đã định": "thời hạn đã định",
    "Mặt trận tổ quốc": "Mặt trận Tổ quốc",
    "e) Đề nghị": "đ) Đề nghị",
}
# Whole-paragraph corrections, applied after NARRATIVE_FIXES. Not listed in GHI-CHU-CHEP.md: the
# heading of mục II.6 lost its final "." (headings carry no final stop); no fact changes.
NARRATIVE_PARAGRAPH_FIXES = {
    "6. Duy trì, nâng cao chất lượng đối với huyện Việt Yên, Lạng Giang đã đạt chuẩn và phấn đấu "
    "huyện Tân Yên đạt chuẩn năm 2020.":
    "6. Duy trì, nâng cao chất lượng đối với huyện Việt Yên, Lạng Giang đã đạt chuẩn và phấn đấu "
    "huyện Tân Yên đạt chuẩn năm 2020",
}

# GHI-CHU-CHEP.md, "Nơi nhận".
RECIPIENT_FIXES = {"MTTQ quốc": "MTTQ", "Tỉnh uỷ": "Tỉnh ủy"}

# ---------------------------------------------------------------------------------------------
# Small parsing helpers
# ---------------------------------------------------------------------------------------------

ROMAN = re.compile(r"[IVXLC]+")


def fix(text: str, fixes: dict[str, str]) -> str:
    for old, new in fixes.items():
        text = text.replace(old, new)
    return text


def assert_fixes_apply(text: str, fixes: dict[str, str], what: str) -> None:
    unused = [old for old in fixes if old not in text]
    assert not unused, f"{what}: documented correction(s) {unused} no longer occur in the seed"


def block(lines: list[str], start: str, end: str | None) -> list[str]:
    """Lines from the first one containing `start` up to (not including) the next containing `end`."""
    first = next(i for i, line in enumerate(lines) if start in line)
    last = next((i for i in range(first + 1, len(lines)) if end is not None and end in lines[i]), len(lines))
    return lines[first:last]


def cells(line: str, width: int = 0) -> list[str]:
    row = [c.strip() for c in line.split("\t")]
    return row + [""] * (width - len(row))


def seed_number(text: str) -> Decimal | None:
    """Seed figures as printed: "" is a blank, "19,0" is 19.0."""
    return None if text == "" else Decimal(text.replace(",", "."))


def first_difference(expected: list, actual: list) -> str:
    for i, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            return f"item {i}: seed {e!r} != sample {a!r}"
    return f"lengths differ: seed {len(expected)} items, sample {len(actual)} items"


def assert_same(expected: list, actual: list, what: str) -> None:
    assert expected == actual, f"{what}: {first_difference(expected, actual)}"


# ---------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> list[str]:
    if not SEED.is_file():
        pytest.skip(f"seed document not found at {SEED} (shared/seed/ must sit next to the repository)")
    return SEED.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def result():
    return check_folder(SAMPLE)


# ---------------------------------------------------------------------------------------------
# 1. Biểu 01
# ---------------------------------------------------------------------------------------------

BIEU01_WIDTH = 16            # TT, name, 7 column pairs
BIEU01_EMPTY_PAIR = 2        # the 3rd pair is empty everywhere in the print: dropped


def bieu01_pairs(row: list[str]) -> list[tuple[str, str]]:
    pairs = [(row[2 + 2 * i], row[3 + 2 * i]) for i in range(7)]
    assert pairs[BIEU01_EMPTY_PAIR] == ("", ""), f"seed Biểu 01: dropped pair is not empty in {row}"
    return [p for i, p in enumerate(pairs) if i != BIEU01_EMPTY_PAIR]


def test_bieu01_matches_seed(seed, result):
    lines = block(seed, "TT\tHuyện, thành phố\tThực hiện", "Huyện Tân Yên đạt chuẩn huyện")
    assert_fixes_apply("\n".join(lines), BIEU01_FIXES, "seed Biểu 01")
    rows = [cells(fix(line, BIEU01_FIXES), BIEU01_WIDTH) for line in lines if "\t" in line]
    header, sub_header, districts = rows[0], rows[1], [r for r in rows if r[0].isdigit()]
    total = next(r for r in rows if r[0] == "Tổng cộng")
    comparison = next(r for r in rows if r[0].startswith("So sánh"))
    assert [r[0] for r in districts] == [str(i) for i in range(1, 11)], "seed Biểu 01: expected districts 1..10"

    annex = result.plan.annex("01")
    title = next(line for line in seed if line.startswith("BIỂU 01 "))
    assert annex.label.upper() + " " + annex.title == title, f"Biểu 01 title: seed {title!r}"
    note = next(line for line in seed if line.startswith("Huyện Tân Yên đạt chuẩn huyện"))
    assert list(annex.notes) == [note], f"Biểu 01 notes: seed {note!r} != sample {annex.notes}"
    groups = [c for c in annex.columns if c.is_group]
    assert len(groups) == 6, f"sample Biểu 01 has {len(groups)} group columns, expected 6"
    keys = [leaf.key for group in groups for leaf in group.children]

    # The printed header is shifted one group to the left (GHI-CHU-CHEP.md): its first two cells are the
    # sub-column titles, the group "Số thôn đạt chuẩn nông thôn mới" has no printed title, and the title
    # printed over the empty pair belongs to the pair before it.
    printed = [header[2 + 2 * i] for i in range(7)]
    assert_same(printed[2:], [g.header for g in groups[1:]], "Biểu 01 group headers")
    sub_titles = [f"{printed[0]} {sub_header[2]}", f"{printed[1]} {sub_header[3]}"]   # [2019, 2020]
    for group in groups:
        assert_same(sub_titles, [leaf.header for leaf in group.children], f"Biểu 01 sub-columns of {group.id}")

    def figures(row: list[str]) -> list[Decimal | None]:
        return [seed_number(x) for pair in bieu01_pairs(row) for x in pair]

    assert_same([r[1] for r in districts], [row.value(annex.unit_key) for row in annex.rows()],
                "Biểu 01 district names")
    for seed_row, row in zip(districts, annex.rows()):
        assert_same(figures(seed_row), [row.value(k) for k in keys], f"Biểu 01 row {seed_row[0]} {seed_row[1]}")

    assert annex.total.label == total[0]
    assert_same(figures(total), [annex.total.cells[k].value for k in keys], "Biểu 01 total row")

    assert annex.comparison.label == comparison[0]
    texts = [" ".join(x for x in pair if x) for pair in bieu01_pairs(comparison)]
    assert_same(texts, [annex.comparison.changes[g.id].text for g in groups], "Biểu 01 comparison row")


# ---------------------------------------------------------------------------------------------
# 2. Biểu 03, 04, 05
# ---------------------------------------------------------------------------------------------

# annex id -> (start of the title line in the seed, start of the line after the table)
TABLES = {
    "03": ("**DANH SÁCH XÃ PHÂN ĐẦU", "Biểu 04"),
    "04": ("DANH SÁCH CÁC THÔN TRIỂN KHAI", "BIÊN LƯU KẾ HOẠCH"),
    "05": ("BIÊN LƯU KẾ HOẠCH", None),
}


def seed_table(lines: list[str], annex_id: str):
    """Title, header row and items ("group", label) / ("row", number, cells) of one annex in the seed."""
    start, end = TABLES[annex_id]
    lines = block(lines, start, end)
    fixes, cell_fixes = TABLE_FIXES[annex_id], TABLE_CELL_FIXES.get(annex_id, {})
    text = "\n".join(lines)
    assert_fixes_apply(text, fixes, f"seed Biểu {annex_id}")
    assert_fixes_apply(text, {f"\t{old}\t": new for old, new in cell_fixes.items()}, f"seed Biểu {annex_id}")

    title_lines = lines[:2] if lines[0].startswith("**") else lines[:1]    # Biểu 03's bold title wraps
    title = fix(" ".join(title_lines).replace("*", "").strip(), fixes)
    rows = [fix(line, fixes) for line in lines if "\t" in line]
    header = cells(rows[0])
    items = []
    for line in rows:
        row = [cell_fixes.get(c, c) for c in cells(line, len(header))]
        if row == header:
            continue                       # the header row, repeated after each page break
        if ROMAN.fullmatch(row[0]):
            assert not any(row[2:]), f"seed Biểu {annex_id}: group row with cells {row}"
            items.append(("group", row[1]))
        else:
            assert row[0].isdigit(), f"seed Biểu {annex_id}: unexpected row {row}"
            items.append(("row", int(row[0]), row[1:]))
    return title, header, items


def numbering(items: list, annex_id: str) -> str:
    """How the seed numbers rows: 1..n through the table, or from 1 in each group; no row was skipped."""
    per_group: list[list[int]] = [[]]
    for item in items:
        if item[0] == "group":
            per_group.append([])
        else:
            per_group[-1].append(item[1])
    flat = [n for numbers in per_group for n in numbers]
    if flat == list(range(1, len(flat) + 1)):
        return "continuous"
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in per_group), \
        f"seed Biểu {annex_id}: row numbers {flat} skip or repeat"
    return "per_group"


@pytest.mark.parametrize("annex_id, group_sizes", [
    ("03", [1] * 8),                          # 8 xã
    ("04", [6, 14, 3, 4, 6, 2, 1, 4, 6]),     # 46 thôn
    ("05", [12, 10, 14]),                     # 36 nhiệm vụ
])
def test_table_annex_matches_seed(seed, result, annex_id, group_sizes):
    title, header, items = seed_table(seed, annex_id)
    annex = result.plan.annex(annex_id)
    leaves = annex.leaves()
    assert leaves[0].type == "index", f"Biểu {annex_id}: the first column is not the index column"

    assert annex.title == title, f"Biểu {annex_id} title: seed {title!r} != sample {annex.title!r}"
    assert_same(header, [leaf.header for leaf in leaves], f"Biểu {annex_id} header row")

    # A blank seed cell is None in the model; marks ("X") and texts are strings.
    expected = [item if item[0] == "group" else ("row", [c or None for c in item[2]]) for item in items]
    actual = []
    for group in annex.groups:
        actual.append(("group", group.label))
        actual.extend(("row", [row.value(leaf.key) for leaf in leaves[1:]]) for row in group.rows)
    assert_same(expected, actual, f"Biểu {annex_id} groups and rows")
    assert [len(group.rows) for group in annex.groups] == group_sizes, f"Biểu {annex_id}: rows per group"
    assert annex.numbering == numbering(items, annex_id), f"Biểu {annex_id}: row numbering differs from the print"


# ---------------------------------------------------------------------------------------------
# 3. Narrative
# ---------------------------------------------------------------------------------------------

EXPRESSION = re.compile(r"\{\{(.*?)\}\}")


def formatted(figure) -> str:
    if figure.kind == "percent":
        return format_percent(figure.value, figure.decimals)
    return format_number(figure.value, figure.decimals, figure.pad)


def rendered_narrative(result) -> str:
    """The sample narrative with every {{ expression }} replaced by its figure as printed."""
    narrative = result.plan.narrative
    figures = {}
    for expression in narrative.expressions:
        figure = result.evaluated.values.get(expression.loc)
        assert figure is not None, f"{{{{ {expression.source} }}}} at {expression.loc} has no value"
        figures[(expression.loc.line, expression.loc.col)] = (expression.source, formatted(figure))
    out = []
    for number, line in enumerate(narrative.text.splitlines(), start=1):
        def value(match, number=number):
            source, text = figures.pop((number, match.start() + 1))
            assert source == match.group(1).strip(), f"line {number}: expression {source!r} misplaced"
            return text
        out.append(EXPRESSION.sub(value, line))
    assert not figures, f"expressions not found in the narrative text: {figures}"
    return "\n".join(out)


def paragraphs(text: str) -> list[str]:
    text = text.replace("*", "")
    parts = (re.sub(r"^#+\s*", "", p.strip()) for p in re.split(r"\n\s*\n", text))
    return [" ".join(p.split()) for p in parts if p]


def test_narrative_matches_seed(seed, result):
    lines = block(seed, "Ban Chỉ đạo các Chương trình MTQG tỉnh xây dựng kế hoạch", "Nơi nhận:")
    end = next(i for i, line in enumerate(lines) if line.endswith("nghiêm túc thực hiện./."))
    text = "\n".join(lines[: end + 1])
    assert_fixes_apply(text, NARRATIVE_FIXES, "seed narrative")
    seed_paragraphs = paragraphs(fix(text, NARRATIVE_FIXES))
    assert_fixes_apply("\n".join(seed_paragraphs), NARRATIVE_PARAGRAPH_FIXES, "seed narrative")
    expected = [NARRATIVE_PARAGRAPH_FIXES.get(p, p) for p in seed_paragraphs]

    assert_same(expected, paragraphs(rendered_narrative(result)), "narrative paragraphs")


# ---------------------------------------------------------------------------------------------
# 4. Document metadata
# ---------------------------------------------------------------------------------------------


def test_metadata_matches_seed(seed, result):
    meta = result.plan.meta
    nonblank = [line.strip() for line in seed if line.strip()]

    number = next(re.fullmatch(r"Số: (\d+)/(\S+)", line) for line in nonblank if line.startswith("Số:"))
    assert (meta.number, meta.symbol) == (int(number[1]), number[2])
    dated = next(re.fullmatch(r"(.+), ngày (\d+) tháng (\d+) năm (\d+)", line) for line in nonblank if ", ngày " in line)
    assert meta.place == dated[1]
    assert meta.date == dt.date(int(dated[4]), int(dated[3]), int(dated[2]))

    subject = nonblank[nonblank.index("KẾ HOẠCH") + 1]

    preamble = block(nonblank, subject, "Ban Chỉ đạo các Chương trình MTQG tỉnh xây dựng kế hoạch")
    bases = [line.rstrip(";.") for line in preamble if line.startswith("Căn cứ")]
    assert_same(bases, list(meta.legal_bases), "legal bases (final ';'/'.' is added by reportgen)")

    lines = block(nonblank, "Nơi nhận:", "BIỂU 01")
    recipients_block = [line for line in lines[1:] if line.startswith("-")]
    signature = [line for line in lines[1:] if not line.startswith("-")]
    assert_same(signature, [*meta.signer.title, meta.signer.capacity, meta.signer.name], "signer lines")

    assert_fixes_apply("\n".join(recipients_block), RECIPIENT_FIXES, "seed Nơi nhận")
    top = [fix(line, RECIPIENT_FIXES)[2:].rstrip(";:") for line in recipients_block if not line.startswith("- +")]
    sub = [line[4:].rstrip(";") for line in recipients_block if line.startswith("- +")]
    assert_same(top, [r.text for r in meta.recipients], "recipients")
    with_items = [r for r in meta.recipients if r.items]
    assert len(with_items) == 1 and len(sub) == 2, f"seed sub-items {sub}, sample {with_items}"
    assert ", ".join(with_items[0].items) == sub[0], f"items: seed {sub[0]!r} != sample {with_items[0].items}"
    assert "Lưu " + meta.archive == sub[1], f"archive: seed {sub[1]!r} != sample {meta.archive!r}"

    # Last, so that a difference here does not hide the checks above.
    assert meta.subject == subject, f"subject: seed {subject!r} != sample {meta.subject!r}"
