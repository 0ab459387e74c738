"""What a job runs, in its own process: the pipeline's check, build, report, export, forms or collect, as the CLI runs
them, turned into plain data (exit code, findings, files) that the page shows."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from reportgen import pipeline
from reportgen.exit_codes import EXIT_INTERNAL
from reportgen.errors import ReportgenError
from reportgen.output.findings import json_report
from reportgen.pipeline import ProtectedError, WriteError, display_path
from reportgen.serve.previews import page_images

Send = Callable[[str], None]   # a line of progress for the page


def run(kind: str, params: dict, send: Send) -> dict:
    """The job's outcome as plain data; a bug of reportgen is exit 3 with its one-line reason, never a traceback."""
    try:
        return _RUNNERS[kind](params, send)
    except pipeline.REFUSALS as error:   # the command line's code for it, the page's words
        return _outcome(pipeline.refused_code(error), **_refusal(error, params))
    except Exception as error:  # noqa: BLE001 - the page shows the reason, the server's log has the rest
        return _outcome(EXIT_INTERNAL, f"Lỗi nội bộ của reportgen ({type(error).__name__}: {error}). Đây là lỗi của "
                                       "chương trình, không phải của người nhập.")


def _refusal(error: Exception, params: dict) -> dict:
    if isinstance(error, ReportgenError):
        return {"message": f"{error.heading} ({len(error.problems)} lỗi): sửa từng lỗi rồi chạy lại.",
                "report": _json(params, [], error.problems)}
    if isinstance(error, WriteError):
        return {"message": f"Không ghi được {display_path(error.path)}: {error.reason}. Các tệp cũ vẫn nguyên."}
    if isinstance(error, ProtectedError):   # an edit kept beside is offered again with force; an open file must close
        return {"message": f"{error.heading(display_path(Path(params['out'])))} {error} "
                           f"{error.advice(_PAGE_WORDS['force'])}", "forceable": not error.locked}
    return {"message": str(error)}


def _outcome(code: int, message: str, **more) -> dict:
    return {"code": code, "message": message, "report": None, "written": [], "kept": [], "failures": [],
            "collect": None} | more


def _json(params: dict, findings, problems, report: bool = False) -> dict:
    return json.loads(json_report(display_path(Path(params["folder"])), findings, problems, report))


def _progress(send: Send):
    return lambda step, total, text: send(f"{text} ({step + 1}/{total})" if step < total else text)


def _waiting(send: Send):
    return lambda out: send(f"Đang chờ: một lần chạy khác đang ghi vào {display_path(out)}.")


def _period(params: dict):
    """The period the page's route has already read from the form (site.period_of said why a typed one is wrong)."""
    return pipeline.parse_period(params["period"])


def _check(params: dict, send: Send) -> dict:
    send("Đang kiểm tra số liệu")
    result = pipeline.check_folder(Path(params["folder"]))
    return _outcome(pipeline.check_code(result), _verdict(result.failed), report=_json(params, result.findings, []))


def _verdict(failed: bool) -> str:
    return ("Số liệu chưa khớp: sửa các mục «không đạt» rồi chạy lại. Chưa được phát hành." if failed
            else "Số liệu khớp: mọi quy tắc đạt.")


def _written(built, params: dict, send: Send, report: bool = False) -> dict:
    findings = _json(params, built.check.findings, [], report)
    if built.check.failed:
        return _outcome(built.code, "Không viết tệp nào: " + _verdict(True), report=findings)
    return _outcome(built.code, f"Đã viết {len(built.written)} tệp.", report=findings,
                    written=[str(p) for p in built.written], kept=[str(p) for p in built.kept],
                    previews=_previews(built.written, params, send))


def _previews(written: list[Path], params: dict, send: Send) -> list[dict]:
    """Page images of the PDFs written (the province's before any district's), when the server asked for them."""
    pdfs = sorted((p for p in written if p.suffix == ".pdf"), key=lambda p: (len(p.parts), str(p)))
    if not pdfs or "previews" not in params:
        return []
    send("Đang vẽ ảnh các trang để xem trước")
    return page_images(pdfs, Path(params["previews"]))


