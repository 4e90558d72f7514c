"""Modbus TCP probes against a real peer: a pymodbus server standing in for a machine room's
temperature and humidity sensor (modbus_sensor.py), on loopback.

The sensor CI takes its type's default probes (temperature in holding register 0, humidity in 1,
tenths, with the machine room's thresholds), pointed at the sensor's port. Writing the
temperature register over Modbus, as an engineer would on a bench, drives the CI through an
overheat incident and its recovery; stopping the sensor makes it unreachable.
"""
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pymodbus.client import ModbusTcpClient

from conftest import free_port
from test_monitoring import api, create_ci, fast_settings, incidents_of, incident_status, token, wait_for

SENSOR = Path(__file__).with_name("modbus_sensor.py")


def start_sensor(port: int, temperature: int = 235, humidity: int = 480) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(SENSOR), str(port), str(temperature), str(humidity)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = ModbusTcpClient("127.0.0.1", port=port, timeout=1)
    deadline = time.time() + 20
    while not client.connect():
        if time.time() > deadline or process.poll() is not None:
            process.kill()
            raise AssertionError("the pymodbus sensor did not start")
        time.sleep(0.2)
    client.close()
    return process


def write_register(port: int, address: int, value: int):
    client = ModbusTcpClient("127.0.0.1", port=port, timeout=2)
    assert client.connect()
    try:
        answer = client.write_register(address, value, device_id=1)
        assert not answer.isError(), answer
    finally:
        client.close()


def test_a_modbus_sensor_reads_its_registers_and_an_overheat_opens_and_resolves_an_incident(server):
    url = server.url
    tok = token(url)
    fast_settings(url, tok)
    ci = create_ci(url, tok, "机房温湿度传感器-E2E", "th_sensor", "127.0.0.1")
    port = free_port()
    sensor = start_sensor(port)
    try:
        added = api(url, tok, "POST", f"/api/v1/cis/{ci}/probes/defaults")
        assert added.status_code == 200, added.text
        probes = api(url, tok, "GET", f"/api/v1/cis/{ci}/probes").json()["items"]
        assert sorted(p["config"]["register"] for p in probes if p["kind"] == "modbus") == [0, 1], probes
        by_register = {}
        for probe in probes:
            body = {key: probe[key] for key in ("kind", "target", "timeoutMilliseconds", "enabled", "config")}
            body.update(port=port, intervalSeconds=10, retries=0)
            changed = api(url, tok, "PUT", f"/api/v1/probes/{probe['id']}", json=body)
            assert changed.status_code == 200, changed.text
            by_register[probe["config"]["register"]] = probe["id"]

        # The readings, scaled from tenths, within the machine room's bounds.
        temperature = api(url, tok, "POST", f"/api/v1/probes/{by_register[0]}/run").json()["results"]
        humidity = api(url, tok, "POST", f"/api/v1/probes/{by_register[1]}/run").json()["results"]
        value = next(r for r in temperature if r["check"] == "value")
        assert value["value"] == pytest.approx(23.5) and value["severity"] == "ok", temperature
        assert "温度" in value["summary"] and "23.5" in value["summary"], value
        assert next(r for r in humidity if r["check"] == "value")["value"] == pytest.approx(48.0), humidity

        # Overheat: 41.2 ℃ is above the critical bound (32) -> one incident naming the reading.
        write_register(port, 0, 412)
        t0 = time.time()
        alert = wait_for("an incident for the overheat",
                         lambda: next((a for a in incidents_of(url, tok, ci)
                                       if a.get("incidentId") and a["status"] == "firing" and "41.2" in a["summary"]), None),
                         timeout=60)
        print(f"register written to incident: {time.time() - t0:.1f} s")
        assert alert["severity"] == "critical", alert
        assert api(url, tok, "GET", f"/api/v1/cis/{ci}").json()["state"] == "down"

        # Cooled down again: the recovery holds (2 s here) and the incident resolves itself.
        write_register(port, 0, 240)
        wait_for("the overheat incident resolved", lambda: incident_status(url, tok, alert["incidentId"]) == "resolved", timeout=60)
        wait_for("the sensor back up", lambda: api(url, tok, "GET", f"/api/v1/cis/{ci}").json()["state"] == "up", timeout=30)

        # A register the sensor does not have answers a Modbus exception, reported as such.
        wrong = api(url, tok, "POST", f"/api/v1/cis/{ci}/probes", json={
            "kind": "modbus", "port": port, "intervalSeconds": 600, "retries": 0,
            "config": {"register": 7, "scale": 0.1, "label": "露点 ℃"}})
        assert wrong.status_code == 201, wrong.text
        ran = api(url, tok, "POST", f"/api/v1/probes/{wrong.json()['id']}/run").json()
        assert ran["results"][0]["severity"] != "ok" and "Modbus" in ran["results"][0]["summary"], ran

        # The sensor stops answering: the CI becomes unreachable.
        sensor.kill()
        sensor.wait()
        ran = api(url, tok, "POST", f"/api/v1/probes/{by_register[0]}/run").json()
        assert ran["results"][0]["severity"] == "critical", ran
        wait_for("an incident for the silent sensor",
                 lambda: any(a.get("incidentId") and a["status"] == "firing" and a["check"] != "value" for a in incidents_of(url, tok, ci)),
                 timeout=60)
    finally:
        if sensor.poll() is None:
            sensor.kill()
            sensor.wait()
