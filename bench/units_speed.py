"""Prints what the unit register and a cross-table rule add to `reportgen check` of a 10.000-row annex (#14 item 8).

Usage: .venv/bin/python bench/units_speed.py [ROWS] [--runs N]   (default 10000 rows, 3 runs, the best kept)
Made-up input: ROWS communes in 100 districts, the annex of bench/check_speed.py (6 grouped indicators, a total
and a comparison row) with its rows grouped by district. "without": that annex alone. "with": the same folder plus
don-vi.yaml (the 100 districts and every commune under its district), `unit_names` and `unit_groups_from` on the
annex (each commune looked up under its group's district, each group in Biểu 02), and Biểu 02 (the 100 districts
with their number of communes) with the rule `rows_per_unit` (the annex's rows per district = Biểu 02's count).
Each check runs in a new process; seconds are wall time of `main(["check", DIR])` after imports.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.check_speed import INDICATORS, _change, annex_columns, make_data, write_document  # noqa: E402

DISTRICTS = 100


def make_input(folder: Path, rows: int, with_register: bool) -> None:
    data, totals = make_data(rows)
    districts = [f"Huyện Số {d + 1}" for d in range(DISTRICTS)]
    members: dict[str, list[int]] = {name: [] for name in districts}
    for n in range(rows):
        members[districts[n % DISTRICTS]].append(n)
    columns = annex_columns()
    annex = {"id": "01", "label": "Biểu 01", "title": "BIỂU THỬ", "key": ["unit"],
             "periods": {"from": "truoc", "to": "sau"}, "columns": columns,
             "groups": [{"label": name, "rows": [{"unit": f"Xã Số {n + 1}", **{f"chi_tieu_{i}": data[n][2 * i:2 * i + 2]
                                                                             for i in range(INDICATORS)}}
                                                  for n in members[name]]} for name in districts],
             "total": {"label": "Tổng cộng",
                       "values": {f"chi_tieu_{i}": totals[2 * i:2 * i + 2] for i in range(INDICATORS)}},
             "comparison": {"label": "So sánh", "values": {f"chi_tieu_{i}": _change(totals[2 * i], totals[2 * i + 1])
                                                           for i in range(INDICATORS)}}}
    files = ["bieu-01.yaml"]
    if with_register:
        annex |= {"unit_groups_from": "02", "unit_names": {"unit": "group"},
                  "rules": [{"rule": "rows_per_unit", "annex": "02", "column": "so_xa", "measure": "value_to"}]}
        _count_table(folder, districts, members)
        _register(folder, districts, members)
        files.append("bieu-02.yaml")
    (folder / "bieu-01.yaml").write_text(yaml.safe_dump(annex, allow_unicode=True), encoding="utf-8")
    write_document(folder, files)


def _count_table(folder: Path, districts: list[str], members: dict[str, list[int]]) -> None:
    """Biểu 02: each district's number of communes (last year and this), the total."""
    counts = [len(members[name]) for name in districts]
    table = {"id": "02", "label": "Biểu 02", "title": "SỐ XÃ", "key": ["unit"], "periods": {"from": "truoc", "to": "sau"},
             "columns": [{"id": "tt", "header": "TT", "type": "index"},
                         {"id": "unit", "header": "Huyện", "type": "unit"},
                         {"id": "so_xa", "header": "Số xã", "measure": "xã",
                          "columns": [{"id": "truoc", "header": "Năm trước", "type": "count", "aggregate": "sum"},
                                      {"id": "sau", "header": "Năm sau", "type": "count", "aggregate": "sum"}]}],
             "rows": [{"unit": name, "so_xa": [count, count]} for name, count in zip(districts, counts)],
             "total": {"label": "Tổng cộng", "values": {"so_xa": [sum(counts), sum(counts)]}}}
    (folder / "bieu-02.yaml").write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")


def _register(folder: Path, districts: list[str], members: dict[str, list[int]]) -> None:
    """don-vi.yaml as `reportgen units` writes it: districts, then one line per commune."""
    lines = ["province: Thử", "as_of: 2024-01-02", "units:"]
    for code, name in enumerate(districts, 1):
        lines += [f"  - name: {name}", f'    code: "{code:03d}"', "    units:"]
        lines += [f'      - {{name: Xã Số {n + 1}, code: "{n + 1:05d}"}}' for n in members[name]]
    (folder / "don-vi.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(folder: Path) -> tuple[float, float, float, int]:
    """Wall and CPU seconds (user + system) of one check in a new process, its peak MB and exit code: CPU time
    is what the comparison uses, wall time moves with whatever else the machine runs."""
    code = ("import resource,sys,time;from reportgen.cli import main;"
            "r=resource.getrusage(resource.RUSAGE_SELF);c0=r.ru_utime+r.ru_stime;t=time.perf_counter();"
            f"c=main(['check',{str(folder)!r}]);w=time.perf_counter()-t;"
            "r=resource.getrusage(resource.RUSAGE_SELF);"
            "print(r.ru_utime+r.ru_stime-c0, w, r.ru_maxrss, c, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    cpu, wall, peak_kib, exit_code = run.stderr.split()[-4:]
    return float(cpu), float(wall), int(peak_kib) / 1024, int(exit_code)


def main() -> None:
    args = sys.argv[1:]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
    sizes = [int(a) for a in args if a.isdigit() and (not args.count("--runs") or a != args[args.index("--runs") + 1])]
    rows = sizes[0] if sizes else 10000
    best = {}
    print(f"{'rows':>7} {'case':>8} {'CPU s':>7} {'wall s':>7} {'peak MB':>8} {'exit':>4}   (best of {runs})")
    for with_register in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            make_input(Path(tmp), rows, with_register)
            cpu, wall, peak, code = min(measure(Path(tmp)) for _ in range(runs))
        case = "with" if with_register else "without"
        best[case] = cpu
        print(f"{rows:>7} {case:>8} {cpu:>7.2f} {wall:>7.2f} {peak:>8.0f} {code:>4}")
    print(f"register of {rows} communes + rows_per_unit: {best['with'] / best['without']:.2f}× the CPU time of the "
          "check without (target ≤ 1,20×)")


if __name__ == "__main__":
    main()
