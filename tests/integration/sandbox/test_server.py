"""The sandbox as a real server on a loopback port, and the ``financehub sandbox`` command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import httpx
import pytest

from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.sandbox.server import serve_in_thread


def test_real_server_on_loopback_serves_api_and_connect_page() -> None:
    with serve_in_thread(SandboxConfig(step_seconds=0.01)) as url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        with httpx.Client(base_url=url, timeout=5) as client:
            key = client.post("/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET})
            headers = {"X-API-KEY": key.json()["apiKey"]}
            item = client.post(
                "/items",
                headers=headers,
                json={"connectorId": 2, "parameters": {"user": "user-ok", "password": "password-ok"}},
            ).json()
            deadline = time.monotonic() + 5
            while client.get(f"/items/{item['id']}", headers=headers).json()["status"] != "UPDATED":
                assert time.monotonic() < deadline
                time.sleep(0.02)
            page = client.get("/connect", params={"connect_token": "x"})
            assert page.status_code == 200
            assert "connect.js" in page.text
            script = client.get("/connect/static/connect.js")
            assert "history.replaceState" in script.text
            assert "cdn" not in script.text.lower()
            truncated = client.post("/_sandbox/faults", json={"kind": "truncate", "path": "/connectors"})
            assert truncated.status_code == 200
            with pytest.raises(json.JSONDecodeError):
                client.get("/connectors", headers=headers).json()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/connectors", timeout=1)


def test_hang_fault_times_a_real_client_out() -> None:
    with serve_in_thread(SandboxConfig(hang_seconds=3)) as url, httpx.Client(base_url=url, timeout=0.2) as client:
        client.post("/_sandbox/faults", json={"kind": "hang", "path": "/categories"})
        with pytest.raises(httpx.ReadTimeout):
            client.get("/categories")


@pytest.mark.slow
def test_cli_prints_url_and_demo_credentials() -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "financehub_desktop.cli", "sandbox", "--port", "0", "--seed", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
        url = re.search(r"http://127\.0\.0\.1:\d+", lines[0])
        assert url, lines
        assert DEMO_CLIENT_ID in "".join(lines)
        assert DEMO_CLIENT_SECRET in "".join(lines)
        response = httpx.post(
            url.group(0) + "/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET}, timeout=5
        )
        assert response.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
