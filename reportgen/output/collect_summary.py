"""What `reportgen collect` prints: a status line per expected form (returned, missing, invalid with its count of
problems), every problem at its file!sheet!cell, the files recognised as no expected form, and what was written."""

from __future__ import annotations

from reportgen.check.returns import INVALID, MISSING, RETURNED
from reportgen.load.raw import display_path
from reportgen.vi import nfc

_KIND = {"district": "số liệu", "agency": "nhiệm vụ"}


def collect_summary(title: str, result) -> str:
    """`result` is a pipeline.collect.CollectResult whose plan passed its check."""
    collection, statuses = result.collection, result.collection.statuses
    lines = [title, "=" * len(title), "",
             f"{len(statuses)} biểu chờ thu, {result.files} tệp đọc: {_count(statuses, RETURNED)} đã nộp hợp lệ, "
             f"{_count(statuses, INVALID)} không hợp lệ, {_count(statuses, MISSING)} chưa nộp.", ""]
    width = max([len(nfc(s.unit)) for s in statuses] + [7])
    lines.append(f"  {'Đơn vị'.ljust(width)}  {'Biểu'.ljust(8)}  Tình trạng")
    for status in statuses:
        lines.append(f"  {status.unit.ljust(width)}  {_KIND.get(status.kind, status.kind).ljust(8)}  {_state(status)}")
    if collection.problems:
        lines += ["", f"Lỗi ({len(collection.problems)}):"]
        lines += [f"  - {problem}" for problem in collection.problems]
    if collection.unknown:
        lines += ["", "Tệp không dùng được (không phải biểu nào đang chờ thu):"]
        lines += [f"  - {file}" for file in collection.unknown]
    lines += ["", collect_outcome(result)]
    return "\n".join(lines) + "\n"


def _count(statuses, state: str) -> int:
    return sum(1 for s in statuses if s.state == state)


def _state(status) -> str:
    files = ", ".join(status.files)
    if status.state == MISSING:
        return "chưa nộp"
    if status.state == INVALID:
        return f"không hợp lệ ({status.problems} lỗi): {files}"
    return f"đã nộp: {files}" + (" (biểu trống: chưa điền ô nào)" if status.empty else "")


# How the clerk asks for a partial progress file, and where the refused files' problems are: the command line's
# words here, the page's own when it calls collect_outcome.
CLI_WORDS = {"force": "chạy lại với --force", "partial": "--partial", "retry": "chạy lại với --partial để viết phần đã có", "problems": "xem lỗi ở trên",
             "report": "chạy reportgen report"}


def collect_outcome(result, words: dict[str, str] = CLI_WORDS) -> str:
    """The last line: what was written, or why not."""
    target = display_path(result.target) if result.target is not None else "tệp tiến độ"
    missing = result.progress.missing if result.progress is not None else ()
    if result.written or result.unchanged:
        done = "Đã viết" if result.written else "Không đổi (đã có đúng nội dung này)"
        partial = f" Phần còn thiếu ({words['partial']}): {'; '.join(missing)}." if missing else ""
        document = result.target.parent / "van-ban.yaml" if result.target is not None else None
        # the first collect of a period makes its report folder: the report (and the year's later reports, which
        # compare with it) need its document too
        todo = (f" Thư mục {display_path(document.parent)} chưa có van-ban.yaml: tạo tệp đó (văn bản báo cáo, lời văn, "
                f"progress: tien-do.yaml; xem README) trước khi {words['report']}."
                if document is not None and not document.is_file() else "")
        copy = (f" Tệp gõ tay trước đó được giữ bên cạnh: {display_path(result.kept_copy)}."
                if result.kept_copy is not None else "")
        return f"{done}: {target}.{copy}{partial}{todo}"
    if result.kept:
        return f"Không viết {target}: {result.kept}. Đổi tên hoặc chuyển tệp đó đi, hoặc {words['force']} để thay."
    if result.collection.problems and not result.partial:
        why = f"có tệp bị từ chối ({words['problems']})"
    elif not result.collection.valid:
        why = "chưa có biểu hợp lệ nào"
    else:
        why = f"chưa đủ biểu (thiếu: {'; '.join(missing)}); {words['retry']}"
    return f"Không viết {target}, thư mục báo cáo giữ nguyên: {why}."
