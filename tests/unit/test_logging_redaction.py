"""Secrets never reach a log: plant canaries through every category logger and grep every log file."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from financehub_desktop.config.logs import CATEGORIES, configure_logging, get_logger, redact, register_secret

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRJZCI6ImNhbmFyeSIsImV4cCI6MTl9.c2lnbmF0dXJlQ0FOQVJZ"
CLIENT_SECRET = "canary-client-secret-7f3a9b"
CPF = "123.456.789-09"
CPF_DIGITS = "12345678909"
CNPJ = "12.345.678/0001-95"
ACCOUNT = "0012345-6"
PIX_KEY = "canary@pix.example"

CANARIES = [JWT, CLIENT_SECRET, CPF, CPF_DIGITS, CNPJ, ACCOUNT, PIX_KEY, "c2lnbmF0dXJlQ0FOQVJZ"]


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return tmp_path / "logs"


def _plant(logger: logging.Logger) -> None:
    logger.info("auth ok, apiKey=%s", JWT)
    logger.info("connect token %s for item", JWT)
    logger.warning("request body %s", {"clientId": "abc", "clientSecret": CLIENT_SECRET})
    logger.info('{"cpf": "%s", "pixKey": "%s"}', CPF, PIX_KEY)
    logger.info("payer document %s / %s, company %s", CPF, CPF_DIGITS, CNPJ)
    logger.info("account number: %s", ACCOUNT)
    logger.info("headers: X-API-KEY: %s", JWT)
    logger.info("Authorization: Bearer %s", JWT)
    logger.info("GET /items?connect_token=%s&x=1", JWT)
    logger.info("the secret is %s", CLIENT_SECRET)
    try:
        raise ValueError(f"bad key {JWT} for cpf {CPF}")
    except ValueError:
        logger.exception("failure with secret %s", CLIENT_SECRET)


def test_no_canary_reaches_any_log_file_or_console(log_dir: Path) -> None:
    register_secret(CLIENT_SECRET)
    console = io.StringIO()
    configure_logging(log_dir, "DEBUG", console_level="DEBUG", stream=console)
    for category in CATEGORIES:
        _plant(get_logger(category))
    # Libraries that log URLs are redacted too.
    logging.getLogger("httpx").warning("HTTP Request: GET https://api/x?apiKey=%s", JWT)
    for handler in logging.getLogger("financehub").handlers:
        handler.flush()
    files = list(log_dir.glob("financehub.log*"))
    assert files
    texts = [f.read_text(encoding="utf-8") for f in files] + [console.getvalue()]
    joined = "\n".join(texts)
    assert "[REDACTED]" in joined
    for category in CATEGORIES:
        assert f"financehub.{category}" in joined  # every logger really wrote
    for canary in CANARIES:
        assert canary not in joined, f"secret leaked: {canary}"
    assert "Traceback" in joined  # tracebacks are kept, redacted


def test_redaction_keeps_ordinary_text() -> None:
    text = "Synced 1234 transactions in 3 accounts; installmentNumber=3; amount 1234.56 on 2025-01-02"
    assert redact(text) == text


@pytest.mark.parametrize(
    "secret",
    [f"password={CLIENT_SECRET}", f"'senha': '{CLIENT_SECRET}'", f"token: {CLIENT_SECRET}", f"cpf={CPF_DIGITS}"],
)
def test_key_value_secrets_are_redacted(secret: str) -> None:
    assert CLIENT_SECRET not in redact(secret)
    assert CPF_DIGITS not in redact(secret)
