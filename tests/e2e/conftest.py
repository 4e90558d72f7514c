"""Starts the real zoneops binary on a fresh data directory, as a user would."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("ZONEOPS_BIN", ROOT / ".build" / "debug" / "zoneops"))
ARTIFACTS = Path(os.environ.get("ZONEOPS_E2E_ARTIFACTS", ROOT / "tests" / "e2e" / "artifacts"))
ADMIN_PASSWORD = "e2e-admin-password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_DEMO_TEMPLATE = None


def demo_template() -> Path:
    """A data directory the demo was loaded into once, by the real binary (about 420 CIs and their
    probes take half a minute in a debug build). Each test's demo starts from its own copy and
    `zoneops demo` finds everything there (loading is idempotent), so a test still runs a real
    server on a fresh database of its own."""
    global _DEMO_TEMPLATE
    if _DEMO_TEMPLATE is None:
        path = Path(tempfile.mkdtemp(prefix="zoneops-e2e-template-")) / "data"
        Server(path, template=False).stop()
        _DEMO_TEMPLATE = path
    return _DEMO_TEMPLATE


class Server:
    def __init__(self, data_dir: Path, command: str = "demo", template: bool = True, env: dict | None = None,
                 args: tuple = ()):
        if command == "demo" and template and not data_dir.exists():
            shutil.copytree(demo_template(), data_dir)
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.syslog_port = free_port()
        self.trap_port = free_port()
        self.env = dict(os.environ, ZONEOPS_DATA_DIR=str(data_dir), ZONEOPS_ADMIN_PASSWORD=ADMIN_PASSWORD,
                        ZONEOPS_SYSLOG_PORT=str(self.syslog_port), ZONEOPS_TRAP_PORT=str(self.trap_port))
        self.env.pop("DATABASE_URL", None)
        self.env.update(env or {})
        self.log = open(data_dir.parent / f"server-{self.port}.log", "w")
        self.process = subprocess.Popen([str(BINARY), command, *args, "--port", str(self.port)],
                                        env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("zoneops did not start: " + (data_dir.parent / f"server-{self.port}.log").read_text())

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BINARY), *args], env=self.env, capture_output=True, text=True, timeout=120)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


@pytest.fixture()
def workdir():
    path = Path(tempfile.mkdtemp(prefix="zoneops-e2e-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture()
def server(workdir):
    s = Server(workdir / "data")
    yield s
    s.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
