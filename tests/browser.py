"""Test helper (not a test): Debian's chromium driven headless through Selenium, and `reportgen serve` run as a child
process, for the end-to-end tests of the page (tests/test_serve_browser.py).

The browser is the system's (`chromium` and `chromium-driver`, installed by scripts/setup.sh): nothing is
downloaded. Selenium Manager (the selenium-manager binary that looks up and downloads drivers and browsers) is
never started: selenium's DriverFinder (webdriver/common/driver_finder.py) calls it only when the Service has no
executable_path, and ChromiumDriver then takes the browser from options.binary_location; both are given here.
SE_OFFLINE=true is set as well, which the manager itself honours, should a later selenium call it anyway.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WINDOW = (1280, 1600)
# A screenshot is as tall as the page, within these (a longer page is cut there).
SHORTEST_SCREENSHOT, LONGEST_SCREENSHOT = 480, 8000
# How serve_process starts the server (`python -m reportgen serve`, with the interpreter running the tests).
SERVE = [sys.executable, "-m", "reportgen", "serve"]


def missing(reason: str) -> None:
    """A tool the browser tests need is absent: a failure under CI (which installs everything), else a skip."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _selenium():
    try:
        from selenium import webdriver
    except ImportError:
        missing("selenium chưa cài: chạy `.venv/bin/pip install -e '.[test]'` (hoặc scripts/setup.sh).")
    return webdriver


@contextlib.contextmanager
def chromium(downloads: Path) -> Iterator:
    """A headless Debian chromium under Selenium, with a fresh empty profile, whose downloads land in `downloads`
    without asking. Quits the browser (and its profile folder goes) on leaving."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            missing(f"{path} không có trên máy: cài gói {package} (scripts/setup.sh) để chạy phép thử trong trình duyệt.")
    webdriver = _selenium()
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"
    downloads.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reportgen-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-extensions", "--no-first-run",
                         "--no-default-browser-check", "--disable-component-update", "--disable-sync",
                         f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--user-data-dir={profile}", "--lang=vi"):
            options.add_argument(argument)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "profile.default_content_setting_values.automatic_downloads": 1,
            "safebrowsing.enabled": False,
            "intl.accept_languages": "vi,vi-VN",
        })
        service = Service(executable_path=str(CHROMEDRIVER), log_output=subprocess.DEVNULL)
        driver = webdriver.Chrome(options=options, service=service)
        try:
            # The prefs above are enough for chromium 156 headless; DevTools says it too, should a release's
            # headless mode stop reading them.
            driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                   {"behavior": "allow", "downloadPath": str(downloads)})
            driver.set_page_load_timeout(30)
            yield driver
        finally:
            driver.quit()


def screenshot_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $REPORTGEN_SCREENSHOTS when set (to look at after the run), else a pytest tmp folder."""
    if folder := os.environ.get("REPORTGEN_SCREENSHOTS"):
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


def screenshot(driver, name: str, folder: Path) -> Path:
    """The whole page as `folder`/`name`.png: the window is made as tall as the page for the shot (at least
    SHORTEST_SCREENSHOT, at most LONGEST_SCREENSHOT pixels), then put back."""
    size = driver.get_window_size()
    frame = size["height"] - int(driver.execute_script("return window.innerHeight"))  # the window less the page
    # Measured in the shortest window, since a page's scroll height is never less than the window's.
    driver.set_window_size(size["width"], SHORTEST_SCREENSHOT + frame)
    try:
        height = int(driver.execute_script("return document.documentElement.scrollHeight"))
        driver.set_window_size(size["width"], min(height, LONGEST_SCREENSHOT) + frame)
        path = folder / f"{name}.png"
        if not driver.save_screenshot(str(path)):
            raise AssertionError(f"chromium did not save the screenshot {path}")
        return path
    finally:
        driver.set_window_size(size["width"], size["height"])


