#!/usr/bin/env python3
"""Incident figures with 100,000 incidents in the database: creates per second through the API
(sequential, and at 16 connections, each create audited), queue pages and search p50/p99.

How: `zoneops migrate` makes a fresh SQLite database; this script writes 100,000 incidents
straight into it in one transaction, with the same rows the service writes (incident, its
"created" work-log line, its search row, the year's counter); then it starts the release
`zoneops serve`, signs in a duty officer and times HTTP requests over loopback with
time.perf_counter on keep-alive connections. Creates go through POST /api/v1/incidents, so each
is numbered, prioritised, SLA-clocked, indexed and audited like any other (the writer commits
creates that arrive together in one transaction: group commit).
With --postgres URL the same runs against PostgreSQL (the rows loaded with psql \\copy).
Creates are driven by wrk (apt-get install wrk) with bench/incident_create.lua; afterwards the
audit log is counted, to show each create was audited.
Usage: bench/incidents.py [--incidents 100000] [--seconds 10] [--runs 60]   (or bench/incidents.sh)
"""
import argparse, http.client, json, os, random, sqlite3, subprocess, threading, time, urllib.parse, uuid

from zoneops_server import ROOT, PASSWORD, environment, serving

PLACES = [f"{n}号卡口{m}号车道" for n in (1, 2) for m in range(1, 7)] + [f"{n}号仓库" for n in range(1, 21)] + \
         ["1号机房", "2号机房", "监控中心", "综合楼", "查验场"]
DEVICES = ["道闸", "地感线圈", "车牌识别相机", "集装箱识别", "地磅", "LED屏", "摄像机", "NVR", "接入交换机", "服务器", "UPS", "精密空调"]
SYMPTOMS = ["不抬杆", "离线", "无法登录", "响应慢", "告警", "报错", "识别率下降", "温度偏高", "无画面", "重启"]
SYSTEMS = ["企业物流服务平台", "传输平台", "海关端系统", "企业申报系统"]
OPEN = ["new", "assigned", "in_progress", "pending"]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def clocks(start, response_target, resolve_target):
    return json.dumps({"marks": [], "response": {"periods": [{"start": start}], "target": response_target},
                       "resolve": {"periods": [{"start": start}], "target": resolve_target}}, sort_keys=True)


def seed_rows(count, now):
    rng = random.Random(20261125)
    for n in range(1, count + 1):
        iid = str(uuid.UUID(int=rng.getrandbits(128))).upper()
        # Years of history: a few hundred tickets open, the rest resolved or closed.
        created = now - rng.uniform(0, 3 * 365 * 86400)
        status = rng.choice(OPEN) if rng.random() < 0.003 else rng.choice(["resolved", "closed", "closed", "closed"])
        if rng.random() < 0.2:
            title = rng.choice(SYSTEMS) + rng.choice(["无法登录", "响应慢", "报错", "回执延迟", "数据不同步"])
        else:
            title = rng.choice(PLACES) + rng.choice(DEVICES) + rng.choice(SYMPTOMS)
        yield dict(id=iid, number=f"INC-2026-{n:06d}", title=title, description=f"第{n}条：现场反馈{title}，请尽快处理。",
                   status=status, created=created, priority=1 + n % 4, clocks=clocks(created, 7200, 57600),
                   due=created + 57600 if status not in ("resolved", "closed") else None)


