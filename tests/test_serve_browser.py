"""`reportgen serve` end to end in a real browser (Debian's chromium, headless, through Selenium): a clerk opens the
list of plan folders, checks the sample, builds it, looks at the PDF's pages, downloads the PDF (the same bytes as
`reportgen build` writes), uploads two districts' returned workbooks to see the status table (collect's "not all
returned" as the page's chua-khop, nothing written), then one more with "write what there is" ticked (xong, the
period's progress file written, the earlier two counted again from the period's tra-ve/).

The page is driven only by what a clerk does (links clicked, forms filled and their buttons pressed); the element
names are the URL/HTML contract of the page (ids and classes in reportgen/serve/templates). Each page is saved as
a PNG in $REPORTGEN_SCREENSHOTS when set (else in pytest's tmp folder), to be looked at.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from tests.browser import chromium, screenshot, screenshot_folder, serve_process, wait_download, wait_for, wait_until
from tests.conftest import SAMPLE

PLAN = "bac-giang-2020"
PERIOD = "2020-Q2"
REPORT = "bao-cao-2020-q2"
# Two districts' returned forms of the period, as the sample keeps them (tra-ve/GHI-CHU.md), by unit.
RETURNED = {"TP Bắc Giang": "so-lieu-TP-Bắc-Giang.xlsx", "Huyện Hiệp Hòa": "so-lieu-Huyện-Hiệp-Hòa.xlsx"}
# A lead body's tasks form, sent later.
LATER = ("Sở NN&PTNT", "nhiem-vu-Sở-NN-PTNT.xlsx")
EXPECTED_FORMS = 28  # 10 districts' figures and 18 lead bodies' tasks (tra-ve/GHI-CHU.md)
RUNNING = ("cho", "dang-chay")


def _returned(name: str) -> Path:
    """The sample's returned workbook of that name (file names compared in NFC, as a file system may keep NFD)."""
    wanted = unicodedata.normalize("NFC", name)
    for path in (SAMPLE / REPORT / "tra-ve").iterdir():
        if unicodedata.normalize("NFC", path.name) == wanted:
            return path
    raise AssertionError(f"{name} not in {SAMPLE / REPORT / 'tra-ve'}")


@pytest.fixture
def site(tmp_path: Path):
    """The sample under a ROOT of its own, its 2020-Q2 returns and progress file taken away (so collect has
    something to do; the report folder's van-ban.yaml still names tien-do.yaml), served on loopback."""
    root = tmp_path / "goc"
    shutil.copytree(SAMPLE, root / PLAN)
    shutil.rmtree(root / PLAN / REPORT / "tra-ve")
    (root / PLAN / REPORT / "tien-do.yaml").unlink()
    out = tmp_path / "ra"
    with serve_process(root, out, log=tmp_path / "serve.log") as url:
        yield url, root, out


@pytest.fixture
def shots(tmp_path_factory) -> Path:
    return screenshot_folder(tmp_path_factory)


def _css(driver, css: str) -> list:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def _press(driver, form: str) -> None:
    """Presses the form's own submit button (as a clerk does), then waits to be on its job's page."""
    from selenium.webdriver.common.by import By

    button = wait_for(driver, form).find_element(
        By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])")
    button.click()
    wait_until(driver, lambda d: "/viec/" in d.current_url, 15, f"the job page after pressing {form}'s button")


def _finished(driver, timeout: float = 60) -> str:
    """The job's final state, once #trang-thai (reloaded by the page while it runs) says it is over."""
    def over(d):
        state = d.find_element("css selector", "#trang-thai").get_attribute("data-state")
        return state if state and state not in RUNNING else False

    return wait_until(driver, over, timeout, "the job to end (#trang-thai[data-state] not cho/dang-chay)")


def _upload(driver, folder_url: str, files: list[Path], partial: bool) -> None:
    """Fills form#thu-ve on the folder's page (period, the files, "mot_phan" as asked) and presses its button."""
    driver.get(folder_url)
    form = wait_for(driver, "form#thu-ve")
    period = form.find_element("css selector", "input[name=ky]")
    period.clear()
    period.send_keys(PERIOD)
    box = form.find_element("css selector", "input[name=mot_phan]")
    if box.is_selected() != partial:
        box.click()
    form.find_element("css selector", "input[name=tep]").send_keys("\n".join(str(path) for path in files))
    _press(driver, "form#thu-ve")


def _status_table(driver) -> list[tuple[str, str]]:
    """table#tinh-trang's rows as (unit, data-state)."""
    return [(row.find_element("css selector", "td.don-vi").text,
             row.find_element("css selector", "td.tinh-trang").get_attribute("data-state"))
            for row in _css(driver, "table#tinh-trang tr") if row.find_elements("css selector", "td.don-vi")]


