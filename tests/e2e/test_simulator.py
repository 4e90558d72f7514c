"""The demo's virtual zone, end to end: `zoneops demo` comes up with its simulated devices probed
over loopback, `zoneops simulate` stages a fault, monitoring opens the incident a real fault would
open (the cameras behind the switch attached to it), and clearing the fault resolves it.
Screenshots of the workbench and the video board at phone and desktop size are kept."""
import os

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import phone_browser
from test_monitoring import api, fast_settings, incident_status, token, wait_for
from test_service_desk import login


def desktop_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN", "--window-size=1366,900"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    return webdriver.Chrome(options=options, service=Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))


def count(url, tok, state):
    return api(url, tok, "GET", f"/api/v1/cis?state={state}&perPage=1").json()["total"]


def ci_named(url, tok, name):
    items = api(url, tok, "GET", "/api/v1/cis", params={"q": name, "perPage": 5}).json()["items"]
    return next(item for item in items if item["name"] == name)["id"]


def run_probes(url, tok, ci):
    """Runs a CI's probes now, twice (the demo's probes report after one retry)."""
    for probe in api(url, tok, "GET", f"/api/v1/cis/{ci}/probes").json()["items"]:
        for _ in range(2):
            assert api(url, tok, "POST", f"/api/v1/probes/{probe['id']}/run").status_code == 200


def screenshots(url, artifacts, name):
    for size, make in (("phone", phone_browser), ("desktop", desktop_browser)):
        browser = make()
        try:
            login(browser, url, "lead")
            browser.get(url + "/")
            WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.TAG_NAME, "main"))
            browser.save_screenshot(str(artifacts / f"simulated-{name}-workbench-{size}.png"))
            browser.get(url + "/monitoring/boards/video")
            WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "li.tile"))
            browser.save_screenshot(str(artifacts / f"simulated-{name}-board-video-{size}.png"))
        finally:
            browser.quit()


def test_the_demo_zone_is_probed_live_and_a_scenario_opens_then_resolves_an_incident(server, artifacts):
    url = server.url
    tok = token(url)
    fast_settings(url, tok)
    # The simulated devices answer their probes: most of the estate is up within a minute or so.
    up = wait_for("most of the demo estate up", lambda: (lambda n: n if n >= 300 else None)(count(url, tok, "up")), timeout=120, every=3)
    print(f"CIs up: {up}, down: {count(url, tok, 'down')}")
    assert count(url, tok, "down") == 0

    listing = server.cli("simulate", "--url", url)
    assert listing.returncode == 0, listing.stderr
    assert "switch-down" in listing.stdout and "未启动" in listing.stdout
    refused = server.cli("simulate", "switch-down", "--url", url, "--user", "enterprise")
    assert refused.returncode == 1 and "无权" in refused.stderr

    started = server.cli("simulate", "switch-down", "--url", url)
    assert started.returncode == 0, started.stderr
    switch = ci_named(url, tok, "2号监控接入交换机")
    run_probes(url, tok, switch)
    alert = wait_for("the switch's incident", lambda: next(
        (a for a in api(url, tok, "GET", f"/api/v1/alerts?ciId={switch}").json()["items"] if a.get("incidentId")), None), timeout=60)
    incident = alert["incidentId"]
    assert "无响应" in alert["summary"], alert

    # A camera behind it fails too and is attached to the switch's incident, not one of its own.
    camera = ci_named(url, tok, "监管仓库摄像机-061")
    run_probes(url, tok, camera)
    attached = wait_for("the camera attached to the switch's incident", lambda: next(
        (a for a in api(url, tok, "GET", f"/api/v1/alerts?ciId={camera}").json()["items"] if a.get("incidentId") == incident), None), timeout=60)
    assert attached["ownIncident"] is False
    detail = api(url, tok, "GET", f"/api/v1/incidents/{incident}").json()
    assert "2号监控接入交换机" in detail["incident"]["title"]
    screenshots(url, artifacts, "switch-down")

    cleared = server.cli("simulate", "switch-down", "--clear", "--url", url)
    assert cleared.returncode == 0, cleared.stderr
    run_probes(url, tok, switch)
    run_probes(url, tok, camera)
    wait_for("the incident resolved once the switch answers", lambda: incident_status(url, tok, incident) == "resolved", timeout=60)

    # The admin page lists the scenarios and starts one.
    browser = phone_browser()
    try:
        login(browser, url, "lead")
        browser.get(url + "/admin/simulator")
        row = browser.find_element(By.CSS_SELECTOR, "tr[data-scenario='camera-offline']")
        assert "未启动" in row.text
        row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        # The page is replaced by the redirect: an element of the old one may be stale meanwhile.
        WebDriverWait(browser, 20, ignored_exceptions=(WebDriverException,)).until(
            lambda b: "进行中" in b.find_element(By.CSS_SELECTOR, "tr[data-scenario='camera-offline']").text)
        browser.save_screenshot(str(artifacts / "simulator-page-phone.png"))
    finally:
        browser.quit()
    running = api(url, tok, "GET", "/api/v1/simulator/scenarios").json()["items"]
    assert [s["key"] for s in running if s["running"]] == ["camera-offline"]
