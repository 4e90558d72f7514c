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
    assert requests.get(server.url + "/api/openapi.yaml").text.startswith("openapi: 3")
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
    assert "altered(sequence: 2)" in result.stderr + result.stdout


def test_garbage_restore_is_explained(workdir):
    garbage = workdir / "not-a-backup.zip"
    garbage.write_bytes(b"\x00\x01 this is not a zip")
    env = {"ZONEOPS_DATA_DIR": str(workdir / "empty"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(BINARY), "restore", "--input", str(garbage)], env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "不是有效的 ZoneOps 备份文件" in result.stderr
    assert not (workdir / "empty" / "zoneops.sqlite").exists()
