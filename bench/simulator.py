#!/usr/bin/env python3
"""The simulated zone's cost: `zoneops demo` (release build, SQLite) on a fresh data dir.

Prints how long the demo takes to load and serve, how long until most of the estate is up (every
device answering its probes over loopback), and then the CPU the whole process uses at rest over
--seconds: the server, its probe scheduler at the demo's default intervals, and the simulator
answering them, all in the one process. Target (issue 10): under 5 % of one core.

Usage: bench/simulator.py [--seconds 120]   (or bench/simulator.sh, which builds first)
"""
import argparse, json, os, sys, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zoneops_server import ROOT, environment, serving
from events import call, cpu_seconds, free_port


def count(base, token, state):
    return call(base, token, "GET", f"/api/v1/cis?state={state}&perPage=1")["total"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=120)
    args = parser.parse_args()
    binary = os.path.join(ROOT, ".build", "release", "zoneops")
    env = environment("zoneops-bench-sim-")
    env["ZONEOPS_SYSLOG_PORT"] = str(free_port())
    env["ZONEOPS_TRAP_PORT"] = str(free_port())
    started = time.time()
    with serving(binary, env, free_port(), command="demo", wait_seconds=300) as (base, token, server):
        serving_after = time.time() - started
        total = call(base, token, "GET", "/api/v1/cis?perPage=1")["total"]
        probes = [l for l in urllib.request.urlopen(base + "/metrics").read().decode().splitlines() if l.startswith("zoneops_monitoring_probes ")]
        print(f"machine: {os.cpu_count()} cores; zoneops release, SQLite, fresh data dir")
        print(f"  demo loaded and serving after {serving_after:.1f} s: {total} CIs, {probes[0].split()[-1] if probes else '?'} probes")
        while True:
            up = count(base, token, "up")
            if up >= 300 or time.time() - started > 300:
                break
            time.sleep(2)
        print(f"  {up} CIs up {time.time() - started - serving_after:.0f} s after serving (down: {count(base, token, 'down')})")
        # Let the first round of every interval pass, then measure at rest.
        time.sleep(10)
        before, t0 = cpu_seconds(server.pid), time.time()
        time.sleep(args.seconds)
        used, elapsed = cpu_seconds(server.pid) - before, time.time() - t0
        print(f"  at rest over {elapsed:.0f} s: {used:.2f} CPU seconds = {used / elapsed * 100:.1f} % of one core "
              f"(server + probes + simulator; target < 5 %)")


if __name__ == "__main__":
    main()
