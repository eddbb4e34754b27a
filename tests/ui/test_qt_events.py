from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from financehub_desktop.services.events import Change, EventBus, Topic
from financehub_desktop.ui.qt_events import QtEventAdapter


def test_events_from_a_worker_thread_arrive_on_the_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    bus = EventBus()
    adapter = QtEventAdapter(bus)
    received: list[tuple[Change, bool]] = []
    adapter.changed.connect(lambda c: received.append((c, QThread.currentThread() is qapp.thread())))
    worker = threading.Thread(target=lambda: bus.publish(Change(Topic.TRANSACTIONS, item_id="i1")))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(received))
    change, on_gui_thread = received[0]
    assert change.topic is Topic.TRANSACTIONS
    assert change.item_id == "i1"
    assert on_gui_thread


def test_a_failing_listener_does_not_stop_the_others() -> None:
    bus = EventBus()
    seen: list[Topic] = []

    def broken(change: Change) -> None:
        raise RuntimeError("listener bug")

    bus.subscribe(broken)
    unsubscribe = bus.subscribe(lambda c: seen.append(c.topic))
    bus.publish(Change(Topic.ACCOUNTS))
    unsubscribe()
    bus.publish(Change(Topic.ITEMS))
    assert seen == [Topic.ACCOUNTS]


def test_closed_adapter_stops_listening(qtbot: QtBot) -> None:
    bus = EventBus()
    adapter = QtEventAdapter(bus)
    received: list[Change] = []
    adapter.changed.connect(received.append)
    adapter.close()
    bus.publish(Change(Topic.BILLS))
    qtbot.wait(20)
    assert received == []
