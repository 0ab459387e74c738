"""Raw values: what a file said, untyped, each with the place it was said."""

from __future__ import annotations

import errno
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from reportgen.errors import Location
from reportgen.vi import nfc

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DIGITS = 15  # what a spreadsheet keeps; more would be silently rounded somewhere


def number_problem(value: Decimal) -> str | None:
    """Why a figure is refused (too many digits, too large), or None."""
    if not value.is_finite():
        return "không phải một con số hữu hạn"
    if len(value.as_tuple().digits) > MAX_DIGITS or abs(value) >= Decimal(10) ** MAX_DIGITS:
        return f"quá lớn hoặc quá nhiều chữ số (tối đa {MAX_DIGITS} chữ số có nghĩa)"
    if value and value.adjusted() < -MAX_DIGITS:
        return f"quá nhỏ (tối đa {MAX_DIGITS} chữ số sau dấu thập phân)"
    return None


@dataclass(frozen=True)
class Raw:
    """A mapping (dict of Raw), a sequence (list of Raw) or a scalar, with its location.

    `text` keeps a scalar as it was written, so a text field can take "2020" or "No" as words.
    """

    value: object
    loc: Location
    keys: Mapping[str, Location] = field(default_factory=dict)
    text: str | None = None
    percent: bool = False            # a workbook cell shown as a percentage (0,674 shown as 67,4%)
    refused: bool = False            # a value refused with a problem already: checks later stay quiet

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    def get(self, key: str) -> "Raw | None":
        return self.value.get(key) if isinstance(self.value, dict) else None


@dataclass
class SheetRows:
    """An annex's rows as the YAML holds them, `rows` or `groups`, and the total and comparison values."""

    rows: Raw | None
    groups: Raw | None
    total: Raw | None
    comparison: Raw | None
    sheet: Location | None = None    # where the rows came from, when from a workbook


def display_path(path: Path) -> str:
    """The path as a clerk would type it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def inside(folder: Path, name: str, problems) -> Path | None:
    """folder/name as it is on disk, or None (said) when it is a link to a file outside the folder.

    A name typed in NFC is found under its NFD spelling, as macOS writes file names. A symbolic link is
    followed only while it stays inside the folder: one to /etc/passwd or to another file of the user would
    print that file into the document.
    """
    path = folder
    for part in Path(name).parts:
        path = _on_disk(path, part)
    try:
        outside = not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        outside = True
    if outside:
        problems.add("Tệp là liên kết (symlink) tới một tệp nằm ngoài thư mục đầu vào: không đọc. Chép chính "
                     "tệp đó vào thư mục đầu vào (thay cho liên kết) rồi chạy lại.", Location(display_path(path)))
        return None
    return path


def _on_disk(folder: Path, part: str) -> Path:
    path = folder / part
    try:
        if path.exists() or path.is_symlink():
            return path
        return next((folder / entry for entry in os.listdir(folder) if nfc(entry) == nfc(part)), path)
    except OSError:  # an unreadable folder: reading the file will say so
        return path


def read_bytes(path: Path, problems, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """A file's bytes, or None with a located problem in Vietnamese (missing, too large, not readable)."""
    shown = display_path(path)
    try:
        if not path.exists():
            problems.add("Không tìm thấy tệp. Kiểm tra tên tệp và thư mục đầu vào.", Location(shown))
            return None
        if path.is_dir():
            problems.add("Đây là một thư mục, không phải tệp: ghi tên một tệp trong thư mục đầu vào.",
                         Location(shown))
            return None
        if path.stat().st_size > limit:
            problems.add(f"Tệp lớn hơn {limit // (1024 * 1024)} MB: không đọc. Hãy tách nhỏ tệp.", Location(shown))
            return None
        return path.read_bytes()
    except PermissionError:
        problems.add("Không có quyền đọc tệp: cấp quyền đọc cho người dùng đang chạy reportgen (hoặc chép tệp "
                     "vào một thư mục của mình) rồi chạy lại.", Location(shown))
    except OSError as exc:
        problems.add(f"Không đọc được tệp (lỗi hệ thống {errno.errorcode.get(exc.errno, exc.errno)}): kiểm tra "
                     "tệp hoặc chép lại tệp rồi chạy lại.", Location(shown))
    return None


