"""The relay's own logging (it is a separate program and does not use the app's ``config.logs``).

It logs only non-secret fields (event name, eventId, cursor, source address, status). As a second line of
defence every line passes a formatter that replaces the configured secret values, ``Bearer`` credentials and the
value of the secret header with ``[REDACTED]``, tracebacks included. Output goes to stderr: systemd's journal (or
the container runtime) keeps it.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import Final, TextIO

LOGGER_NAME: Final = "financehub.relay"
REDACTED: Final = "[REDACTED]"
LOG_FORMAT: Final = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_UVICORN_LOGGERS: Final = ("uvicorn", "uvicorn.error", "uvicorn.access")

log = logging.getLogger(LOGGER_NAME)


class RedactingFormatter(logging.Formatter):
    """Formats, then removes every known secret and anything that looks like a credential."""

    def __init__(self, secrets: Iterable[str], secret_header: str, fmt: str = LOG_FORMAT) -> None:
        super().__init__(fmt)
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        header = re.escape(secret_header)
        self._patterns = (
            re.compile(r"(?i)\b(bearer\s+)[^\s'\",;]+"),
            re.compile(rf"(?i)({header}['\"]?\s*[:=,]\s*['\"]?)[^\s'\",;)]+"),
            re.compile(r"(?i)((?:secret|token|hmac[_-]?key|password)['\"]?\s*[:=]\s*['\"]?)[^\s'\",;)]+"),
        )

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        for pattern in self._patterns:
            text = pattern.sub(rf"\1{REDACTED}", text)
        return text

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


def configure_relay_logging(
    level: str, secrets: Iterable[str], secret_header: str, stream: TextIO | None = None
) -> logging.Handler:
    """One redacting handler for the relay's logger and uvicorn's; returns it (tests remove it again)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter(secrets, secret_header))
    for name in (LOGGER_NAME, *_UVICORN_LOGGERS):
        logger = logging.getLogger(name)
        logger.handlers = [h for h in logger.handlers if not isinstance(h.formatter, RedactingFormatter)]
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
    return handler


def remove_relay_logging(handler: logging.Handler) -> None:
    for name in (LOGGER_NAME, *_UVICORN_LOGGERS):
        logging.getLogger(name).removeHandler(handler)
    handler.close()
