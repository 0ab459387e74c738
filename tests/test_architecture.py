"""The stages talk one way: reportgen's import graph (computed with ast) has no backward import and no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"

# Modules every layer may use: none of them imports a stage.
SHARED = {"errors", "vi", "collector", "sheet_names", "styles", "names", "exit_codes"}
# The load modules whose types check receives: the raw tree (Raw, SheetRows), the input folder (RawInput), the
# report's folder (RawReport) and a read workbook (Workbook, which reads a sheet's table given the columns).
# Their functions that read files are for the pipeline; check uses the types and the messages beside them.
LOAD_PUBLIC = {"reportgen.load.raw", "reportgen.load.folder", "reportgen.load.report_folder", "reportgen.load.returns",
               "reportgen.load.workbook"}
# What each layer may import besides itself and SHARED; a module name ("reportgen.x.y") allows that module only.
ALLOWED = {
    "shared": set(),
    "tree": set(),
    "model": set(),
    "expressions": {"model"},
    "load": {"model"},
    "check": {"model", "expressions"} | LOAD_PUBLIC,
    "compose": {"model", "expressions", "tree"},
    "write": {"tree"},
    # output (files and manifest, the export batch, the findings printer) sits above the stages, below cli
    "output": {"load", "check", "compose", "write", "model", "tree", "expressions"},
    "cli": {"pipeline", "reportgen.output.findings", "serve"},
    # the page (`serve`): a front door as the CLI, calling the pipeline (whose results carry their exit codes)
    "serve": {"pipeline", "reportgen.output.findings"},
    # the administrative units dataset (vietnamadminunits' SQLite file) and the register text drawn from it
    "units_data": set(),
    "pipeline": {"load", "check", "compose", "write", "output", "model", "tree", "expressions", "units_data"},
}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The package's modules this file imports anywhere (in functions too), relative imports resolved."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            # `from reportgen.model import tables` imports the module reportgen.model.tables, not the package
            named = {f"{module}.{alias.name}" for alias in node.names}
            found |= (named & known) or {module}
    return {m for m in found if m in known and m != name}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    return {name: imports_of(path, name, set(files)) for name, path in files.items()}


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "cli"
    if parts[1] in SHARED:
        return "shared"
    return parts[1]


def backward(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in sorted(graph.items()):
        own = layer(module)
        for target in sorted(targets):
            other = layer(target)
            allowed = ALLOWED[own]
            if other not in (own, "shared") and other not in allowed and target not in allowed:
                wrong.append(f"{module} imports {target} ({own} -> {other})")
    return wrong


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of two or more modules (Tarjan), or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_has_a_layer():
    graph = import_graph()
    assert {layer(m) for m in graph} <= set(ALLOWED)
    assert LOAD_PUBLIC | {"reportgen.output.findings"} <= set(graph)  # a renamed module is renamed here too


def test_no_backward_import():
    assert backward(import_graph()) == []


def test_no_cycle():
    assert cycles(import_graph()) == []


# The checker itself: a small package with each mistake -----------------------------------------------

def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "reportgen"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return root


@pytest.mark.parametrize("text, wrong", [
    ("from reportgen.check.plan import X\n", "reportgen.compose.page imports reportgen.check.plan (compose -> check)"),
    ("def f():\n    from ..load import sheet\n", "reportgen.compose.page imports reportgen.load.sheet (compose -> load)"),
    ("import reportgen.load.sheet\n", "reportgen.compose.page imports reportgen.load.sheet (compose -> load)"),
])
def test_a_backward_import_is_found_in_any_form(tmp_path, text, wrong):
    root = _package(tmp_path, {"compose/page.py": text, "check/plan.py": "", "load/sheet.py": ""})
    assert backward(import_graph(root)) == [wrong]


def test_check_may_use_loads_types_only(tmp_path):
    root = _package(tmp_path, {"check/annex.py": "from reportgen.load.raw import Raw\nfrom reportgen.load import sheet\n",
                               "load/raw.py": "", "load/sheet.py": ""})
    assert backward(import_graph(root)) == ["reportgen.check.annex imports reportgen.load.sheet (check -> load)"]


def test_the_cli_calls_the_pipeline_only(tmp_path):
    root = _package(tmp_path, {"cli/main.py": "from reportgen import pipeline\nfrom reportgen.write.tree import t\n",
                               "pipeline.py": "from reportgen.write.tree import t\n", "write/tree.py": ""})
    assert backward(import_graph(root)) == ["reportgen.cli.main imports reportgen.write.tree (cli -> write)"]


def test_a_cycle_is_found_inside_a_stage(tmp_path):
    root = _package(tmp_path, {"write/a.py": "from reportgen.write import b\n",
                               "write/b.py": "def f():\n    from . import a\n"})
    assert cycles(import_graph(root)) == [["reportgen.write.a", "reportgen.write.b"]]
