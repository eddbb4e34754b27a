"""Registering the user's relay with Pluggy (the sandbox in-process), and the command's bad input."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from financehub_desktop import cli
from financehub_desktop.domain.errors import InvalidInputError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.sandbox.app import create_app
from financehub_desktop.sandbox.settings import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.services.webhooks import SECRET_HEADER, WebhooksService, check_relay_url, read_secret

SECRET = "s3cr3t-for-the-relay-0123456789"
URL = "https://relay.example.org/webhook"


@pytest_asyncio.fixture
async def service() -> WebhooksService:
    app = create_app(SandboxConfig(seed=1, rate_limits=False))
    client = PluggyClient("http://sandbox.test", DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
                          transport=httpx.ASGITransport(app=app))  # fmt: skip
    yield WebhooksService(client)
    await client.aclose()


@pytest.mark.asyncio
async def test_register_then_rotate_keeps_one_subscription(service: WebhooksService) -> None:
    first = await service.register_relay(URL, SECRET)
    assert first.url == URL
    assert first.event == "all"
    assert first.headers == {SECRET_HEADER: SECRET}
    rotated = await service.register_relay(URL, SECRET + "-new")
    assert rotated.id == first.id
    hooks = await service.subscriptions()
    assert len(hooks) == 1
    assert hooks[0].headers == {SECRET_HEADER: SECRET + "-new"}
    assert await service.remove(first.id) == 1
    assert await service.subscriptions() == []


def test_only_public_https_urls() -> None:
    for bad in ("http://relay.example.org/webhook", "ftp://x/y", "https://", "relay.example.org"):
        with pytest.raises(InvalidInputError):
            check_relay_url(bad)
    assert check_relay_url(" https://relay.example.org:8443/webhook ") == "https://relay.example.org:8443/webhook"


def test_secret_comes_from_a_file_or_the_environment(tmp_path: Path) -> None:
    file = tmp_path / "secret"
    file.write_text(SECRET + "\n")
    assert read_secret(file, {}) == SECRET
    assert read_secret(None, {"FINANCEHUB_RELAY_SECRET": SECRET}) == SECRET
    with pytest.raises(InvalidInputError):
        read_secret(None, {})
    with pytest.raises(InvalidInputError):
        read_secret(tmp_path / "missing", {})
    short = tmp_path / "short"
    short.write_text("abc")
    with pytest.raises(InvalidInputError):
        read_secret(short, {})


def test_command_without_credentials_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["webhooks", "list"]) == cli.EXIT_KNOWN_ERROR
    assert "Settings" in capsys.readouterr().err


def test_command_usage() -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["webhooks"])
    assert info.value.code == 2
