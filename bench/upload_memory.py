#!/usr/bin/env python3
"""Peak server memory while hostile uploads are refused (the figure of issue 6: under 300 MB).

How: the release `zoneops serve` on a fresh SQLite data dir; each upload goes to
POST /api/v1/cis/import?dryRun=true with an admin token; after each, the kernel's VmHWM (peak
resident memory of the server process) is read from /proc. The uploads:
  - an .xlsx whose sheet declares 4 KB and inflates to 600 MB (and one to 1.5 GB),
  - the same bomb split over three parts that each stay under the per-part limit,
  - 19 MB of CSV with one cell per column (the widest a ledger upload may be),
  - a real 10,000-row ledger (for comparison: what honest work costs).
Usage: bench/upload_memory.py   (or bench/upload_memory.sh, which builds the release binary)
"""
import argparse, io, json, os, sys, time, urllib.error, urllib.request, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from zipbomb import lying_xlsx  # noqa: E402
from zoneops_server import ROOT, environment, serving  # noqa: E402


def peak_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def upload(base, token, name, content):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/api/v1/cis/import?dryRun=true", data=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    return status, time.perf_counter() - start, text


def ledger(rows):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["类型", "名称", "资产编号", "IP地址"])
    for i in range(rows):
        ws.append(["摄像机", f"监控摄像机{i}", f"MEM-{i:06d}", f"10.{60 + i // 62500}.{(i // 250) % 250}.{i % 250 + 1}"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "zoneops"))
    args = parser.parse_args()
    wide_csv = ("类型,名称," + ",".join(f"c{i}" for i in range(20000)) + "\r\n").encode()
    wide_csv += ("摄像机,x," + ",".join("9" * 40 for _ in range(20000)) + "\r\n").encode() * 23
    cases = [
        ("600 MB lying entry", "bomb.xlsx", lying_xlsx(600 * 1024 * 1024)),
        ("1.5 GB lying entry", "bomb.xlsx", lying_xlsx(1536 * 1024 * 1024)),
        ("19 MB wide CSV", "wide.csv", wide_csv[: 19 * 1024 * 1024]),
        ("10,000-row ledger", "ledger.xlsx", ledger(10000)),
    ]
    env = environment("zoneops-upload-memory-")
    with serving(args.bin, env, int(os.environ.get("BENCH_PORT", "18283"))) as (base, token, server):
        print(f"ZoneOps upload memory bench: release build, SQLite, {os.cpu_count()} cores; dry-run imports")
        print(f"server peak memory after start: {peak_mb(server.pid):.0f} MB (VmHWM)")
        for label, name, content in cases:
            status, seconds, text = upload(base, token, name, content)
            outcome = json.loads(text).get("error", {}).get("code") if status >= 400 else "accepted"
            print(f"{label:>20}: {len(content) / 1048576:6.1f} MB upload -> HTTP {status} ({outcome}) in {seconds:.1f} s; "
                  f"server peak so far {peak_mb(server.pid):.0f} MB")


if __name__ == "__main__":
    main()
