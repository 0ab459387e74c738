"""The page's job table (reportgen/serve/jobs.py) with real spawned jobs: a job stopped on the page or past its
deadline ends 'da-dung' and leaves no staged file; a check does not queue behind long work; a job is never shown
done while its folder is still busy; forgotten jobs take their page images with them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reportgen.serve import jobs as jobs_module
from reportgen.serve.jobs import Job, Jobs
from reportgen.serve import create_app
from tests.serve_pages import finished, job_id, page, plan_copy, refusal_page, state, token


@pytest.fixture
def plans(tmp_path):
    for name in ("a", "b"):
        plan_copy(tmp_path / "goc" / name)
    return tmp_path / "goc", tmp_path / "ra"


def _build(jobs: Jobs, root: Path, out: Path, name: str) -> Job:
    return jobs.start("build", name, {"folder": str(root / name), "root": str(root), "out": str(out / name)}, "Tạo")


def _hidden(out: Path) -> list[Path]:
    return [p for p in out.rglob(".*") if p.name != ".reportgen-serve.json"]


def test_a_job_stopped_on_the_page_ends_stopped_and_leaves_nothing_half_written(plans):
    root, out = plans
    jobs = Jobs(slots=1)
    job = _build(jobs, root, out, "a")
    deadline = time.monotonic() + 30
    while not job.lines and time.monotonic() < deadline:   # under way: its process has started writing
        time.sleep(0.02)
    jobs.stop(job.id)
    done = jobs.wait(job.id, 60)
    assert done.state == "da-dung" and "theo yêu cầu" in done.result["message"]
    assert _hidden(out) == []                              # no staged file, no lock left behind
    again = _build(jobs, root, out, "a")                   # the folder is free again
    assert jobs.wait(again.id, 120).state == "xong"


def test_a_job_past_its_deadline_is_ended(plans, monkeypatch):
    root, out = plans
    monkeypatch.setattr(jobs_module, "DEADLINE", 0.3)
    jobs = Jobs(slots=1)
    done = jobs.wait(_build(jobs, root, out, "a").id, 60)
    assert done.state == "da-dung" and "quá" in done.result["message"]


def test_a_check_does_not_wait_behind_a_build(plans):
    root, out = plans
    jobs = Jobs(slots=1)                                   # one slot, taken by the build
    build = _build(jobs, root, out, "a")
    check = jobs.start("check", "b", {"folder": str(root / "b"), "root": str(root)}, "Kiểm tra")
    assert jobs.wait(check.id, 60).state == "xong"
    assert build.running                                   # the check ended while the build still ran
    assert jobs.wait(build.id, 120).state == "xong"


def test_a_finished_job_has_freed_its_folder_and_told_the_index(plans):
    root, out = plans
    jobs, seen = Jobs(slots=1), []

    class Watched(dict):
        def pop(self, folder, default=None):               # the moment the folder is freed
            seen.append((jobs._jobs[self[folder]].state, folder in jobs.checked))
            return super().pop(folder, default)

    jobs._busy = Watched()
    job = jobs.start("check", "a", {"folder": str(root / "a"), "root": str(root)}, "Kiểm tra")
    done = jobs.wait(job.id, 60)
    assert done.state == "xong" and jobs.checked["a"][0] == "xong"
    assert seen == [("dang-chay", False)]                  # still "running" when freed, the index told after


def test_forgotten_jobs_take_their_page_images_with_them(tmp_path, monkeypatch):
    monkeypatch.setattr(jobs_module, "_KEPT", 1)
    jobs = Jobs(previews=tmp_path)
    for number in range(3):
        job = Job(f"j{number}", "build", "a", "Tạo", {}, state="xong", started=number)
        (tmp_path / job.id).mkdir()
        jobs._jobs[job.id] = job
    jobs._forget_oldest()
    assert sorted(jobs._jobs) == ["j2"] and sorted(p.name for p in tmp_path.iterdir()) == ["j2"]


def test_the_stop_button_of_a_running_job(plans):
    root, out = plans
    app = create_app(root, out)
    client = app.test_client()
    job = job_id(client.post("/ke-hoach/a/tao", data={"csrf_token": token(client, "/ke-hoach/a")}))
    running = page(client.get(f"/viec/{job}").get_data(as_text=True))
    stop = running.one("form", id="dung")                  # shown while the job runs, with its token
    assert stop.attrs["action"] == f"/viec/{job}/dung" and stop.all("input", name="csrf_token")
    refusal_page(client.post(f"/viec/{job}/dung"), 400)     # no token: refused like every form
    response = client.post(f"/viec/{job}/dung", data={"csrf_token": token(client, "/ke-hoach/a")})
    assert response.status_code == 303 and response.headers["Location"] == f"/viec/{job}"
    assert state(finished(app, client, job)) in ("da-dung", "xong")   # a build may finish before the stop lands
    refusal_page(client.post("/viec/khong-co/dung", data={"csrf_token": token(client, "/ke-hoach/a")}), 404)


def test_a_job_waiting_for_a_slot_stops_at_once(plans):
    root, out = plans
    jobs = Jobs(slots=1)
    running = _build(jobs, root, out, "a")               # holds the one slot
    waiting = _build(jobs, root, out, "b")
    time.sleep(0.3)
    assert waiting.state == "cho"
    jobs.stop(waiting.id)
    done = jobs.wait(waiting.id, 5)
    assert done.state == "da-dung" and running.running   # ended while the other still held the slot
    assert jobs.wait(running.id, 120).state == "xong"


def test_a_finding_with_very_many_places_shows_the_first_and_counts_the_rest(tmp_path):
    from reportgen.serve.places import SHOWN, places
    (tmp_path / "bieu.yaml").write_text("".join(f"dong {n}\n" for n in range(1, 1001)), encoding="utf-8")
    locations = [{"file": "bieu.yaml", "line": n, "text": f"bieu.yaml:{n}"} for n in range(1, 1001)]
    shown = places(locations, tmp_path, [60])
    texts = [text for place in shown for text in place["texts"]]
    assert texts[:SHOWN] == [f"bieu.yaml:{n}" for n in range(1, SHOWN + 1)]
    assert texts[-1] == f"… và {1000 - SHOWN} chỗ nữa" and len(texts) == SHOWN + 1


def test_the_index_remembers_the_last_check_across_a_restart(plans):
    root, out = plans
    first = create_app(root, out)
    client = first.test_client()
    done = finished(first, client, job_id(client.post("/ke-hoach/a/kiem-tra",
                                                        data={"csrf_token": token(client, "/ke-hoach/a")})))
    assert state(done) == "xong"
    again = create_app(root, out).test_client()          # a new server: no job remembered, the states file read
    rows = page(again.get("/").get_data(as_text=True)).one("table", id="thu-muc").all("tr")[1:]
    shown = {row.one("a", cls="thu-muc").text(): row.one("td", cls="trang-thai").attrs["data-state"] for row in rows}
    assert shown == {"a": "xong", "b": ""}
