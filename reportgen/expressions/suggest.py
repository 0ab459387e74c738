"""'Có phải … không?': the names closest to a misspelt one, compared without tones, case or extra spaces."""

from __future__ import annotations

import difflib

from reportgen.names import folded, near_names


def closest(name: str, candidates, limit: int = 3) -> list[str]:
    """The candidates nearest `name`, nearest first (the same folded name first of all)."""
    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(folded(candidate), candidate)
    key = folded(name)  # "Huyện  Hàm Yên" → "huyen ham yen": what a clerk's eye reads as the same name
    same = [by_fold[key]] if key in by_fold and by_fold[key] != name else []
    same += [c for k, c in by_fold.items() if k.endswith(f".{key}")]  # a sub-column named without its group
    if same:  # the same name but for tones, case or spaces, or a sub-column named alone: nothing else is as near
        return list(dict.fromkeys(same))[:limit]
    near = [n for n in near_names(name, list(by_fold.values()), limit) if n != name]
    if near:  # a unit's name: the register's measure, types aside ("Huyện Hàm Yen" ~ "Huyện Hàm Yên")
        return list(dict.fromkeys(same + near))[:limit]
    scored = sorted(((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in by_fold), reverse=True)
    best = scored[0][0] if scored else 0
    # only the nearest few: on long names (a group's label) many others clear any fixed cutoff
    near = [k for score, k in scored[:limit] if score >= max(0.75, best - 0.03)]
    return list(dict.fromkeys(same + [by_fold[k] for k in near if by_fold[k] != name]))[:limit]


def did_you_mean(name: str, candidates) -> str:
    """' (có phải "A" hay "B" không?).' when some name is near, else '.': ends the sentence either way."""
    near = closest(name, candidates)
    if not near:
        return "."
    return f" (có phải {' hay '.join(repr_vi(n) for n in near)} không?)."


def repr_vi(name: str) -> str:
    return f"'{name}'"
