"""A new plan or report folder from nothing (`reportgen new`): the smallest folder that checks clean, each key
with a short Vietnamese comment saying what it is, for the clerk to fill in."""

from __future__ import annotations

from string import Template

from reportgen.output.inputs.yaml_text import scalar

KINDS = {"ke-hoach": "ke_hoach", "bao-cao": "bao_cao"}
# Provinces that are centrally-run cities (thành phố trực thuộc trung ương): "UBND THÀNH PHỐ HÀ NỘI".
_CITIES = {"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"}

_DOCUMENT = Template("""\
# $what năm $year của $body_name, do «reportgen new» viết: sửa từng dòng cho đúng văn bản của mình.
# Mỗi khóa một dòng; chữ sau dấu # là ghi chú, reportgen bỏ qua. Xem README, mục "The input folder".
kind: $kind                     # loại văn bản: ke_hoach (kế hoạch) hoặc bao_cao (báo cáo)
issuing_body: [$issuing]   # cơ quan ban hành, IN HOA, mỗi dòng in một mục
issuing_body_name: $body_name   # tên cơ quan như viết trong câu văn
number: 1                       # số văn bản (sửa khi vào sổ)
symbol: $symbol                 # ký hiệu: KH-… cho kế hoạch, BC-… cho báo cáo
place: $place                   # địa danh ở dòng ngày tháng
date: $year-01-15               # ngày ký, dạng năm-tháng-ngày
year: $year                     # năm của văn bản (kế hoạch ký tháng 12 cho năm sau thì ghi năm sau)
subject: $subject   # trích yếu
legal_bases:                    # căn cứ, mỗi căn cứ một dòng, không có dấu ; hay . cuối dòng
  - Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015
signer:                         # người ký
  title: [$signer_title]  # các dòng trên chữ ký (TM., KT., chức vụ)
  name: Họ và tên người ký      # họ và tên
${kinh_gui}recipients:                     # nơi nhận, mỗi nơi một dòng; reportgen đặt dấu ; và dòng Lưu
  - Các sở, ban, ngành $level
  - UBND các huyện, thành phố
archive: VT                     # dòng "Lưu: …"
narrative: noi-dung.md          # lời văn (Markdown), số liệu viết bằng biểu thức
""")

_PLAN = """\
<!-- Lời văn của kế hoạch. "# I. …" là mục, "## 1. …" là khoản; mỗi dòng khác là một đoạn. Con số lấy từ biểu
hay so-lieu.yaml viết bằng biểu thức trong hai cặp ngoặc nhọn, ví dụ tong(bieu01.xa_ntm.sau) (xem README). Ghi chú
như dòng này không được in. -->

# I. MỤC ĐÍCH, YÊU CẦU

Nêu mục đích, yêu cầu của kế hoạch.

# II. NỘI DUNG, NHIỆM VỤ

Nêu các chỉ tiêu, nhiệm vụ và giải pháp.

# III. TỔ CHỨC THỰC HIỆN

Giao nhiệm vụ cho từng cơ quan, đơn vị.
"""

_REPORT = """\
<!-- Lời văn của báo cáo, theo các mục ND30 §2.4. "# I. …" là mục, "## 1. …" là khoản; mỗi dòng khác là một
đoạn. Con số viết bằng biểu thức trong hai cặp ngoặc nhọn (xem README). Ghi chú như dòng này không được in. -->

# I. KẾT QUẢ THỰC HIỆN

Nêu kết quả đạt được.

# II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN

Nêu tồn tại, hạn chế và nguyên nhân.

# III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI

Nêu nhiệm vụ, giải pháp.

# IV. KIẾN NGHỊ, ĐỀ XUẤT

Nêu kiến nghị, đề xuất (nếu có).
"""


def province_words(province: str) -> tuple[str, str]:
    """"Bắc Giang" → ("tỉnh Bắc Giang", "Bắc Giang"); "Hà Nội" or "Thành phố Hà Nội" → ("thành phố Hà Nội", …)."""
    name = " ".join(province.split())
    for prefix in ("thành phố ", "tp. ", "tp ", "tỉnh "):
        if name.lower().startswith(prefix):
            name = name[len(prefix):].strip()
    kind = "thành phố" if name.lower() in _CITIES or province.lower().startswith(("thành phố", "tp")) else "tỉnh"
    return f"{kind} {name}", name


def new_files(kind: str, province: str, year: int) -> dict[str, str]:
    """van-ban.yaml and noi-dung.md of a new plan (`ke-hoach`) or report (`bao-cao`) of `province` for `year`."""
    unit, place = province_words(province)
    plan = kind == "ke-hoach"
    what = "Kế hoạch" if plan else "Báo cáo"
    subject = (f"Thực hiện nhiệm vụ năm {year} trên địa bàn {unit}" if plan
               else f"Kết quả thực hiện nhiệm vụ năm {year} trên địa bàn {unit}")
    document = _DOCUMENT.substitute(
        what=what, year=year, level=unit.split(" ")[0] if unit.startswith("tỉnh") else "thành phố", kind=KINDS[kind], body_name=scalar(f"Ủy ban nhân dân {unit}"),
        issuing=", ".join(scalar(line) for line in ("ỦY BAN NHÂN DÂN", unit.upper())),
        symbol=scalar("KH-UBND" if plan else "BC-UBND"), place=scalar(place), subject=scalar(subject),
        kinh_gui="" if plan else ("kinh_gui:                       # Kính gửi: nơi báo cáo gửi đến, mỗi nơi một "
                                   "dòng (Nơi nhận mở đầu bằng \"- Như trên;\")\n  - Cơ quan nhận báo cáo\n"),
        signer_title=", ".join(scalar(line) for line in ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")))
    return {"van-ban.yaml": document, "noi-dung.md": _PLAN if plan else _REPORT}
