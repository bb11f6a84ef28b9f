"""The HTML report in a real browser: headless Chromium, no console errors, no network requests."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from ssbkit.cli import main

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def _driver():
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium/chromedriver missing under CI (.ci/run installs them)")
        pytest.skip("chromium and chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--window-size=1280,2000"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


@pytest.fixture(scope="module")
def report(tmp_path_factory, entries_path, bandgaps_path):
    out = tmp_path_factory.mktemp("report") / "report.html"
    code = main(["assess", "LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li", "--pressure", "5MPa",
                 "--current", "0.5mA/cm2", "--entries", str(entries_path), "--bandgaps", str(bandgaps_path),
                 "--html", str(out)])
    assert code == 0
    return out


def test_report_is_self_contained(report):
    text = report.read_text()
    assert "<svg" in text and text.count("<svg") >= 3  # windows, driving force, mixing curves
    for needle in ("http://", "https://", "<script", "<link", "src=\""):
        assert needle not in text.replace("http://www.w3.org", ""), needle


def test_report_loads_in_chromium_without_errors_or_requests(report):
    driver = _driver()
    try:
        driver.get(report.as_uri())
        assert "LiNbO3" in driver.title
        badges = driver.find_elements("css selector", ".badge")
        assert badges and {b.text for b in badges} <= {"stable", "passivated", "resistive", "degrading", "incompatible", "unknown"}
        assert len(driver.find_elements("css selector", "svg")) >= 3
        console = driver.get_log("browser")
        severe = [e for e in console if e.get("level") == "SEVERE"]
        assert not severe, severe
        requests = []
        for entry in driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                requests.append(msg["params"]["request"]["url"])
        external = [u for u in requests if not u.startswith(("file://", "data:"))]
        assert not external, external
        assert any(u.startswith("file://") for u in requests)  # the log is live: the page itself was seen
    finally:
        driver.quit()
