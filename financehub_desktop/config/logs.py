"""Logging: one logger per category, a rotating file in the profile's log folder, and redaction.

Every handler we install carries ``RedactingFilter`` and ``RedactingFormatter``: API keys, JWTs (API keys and
connect tokens are JWTs), client secrets, passwords, CPF/CNPJ, account numbers and PIX keys are replaced by
``[REDACTED]`` before anything reaches a file or the terminal, tracebacks included. Values that follow no pattern
(a client secret is any string) are registered at run time with ``register_secret``.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Final

CATEGORIES: Final = ("app", "cli", "ui", "services", "sync", "store", "pluggy", "sandbox", "relay")
ROOT: Final = "financehub"
REDACTED: Final = "[REDACTED]"
LOG_FORMAT: Final = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def get_logger(category: str) -> logging.Logger:
    """``financehub.<category>``; categories are listed in ``CATEGORIES``."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown log category {category!r}")
    return logging.getLogger(f"{ROOT}.{category}")


_SENSITIVE_KEYS = (
    r"api[_-]?key|x-api-key|client[_-]?secret|clientsecret|secret|password|passphrase|senha|token|access[_-]?token"
    r"|accesstoken|connect[_-]?token|authorization|cpf|cnpj|tax[_-]?number|taxnumber|document[_-]?number"
    r"|documentnumber|account[_-]?number|accountnumber|branch[_-]?number|branchnumber|number|pix[_-]?key|pixkey"
    r"|bearer"
)
_PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    # JWTs: API keys and connect tokens.
    (re.compile(r"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), REDACTED),
    # "key": "value"  /  'key': 'value'  (JSON, repr of dicts)
    (
        re.compile(rf"""(?i)(["']?(?<![A-Za-z0-9_])(?:{_SENSITIVE_KEYS})["']?\s*[:=]\s*)(["'])(?:(?!\2).)*\2"""),
        rf"\1\2{REDACTED}\2",
    ),
    # key=value / key: value (query strings, headers, kwargs)
    (
        re.compile(rf"""(?i)\b((?:{_SENSITIVE_KEYS})\s*[:=]\s*)(?!\[REDACTED\])[^\s&,;'"}}\]]+"""),
        rf"\1{REDACTED}",
    ),
    (re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+"), rf"\1{REDACTED}"),
    # CNPJ before CPF (a CNPJ contains a CPF-shaped run).
    (re.compile(r"\b\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}\b"), REDACTED),
    (re.compile(r"\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b"), REDACTED),
    # Bank account numbers with a check digit: 12345-6, 0001234-X
    (re.compile(r"\b\d{4,13}-[0-9Xx]\b"), REDACTED),
)

_registered: set[str] = set()
_registered_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Redact this exact value from now on (client secrets, relay tokens: strings with no fixed shape)."""
    if value and len(value) >= 6:
        with _registered_lock:
            _registered.add(value)


def redact(text: str) -> str:
    with _registered_lock:
        secrets = sorted(_registered, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Replaces the message (with its arguments merged) by its redacted text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the final text, so exception messages and tracebacks are covered too."""

    def __init__(self, fmt: str, *, tracebacks: bool = True) -> None:
        super().__init__(fmt)
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if self.tracebacks:
            return redact(super().format(record))
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return redact(super().format(record))
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def remove_handlers() -> None:
    """Take our handlers off every logger (tests; a CLI command that reconfigures)."""
    for name in (ROOT, "httpx", "httpcore", "uvicorn", "uvicorn.access", "uvicorn.error", "alembic", "asyncio"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if handler.get_name() == "financehub":
                logger.removeHandler(handler)
                handler.close()


def _attach(handler: logging.Handler, level: int, *, tracebacks: bool = True) -> logging.Handler:
    handler.setLevel(level)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(RedactingFormatter(LOG_FORMAT, tracebacks=tracebacks))
    handler.set_name("financehub")
    return handler


def configure_logging(
    log_dir: Path | None,
    level: str = "INFO",
    *,
    console_level: str | None = "WARNING",
    stream: object = None,
    console_tracebacks: bool = False,
) -> list[logging.Handler]:
    """Install our handlers on the ``financehub`` logger (idempotent). Returns them for tests.

    Tracebacks go to the log file; the console shows one line per record unless ``console_tracebacks``.
    """
    root = logging.getLogger(ROOT)
    for old in list(root.handlers):
        if old.get_name() == "financehub":
            root.removeHandler(old)
            old.close()
    root.setLevel(logging.DEBUG)
    root.propagate = False
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_dir / "financehub.log", maxBytes=5_000_000, backupCount=5, encoding="utf-8"
        )
        handlers.append(_attach(file_handler, getattr(logging, level)))
    if console_level:
        console = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
        handlers.append(_attach(console, getattr(logging, console_level), tracebacks=console_tracebacks))
    for handler in handlers:
        root.addHandler(handler)
    # Libraries that log request URLs (which may carry tokens) go through the same redaction.
    for noisy in ("httpx", "httpcore", "uvicorn", "uvicorn.access", "uvicorn.error", "alembic", "asyncio"):
        lib = logging.getLogger(noisy)
        lib.handlers = [h for h in lib.handlers if h.get_name() != "financehub"]
        for handler in handlers:
            lib.addHandler(handler)
        lib.propagate = False
        lib.setLevel(logging.WARNING if noisy != "alembic" else logging.INFO)
    return handlers


BugHandler = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install_excepthook(on_bug: BugHandler | None = None, *, also_threads: bool = True) -> None:
    """Log every uncaught exception (redacted, with traceback) and hand it to ``on_bug`` (crash dialog / exit)."""
    log = get_logger("app")

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if on_bug is not None:
            on_bug(exc_type, exc, tb)

    sys.excepthook = hook
    if also_threads:

        def thread_hook(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                hook(args.exc_type, args.exc_value, args.exc_traceback)

        threading.excepthook = thread_hook


def log_files(log_dir: Path) -> Iterable[Path]:
    return sorted(log_dir.glob("financehub.log*"))
