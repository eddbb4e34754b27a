"""The relay as a real server on 127.0.0.1 (uvicorn in a thread, and `financehub relay` as a process)."""

from __future__ import annotations

import io
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from financehub_desktop.cli import main
from financehub_desktop.pluggy.webhooks import body_signature
from financehub_desktop.relay.app import create_app
from financehub_desktop.relay.logs import LOGGER_NAME, RedactingFormatter, configure_relay_logging, remove_relay_logging
from financehub_desktop.relay.server import RelayThread

from .conftest import HMAC_KEY, SECRET, TOKEN, FakeClock, event_body, make_config

pytestmark = pytest.mark.slow


def _wait_until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def test_real_server_on_loopback_receives_and_serves_events(tmp_path: Path) -> None:
    config = make_config(tmp_path, host="127.0.0.1", port=0, signing_keys=(HMAC_KEY,))
    with RelayThread(config) as server, httpx.Client(base_url=server.url, timeout=5.0) as client:
        assert server.port > 0
        assert client.get("/healthz").json() == {"status": "ok"}
        raw = event_body(event_id="over-tcp")
        headers = {"X-Relay-Secret": SECRET, "X-Pluggy-Signature": body_signature(raw, HMAC_KEY)}
        for _ in range(3):
            response = client.post("/webhook", content=raw, headers=headers)
            assert response.status_code == 200
        assert "server" not in response.headers
        tampered = client.post("/webhook", content=raw.replace(b"over-tcp", b"over-tcq"), headers=headers)
        assert tampered.status_code == 401
        feed = client.get("/events", params={"after": 0}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert [e["eventId"] for e in feed.json()["events"]] == ["over-tcp"]
        assert client.get("/events").status_code == 401
        thread = server._thread
    assert not thread.is_alive()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/healthz", timeout=1.0)


def test_the_lifespan_prunes_on_its_interval(tmp_path: Path) -> None:
    config = make_config(tmp_path, port=0, retention=timedelta(days=30), prune_interval_seconds=0.05)
    clock = FakeClock()
    app = create_app(config, clock=clock, monotonic=clock.monotonic)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with RelayThread(config, app=app) as server, httpx.Client(base_url=server.url, timeout=5.0) as client:
        assert client.post("/webhook", content=event_body(), headers={"X-Relay-Secret": SECRET}).status_code == 200
        clock.advance(31 * 86400)
        _wait_until(lambda: client.get("/events", headers=auth).json()["prunedThrough"] == 1)
        assert client.get("/events", headers=auth).json()["events"] == []


# ---------------------------------------------------------------------------------------------- logging
@pytest.fixture
def relay_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = configure_relay_logging("DEBUG", [SECRET, TOKEN], "X-Relay-Secret", stream=stream)
    yield stream
    remove_relay_logging(handler)
    for name in (LOGGER_NAME, "uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).propagate = True
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_no_secret_reaches_the_log(tmp_path: Path, relay_log: io.StringIO) -> None:
    canary = "CANARY-secret-value-7f3a9c"
    config = make_config(tmp_path, port=0, delivery_secrets=(SECRET, canary))
    with RelayThread(config) as server, httpx.Client(base_url=server.url, timeout=5.0) as client:
        client.post("/webhook", content=event_body(), headers={"X-Relay-Secret": canary})
        client.post("/webhook", content=event_body(), headers={"X-Relay-Secret": canary + "x"})
        client.post("/webhook", content=b"{broken", headers={"X-Relay-Secret": SECRET})
        client.get("/events", headers={"Authorization": f"Bearer {TOKEN}"})
        client.get("/events", headers={"Authorization": "Bearer guessed-token-123456"})
    logging.getLogger(LOGGER_NAME).warning("oops %s %s", TOKEN, f"X-Relay-Secret: {canary}")
    text = relay_log.getvalue()
    assert "stored 'item/updated'" in text  # the log does say what happened
    assert "wrong_secret" in text
    for secret in (SECRET, TOKEN, canary, "guessed-token-123456"):
        assert secret not in text


def test_redacting_formatter_covers_headers_bearer_and_tracebacks() -> None:
    formatter = RedactingFormatter(["s3cr3t-value-123456"], "X-Relay-Secret")
    assert "s3cr3t" not in formatter.redact("value s3cr3t-value-123456 here")
    assert formatter.redact("Authorization: Bearer abc.def") == "Authorization: Bearer [REDACTED]"
    assert formatter.redact("{'x-relay-secret': 'zzz'}") == "{'x-relay-secret': '[REDACTED]'}"
    try:
        raise ValueError("failed with s3cr3t-value-123456")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    assert "s3cr3t" not in formatter.format(record)


# ---------------------------------------------------------------------------------------------- the command
def test_relay_check_and_generate_secret(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FINANCEHUB_RELAY_SECRET", SECRET)
    monkeypatch.setenv("FINANCEHUB_RELAY_TOKEN", TOKEN)
    assert main(["relay", "--check", "--port", "9999"]) == 0
    out = capsys.readouterr().out
    assert "configuration OK" in out
    assert "port=9999" in out
    assert SECRET not in out
    assert TOKEN not in out
    assert main(["relay", "--generate-secret"]) == 0
    assert len(capsys.readouterr().out.strip()) >= 40


def test_relay_refuses_to_start_without_secrets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["relay", "--check"]) == 1
    assert "no delivery secret" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_financehub_relay_runs_as_a_process_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "FINANCEHUB_RELAY_SECRET": SECRET, "FINANCEHUB_RELAY_TOKEN": TOKEN}
    db = tmp_path / "events.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "financehub_desktop.cli", "relay", "--port", str(port), "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{url}/healthz", timeout=0.5).status_code == 200
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                return False

        _wait_until(up, timeout=20.0)
        response = httpx.post(f"{url}/webhook", content=event_body(event_id="proc"), headers={"X-Relay-Secret": SECRET})
        assert response.status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the exit status says why (systemd counts it clean).
    assert process.returncode in (0, -signal.SIGTERM)
    log_text = stderr.decode()
    assert "Application shutdown complete" in log_text  # the lifespan ran: the database was closed
    assert "'proc'" in log_text
    assert SECRET not in log_text
    assert TOKEN not in log_text
    assert db.exists()


def test_the_server_entry_point_loads_nothing_of_the_desktop_app(tmp_path: Path) -> None:
    env = {**os.environ, "FINANCEHUB_RELAY_SECRET": SECRET, "FINANCEHUB_RELAY_TOKEN": TOKEN}
    code = (
        "import sys;"
        "import financehub_desktop.relay.server, financehub_desktop.relay.__main__ as m;"
        "rc = m.main(['--check']);"
        "bad = sorted(n for n in sys.modules if n.startswith(('PySide6', 'financehub_desktop.config', 'sqlalchemy')));"
        "print('LOADED', bad); sys.exit(rc)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
    assert "configuration OK" in result.stdout
