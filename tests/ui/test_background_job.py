"""A blocking call on a pool thread, its answer back on the GUI thread, and never to a receiver that is gone."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from financehub_desktop.domain.errors import FinanceHubError, InvalidInputError
from financehub_desktop.ui.background_job import BackgroundJob, running_jobs

WAIT_MS = 10_000


class Answers:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[FinanceHubError] = []
        self.threads: list[threading.Thread] = []

    def done(self, result: object) -> None:
        self.threads.append(threading.current_thread())
        self.results.append(result)

    def failed(self, error: FinanceHubError) -> None:
        self.threads.append(threading.current_thread())
        self.errors.append(error)


def test_the_call_runs_on_a_pool_thread_and_answers_on_the_gui_thread(qtbot: QtBot) -> None:
    receiver, answers, ran_on = QObject(), Answers(), []

    def action() -> int:
        ran_on.append(threading.current_thread())
        return 42

    BackgroundJob(action, receiver, answers.done, answers.failed).start()
    qtbot.waitUntil(lambda: answers.results == [42], timeout=WAIT_MS)
    assert ran_on[0] is not threading.main_thread()
    assert answers.threads == [threading.main_thread()]
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=WAIT_MS)


@pytest.mark.parametrize(
    ("raised", "shown"),
    [
        (InvalidInputError("bad"), "Invalid value: bad"),
        (ZeroDivisionError("x"), "Something unexpected went wrong: ZeroDivisionError"),
    ],
)
def test_errors_arrive_typed(qtbot: QtBot, raised: Exception, shown: str) -> None:
    receiver, answers = QObject(), Answers()

    def action() -> None:
        raise raised

    BackgroundJob(action, receiver, answers.done, answers.failed).start()
    qtbot.waitUntil(lambda: len(answers.errors) == 1, timeout=WAIT_MS)
    assert answers.errors[0].message("en") == shown and answers.results == []


@pytest.mark.parametrize("how", ["dropped", "deleted"])
def test_no_answer_once_the_receiver_is_gone(qtbot: QtBot, how: str) -> None:
    receiver, answers, release = QObject(), Answers(), threading.Event()
    job = BackgroundJob(lambda: release.wait(WAIT_MS / 1000), receiver, answers.done, answers.failed).start()
    if how == "dropped":
        job.drop()
    else:
        receiver.deleteLater()
        qtbot.wait(10)
    release.set()
    assert job.finished.wait(WAIT_MS / 1000)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=WAIT_MS)
    qtbot.wait(20)  # a queued answer would be delivered here
    assert answers.results == [] and answers.errors == []
