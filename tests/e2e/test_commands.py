"""The commands of API.md against the real binary: tokens, backup while serving, restore, verify-audit."""
import sqlite3
import subprocess
from pathlib import Path

import requests

from conftest import ADMIN_PASSWORD, BINARY, Server


def token(server, username="admin", password=ADMIN_PASSWORD):
    r = requests.post(server.url + "/api/v1/tokens", json={"username": username, "password": password})
    assert r.status_code == 201, r.text
    return r.json()["token"]


def test_api_me_and_errors(server):
    t = token(server)
    me = requests.get(server.url + "/api/v1/me", headers={"Authorization": f"Bearer {t}"}).json()
    assert me["username"] == "admin" and me["role"] == "admin"
    r = requests.get(server.url + "/api/v1/me")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"
    assert "请先登录" in r.json()["error"]["message"]
    spec = requests.get(server.url + "/api/openapi.yaml")
    assert spec.status_code == 200 and spec.text.startswith("openapi: 3")
    import yaml
    from openapi_spec_validator import validate
    validate(yaml.safe_load(spec.text))  # a valid OpenAPI 3 document, not just text
    assert "zoneops_http_requests_total" in requests.get(server.url + "/metrics").text


def test_backup_while_serving_then_restore_and_verify(server, workdir):
    t = token(server)
    r = requests.post(server.url + "/api/v1/users", headers={"Authorization": f"Bearer {t}"},
                      json={"username": "backupcheck", "displayName": "备份检查", "password": "long-password-1",
                            "role": "engineer"})
    assert r.status_code == 201, r.text
    archive = workdir / "zoneops-backup.zip"
    result = server.cli("backup", "--output", str(archive))
    assert result.returncode == 0, result.stdout + result.stderr
    assert archive.exists()
    assert server.cli("backup", "--output", str(archive)).returncode != 0, "refuses to overwrite"
    assert server.cli("verify-audit").returncode == 0
    server.stop()

    restored_dir = workdir / "restored"
    env = dict(server.env, ZONEOPS_DATA_DIR=str(restored_dir))
    restore = subprocess.run([str(BINARY), "restore", "--input", str(archive)], env=env, capture_output=True, text=True)
    assert restore.returncode == 0, restore.stdout + restore.stderr
    again = subprocess.run([str(BINARY), "restore", "--input", str(archive)], env=env, capture_output=True, text=True)
    assert again.returncode != 0 and "不会覆盖" in again.stderr

    restored = Server(restored_dir, command="serve")
    try:
        token(restored, "backupcheck", "long-password-1")
        assert restored.cli("verify-audit").returncode == 0
    finally:
        restored.stop()


def test_verify_audit_finds_tampering(server):
    token(server)
    assert server.cli("verify-audit").returncode == 0
    server.stop()
    db = sqlite3.connect(server.data_dir / "zoneops.sqlite")
    db.execute("UPDATE audit_entries SET actor_name = 'mallory' WHERE seq = 2")
    db.commit()
    db.close()
    result = server.cli("verify-audit")
    assert result.returncode == 1
    assert "第 2 条记录的内容被改动过" in result.stderr + result.stdout


def test_garbage_restore_is_explained(workdir):
    garbage = workdir / "not-a-backup.zip"
    garbage.write_bytes(b"\x00\x01 this is not a zip")
    env = {"ZONEOPS_DATA_DIR": str(workdir / "empty"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(BINARY), "restore", "--input", str(garbage)], env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "不是有效的 ZoneOps 备份文件" in result.stderr
    assert not (workdir / "empty" / "zoneops.sqlite").exists()


def test_first_start_prints_a_random_admin_password_once(workdir):
    import re
    import requests as http
    from conftest import free_port
    data = workdir / "fresh"
    env = {"ZONEOPS_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    port = free_port()
    log = open(workdir / "first.log", "w")
    process = subprocess.Popen([str(BINARY), "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        import time
        for _ in range(100):
            try:
                if http.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                    break
            except http.ConnectionError:
                time.sleep(0.3)
        log.flush()
        text = (workdir / "first.log").read_text()
        match = re.search(r"初始密码（仅显示这一次）：(\S+)", text)
        assert match, text
        r = http.post(f"http://127.0.0.1:{port}/api/v1/tokens", json={"username": "admin", "password": match.group(1)})
        assert r.status_code == 201
    finally:
        process.terminate()
        process.wait(timeout=15)
    again = subprocess.run([str(BINARY), "migrate"], env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0
    assert "初始密码" not in again.stdout, "printed only once"
    assert (data / "secret.key").stat().st_mode & 0o777 == 0o600


def test_bad_configuration_is_explained(workdir):
    env = {"ZONEOPS_DATA_DIR": str(workdir / "d"), "ZONEOPS_SECRET_KEY": "too-short", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(BINARY), "migrate"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "ZONEOPS_SECRET_KEY 必须是 32 字节" in result.stderr
    env = {"ZONEOPS_DATA_DIR": str(workdir / "e"), "ZONEOPS_ADMIN_PASSWORD": "short", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(BINARY), "migrate"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "密码至少需要10个字符" in result.stderr
