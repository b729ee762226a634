"""End to end in a real headless Chromium (Debian's chromium + chromedriver, scripts/install_browser.sh)
driven by Selenium: the map, a region, a fact with its evidence highlighted beside its translation, the
Kazakh interface, a search, a CSV download. Skipped when no browser is installed."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aimaq.errors import BrowserMissingError
from aimaq.web.devtools import browser_paths
from web_store import corpus_store

try:
    browser_paths()
except BrowserMissingError as exc:
    pytest.skip(f"browser tests need Chromium: {exc}", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from aimaq.web.app import create_app  # noqa: E402
from aimaq.web.devtools import chromium, served  # noqa: E402

WAIT_S = 15


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def site(downloads: Path) -> Iterator[tuple[object, str]]:
    driver = chromium(downloads=str(downloads))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    try:
        with served(create_app(corpus_store(), token=None)) as base:
            yield driver, base
    finally:
        driver.quit()


@pytest.fixture
def browser(site: tuple[object, str]) -> tuple[object, str]:
    driver, base = site
    driver.get(f"{base}/static/app.css")  # a page of the site, to clear its cookies
    driver.delete_all_cookies()
    return driver, base


def _wait(driver: object, condition: object) -> object:
    return WebDriverWait(driver, WAIT_S).until(condition)


def test_web_browser_map_region_fact_with_translation(browser: tuple[object, str]) -> None:
    driver, base = browser
    driver.get(f"{base}/")
    tiles = driver.find_elements(By.CSS_SELECTOR, "svg#tilemap a.tile")
    assert len(tiles) == 20
    driver.find_element(By.ID, "tile-KZ-15").click()
    _wait(driver, ec.url_contains("/regions/KZ-15"))
    assert driver.find_element(By.ID, "region-name").text == "Aktobe Region"
    assert driver.find_elements(By.CSS_SELECTOR, "#chart-investment svg rect")
    link = next(a for a in driver.find_elements(By.CSS_SELECTOR, "a.fact-link") if "412.5" in a.text)
    link.click()
    _wait(driver, ec.url_contains("/facts/"))
    left = driver.find_elements(By.CSS_SELECTOR, "#parallel td.left mark.evidence")
    right = driver.find_elements(By.CSS_SELECTOR, "#parallel td.right mark.evidence")
    assert len(left) == len(right) == 1
    assert "412,5 млрд теңге" in left[0].text and "412,5 млрд тенге" in right[0].text
    assert left[0].find_element(By.XPATH, "./ancestor::tr") == right[0].find_element(By.XPATH, "./ancestor::tr")
    assert left[0].value_of_css_property("background-color") in ("rgba(255, 226, 122, 1)", "rgb(255, 226, 122)")


def test_web_browser_switch_interface_to_kazakh(browser: tuple[object, str]) -> None:
    driver, base = browser
    driver.get(f"{base}/regions/KZ-43")
    driver.find_element(By.ID, "lang-kk").click()
    _wait(driver, ec.text_to_be_present_in_element((By.ID, "nav-facts"), "Деректер"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "kk"
    assert driver.find_element(By.ID, "region-name").text == "Қызылорда облысы"
    driver.get(f"{base}/")  # the choice is kept
    assert driver.find_element(By.TAG_NAME, "h1").text == "Қазақстан өңірлері"


def test_web_browser_indicator_select_recolours_the_map(browser: tuple[object, str]) -> None:
    driver, base = browser
    driver.get(f"{base}/")
    assert not driver.find_element(By.CSS_SELECTOR, "#indicator-form button").is_displayed()  # JS submits
    Select(driver.find_element(By.ID, "indicator")).select_by_value("jobs")
    _wait(driver, ec.url_contains("indicator=jobs"))
    assert driver.find_element(By.ID, "tile-KZ-15").get_attribute("data-value") == "3200.0"


def test_web_browser_search_with_a_facet(browser: tuple[object, str]) -> None:
    driver, base = browser
    driver.get(f"{base}/search")
    box = driver.find_element(By.ID, "q")
    box.send_keys("инвестиция")
    driver.find_element(By.ID, "f-apply").click()
    _wait(driver, ec.presence_of_element_located((By.ID, "total")))
    titles = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "a.hit-link")]
    assert "Ақтөбе облысында инвестиция көлемі артты" in titles
    assert "В Актюбинской области вырос объем инвестиций" in titles
    driver.find_element(By.CSS_SELECTOR, '#facet-lang a[data-value="ru"]').click()
    _wait(driver, ec.url_contains("doclang=ru"))
    langs = {s.text for s in driver.find_elements(By.CSS_SELECTOR, ".hit .lang-tag")}
    assert langs == {"RU"}  # shown upper-case by the style sheet


def test_web_browser_download_csv_of_a_table(browser: tuple[object, str], downloads: Path) -> None:
    driver, base = browser
    driver.get(f"{base}/facts?region=KZ-15")
    shown = len(driver.find_elements(By.CSS_SELECTOR, "a.fact-link"))
    driver.find_element(By.CSS_SELECTOR, "a.export-csv").click()
    target = downloads / "aimaq-facts.csv"
    deadline = time.monotonic() + WAIT_S
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.exists(), list(downloads.iterdir())
    with open(target, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == shown > 0
    assert {r["region"] for r in rows} == {"KZ-15"}
    assert any(r["value"] == "412500000000" and r["evidence_kk"] and r["evidence_ru"] for r in rows)
