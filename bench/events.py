#!/usr/bin/env python3
"""Monitoring figures (issue 9), all on this machine, release build, fresh SQLite:

1. Intake: events accepted per second, durable (each 202/200 is answered after the batch is
   committed), through POST /api/v1/events and POST /api/v1/integrations/alertmanager, in batches
   of 100 and singly; in the same run Prometheus Alertmanager's own POST /api/v2/alerts (it keeps
   alerts in memory). wrk drives each for --seconds at 32 connections; only 2xx answers count.
   Printed side by side with the ratio ZoneOps / Alertmanager.
2. Storm: one access switch with --storm - 1 cameras that depend on it; the cameras' and the
   switch's events (switch in the middle) are sent in batches of 500; the time is from the answer
   to the last batch until the API shows one incident naming the switch with every camera attached.
3. Probe capacity: --probes TCP-connect probes at a 60 s interval against a loopback listener;
   CPU time of the zoneops process over --probe-seconds (from /proc/PID/stat), as % of one core.

Usage: bench/events.py [--seconds 10] [--storm 5000] [--probes 10000] [--probe-seconds 60]   (or bench/events.sh)
"""
import argparse, json, os, socket, subprocess, tempfile, threading, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

from zoneops_server import ROOT, environment, serving

LUA = os.path.join(ROOT, "bench", "post_body.lua")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
        return json.loads(text) if text else None


def wrk(url, body, seconds, auth=""):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(body, f)
        path = f.name
    env = dict(os.environ, BODY_FILE=path, AUTH=auth)
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "-s", LUA, url], env=env, capture_output=True, text=True)
    os.unlink(path)
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH")), None)
    if line is None:
        raise RuntimeError(out.stdout + out.stderr)
    fields = dict(part.split("=") for part in line.split()[1:])
    ok = int(fields["requests"]) - int(fields["errors_non2xx"])
    return ok / float(fields["seconds"]), float(fields["p99_ms"]), int(fields["errors_non2xx"])


def wait_backlog(base, token, limit=120):
    """Waits until the pipeline has applied what was accepted (so runs do not overlap)."""
    deadline = time.time() + limit
    while time.time() < deadline:
        metrics = urllib.request.urlopen(base + "/metrics").read().decode()
        waiting = next((float(l.split()[-1]) for l in metrics.splitlines() if l.startswith("zoneops_monitoring_events_waiting")), 0)
        if waiting <= 0:
            return
        time.sleep(0.5)


def intake(base, token, seconds, am_url):
    event = {"source": "bench", "host": "bench-host", "check": "cpu", "severity": "warning", "summary": "CPU 高"}
    batch = [dict(event, check=f"cpu{i}") for i in range(100)]
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    alerts = [{"labels": {"alertname": f"Bench{i}", "instance": "bench-host:9100", "severity": "warning"},
               "annotations": {"summary": "bench"}, "startsAt": now} for i in range(100)]
    webhook = {"version": "4", "status": "firing", "receiver": "zoneops", "groupKey": "bench", "truncatedAlerts": 0,
               "alerts": [dict(a, status="firing", endsAt="0001-01-01T00:00:00Z", fingerprint=f"{i:016x}") for i, a in enumerate(alerts)]}
    auth = "Bearer " + token
    rows = []
    for name, url, body, size, header in [
        ("ZoneOps /api/v1/events, batches of 100", base + "/api/v1/events", batch, 100, auth),
        ("ZoneOps /api/v1/events, single events", base + "/api/v1/events", event, 1, auth),
        ("ZoneOps Alertmanager webhook, 100 alerts", base + "/api/v1/integrations/alertmanager", webhook, 100, auth),
        ("Alertmanager /api/v2/alerts, batches of 100", am_url + "/api/v2/alerts", alerts, 100, ""),
        ("Alertmanager /api/v2/alerts, single alerts", am_url + "/api/v2/alerts", alerts[:1], 1, ""),
    ]:
        if "ZoneOps" in name:
            wait_backlog(base, token)
        rate, p99, refused = wrk(url, body, seconds, header)
        rows.append((name, rate * size, p99, refused))
    print("\n== 1. intake: events accepted per second (wrk, 32 connections, %d s each; durable for ZoneOps)" % seconds)
    for name, rate, p99, refused in rows:
        print(f"  {name:46s} {rate:10.0f} events/s   p99 {p99:7.1f} ms   non-2xx {refused}")
    print(f"  ratio batched   ZoneOps events / Alertmanager: {rows[0][1] / rows[3][1]:.2f}"
          f"   (Alertmanager webhook path / Alertmanager: {rows[2][1] / rows[3][1]:.2f})")
    print(f"  ratio single    ZoneOps events / Alertmanager: {rows[1][1] / rows[4][1]:.2f}")
    return rows


