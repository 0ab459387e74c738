"""YAML files to Raw values with line:col locations; safe loader, no aliases, no duplicate keys."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from reportgen.errors import Location, Problems
from reportgen.load.raw import (CONTROL_CHARACTERS, Raw, control_character_message, display_path, number_problem,
                                odd_character, read_text)
from reportgen.vi import nfc

MAX_DEPTH = 40
# libyaml's safe loader when the wheel has it (about 10× faster on a 10.000-row annex), same marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"


def load_yaml(path: Path, problems: Problems) -> Raw | None:
    """Parses one YAML file; every problem goes to `problems` with its location."""
    text = read_text(path, problems)
    if text is None:
        return None
    shown = display_path(path)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        problems.add(f"YAML sai cú pháp: {explain_yaml(exc.problem or exc.context or '')} Sửa chỗ này rồi chạy lại.",
                     where)
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problems.add(f"Tệp có ký tự điều khiển không in được (mã {exc.character!r}): xóa ký tự này.",
                     Location(shown, line, col))
        return None
    except yaml.YAMLError as exc:
        problems.add(f"YAML sai cú pháp ({exc}).", Location(shown))
        return None
    except RecursionError:
        problems.add("YAML lồng quá sâu: không đọc.", Location(shown))
        return None
    if node is None:
        problems.add("Tệp YAML rỗng: điền nội dung theo mẫu trong README rồi chạy lại.", Location(shown))
        return None
    return _Converter(shown, problems).convert(node)


class _Converter:
    def __init__(self, shown: str, problems: Problems) -> None:
        self.shown = shown
        self.problems = problems
        self.seen: set[int] = set()

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.shown, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node, depth: int = 0) -> Raw:
        before = self.problems.total
        raw = self._convert(node, depth)
        if raw.value is None and self.problems.total > before:
            return replace(raw, refused=True)  # already reported: "missing" would only echo it
        return raw

    def _convert(self, node: yaml.Node, depth: int) -> Raw:
        if depth > MAX_DEPTH:
            self.problems.add(f"YAML lồng quá {MAX_DEPTH} tầng: không đọc.", self.loc(node))
            return Raw(None, self.loc(node))
        if id(node) in self.seen:
            # An alias: the composer shares the node. Refused, so an alias bomb cannot expand.
            self.problems.add("Không dùng neo/bí danh YAML (& và *): hãy viết đầy đủ giá trị.", self.loc(node))
            return Raw(None, self.loc(node))
        self.seen.add(id(node))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in (_TAG + "map", _TAG + "seq"):
            self.problems.add(f"Không dùng thẻ YAML '{node.tag}': bỏ thẻ đi.", self.loc(node))
            return Raw(None, self.loc(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            return Raw([self.convert(item, depth + 1) for item in node.value], self.loc(node))
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, depth: int) -> Raw:
        values: dict[str, Raw] = {}
        keys: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_loc = self.loc(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add("Khóa phải là một chữ, không phải danh sách hay bảng.", key_loc)
                continue
            key = nfc(key_node.value)
            self.odd(key, key_node)
            if key == "<<":
                self.problems.add("Không dùng khóa gộp '<<' của YAML: hãy viết đầy đủ.", key_loc)
                continue
            if key in values:
                self.problems.add(f"Khóa '{key}' lặp lại (đã có ở dòng {keys[key].line}). Xóa một trong hai.",
                                  key_loc)
                continue
            keys[key] = key_loc
            values[key] = self.convert(value_node, depth + 1)
        return Raw(values, self.loc(node), keys)

    def scalar(self, node: yaml.ScalarNode) -> Raw:
        text = nfc(node.value)
        loc = self.loc(node)
        control = CONTROL_CHARACTERS.search(text)
        if control:  # written as an escape ("\x01") in a quoted string: the file itself passed read_text
            self.problems.add(control_character_message(control.group()), loc)
            text = CONTROL_CHARACTERS.sub("", text)  # the problem is recorded; go on without echoes
        self.odd(text, node)
        tag = node.tag.removeprefix(_TAG)
        if node.style in ("'", '"') or tag == "str":
            return Raw(text, loc, text=text)
        if tag == "null":
            return Raw(None, loc, text=text)
        if tag == "bool":
            return Raw(text.lower() in ("true", "yes", "on", "y"), loc, text=text)
        if tag in ("int", "float"):
            return Raw(self.number(text, loc), loc, text=text)
        if tag == "timestamp":
            return Raw(self.timestamp(node, loc), loc, text=text)
        self.problems.add(f"Kiểu YAML '{node.tag}' không được hỗ trợ.", loc)
        return Raw(None, loc, text=text)

    def odd(self, text: str, node: yaml.ScalarNode) -> None:
        """An invisible or look-alike letter, placed at its column when the scalar is on one line."""
        found = odd_character(text)
        if found is None:
            return
        index, message = found
        loc = self.loc(node)
        if node.start_mark.line == node.end_mark.line and node.style in (None, "", "'", '"'):  # "": libyaml's plain
            loc = Location(self.shown, loc.line, loc.col + index + (1 if node.style in ("'", '"') else 0))
        self.problems.add(message, loc)

    def number(self, text: str, loc: Location) -> Decimal | None:
        try:
            value = Decimal(text.replace("_", ""))
        except InvalidOperation:
            self.problems.add(f"'{text}' không phải số viết được trong YAML (dùng dạng 12 hoặc 12.5).", loc)
            return None
        reason = number_problem(value)
        if reason:
            self.problems.add(f"Số '{text}' {reason}.", loc)
            return None
        return value

    def timestamp(self, node: yaml.ScalarNode, loc: Location) -> _dt.date | None:
        try:
            value = yaml.SafeLoader(" ").construct_yaml_timestamp(node)
        except (ValueError, TypeError):
            self.problems.add(f"Ngày '{node.value}' không hợp lệ (viết dạng 2020-02-17).", loc)
            return None
        return value.date() if isinstance(value, _dt.datetime) else value


_YAML_PHRASES = [
    ("mapping values are not allowed", "có dấu ':' ở chỗ không được phép — nếu đó là chữ, đặt cả câu trong "
                                       "dấu nháy kép"),
    ("could not find expected ':'", "thiếu dấu ':' sau khóa"),
    ("cannot start any token", "có ký tự không được phép ở đây (thường là Tab — YAML chỉ thụt lề bằng dấu cách)"),
    ("found undefined alias", "có bí danh '*' không được khai báo"),
    ("expected <block end>", "thụt lề không thẳng hàng với các dòng cùng cấp"),
    ("did not find expected key", "thụt lề sai hoặc thiếu dấu '-' đầu mục"),
    ("expected ',' or ']'", "danh sách [...] chưa đóng hoặc thiếu dấu phẩy"),
    ("expected ',' or '}'", "bảng {...} chưa đóng hoặc thiếu dấu phẩy"),
    ("expected node content", "thiếu giá trị sau dấu ':' hoặc '-'"),
    ("maximum nesting depth", "lồng quá sâu"),
    ("another document", "tệp chỉ được chứa một tài liệu YAML — bỏ dòng '---' ở giữa tệp"),
    ("<document start>", "tệp chỉ được chứa một tài liệu YAML — bỏ dòng '%YAML' hoặc '---' ở giữa tệp"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu nháy hoặc ngoặc đóng)"),
    ("did not find expected '-' indicator", "thụt lề sai trong danh sách '-'"),
    ("found unknown escape character", "ký tự thoát '\\' không hợp lệ trong dấu nháy kép"),
]


def explain_yaml(problem: str) -> str:
    """The YAML parser's complaint in Vietnamese, with the original kept for the expert."""
    for phrase, words in _YAML_PHRASES:
        if phrase in problem:
            return f"{words} ({problem})."
    return f"{problem}."
