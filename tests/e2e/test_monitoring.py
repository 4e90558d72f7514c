"""Monitoring with real peers: a real Prometheus Alertmanager delivering webhooks, a real net-snmp
agent probed by ZoneOps and then stopped, a status board changing live in Chromium, and a
kill -9 in the middle of an event burst that loses nothing acknowledged."""
import os
import signal
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ADMIN_PASSWORD, Server, free_port
from test_browser import phone_browser
from test_service_desk import login

ALERTMANAGER = "/usr/bin/prometheus-alertmanager"
SNMPD = "/usr/sbin/snmpd"


def token(url):
    response = requests.post(url + "/api/v1/tokens", json={"username": "admin", "password": ADMIN_PASSWORD}, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()["token"]


def api(url, tok, method, path, **kwargs):
    response = requests.request(method, url + path, headers={"Authorization": f"Bearer {tok}"}, timeout=30, **kwargs)
    return response


def fast_settings(url, tok):
    """Short holds so a test does not wait a minute for a recovery to count."""
    response = api(url, tok, "PUT", "/api/v1/monitoring/settings", json={
        "openDelaySeconds": 0, "recoveryHoldSeconds": 2, "autoResolve": True, "correlationWindowSeconds": 600,
        "flapThreshold": 6, "flapWindowSeconds": 600, "retentionDays": 90})
    assert response.status_code == 200, response.text


def create_ci(url, tok, name, ci_type, ip):
    response = api(url, tok, "POST", "/api/v1/cis", json={"type": ci_type, "name": name, "ip": ip})
    assert response.status_code == 201, response.text
    return response.json()["id"]


def wait_for(what, check, timeout=60, every=0.5):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = check()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}: {last!r}")


def incidents_of(url, tok, ci):
    response = api(url, tok, "GET", f"/api/v1/alerts?status=all&ciId={ci}")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def incident_status(url, tok, incident_id):
    return api(url, tok, "GET", f"/api/v1/incidents/{incident_id}").json()["incident"]["status"]


@pytest.mark.skipif(not os.path.exists(ALERTMANAGER), reason="prometheus-alertmanager is not installed")
def test_real_alertmanager_opens_and_resolves_an_incident(server, workdir):
    url = server.url
    tok = token(url)
    fast_settings(url, tok)
    ci = create_ci(url, tok, "物流平台应用服务器-E2E", "server", "10.77.0.7")
    am_port = free_port()
    config = workdir / "am.yml"
    config.write_text(f"""
route:
  receiver: zoneops
  group_by: ['alertname', 'instance']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: zoneops
  webhook_configs:
  - url: {url}/api/v1/integrations/alertmanager
    send_resolved: true
    http_config:
      authorization:
        type: Bearer
        credentials: {tok}
""")
    storage = workdir / "am-data"
    storage.mkdir()
    am = subprocess.Popen([ALERTMANAGER, f"--config.file={config}", f"--storage.path={storage}",
                           f"--web.listen-address=127.0.0.1:{am_port}", "--cluster.listen-address="],
                          stdout=subprocess.DEVNULL, stderr=open(workdir / "am.log", "w"))
    try:
        am_url = f"http://127.0.0.1:{am_port}"
        wait_for("alertmanager", lambda: _ok(am_url + "/-/ready"), timeout=30)
        labels = {"alertname": "HostDown", "instance": "10.77.0.7:9100", "severity": "critical"}
        started = datetime.now(timezone.utc).isoformat()
        pushed = requests.post(am_url + "/api/v2/alerts", json=[{"labels": labels, "annotations": {"summary": "主机宕机（E2E）"},
                                                                  "startsAt": started}], timeout=10)
        assert pushed.status_code == 200, pushed.text
        t0 = time.time()
        alert = wait_for("the alert in ZoneOps with its incident",
                         lambda: next((a for a in incidents_of(url, tok, ci) if a.get("incidentId")), None), timeout=30)
        print(f"firing alert to incident: {time.time() - t0:.1f} s")
        assert alert["summary"] == "主机宕机（E2E）"
        assert alert["status"] == "firing"
        assert incident_status(url, tok, alert["incidentId"]) == "new"

        # Resolved in Alertmanager: the webhook says so and the incident resolves after the hold.
        ended = datetime.now(timezone.utc).isoformat()
        requests.post(am_url + "/api/v2/alerts", json=[{"labels": labels, "annotations": {"summary": "主机宕机（E2E）"},
                                                         "startsAt": started, "endsAt": ended}], timeout=10)
        wait_for("the incident resolved", lambda: incident_status(url, tok, alert["incidentId"]) == "resolved", timeout=60)
    finally:
        am.terminate()
        am.wait(timeout=10)


def _ok(address):
    try:
        return requests.get(address, timeout=1).status_code == 200
    except requests.RequestException:
        return False