def storm(base, token, size):
    call(base, token, "PUT", "/api/v1/monitoring/settings", {
        "openDelaySeconds": 3, "recoveryHoldSeconds": 60, "autoResolve": True, "correlationWindowSeconds": 600,
        "flapThreshold": 6, "flapWindowSeconds": 600, "retentionDays": 90})
    switch = call(base, token, "POST", "/api/v1/cis", {"type": "switch", "name": "风暴接入交换机", "ip": "10.250.0.1"})["id"]
    started = time.time()

    def camera(i):
        cid = call(base, token, "POST", "/api/v1/cis", {"type": "camera", "name": f"风暴摄像机-{i:05d}"})["id"]
        call(base, token, "POST", f"/api/v1/cis/{cid}/relations", {"type": "depends_on", "targetId": switch})
        return cid

    with ThreadPoolExecutor(8) as pool:
        cameras = list(pool.map(camera, range(size - 1)))
    print(f"\n== 2. storm: {size - 1} cameras behind one switch created in {time.time() - started:.0f} s")
    events = [{"source": "bench", "ciId": c, "check": "video", "severity": "critical", "summary": "视频中断"} for c in cameras]
    events.insert(len(events) // 2, {"source": "bench", "ciId": switch, "check": "ping", "severity": "critical", "summary": "交换机不可达"})
    sent = time.time()
    for start in range(0, len(events), 500):
        call(base, token, "POST", "/api/v1/events", events[start:start + 500])
    last = time.time()
    while True:
        alerts = call(base, token, "GET", f"/api/v1/alerts?ciId={switch}")
        incident = next((a["incidentId"] for a in alerts["items"] if a.get("incidentId")), None)
        if incident:
            # Attached alerts, and cameras whose own incident was re-parented under the switch's.
            attached = call(base, token, "GET", f"/api/v1/alerts?incidentId={incident}")["total"]
            children = len(call(base, token, "GET", f"/api/v1/incidents/{incident}").get("children", []))
            if attached + children >= size:
                attached += children
                break
        if time.time() - last > 120:
            raise RuntimeError("no correlated incident after 120 s")
        time.sleep(0.02)
    done = time.time()
    incidents = call(base, token, "GET", "/api/v1/incidents?perPage=5")["total"]
    print(f"  {size} events sent in {last - sent:.2f} s; last answer -> one incident with all {attached} attached: "
          f"{(done - last) * 1000:.0f} ms  (open incidents: {incidents})")
    return done - last, cameras


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def probes(base, token, cis, count, seconds, server_pid):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4096)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def accept():
        listener.settimeout(0.5)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                conn.close()
            except OSError:
                pass

    acceptors = [threading.Thread(target=accept, daemon=True) for _ in range(2)]
    for t in acceptors:
        t.start()
    per_ci = max(1, -(-count // len(cis)))
    started = time.time()

    def add(ci):
        for _ in range(per_ci):
            call(base, token, "POST", f"/api/v1/cis/{ci}/probes", {"kind": "tcp", "target": "127.0.0.1", "port": port,
                                                                  "intervalSeconds": 60, "timeoutMilliseconds": 2000, "retries": 1})

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(add, cis[: -(-count // per_ci)]))
    total = per_ci * len(cis[: -(-count // per_ci)])
    print(f"\n== 3. probes: {total} TCP probes at 60 s created in {time.time() - started:.0f} s; settling 65 s")
    time.sleep(65)
    before_cpu, before = cpu_seconds(server_pid), time.time()
    runs_before = metric(base, "zoneops_monitoring_probe_runs")
    time.sleep(seconds)
    used, elapsed = cpu_seconds(server_pid) - before_cpu, time.time() - before
    runs = metric(base, "zoneops_monitoring_probe_runs") - runs_before
    overruns = metric(base, "zoneops_monitoring_probe_overruns")
    stop.set()
    print(f"  {runs / elapsed * 60:.0f} probe runs a minute; zoneops CPU {used / elapsed * 100:.1f} % of one core "
          f"over {elapsed:.0f} s (overruns {overruns:.0f})")
    return runs / elapsed * 60, used / elapsed


def metric(base, name):
    text = urllib.request.urlopen(base + "/metrics").read().decode()
    return next((float(l.split()[-1]) for l in text.splitlines() if l.startswith(name + " ") or l.startswith(name + "{")), 0.0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--storm", type=int, default=5000)
    parser.add_argument("--probes", type=int, default=10000)
    parser.add_argument("--probe-seconds", type=int, default=60)
    parser.add_argument("--skip-intake", action="store_true", help="only the storm and the probes")
    args = parser.parse_args()
    binary = os.path.join(ROOT, ".build", "release", "zoneops")
    env = environment("zoneops-bench-events-")
    env["ZONEOPS_SYSLOG_PORT"] = str(free_port())
    env["ZONEOPS_TRAP_PORT"] = str(free_port())
    am_dir = tempfile.mkdtemp(prefix="zoneops-bench-am-")
    am_port = free_port()
    with open(os.path.join(am_dir, "am.yml"), "w") as f:
        f.write("route:\n  receiver: none\nreceivers:\n- name: none\n")
    am = subprocess.Popen(["prometheus-alertmanager", f"--config.file={am_dir}/am.yml", f"--storage.path={am_dir}",
                           f"--web.listen-address=127.0.0.1:{am_port}", "--cluster.listen-address=", "--log.level=warn"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        am_url = f"http://127.0.0.1:{am_port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(am_url + "/-/ready"); break
            except OSError:
                time.sleep(0.2)
        with serving(binary, env, free_port()) as (base, token, server):
            print(f"machine: {os.cpu_count()} cores; zoneops release on SQLite; {os.popen('prometheus-alertmanager --version 2>&1').readline().strip()}")
            if not args.skip_intake:
                intake(base, token, args.seconds, am_url)
            wait_backlog(base, token, limit=300)
            _, cameras = storm(base, token, args.storm)
            if args.probes > 0:
                probes(base, token, cameras, args.probes, args.probe_seconds, server.pid)
    finally:
        am.terminate()
        am.wait()


if __name__ == "__main__":
    main()
