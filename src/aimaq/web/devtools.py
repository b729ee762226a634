"""For the browser tests and ``make screenshots``: the app served by uvicorn in a background thread, and
a headless Chromium driven by Selenium through Debian's chromium and chromedriver
(``scripts/install_browser.sh``). Nothing is downloaded: the driver path is given, so Selenium Manager
is never asked for one.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aimaq.errors import BrowserMissingError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)
START_TIMEOUT_S = 20.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(app: Any, port: int | None = None) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 in a thread while the block runs; yields the base URL."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=port or _free_port(), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def browser_paths() -> tuple[str, str]:
    """(chromium, chromedriver) found on PATH, or BrowserMissingError."""
    browser = next((p for p in map(shutil.which, BROWSERS) if p), None)
    driver = next((p for p in map(shutil.which, DRIVERS) if p), None)
    if not browser or not driver:
        raise BrowserMissingError("no chromium/chromedriver on PATH (run scripts/install_browser.sh)")
    try:
        import selenium  # noqa: F401
    except ImportError as exc:  # third-party selenium, only in the test extra
        raise BrowserMissingError("selenium is not installed (pip install 'aimaq[test]')") from exc
    return browser, driver


def chromium(width: int = 1280, height: int = 900, downloads: str | None = None) -> Any:
    """A headless Chromium WebDriver (the caller quits it); files it downloads go to ``downloads``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = browser_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=en-US", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                                  "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)
