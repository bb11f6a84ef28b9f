"""The web view: served on loopback, driven by headless Chromium, plus the JSON API and errors."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from ssbkit.web.server import App, ServerThread

pytestmark = [pytest.mark.integration]


@pytest.fixture(scope="module")
def server(entries_path, bandgaps_path):
    app = App(str(entries_path), str(bandgaps_path))
    with ServerThread(app) as url:
        yield url


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_api(server):
    status, body = get(server + "/api/window?formulas=LLZO,Li3PS4")
    data = json.loads(body)
    assert status == 200 and data[0]["reduction_limit_V"] == pytest.approx(0.049, abs=0.001)
    status, body = get(server + "/api/assess?stack=LiCoO2%20%7C%20LLZO%20%7C%20Li&temperature=160C&current=1mA/cm2")
    data = json.loads(body)
    assert status == 200 and data["interfaces"][-1]["physics"]["ccd"]["ccd_mA_per_cm2"] == pytest.approx(14.0, rel=0.1)
    status, body = get(server + "/api/assess?stack=LCO%20%7C%20Li")
    assert status == 400 and "2 layer" in json.loads(body)["error"]
    status, body = get(server + "/window?formulas=Qq2")
    assert status == 400 and "unknown element" in body
    assert get(server + "/nope")[0] == 404


@pytest.mark.browser
def test_browser_form_to_report(server):
    from test_report_browser import _driver

    driver = _driver()
    try:
        driver.get(server + "/")
        box = driver.find_element("id", "stack")
        box.clear()
        box.send_keys("LiCoO2 | LiNbO3 | LGPS | Li")
        driver.find_element("id", "assess").click()
        # The click submits the form; navigation is asynchronous, so wait for the report page
        # (the first assessment also loads the entries table on the server).
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 180).until(
            lambda d: "LiNbO3" in d.title and d.execute_script("return document.readyState") == "complete")
        assert "LiNbO3" in driver.title
        badges = {b.text for b in driver.find_elements("css selector", ".badge")}
        assert badges and badges <= {"stable", "passivated", "resistive", "degrading", "incompatible", "unknown"}
        assert len(driver.find_elements("css selector", "svg")) >= 2
        driver.get(server + "/window?formulas=LGPS,LLZO")
        assert "Electrochemical windows" in driver.page_source
        assert not [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        urls = [json.loads(e["message"])["message"]["params"]["request"]["url"]
                for e in driver.get_log("performance")
                if json.loads(e["message"])["message"].get("method") == "Network.requestWillBeSent"]
        assert urls and all(u.startswith(server) or u.startswith("data:") for u in urls), urls
    finally:
        driver.quit()