def wait_until(driver, condition: Callable, timeout: float, what: str):
    """`condition(driver)`'s first truthy value within `timeout` s (a page replaced under it is retried)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
            condition)
    except TimeoutException:
        raise AssertionError(f"not within {timeout} s: {what} (at {driver.current_url})") from None


def wait_for(driver, css: str, timeout: float = 10):
    """The first element matching `css`, once there."""
    from selenium.webdriver.common.by import By

    return wait_until(driver, lambda d: d.find_element(By.CSS_SELECTOR, css), timeout, f"an element {css}")


def wait_download(folder: Path, suffix: str, timeout: float = 30) -> Path:
    """The file ending in `suffix` that appeared in `folder`, once chromium has finished writing it."""
    deadline = time.monotonic() + timeout
    seen: dict[Path, int] = {}
    while time.monotonic() < deadline:
        partial = any(p.suffix == ".crdownload" for p in folder.iterdir())
        done = sorted(p for p in folder.iterdir() if p.name.endswith(suffix) and p.is_file())
        if done and not partial:
            sizes = {p: p.stat().st_size for p in done}
            if sizes == seen:
                if len(done) > 1:
                    raise AssertionError(f"more than one download ending in {suffix}: {[p.name for p in done]}")
                return done[0]
            seen = sizes
        time.sleep(0.1)
    raise AssertionError(f"no download ending in {suffix} in {folder} within {timeout} s: "
                         f"{sorted(p.name for p in folder.iterdir())}")


def free_port() -> int:
    """A loopback port nothing listens on now (bound to port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> int | None:
    # No proxy handler: the request stays on loopback whatever the environment says.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


@contextlib.contextmanager
def serve_process(root: Path, out: Path, port: int | None = None, log: Path | None = None,
                  timeout: float = 30) -> Iterator[str]:
    """`reportgen serve ROOT --host 127.0.0.1 --port PORT --out OUT` in a child process (its own process group, so
    the workers it spawns end with it); yields its base URL once GET / answers 200. Its output goes to `log`
    (default OUT/../serve.log), shown when it does not come up. Ends it with SIGTERM, then SIGKILL."""
    port = port or free_port()
    log = log or out.parent / "serve.log"
    env = {key: value for key, value in os.environ.items() if key != "REPORTGEN_PASSWORD"}
    command = [*SERVE, str(root), "--host", "127.0.0.1", "--port", str(port),
               "--out", str(out)]
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                   env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while (status := _answers(url + "/")) != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                said = log.read_text(encoding="utf-8", errors="replace")[-3000:]
                state = f"exited {process.returncode}" if process.poll() is not None else f"no 200 in {timeout} s"
                raise AssertionError(f"`{' '.join(command)}` {state} (last answer {status}):\n{said}")
            time.sleep(0.1)
        try:
            yield url
        except BaseException:
            # What the server said, beside a failure in the with-block (a pytest fixture's generator is not told
            # of its test's failure: the test prints the log itself then).
            print(f"`{' '.join(command)}` said:\n" + log.read_text(encoding="utf-8", errors="replace")[-3000:])
            raise
    finally:
        _end(process)


def _end(process: subprocess.Popen) -> list[int]:
    """Ends the server: SIGTERM, up to 10 s, then SIGKILL; then whatever of its process group is left (workers it
    did not end), while its own exit is not yet collected, so the group's id cannot have been reused. Returns the
    ids of those left behind."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        while not _exited(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not _exited(process.pid):
            process.kill()
            while not _exited(process.pid):
                time.sleep(0.05)
    left = [pid for pid in group_members(process.pid) if pid != process.pid]
    if left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return left


def _exited(pid: int) -> bool:
    """Whether the child has exited, without collecting it (its id stays taken until process.wait())."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def group_members(pgid: int) -> list[int]:
    """The processes whose process group is `pgid` (from /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                members.append(int(stat.parent.name))
    return members
