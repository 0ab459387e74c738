"""`reportgen serve`: what the page adds to the pipeline's own time (a job's process, the page images), and how fast
its pages answer with many plan folders. Prints figures; targets are in bench/README.md, never in tests.

    .venv/bin/python bench/serve_speed.py            # 200 plan folders listed; the sample checked and built
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from reportgen import pipeline
from reportgen.serve import create_app

SAMPLE = Path(__file__).resolve().parent.parent / "inputs" / "bac-giang-2020"


def _best(run, times: int = 5) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _job(app, client, url: str, token: str) -> float:
    started = time.perf_counter()
    response = client.post(url, data={"csrf_token": token})
    job = app.extensions["reportgen_jobs"].wait(response.headers["Location"].rsplit("/", 1)[1], 600)
    assert job.state == "xong", job.state
    return time.perf_counter() - started


def main(folders: int = 200) -> None:
    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    try:
        root, out = work / "goc", work / "ra"
        shutil.copytree(SAMPLE, root / "bac-giang-2020")
        for number in range(folders - 1):   # listed only: a van-ban.yaml each, in province folders of 20
            fake = root / f"tinh-{number // 20:02d}" / f"ke-hoach-{number:03d}"
            fake.mkdir(parents=True)
            shutil.copy(SAMPLE / "van-ban.yaml", fake)
        app = create_app(root, out, slots=2)
        client = app.test_client()
        index = _best(lambda: client.get("/"))
        page = _best(lambda: client.get("/ke-hoach/bac-giang-2020"))
        token = client.get("/ke-hoach/bac-giang-2020").get_data(as_text=True).split('name="csrf_token" value="')[1]
        token = token.split('"')[0]
        direct_check = _best(lambda: pipeline.check_folder(root / "bac-giang-2020"), 3)
        page_check = min(_job(app, client, "/ke-hoach/bac-giang-2020/kiem-tra", token) for _ in range(3))
        direct_build = _best(lambda: pipeline.build_folder(root / "bac-giang-2020", work / "cli"), 2)
        page_build = min(_job(app, client, "/ke-hoach/bac-giang-2020/tao", token) for _ in range(2))
        print(f"index with {folders} plan folders: {index * 1000:.0f} ms; a folder's page: {page * 1000:.0f} ms")
        print(f"check: {direct_check:.2f} s in-process, {page_check:.2f} s as a page job "
              f"(+{page_check - direct_check:.2f} s: a spawned process)")
        print(f"build: {direct_build:.2f} s in-process, {page_build:.2f} s as a page job with 17 page images "
              f"(+{page_build - direct_build:.2f} s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