def read_text(path: Path, problems) -> str | None:
    """A text file as NFC text with \n line ends, or None with a located problem.

    CRLF (Windows) and a lone CR (old Mac) end a line as \n does, so lines are counted as an editor shows
    them and line rules (the points a), b), c)) see every line.
    """
    shown = display_path(path)
    data = read_bytes(path, problems)
    if data is None:
        return None
    try:
        text = nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        problems.add(f"Tệp không phải văn bản UTF-8 (byte thứ {exc.start}). Hãy lưu lại với mã UTF-8.",
                     Location(shown))
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if _no_control_characters(text, shown, problems) else None


# C0 controls other than tab and line ends, DEL, the C1 controls and the two non-characters: no document prints them
# (XML, and so DOCX, refuses them outright).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def control_character_message(char: str) -> str:
    return (f"Có ký tự điều khiển không in được (U+{ord(char):04X}), thường do dán từ phần mềm khác. "
            "Hãy xóa ký tự đó.")


_INVISIBLE = {"\u200b": "khoảng trắng không độ rộng", "\u200c": "ký tự không nối", "\u200d": "ký tự nối",
              "\u2060": "ký tự nối từ", "\ufeff": "dấu BOM", "\u00ad": "gạch nối mềm", "\u200e": "dấu chiều chữ",
              "\u200f": "dấu chiều chữ", "\u202a": "dấu chiều chữ", "\u202b": "dấu chiều chữ",
              "\u202c": "dấu chiều chữ", "\u202d": "dấu chiều chữ", "\u202e": "dấu đảo chiều chữ"}
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
# An invisible character anywhere; a Greek or Cyrillic letter beside a Latin one ("Lục Nаm" with a Cyrillic а).
_ODD = re.compile(f"[{''.join(_INVISIBLE)}]|(?<=[{_LATIN}])[\u0370-\u03ff\u0400-\u04ff]"
                  f"|[\u0370-\u03ff\u0400-\u04ff](?=[{_LATIN}])")


def odd_character(text: str) -> tuple[int, str] | None:
    """The first invisible or look-alike character of a text: its index and a message saying what to do."""
    match = None if text.isascii() else _ODD.search(text)
    if match is None:
        return None
    char, place = match.group(), f"ở ký tự thứ {match.start() + 1} của '{text}'"
    if char in _INVISIBLE:
        return match.start(), (f"Có ký tự vô hình U+{ord(char):04X} ({_INVISIBLE[char]}) {place}, thường do dán "
                               "từ trang web hay phần mềm khác: xóa ký tự đó (gõ lại cả chữ cho chắc).")
    script = "chữ Kirin (Nga)" if unicodedata.name(char, "").startswith("CYRILLIC") else "chữ Hy Lạp"
    return match.start(), (f"Chữ '{char}' {place} là {script} U+{ord(char):04X}, trông giống chữ Latinh nhưng "
                           "máy coi là chữ khác, nên tên không khớp: xóa chữ đó và gõ lại bằng bàn phím tiếng Việt.")


def _no_control_characters(text: str, shown: str, problems) -> bool:
    """Reports the first few; lines are counted on \\n only (str.splitlines would split on some of them)."""
    matches = list(itertools.islice(CONTROL_CHARACTERS.finditer(text), 5))
    for match in matches:
        problems.add(control_character_message(match.group()), offset_location(text, match.start(), shown))
    return not matches


def offset_location(text: str, offset: int, shown: str) -> Location:
    """file:line:col of a character offset, lines counted at \\n as an editor counts them."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(shown, text.count("\n", 0, offset) + 1, offset - line_start + 1)