def start_snmpd(folder: Path, port: int):
    conf = folder / "snmpd.conf"
    conf.write_text(f"agentAddress udp:127.0.0.1:{port}\nrocommunity e2e 127.0.0.1\n")
    return subprocess.Popen([SNMPD, "-f", "-Lf", str(folder / "snmpd.log"), "-C", "-c", str(conf), "-m", "", "-p", str(folder / "snmpd.pid")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.skipif(not os.path.exists(SNMPD), reason="snmpd is not installed")
def test_snmpd_stopped_opens_an_incident_and_started_again_resolves_it(server, workdir):
    url = server.url
    tok = token(url)
    fast_settings(url, tok)
    ci = create_ci(url, tok, "汇聚交换机-SNMP-E2E", "switch", "127.0.0.1")
    port = free_port()
    agent = start_snmpd(workdir, port)
    try:
        created = api(url, tok, "POST", f"/api/v1/cis/{ci}/probes", json={
            "kind": "snmp", "port": port, "intervalSeconds": 10, "timeoutMilliseconds": 1000, "retries": 1,
            "config": {"community": "e2e", "snmpChecks": ["uptime", "interfaces"]}})
        assert created.status_code == 201, created.text
        probe = created.json()["id"]
        wait_for("the probe to see the agent",
                 lambda: api(url, tok, "GET", f"/api/v1/cis/{ci}/probes").json()["items"][0]["state"] == "ok", timeout=40)

        agent.send_signal(signal.SIGKILL)
        agent.wait()
        t0 = time.time()
        alert = wait_for("an incident for the silent agent",
                         lambda: next((a for a in incidents_of(url, tok, ci) if a.get("incidentId") and a["status"] == "firing"), None),
                         timeout=60)
        print(f"agent stopped to incident: {time.time() - t0:.1f} s")
        assert "无响应" in alert["summary"]
        state = api(url, tok, "GET", f"/api/v1/cis/{ci}").json()["state"]
        assert state == "down", state

        agent = start_snmpd(workdir, port)
        wait_for("the incident resolved after the agent is back",
                 lambda: incident_status(url, tok, alert["incidentId"]) == "resolved", timeout=60)
        ran = api(url, tok, "POST", f"/api/v1/probes/{probe}/run").json()
        assert ran["results"][0]["severity"] == "ok", ran
    finally:
        if agent.poll() is None:
            agent.kill()
            agent.wait()


def test_a_board_changes_live_in_chromium_when_a_device_goes_down(server, artifacts):
    url = server.url
    tok = token(url)
    fast_settings(url, tok)
    ci = create_ci(url, tok, "卡口接入交换机-LIVE", "switch", "10.77.1.1")
    browser = phone_browser()
    try:
        login(browser, url, "duty")
        browser.get(url + "/monitoring/boards/network")
        tile = f"li.tile[data-ci='{ci.upper()}'], li.tile[data-ci='{ci}']"
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, tile))
        WebDriverWait(browser, 20).until(lambda b: b.execute_script("return document.body.dataset.live") == "on")
        before = browser.find_element(By.CSS_SELECTOR, tile).get_attribute("data-state")
        assert before != "down"
        marker = browser.execute_script("window.__notReloaded = true; return 1")
        assert marker == 1
        sent = api(url, tok, "POST", "/api/v1/events", json={"source": "e2e", "ciId": ci, "check": "ping", "severity": "critical",
                                                              "summary": "交换机不可达"})
        assert sent.status_code == 202, sent.text
        WebDriverWait(browser, 30).until(
            lambda b: b.find_element(By.CSS_SELECTOR, tile).get_attribute("data-state") == "down")
        assert browser.execute_script("return window.__notReloaded === true"), "the board updated without a reload"
        browser.save_screenshot(str(artifacts / "board-network-live-phone.png"))
        browser.get(url + "/monitoring")
        assert "交换机不可达" in browser.find_element(By.TAG_NAME, "main").text
        browser.save_screenshot(str(artifacts / "event-console-phone.png"))
    finally:
        browser.quit()


def test_kill_9_in_a_burst_loses_no_acknowledged_event(workdir):
    """Batches are sent from several threads; the server is killed with SIGKILL mid-burst. Every
    event whose batch was answered 202 must be there after a restart (each has its own check, so
    each becomes its own alert, unmatched to any CI)."""
    data = workdir / "data"
    first = Server(data, command="serve")
    tok = token(first.url)
    acknowledged = []
    lock = threading.Lock()
    stop = threading.Event()

    def sender(worker):
        n = 0
        session = requests.Session()
        while not stop.is_set():
            batch = [{"source": "burst", "host": f"burst-{worker}", "check": f"c{worker}-{n + i}", "severity": "warning",
                      "summary": "burst"} for i in range(50)]
            try:
                response = session.post(first.url + "/api/v1/events", json=batch, timeout=10,
                                        headers={"Authorization": f"Bearer {tok}"})
            except requests.RequestException:
                return
            if response.status_code == 202:
                with lock:
                    acknowledged.extend(e["check"] for e in batch)
            n += 50

    threads = [threading.Thread(target=sender, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    wait_for("a burst under way", lambda: len(acknowledged) >= 2000, timeout=60, every=0.05)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()
    stop.set()
    for thread in threads:
        thread.join()
    first.log.close()
    count = len(acknowledged)
    assert count >= 2000

    second = Server(data, command="serve")
    try:
        tok2 = token(second.url)
        def applied():
            total = api(second.url, tok2, "GET", "/api/v1/alerts?status=all&source=burst").json()["total"]
            return total if total >= count else None
        total = wait_for("every acknowledged event applied after the restart", applied, timeout=120, every=1)
        print(f"acknowledged before kill -9: {count}; alerts after restart: {total}")
        checks = set()
        page = 1
        while len(checks) < total and page <= 400:
            items = api(second.url, tok2, "GET", f"/api/v1/alerts?status=all&source=burst&page={page}").json()["items"]
            if not items:
                break
            checks.update(item["check"] for item in items)
            page += 1
        missing = [c for c in acknowledged if c not in checks]
        assert not missing, f"{len(missing)} acknowledged events lost, e.g. {missing[:5]}"
    finally:
        second.stop()