@contextlib.contextmanager
def _shot_on_failure(driver, shots: Path, log: Path):
    """The page as it was when the test failed (loi.png), where, and what the server said."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            print(f"failed at {driver.current_url}; page: {screenshot(driver, 'loi', shots)}")
        with contextlib.suppress(Exception):
            print("the server said:\n" + log.read_text(encoding="utf-8", errors="replace")[-3000:])
        raise


def _said(driver) -> str:
    return driver.find_element("css selector", "body").text[-3000:]


def test_a_clerk_checks_builds_downloads_and_collects_in_chromium(site, shots, tmp_path):
    url, root, out = site
    folder_url = f"{url}/ke-hoach/{PLAN}"
    downloads = tmp_path / "tai-ve"
    timings: dict[str, float] = {}
    mark = time.monotonic()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.monotonic()
        timings[name] = now - mark
        mark = now

    with chromium(downloads) as driver, _shot_on_failure(driver, shots, tmp_path / "serve.log"):
        lap("chromium")
        # The list of plan folders: the one plan, not checked yet.
        driver.get(url + "/")
        wait_for(driver, "table#thu-muc a.thu-muc")
        links = _css(driver, "table#thu-muc a.thu-muc")
        assert [a.get_attribute("href") for a in links] == [folder_url]
        (checked,) = _css(driver, "table#thu-muc td.trang-thai")
        assert (checked.get_attribute("data-state"), checked.text) == ("", "chưa kiểm tra")
        screenshot(driver, "1-thu-muc", shots)
        links[0].click()
        wait_for(driver, "form#kiem-tra")
        assert driver.current_url == folder_url
        for form in ("kiem-tra", "tao", "bao-cao", "xuat", "bieu-nhap", "thu-ve"):
            assert _css(driver, f"form#{form} input[name=csrf_token]"), f"form#{form} has no CSRF token"
        screenshot(driver, "2-ke-hoach", shots)
        lap("list, folder page")

        # Check: the sample reconciles; what could not be checked is shown at its place with the lines around it.
        _press(driver, "form#kiem-tra")
        state = _finished(driver)
        assert state == "xong", _said(driver)
        assert _css(driver, "section.quy-tac"), "no rule sections on the check's page"
        places = [li.find_element("css selector", ".vi-tri").text for li in _css(driver, "li.phat-hien")
                  if li.find_elements("css selector", ".vi-tri")]
        assert any("bieu-01.yaml" in place for place in places), places
        assert any(pre.text.strip() for pre in _css(driver, "li.phat-hien pre.trich")), "no excerpt at a finding"
        screenshot(driver, "3-kiem-tra", shots)
        driver.get(url + "/")
        (checked,) = _css(driver, "table#thu-muc td.trang-thai")
        assert checked.get_attribute("data-state") == "xong", checked.text
        lap("check")

        # Build: the PDF's pages as images, then the PDF downloaded.
        wait_for(driver, "table#thu-muc a.thu-muc").click()
        wait_for(driver, "form#tao")
        _press(driver, "form#tao")
        state = _finished(driver, timeout=90)
        assert state == "xong", _said(driver)
        pages = _css(driver, "img.trang")
        assert len(pages) >= 2, f"{len(pages)} page images"
        for page in pages:  # scrolled to, should the page load its images lazily
            driver.execute_script("arguments[0].scrollIntoView()", page)
            # `complete` is true for a broken image too; naturalWidth > 0 once one is drawn.
            wait_until(driver, lambda d, page=page: d.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth > 0", page), 15,
                f"page image {page.get_attribute('src')} to load")
        driver.execute_script("window.scrollTo(0, 0)")
        screenshot(driver, "4-tao", shots)
        pdfs = [a for a in _css(driver, "a.tai-ve") if a.get_attribute("href").endswith(".pdf")]
        assert len(pdfs) == 1, [a.get_attribute("href") for a in _css(driver, "a.tai-ve")]
        assert pdfs[0].get_attribute("href").startswith(f"{url}/tai/{PLAN}/")
        driver.execute_script("arguments[0].scrollIntoView()", pdfs[0])
        pdfs[0].click()
        downloaded = wait_download(downloads, ".pdf", timeout=30)
        lap("build, page images, download")
        cli_out = tmp_path / "cli"
        built = subprocess.run([sys.executable, "-m", "reportgen", "build", str(root / PLAN), "-o", str(cli_out)],
                               capture_output=True, text=True, timeout=120)
        assert built.returncode == 0, built.stdout + built.stderr
        (cli_pdf,) = cli_out.glob("*.pdf")
        assert downloaded.name == cli_pdf.name
        assert (out / PLAN / cli_pdf.name).is_file(), f"the page's build is not in OUT/{PLAN}"
        assert hashlib.sha256(downloaded.read_bytes()).hexdigest() == hashlib.sha256(cli_pdf.read_bytes()).hexdigest()
        lap("CLI build")

        # Two districts' returns uploaded, without "mot_phan": collect writes nothing (26 forms missing) and says
        # so, and the status table is there all the same.
        _upload(driver, folder_url, [_returned(name) for name in RETURNED.values()], partial=False)
        state = _finished(driver)
        assert state == "chua-khop", _said(driver)
        status = _status_table(driver)
        assert len(status) == EXPECTED_FORMS, status
        assert sorted(unit for unit, state in status if state == "da-nop") == sorted(RETURNED)
        assert {state for unit, state in status if unit not in RETURNED} == {"chua-nop"}
        assert not (root / PLAN / REPORT / "tien-do.yaml").exists()
        screenshot(driver, "5-thu-ve", shots)
        lap("collect")

        # One lead body's return more, with "mot_phan" ticked: the two kept from before count too, and the period's
        # progress file is written with what there is.
        _upload(driver, folder_url, [_returned(LATER[1])], partial=True)
        state = _finished(driver)
        assert state == "xong", _said(driver)
        status = _status_table(driver)
        assert sorted(unit for unit, state in status if state == "da-nop") == sorted([*RETURNED, LATER[0]])
        assert (root / PLAN / REPORT / "tien-do.yaml").is_file()
        screenshot(driver, "6-thu-ve-mot-phan", shots)
        lap("collect, partial")
    print("timings (s):", ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items()),
          f"; screenshots in {shots}")
