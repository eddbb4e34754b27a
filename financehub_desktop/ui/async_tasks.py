"""Running service coroutines from Qt slots on the qasync loop, with errors shown instead of lost."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import FinanceHubError

T = TypeVar("T")
log = get_logger("ui")
_tasks: set[asyncio.Task[Any]] = set()


def start(
    coro: Coroutine[Any, Any, T],
    *,
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[FinanceHubError], None] | None = None,
) -> asyncio.Task[T]:
    """Schedule ``coro``; a known error goes to ``on_error`` (shown with its help), a bug to the log and the
    excepthook's crash dialog. The task is kept alive until it ends (asyncio only keeps weak references)."""
    task = asyncio.ensure_future(coro)
    _tasks.add(task)

    def finished(done: asyncio.Task[T]) -> None:
        _tasks.discard(done)
        if done.cancelled():
            return
        exc = done.exception()
        if exc is None:
            if on_done is not None:
                on_done(done.result())
            return
        if isinstance(exc, FinanceHubError) and exc.is_known and on_error is not None:
            on_error(exc)
            return
        log.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))
        import sys

        sys.excepthook(type(exc), exc, exc.__traceback__)

    task.add_done_callback(finished)
    return task
