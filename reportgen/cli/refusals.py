"""Why a command did nothing, said the same way by every command: a command-line mistake (64), an input that cannot
be read (2)."""

from __future__ import annotations

import sys

from reportgen.cli.codes import EXIT_INPUT, EXIT_USAGE
from reportgen.errors import ReportgenError, UsageError
from reportgen.output.findings import problems_report


def usage_refused(error: UsageError, command: str) -> int:
    print(f"reportgen: lỗi dòng lệnh: {error}. Xem: reportgen {command} --help", file=sys.stderr)
    return EXIT_USAGE


def input_refused(error: ReportgenError, title: str) -> int:
    """Every input problem, at its place, under `title`."""
    sys.stdout.write(problems_report(title, error.problems, error.heading))
    return EXIT_INPUT
