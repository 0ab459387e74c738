"""Reaching rows from {{ … }}: one row by its name (dong), rows of a group or holding a value (dem/tong filters).

A name or value that matches nothing is a misspelling far more often than a true zero: it is an error with the
nearest names ("có phải … không?"). A value that stands somewhere in the column but not with the other filters
is a true 0.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.expressions.errors import ExpressionError
from reportgen.expressions.suggest import closest, did_you_mean
from reportgen.model.plan import Annex, Column, Row
from reportgen.model.units import Register
from reportgen.names import NameKey, name_key
from reportgen.vi import roman

GROUP = "nhom"   # the filter naming a group row ("I. Xã phấn đấu đạt chuẩn …") by its label


def _text(value: object) -> str | None:
    return " ".join(str(value).split()) if value is not None else None


def _key(value: object):
    """Names match as units compare ("TP Tuyên Quang" = "Thành phố Tuyên Quang", case and spaces aside)."""
    return name_key(str(value)) if value is not None else None


def select(annex: Annex, filters: dict[str, object], register: Register | None = None) -> list[Row]:
    """The rows of `annex` in the group `nhom` names and holding each other filter's value in that column."""
    rows = [row for group in _groups(annex, filters.get(GROUP)) for row in group.rows]
    for key, wanted in filters.items():
        if key != GROUP:
            column = _filter_column(annex, key)
            wanted = _wanted(annex, column, wanted, register)
            rows = [row for row in rows if _key(row.value(column.key)) == wanted]
    return rows


def filtered_sum(annex: Annex, column: Column, filters: dict[str, object], register: Register | None = None
                 ) -> Decimal:
    values = [row.value(column.key) for row in select(annex, filters, register)]
    return sum((v for v in values if isinstance(v, Decimal)), Decimal(0))


def named_value(annex: Annex, column: Column, name: object, register: Register | None = None) -> Decimal:
    """The figure in `column` of the row named `name` (its unit, or its first text column)."""
    if not isinstance(name, str) or annex.label_key is None:
        raise ExpressionError(f'dong(...) cần tên dòng trong dấu nháy, ví dụ dong(bieu{annex.id}.{column.key}, '
                              '"Huyện Lục Ngạn").')
    names = [_text(row.value(annex.label_key)) for row in annex.rows()]
    matches = [row for row, text in zip(annex.rows(), names) if text is not None and _key(text) == _key(name)]
    if not matches:
        known = [n for n in names if n]
        raise ExpressionError(f"{annex.label} không có dòng '{name}'"
                              f"{_near(annex, annex.label_key, name, known, register)} "
                              f"Các dòng: {', '.join(known)}.",
                              (f"bieu{annex.id}",) if not known else ())
    if len(matches) > 1:
        raise ExpressionError(f"{annex.label} có {len(matches)} dòng '{name}': không biết lấy dòng nào.")
    value = matches[0].value(column.key)
    if not isinstance(value, Decimal):
        raise ExpressionError(f"{annex.label}, dòng '{name}', cột '{column.key}' để trống hoặc không phải số.")
    return value


def _near(annex: Annex, key: str, name: str, known: list[str], register: Register | None) -> str:
    """The near rows and where they are written: the table's name may be the misspelt one ("Hàm Yen" in Biểu 02
    while the text says "Hàm Yên"), so the clerk is not told to copy it. The register, if any, says which is."""
    near = closest(name, known)
    places = [(text, row.cells[key].loc) for row in annex.rows()
              if (text := _text(row.value(key))) in near and key in row.cells]
    if register is not None and register.named(name):
        wrong = [(text, loc) for text, loc in places if not register.named(text)]
        if wrong:
            return (f": tên này có trong danh mục đơn vị, còn {annex.label} viết "
                    + ", ".join(f"'{text}' ({loc})" for text, loc in wrong) + ": sửa tên trong biểu.")
    sentence = did_you_mean(name, known)
    if not places or (register is not None and not any(not register.named(text) for text, _ in places)):
        return sentence  # the register knows the table's names: the text is the misspelt one
    return (f"{sentence} Nếu tên trong biểu mới là tên viết sai thì sửa ở biểu: "
            + ", ".join(f"'{text}' ở {loc}" for text, loc in places) + ".")


def _groups(annex: Annex, label: object):
    if label is None:
        return annex.groups
    labels = [g.label for g in annex.groups if g.label is not None]
    if not labels:
        raise ExpressionError(f"{annex.label} không chia nhóm nên không lọc được theo {GROUP}=….")
    chosen = [g for g in annex.groups if g.label is not None and _key(g.label) == _key(label)]
    if not chosen:  # the group's number as printed: nhom="II"
        chosen = [g for i, g in enumerate(annex.groups, 1) if (g.numeral or roman(i)) == _text(label).upper()]
    if not chosen:
        raise ExpressionError(f"{annex.label} không có nhóm '{label}'{did_you_mean(str(label), labels)} "
                              f"Các nhóm: {', '.join(labels)}.")
    return chosen


def _filter_column(annex: Annex, key: str) -> Column:
    leaves = {leaf.key: leaf for leaf in annex.leaves() if leaf.type not in ("index",)}
    if key not in leaves:
        raise ExpressionError(f"{annex.label} không có cột '{key}' để lọc{did_you_mean(key, leaves)} Lọc theo "
                              f"{GROUP}=\"<tên nhóm>\" hoặc một cột: {', '.join(leaves)}.")
    return leaves[key]


def _wanted(annex: Annex, column: Column, wanted: object, register: Register | None) -> NameKey:
    """The value filtered on, as the column writes it; one it never holds is a misspelling (of either side)."""
    held = list(dict.fromkeys(t for t in (_text(row.value(column.key)) for row in annex.rows()) if t))
    if column.type == "mark" and _text(wanted).upper() == "X":
        return _key("X")       # marks are X or nothing: X is right even where no row is marked (a true 0)
    if not held:
        return _key(wanted)    # an empty column: nothing it could be a misspelling of, a true 0
    if _key(wanted) not in {_key(t) for t in held}:
        raise ExpressionError(f"{annex.label}, cột '{column.key}' không có dòng nào ghi '{wanted}'"
                              f"{_near(annex, column.key, str(wanted), held, register)} "
                              f"Các giá trị: {', '.join(held[:20])}.")
    return _key(wanted)


def row_names(calls: list[tuple[str, str, list, dict]]) -> list[tuple[str, str | None, str]]:
    """The row names an expression's calls use, as (annex id, the column they are matched in, name): dong's name
    in the row-name column ("" here: the annex knows which), a filter's in its column, nhom's among group labels."""
    names = []
    for function, target, literal, keywords in calls:
        annex = target.split(".")[0][len("bieu"):] if target.startswith("bieu") else None
        if annex is None:
            continue
        if function == "dong" and literal and isinstance(literal[0], str):
            names.append((annex, "", literal[0]))
        if function in ("dem", "tong"):
            names += [(annex, None if key == GROUP else key, value) for key, value in keywords.items()
                      if isinstance(value, str)]
    return names
