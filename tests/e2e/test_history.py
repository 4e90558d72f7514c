"""`zoneops demo --history`: the demo starts with weeks of past operation made through the real
services on a simulated clock, and the platform reads it as it would read a real zone's records
(tickets worked and rated, hotline calls, changes, outages and availability, lane KPIs). Made once;
a bad length is refused in Chinese. Screenshots of the lane KPIs and the ticket list are kept."""
import subprocess
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, Server
from test_monitoring import api, token
from test_service_desk import login
from test_simulator import desktop_browser


def test_a_bad_history_length_is_refused_in_chinese(workdir):
    result = subprocess.run([str(BINARY), "demo", "--history", "ninety", "--port", "0"], capture_output=True, text=True, timeout=120,
                            env={"ZONEOPS_DATA_DIR": str(workdir / "bad"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "--history 须为天数" in result.stdout + result.stderr


def test_the_demo_with_two_weeks_of_history_reads_like_a_working_zone(workdir, artifacts):
    server = Server(workdir / "data", env={"ZONEOPS_SIM_LANE_RATE": "0"}, args=("--history", "14d"))
    try:
        url = server.url
        log = (workdir / f"server-{server.port}.log").read_text()
        assert "运行历史完成" in log, log[-2000:]
        tok = token(url)
        since = (datetime.now(timezone.utc) - timedelta(days=15)).strftime("%Y-%m-%d")
        incidents = api(url, tok, "GET", "/api/v1/incidents", params={"perPage": 1}).json()["total"]
        closed = api(url, tok, "GET", "/api/v1/incidents", params={"status": "closed", "perPage": 1}).json()["total"]
        assert incidents >= 20 and closed >= incidents // 2, (incidents, closed)
        alerts = api(url, tok, "GET", "/api/v1/alerts", params={"status": "all"}).json()
        assert alerts["total"] >= 1 and any(a.get("incidentId") for a in alerts["items"]), "outages went through the pipeline"
        kpis = api(url, tok, "GET", "/api/v1/lanes/kpis", params={"from": since}).json()
        assert kpis["total"]["passes"] > 14 * 6 * 100 and 0.9 < kpis["total"]["plateRate"] < 1
        video = api(url, tok, "GET", "/api/v1/availability", params={"domain": "video", "from": since}).json()
        assert video, video
        changes = api(url, tok, "GET", "/api/v1/changes", params={"perPage": 50}).json()["items"]
        assert any(c["status"] == "reviewed" for c in changes) or len(changes) <= 3, changes

        browser = desktop_browser()
        try:
            login(browser, url, "lead")
            browser.get(url + "/monitoring/lanes?days=30")
            WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, "table.lane-kpis"))
            browser.save_screenshot(str(artifacts / "history-lanes-desktop.png"))
            browser.get(url + "/incidents")
            WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.TAG_NAME, "main"))
            browser.save_screenshot(str(artifacts / "history-incidents-desktop.png"))
        finally:
            browser.quit()
    finally:
        server.stop()
    # Made once: the same data directory again makes nothing new.
    again = Server(workdir / "data", env={"ZONEOPS_SIM_LANE_RATE": "0"}, args=("--history", "14d"))
    try:
        log = (workdir / f"server-{again.port}.log").read_text()
        assert "已有运行历史，跳过" in log, log[-2000:]
        assert api(again.url, token(again.url), "GET", "/api/v1/incidents", params={"perPage": 1}).json()["total"] == incidents
    finally:
        again.stop()