def seed_sqlite(db_path, count):
    db = sqlite3.connect(db_path)
    now = time.time()
    incidents, entries, search = [], [], []
    for r in seed_rows(count, now):
        incidents.append((r["id"], r["number"], r["title"], r["description"], "fault", "api", r["status"], 2, 2, r["priority"],
                          "基准测试", 0, "5x8", r["clocks"], r["due"], 0, 0, 0, 0, r["created"], r["created"]))
        entries.append((str(uuid.uuid4()).upper(), r["id"], "created", 1, r["title"], "bench", r["created"]))
        text = "\n".join([r["number"], r["title"], r["description"]])
        search.append((r["id"], text, text))
    db.executemany(
        "INSERT INTO incidents (id, number, title, description, kind, channel, status, impact, urgency, priority, requester_name,"
        " is_major, sla_calendar, sla_clocks, resolve_due_at, response_breached, resolve_breached, reassign_count, urge_count,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", incidents)
    db.executemany("INSERT INTO incident_entries (id, incident_id, kind, is_public, body, actor_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   entries)
    db.executemany("INSERT INTO incident_search (incident_id, public_text, all_text) VALUES (?, ?, ?)", search)
    db.execute("INSERT INTO counters (key, value) VALUES ('INC-2026', ?)", (count,))
    db.commit()
    db.close()


def seed_postgres(url, count):
    """The same rows into PostgreSQL through psql's \\copy (CSV), one transaction."""
    import csv, io, tempfile
    now = time.time()
    folder = tempfile.mkdtemp(prefix="zoneops-bench-pg-")
    def write(name, rows):
        path = os.path.join(folder, name + ".csv")
        with open(path, "w", newline="") as f:
            csv.writer(f).writerows(rows)
        return path
    iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(t))
    incidents, entries, search = [], [], []
    for r in seed_rows(count, now):
        incidents.append([r["id"].lower(), r["number"], r["title"], r["description"], "fault", "api", r["status"], 2, 2, r["priority"],
                          "基准测试", "f", "5x8", r["clocks"], iso(r["due"]) if r["due"] else "", "f", "f", 0, 0, iso(r["created"]), iso(r["created"])])
        entries.append([str(uuid.uuid4()), r["id"].lower(), "created", "t", r["title"], "bench", iso(r["created"])])
        text = "\n".join([r["number"], r["title"], r["description"]])
        search.append([r["id"].lower(), text, text])
    script = f"""
BEGIN;
\\copy incidents (id, number, title, description, kind, channel, status, impact, urgency, priority, requester_name, is_major, sla_calendar, sla_clocks, resolve_due_at, response_breached, resolve_breached, reassign_count, urge_count, created_at, updated_at) FROM '{write("incidents", incidents)}' WITH (FORMAT csv, NULL '')
\\copy incident_entries (id, incident_id, kind, is_public, body, actor_name, at) FROM '{write("entries", entries)}' WITH (FORMAT csv)
\\copy incident_search (incident_id, public_text, all_text) FROM '{write("search", search)}' WITH (FORMAT csv)
INSERT INTO counters (key, value) VALUES ('INC-2026', {count});
COMMIT;
ANALYZE;
"""
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q"], input=script, text=True, check=True)


def request(conn, method, path, token, body=None):
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body).encode()
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status >= 400:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
    return data


def creates(base, token, seconds, connections):
    """Creates per second with wrk (a C load generator: a Python client on the same two cores was
    itself the limit), `connections` keep-alive connections for `seconds`. Returns (rate, count)."""
    threads = min(2, connections)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
                          "-s", os.path.join(ROOT, "bench", "incident_create.lua"), base],
                         env=dict(os.environ, TOKEN=token), capture_output=True, text=True, check=True).stdout
    if "unexpected" in out or "Non-2xx" in out:
        raise RuntimeError("creates failed:\n" + out)
    rate = float(next(line for line in out.splitlines() if "Requests/sec" in line).split()[1])
    count = int(next(line for line in out.splitlines() if "requests in" in line).split()[0])
    return rate, count


def audited_creates(args, env):
    """(incident.create entries in the audit log, incidents), read straight from the database."""
    query = "SELECT (SELECT COUNT(*) FROM audit_entries WHERE action = 'incident.create'), (SELECT COUNT(*) FROM incidents)"
    if args.postgres:
        out = subprocess.run(["psql", args.postgres, "-tAc", query], capture_output=True, text=True, check=True).stdout
        return tuple(int(v) for v in out.strip().split("|"))
    db = sqlite3.connect(os.path.join(env["ZONEOPS_DATA_DIR"], "zoneops.sqlite"))
    try:
        return tuple(db.execute(query).fetchone())
    finally:
        db.close()


