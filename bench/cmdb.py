#!/usr/bin/env python3
"""CMDB figures: impact of a core switch and search over 20,000 CIs, p50/p99.

How: `zoneops migrate` makes a fresh SQLite database; this script then writes 20,000 CIs and
their relations straight into it in one transaction (a tree: 1 core switch, 40 aggregation,
800 access switches, the rest cameras and servers), starts the release `zoneops serve`, logs in
and times sequential HTTP requests with time.perf_counter (after 5 warm-up requests each).
Usage: bench/cmdb.py [--cis 20000] [--runs 50]   (run `swift build -c release` first, or use bench/cmdb.sh)
"""
import argparse, json, os, sqlite3, subprocess, time, urllib.parse, urllib.request, uuid

from zoneops_server import ROOT, environment, serving


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def seed(db_path, count):
    db = sqlite3.connect(db_path)
    now = time.time()
    rows, edges = [], []
    core = str(uuid.uuid4()).upper()
    rows.append((core, "switch", "核心交换机", "BENCH-CORE", "10.0.0.1"))
    aggs = []
    for a in range(40):
        i = str(uuid.uuid4()).upper(); aggs.append(i)
        rows.append((i, "switch", f"汇聚交换机{a}", f"BENCH-AGG-{a}", f"10.1.{a}.1")); edges.append((i, core))
    accesses = []
    for s in range(800):
        i = str(uuid.uuid4()).upper(); accesses.append(i)
        rows.append((i, "switch", f"接入交换机{s}", f"BENCH-ACC-{s}", f"10.2.{s // 250}.{s % 250 + 1}")); edges.append((i, aggs[s % 40]))
    n = 0
    while len(rows) < count:
        i = str(uuid.uuid4()).upper(); kind = "camera" if n % 3 else "server"
        name = ("监控摄像机" if kind == "camera" else "业务服务器") + str(n)
        rows.append((i, kind, name, f"BENCH-{n:06d}", f"10.{3 + n // 60000}.{(n // 250) % 250}.{n % 250 + 1}"))
        edges.append((i, accesses[n % 800])); n += 1
    db.executemany(
        "INSERT INTO cis (id, type_key, name, asset_tag, ip, criticality, customs_critical, status, state, attributes,"
        " search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 3, 0, 'in_use', 'unknown', '{}', ?, ?, ?)",
        [(r[0], r[1], r[2], r[3], r[4], f"{r[2]} {r[3]} {r[4]}".lower(), now, now) for r in rows])
    db.executemany("INSERT INTO ci_relations (id, source_id, target_id, type, created_at) VALUES (?, ?, ?, 'connected_to', ?)",
                   [(str(uuid.uuid4()).upper(), s, t, now) for s, t in edges])
    db.commit()
    db.close()
    return core, len(rows), len(edges)


def timed(url, token, runs):
    times = []
    for i in range(runs + 5):
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            body = response.read()
        if i >= 5:
            times.append((time.perf_counter() - start) * 1000)
    return times, json.loads(body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cis", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "zoneops"))
    args = parser.parse_args()
    env = environment("zoneops-bench-")
    subprocess.run([args.bin, "migrate"], env=env, check=True, capture_output=True)
    t0 = time.perf_counter()
    core, cis, edges = seed(os.path.join(env["ZONEOPS_DATA_DIR"], "zoneops.sqlite"), args.cis)
    seed_s = time.perf_counter() - t0
    with serving(args.bin, env, 18181) as (base, token, _):
        impact_ms, impact = timed(f"{base}/api/v1/cis/{core}/impact", token, args.runs)
        queries = ["摄像机1234", "bench-0100", "10.3.10.", "核心", "服务器99"]
        search_ms = []
        for q in queries:
            ms, _ = timed(f"{base}/api/v1/cis?q={urllib.parse.quote(q)}", token, args.runs // len(queries) or 1)
            search_ms += ms
        print(f"ZoneOps CMDB bench: {cis} CIs, {edges} relations, SQLite, release build, {os.cpu_count()} cores")
        print(f"(seeded in {seed_s:.1f} s; sequential requests over loopback, {args.runs} timed runs each after 5 warm-ups)")
        print(f"impact of the core switch ({impact['total']} CIs affected, server-side walk {impact['milliseconds']} ms):"
              f" p50 {percentile(impact_ms, 50):.1f} ms, p99 {percentile(impact_ms, 99):.1f} ms (HTTP round trip incl. JSON)")
        print(f"search ({', '.join(queries)}): p50 {percentile(search_ms, 50):.1f} ms, p99 {percentile(search_ms, 99):.1f} ms"
              " (target < 50 ms)")


if __name__ == "__main__":
    main()
