"""Checkpoint lane traffic end to end: a lane controller (this test, over HTTP as a real one would)
reports passes, a resend is kept once, a bad record is refused in Chinese naming its field; the
demo's simulated lanes feed the KPIs; a plate camera that stops recognising opens an incident on
that camera and clearing the fault resolves it. Screenshots of the traffic page at phone and
desktop size are kept."""
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import Server
from test_browser import phone_browser
from test_monitoring import api, fast_settings, incident_status, token, wait_for
from test_service_desk import login
from test_simulator import desktop_browser


def report(seq, plate="豫A12345", manual=False, lane="K03-IN"):
    left = datetime.now(timezone.utc) - timedelta(seconds=30)
    record = {"lane": lane, "seq": seq, "arrivedAt": (left - timedelta(seconds=45)).isoformat(), "leftAt": left.isoformat(),
              "rfidPlate": "豫A12345", "releaseNote": "H4101K00120261201" + f"{seq:05d}", "releaseStatus": 2, "instruction": "放行"}
    if plate:
        record["plate"] = plate
    if manual:
        record.update(manual=True, manualReason="车牌未识别，人工核对后放行", approver="孙立军")
    return record


def test_a_lane_controller_reports_passes_once_each_and_the_kpis_count_them(workdir, artifacts):
    server = Server(workdir / "data", env={"ZONEOPS_SIM_LANE_RATE": "0"})
    try:
        url = server.url
        tok = token(url)
        first = api(url, tok, "POST", "/api/v1/lanes/passes", json=[report(1), report(2), report(3, plate=None, manual=True)])
        assert first.status_code == 202, first.text
        assert first.json() == {"accepted": 3, "duplicates": 0}
        # The controller did not hear the answer and sends the last two again.
        again = api(url, tok, "POST", "/api/v1/lanes/passes", json=[report(2), report(3, plate=None, manual=True)])
        assert again.json() == {"accepted": 0, "duplicates": 2}
        bad = report(4)
        bad["containers"] = ["CSQU3054384"]
        refused = api(url, tok, "POST", "/api/v1/lanes/passes", json=bad)
        assert refused.status_code == 400
        assert "ISO 6346" in refused.text and "containers[0]" in refused.text, refused.text
        kpis = api(url, tok, "GET", "/api/v1/lanes/kpis", params={"lane": "K03-IN"}).json()
        figures = kpis["items"][0]["figures"]
        assert figures["passes"] == 3 and abs(figures["plateRate"] - 2 / 3) < 1e-9 and abs(figures["manualRate"] - 1 / 3) < 1e-9
        assert abs(figures["averagePassSeconds"] - 45) < 1.5

        for size, make in (("phone", phone_browser), ("desktop", desktop_browser)):
            browser = make()
            try:
                login(browser, url, "customs")
                browser.get(url + "/monitoring/lanes?days=1")
                WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "table.lane-passes tr[data-seq]"))
                text = browser.find_element(By.TAG_NAME, "main").text
                assert "车牌识别率" in text and "人工放行" in text and "3号通道（进区）" in text
                browser.save_screenshot(str(artifacts / f"lanes-traffic-{size}.png"))
            finally:
                browser.quit()
    finally:
        server.stop()


def test_the_simulated_lanes_feed_the_kpis_and_a_blind_plate_camera_opens_then_resolves_an_incident(workdir, artifacts):
    server = Server(workdir / "data", env={"ZONEOPS_SIM_LANE_RATE": "3600"})
    try:
        url = server.url
        tok = token(url)
        fast_settings(url, tok)
        wait_for("simulated passes on all six lanes", lambda: (lambda items: all(i["figures"]["passes"] > 0 for i in items) and len(items) == 6)(
            api(url, tok, "GET", "/api/v1/lanes/kpis").json()["items"]), timeout=60, every=2)

        started = server.cli("simulate", "plate-unrecognised", "--url", url)
        assert started.returncode == 0, started.stderr
        alert = wait_for("the plate camera's incident", lambda: next(
            (a for a in api(url, tok, "GET", "/api/v1/alerts").json()["items"] if a["check"] == "plate_recognition" and a.get("incidentId")), None),
            timeout=90, every=2)
        assert alert["ciName"] == "1号通道前车牌相机" and "车牌自动识别率" in alert["summary"], alert
        manual = api(url, tok, "GET", "/api/v1/lanes/passes", params={"lane": "K01-IN", "manual": "true", "limit": 5}).json()["items"]
        assert manual and all(p["manualReason"] for p in manual)

        browser = desktop_browser()
        try:
            login(browser, url, "lead")
            browser.get(url + "/monitoring/lanes?lane=K01-IN")
            WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "table.lane-passes tr[data-seq]"))
            browser.save_screenshot(str(artifacts / "lanes-plate-unrecognised-desktop.png"))
            browser.get(url + "/monitoring/boards/lanes")
            WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "[data-manual-release]"))
            assert "人工放行中" in browser.find_element(By.TAG_NAME, "main").text
            browser.save_screenshot(str(artifacts / "lanes-board-manual-release-desktop.png"))
        finally:
            browser.quit()

        cleared = server.cli("simulate", "plate-unrecognised", "--clear", "--url", url)
        assert cleared.returncode == 0, cleared.stderr
        wait_for("the incident resolved once plates are read again", lambda: incident_status(url, tok, alert["incidentId"]) == "resolved",
                 timeout=120, every=2)
    finally:
        server.stop()
