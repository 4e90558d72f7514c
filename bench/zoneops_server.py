"""Shared by the bench scripts: a release `zoneops serve` on a fresh SQLite data dir, and a token."""
import json, os, subprocess, tempfile, time, urllib.request
from contextlib import contextmanager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "bench-password-1"


def environment(prefix):
    """A fresh data dir and the environment that points zoneops at it (SQLite, never DATABASE_URL)."""
    env = dict(os.environ, ZONEOPS_DATA_DIR=tempfile.mkdtemp(prefix=prefix), ZONEOPS_ADMIN_PASSWORD=PASSWORD)
    env.pop("DATABASE_URL", None)
    return env


@contextmanager
def serving(binary, env, port, command="serve", wait_seconds=20):
    """Starts `zoneops serve` (or `demo`), waits for /healthz, yields (base URL, admin token, process); stops it after."""
    log = open(os.path.join(env["ZONEOPS_DATA_DIR"], "..", os.path.basename(env["ZONEOPS_DATA_DIR"]) + ".log"), "w")
    server = subprocess.Popen([binary, command, "--port", str(port), "--log", "warning"], env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(wait_seconds * 5):
            try:
                urllib.request.urlopen(base + "/healthz"); break
            except OSError:
                time.sleep(0.2)
        login = urllib.request.Request(base + "/api/v1/tokens", data=json.dumps(
            {"username": "admin", "password": PASSWORD}).encode(), headers={"Content-Type": "application/json"})
        yield base, json.loads(urllib.request.urlopen(login).read())["token"], server
    finally:
        server.terminate()
        server.wait()
