"""load -> check -> compose -> write: the orchestrator only calls the stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.check.plan import CheckResult, check
from reportgen.compose.document import compose_plan
from reportgen.errors import Problems
from reportgen.load.folder import file_digests, load_folder
from reportgen.tree.nodes import Document
from reportgen.write.files import Output, manifest_bytes, safe_name, write_outputs

FORMATS = ("docx", "pdf")


@dataclass
class BuildResult:
    check: CheckResult
    written: list[Path] = field(default_factory=list)


def check_folder(folder: Path) -> CheckResult:
    """Loads and checks one input folder; raises ReportgenError with every input problem."""
    return _load_and_check(folder)[0]


def compose_folder(folder: Path) -> tuple[CheckResult, Document | None]:
    """The checked plan and its Document tree; no tree when a rule failed."""
    result = check_folder(folder)
    return result, None if result.failed else compose_plan(result.plan, result.evaluated)


def build_folder(folder: Path, out: Path, formats: tuple[str, ...] = FORMATS) -> BuildResult:
    """Checks, and only if every rule holds renders every format in memory, then writes them all."""
    result, inputs = _load_and_check(folder)
    if result.failed:
        return BuildResult(result)
    document = compose_plan(result.plan, result.evaluated)
    name = safe_name(document.title)
    outputs = [Output(f"{name}.{fmt}", fmt, document.kind, _WRITERS[fmt](document)) for fmt in formats]
    manifest = manifest_bytes(document.title, inputs, outputs)
    return BuildResult(result, write_outputs(out, outputs, manifest))


def _load_and_check(folder: Path) -> tuple[CheckResult, dict[str, str]]:
    problems = Problems()
    raw = load_folder(folder, problems)
    digests = file_digests(raw)  # now, not after writing: the manifest names the bytes that were checked
    # Load problems are not raised yet: the check stage adds those of the files that did load.
    return check(raw, problems), digests


def _docx(document: Document) -> bytes:
    from reportgen.write.docx import docx_bytes
    return docx_bytes(document)


def _pdf(document: Document) -> bytes:
    from reportgen.write.pdf import pdf_bytes  # WeasyPrint takes a second to import: only when asked
    return pdf_bytes(document)


_WRITERS = {"docx": _docx, "pdf": _pdf}