def timed(base, token, path, runs):
    host = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(host.hostname, host.port)
    times = []
    for i in range(runs + 3):
        start = time.perf_counter()
        request(conn, "GET", path, token)
        if i >= 3:
            times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=100000)
    parser.add_argument("--seconds", type=int, default=10, help="length of each create run")
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "zoneops"))
    parser.add_argument("--postgres", help="postgres://… of an empty database to run against instead of SQLite")
    args = parser.parse_args()
    env = environment("zoneops-bench-incidents-")
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
    subprocess.run([args.bin, "migrate"], env=env, check=True, capture_output=True)
    t0 = time.perf_counter()
    if args.postgres:
        seed_postgres(args.postgres, args.incidents)
    else:
        seed_sqlite(os.path.join(env["ZONEOPS_DATA_DIR"], "zoneops.sqlite"), args.incidents)
    seed_s = time.perf_counter() - t0
    with serving(args.bin, env, 18182) as (base, admin, _):
        host = urllib.parse.urlparse(base)
        conn = http.client.HTTPConnection(host.hostname, host.port)
        request(conn, "POST", "/api/v1/users", admin, {"username": "benchduty", "displayName": "值班员", "password": PASSWORD, "role": "duty"})
        token = json.loads(request(conn, "POST", "/api/v1/tokens", "", {"username": "benchduty", "password": PASSWORD}))["token"]
        conn.close()
        queues = {name: timed(base, token, f"/api/v1/incidents?{query}", args.runs) for name, query in [
            ("all", "queue=all"), ("open", "status=open"), ("mine", "queue=mine"), ("unassigned", "queue=unassigned"),
            ("breaching", "queue=breaching"), ("major", "queue=major"), ("P1 open", "status=open&priority=P1"),
            ("page 50", "queue=all&page=50")]}
        html = timed(base, token, "/incidents/fragment?queue=unassigned", args.runs)
        words = ["3号车道道闸", "12号仓库摄像机", "申报系统回执", "INC-2026-012345", "机房精密空调温度"]
        search = []
        for word in words:
            search += timed(base, token, "/api/v1/incidents?q=" + urllib.parse.quote(word), args.runs // len(words))
        # Creates last: the queues above are timed on the seeded history (a few hundred open), not
        # on the thousands of open tickets the create runs leave behind.
        audited_before, incidents_before = audited_creates(args, env)
        sequential, sequential_count = creates(base, token, args.seconds, 1)
        parallel, parallel_count = creates(base, token, args.seconds, 16)
        audited_after, incidents_after = audited_creates(args, env)
        audited, created = audited_after - audited_before, incidents_after - incidents_before
    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"ZoneOps incident bench: {args.incidents} incidents seeded, {engine}, release build, {os.cpu_count()} cores")
    print(f"(seeded in {seed_s:.1f} s; HTTP over loopback on keep-alive connections; {args.runs} timed runs per queue after 3 warm-ups)")
    print(f"creates through POST /api/v1/incidents (wrk, {args.seconds} s each), each numbered, SLA-clocked, indexed and audited:")
    print(f"  sequential, 1 connection:  {sequential:7.0f} creates/s  ({sequential_count} creates; target >= 300)")
    print(f"  16 connections:            {parallel:7.0f} creates/s  ({parallel_count} creates; target >= 1000)")
    print(f"  {created} incidents created, {audited} incident.create audit entries "
          f"(wrk counts {sequential_count + parallel_count}: requests in flight when it stops are served but not counted)")
    print("queue pages (JSON list of 50, with total), timed before the creates:")
    for name, times in queues.items():
        print(f"  {name:12s} p50 {percentile(times, 50):6.1f} ms  p99 {percentile(times, 99):6.1f} ms")
    print(f"  HTML queue fragment (unassigned) p50 {percentile(html, 50):6.1f} ms  p99 {percentile(html, 99):6.1f} ms  (target p99 < 100 ms)")
    print(f"search ({', '.join(words)}): p50 {percentile(search, 50):.1f} ms, p99 {percentile(search, 99):.1f} ms (target p50 < 30 ms)")


if __name__ == "__main__":
    main()
