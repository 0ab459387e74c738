"""YAML files to Raw values with line:col locations; safe loader, no aliases, no duplicate keys."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from reportgen.errors import Location, Problems
from reportgen.load.raw import MAX_FILE_BYTES, Raw, display_path
from reportgen.vi import nfc

_TAG = "tag:yaml.org,2002:"


def read_text(path: Path, problems: Problems) -> str | None:
    """A text file as NFC text, or None with a located problem."""
    shown = display_path(path)
    if not path.is_file():
        problems.add("Không tìm thấy tệp. Kiểm tra tên tệp và thư mục đầu vào.", Location(shown))
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.add(f"Tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB: không đọc. Hãy tách nhỏ tệp.",
                     Location(shown))
        return None
    try:
        return nfc(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.add(f"Tệp không phải văn bản UTF-8 (byte thứ {exc.start}). Hãy lưu lại với mã UTF-8.",
                     Location(shown))
        return None


def load_yaml(path: Path, problems: Problems) -> Raw | None:
    """Parses one YAML file; every problem goes to `problems` with its location."""
    text = read_text(path, problems)
    if text is None:
        return None
    shown = display_path(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        problems.add(f"YAML sai cú pháp: {exc.problem or exc.context}. Sửa dòng này rồi chạy lại.", where)
        return None
    except yaml.YAMLError as exc:
        problems.add(f"YAML sai cú pháp: {exc}.", Location(shown))
        return None
    if node is None:
        problems.add("Tệp YAML rỗng.", Location(shown))
        return None
    return _Converter(shown, problems).convert(node)


class _Converter:
    def __init__(self, shown: str, problems: Problems) -> None:
        self.shown = shown
        self.problems = problems
        self.seen: set[int] = set()

    def loc(self, node: yaml.Node) -> Location:
        return Location(self.shown, node.start_mark.line + 1, node.start_mark.column + 1)

    def convert(self, node: yaml.Node) -> Raw:
        if id(node) in self.seen:
            # An alias: the composer shares the node. Refused, so an alias bomb cannot expand.
            self.problems.add("Không dùng neo/bí danh YAML (& và *): hãy viết đầy đủ giá trị.", self.loc(node))
            return Raw(None, self.loc(node))
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return Raw([self.convert(item) for item in node.value], self.loc(node))
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode) -> Raw:
        values: dict[str, Raw] = {}
        keys: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_loc = self.loc(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.add("Khóa phải là một chữ, không phải danh sách hay bảng.", key_loc)
                continue
            key = nfc(key_node.value)
            if key == "<<":
                self.problems.add("Không dùng khóa gộp '<<' của YAML: hãy viết đầy đủ.", key_loc)
                continue
            if key in values:
                self.problems.add(f"Khóa '{key}' lặp lại (đã có ở dòng {keys[key].line}). Xóa một trong hai.",
                                  key_loc)
                continue
            keys[key] = key_loc
            values[key] = self.convert(value_node)
        return Raw(values, self.loc(node), keys)

    def scalar(self, node: yaml.ScalarNode) -> Raw:
        text = nfc(node.value)
        loc = self.loc(node)
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

    def number(self, text: str, loc: Location) -> Decimal | None:
        try:
            value = Decimal(text.replace("_", ""))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.problems.add(f"'{text}' không phải số viết được trong YAML (dùng dạng 12 hoặc 12.5).", loc)
            return None
        return value

    def timestamp(self, node: yaml.ScalarNode, loc: Location) -> _dt.date | None:
        try:
            value = yaml.SafeLoader(" ").construct_yaml_timestamp(node)
        except (ValueError, TypeError):
            self.problems.add(f"Ngày '{node.value}' không hợp lệ (viết dạng 2020-02-17).", loc)
            return None
        return value.date() if isinstance(value, _dt.datetime) else value
