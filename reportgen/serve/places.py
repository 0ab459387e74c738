"""A finding's places as the page shows them: nearby lines of one file drawn as one excerpt with each place marked."""

from __future__ import annotations

from pathlib import Path

from reportgen import pipeline
from reportgen.errors import Location
from reportgen.serve.paths import relative_file

_NEAR = 6            # lines apart that still share one excerpt
_SPAN = 30           # the longest excerpt drawn for several places
SHOWN = 40           # places of one finding shown; the rest are counted (a finding may name 100.000 rows)


def places(locations: list[dict], root: Path, budget: list[int]) -> list[dict]:
    """[{"texts": [place as ROOT names it, ...], "excerpt": {...} | None}], in the finding's order; a column's total
    at line 70 and the rows 57-66 it sums are one excerpt with each place marked, not eleven (`budget` counts the
    files read for one page)."""
    more = len(locations) - SHOWN
    locations = locations[:SHOWN]
    groups: list[tuple[int, list[Location], list[str]]] = []     # (first index in the finding, places, texts)
    lines: dict[str, list[tuple[int, Location]]] = {}
    for index, data in enumerate(locations):
        location = _under_root(data, root)
        if location is not None and _is_line(location):
            lines.setdefault(location.file, []).append((index, location))
        elif location is not None:
            groups.append((index, [location], [str(location)]))
        else:
            groups.append((index, [], [data["text"]]))
    for found in lines.values():
        for cluster in _clusters(found):
            groups.append((min(i for i, _ in cluster), [loc for _, loc in cluster], [str(loc) for _, loc in cluster]))
    shown = [{"texts": texts, "excerpt": _excerpt(group, root, budget)}
             for _, group, texts in sorted(groups, key=lambda g: g[0])]
    if more > 0:
        shown.append({"texts": [f"… và {more} chỗ nữa"], "excerpt": None})
    return shown


def _clusters(found: list[tuple[int, Location]]) -> list[list[tuple[int, Location]]]:
    """Places of one file by line, cut where two are more than _NEAR lines apart or the excerpt would grow too long."""
    clusters: list[list[tuple[int, Location]]] = []
    for item in sorted(found, key=lambda f: f[1].line):
        last = clusters[-1] if clusters else None
        if last and item[1].line - last[-1][1].line <= _NEAR and item[1].line - last[0][1].line <= _SPAN:
            last.append(item)
        else:
            clusters.append([item])
    return clusters


def _under_root(data: dict, root: Path) -> Location | None:
    """The location renamed as ROOT names it (jobs run in ROOT, so a relative path is relative to it)."""
    name = relative_file(root, root / data["file"])
    if name is None:
        return None
    return Location(name, data.get("line"), data.get("col"), data.get("sheet"), data.get("cell"), data.get("place"))


def _is_line(location: Location) -> bool:
    return location.line is not None and location.sheet is None and location.place is None


def _excerpt(group: list[Location], root: Path, budget: list[int]) -> dict | None:
    if not group or budget[0] <= 0:
        return None
    budget[0] -= 1
    if len(group) == 1:
        found = pipeline.excerpt(group[0], root)
        marked = {group[0].line} if _is_line(group[0]) else set()
    else:
        lines = [g.line for g in group]
        middle = Location(group[0].file, (min(lines) + max(lines)) // 2)
        found = pipeline.excerpt(middle, root, radius=(max(lines) - min(lines) + 1) // 2 + 2)
        marked = set(lines)
    if found is None:
        return None
    rows = [{"number": row.number, "values": list(row.values),
             "marked": (row.number in marked) if found.kind == "lines" else row.located} for row in found.rows]
    return {"kind": found.kind, "columns": list(found.columns), "rows": rows}