def _build(params: dict, send: Send) -> dict:
    built = pipeline.build_folder(Path(params["folder"]), Path(params["out"]), progress=_progress(send),
                                  waiting=_waiting(send), force=params.get("force", False))
    return _written(built, params, send)


def _report(params: dict, send: Send) -> dict:
    built = pipeline.report_folder(Path(params["folder"]), _period(params), Path(params["out"]),
                                   progress=_progress(send), waiting=_waiting(send), force=params.get("force", False))
    return _written(built, params, send, report=True)


def _batch(result, params: dict, what: str, send: Send) -> dict:
    batch = result.batch
    findings = _json(params, result.check.findings, [])
    if result.check.failed:
        return _outcome(result.code, f"Không {what} tệp nào: " + _verdict(True), report=findings)
    failures = [{"unit": f.unit or "các biểu toàn tỉnh", "folder": f.folder or ".", "reasons": list(f.reasons)}
                for f in batch.failures]
    files = [p for p in batch.written if p.name != "manifest.json"]
    said = f"Đã {what} {len(files)} tệp" + (f"; {len(failures)} phần không {what} được." if failures else ".")
    return _outcome(result.code, said,
                    report=findings, written=[str(p) for p in batch.written], kept=[str(p) for p in batch.kept],
                    failures=failures, previews=_previews(batch.written, params, send))


def _export(params: dict, send: Send) -> dict:
    exported = pipeline.export_folder(Path(params["folder"]), Path(params["out"]), by_unit=params.get("by_unit", False),
                                      workers=params.get("workers", 1), progress=_progress(send),
                                      waiting=_waiting(send), force=params.get("force", False))
    return _batch(exported, params, "xuất", send)


def _forms(params: dict, send: Send) -> dict:
    from reportgen.pipeline.forms import forms_folder
    written = forms_folder(Path(params["folder"]), _period(params), Path(params["out"]), params.get("workers", 1),
                           _progress(send), _waiting(send), params.get("force", False))
    if not written.check.failed and not written.forms:
        return _outcome(written.code, "Kế hoạch không có biểu nào theo đơn vị và không có biểu nhiệm vụ có cột thời "
                                    "hạn: không có biểu nhập nào để viết.")
    return _batch(written, params, "viết", send)


def _collect(params: dict, send: Send) -> dict:
    from reportgen.pipeline.collect import collect_folder, collect_outcome, returned_files
    send("Đang đọc và kiểm tra các biểu gửi về")
    period = _period(params)
    # the page's own tra-ve/ with nothing left in it (its last file set aside) is no return refused: every unit missing
    paths = [Path(p) for p in params["paths"] if returned_files(Path(p))]
    result = collect_folder(Path(params["folder"]), period, paths, params.get("partial", False),
                            params.get("force", False))
    if result.collection is None:
        return _outcome(result.code, "Không thu biểu: số liệu kế hoạch chưa khớp.",
                        report=_json(params, result.check.findings, []))
    collection = result.collection
    table = {"statuses": [asdict(status) for status in collection.statuses],
             "problems": [p.to_json() for p in collection.problems], "unknown": list(collection.unknown),
             "files": result.files, "target": str(result.target) if result.target else None}
    written = [str(result.target)] if result.written and result.target is not None else []
    return _outcome(result.code, collect_outcome(result, _PAGE_WORDS), collect=table, written=written,
                    forceable=result.kept is not None)


# the page's words where the command line's name an option (output/collect_summary.py's CLI_WORDS, ProtectedError)
_PAGE_WORDS = {"force": "đánh dấu «Ghi cả khi tệp đã bị sửa»", "partial": "ghi phần đã có",
               "problems": "xem các lỗi bên dưới", "report": "tạo báo cáo kỳ",
               "retry": "khi cần báo cáo trước, gửi lại với ô «Ghi phần đã có khi chưa đủ đơn vị» được đánh dấu"}


_RUNNERS = {"check": _check, "build": _build, "report": _report, "export": _export, "forms": _forms,
            "collect": _collect}
