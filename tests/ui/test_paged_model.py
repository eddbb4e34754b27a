from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from financehub_desktop.ui.paged_model import Column, PagedTableModel


@dataclass(frozen=True)
class FakeRow:
    n: int
    label: str


class CountingSource:
    """Keyset pages over N generated rows; records every page asked for."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.calls: list[tuple[int | None, int]] = []

    def fetch_page(self, after: FakeRow | None, limit: int) -> Sequence[FakeRow]:
        start = 0 if after is None else after.n + 1
        self.calls.append((None if after is None else after.n, limit))
        return [FakeRow(i, f"row {i}") for i in range(start, min(start + limit, self.total))]

    def count(self) -> int:
        return self.total


COLUMNS = [Column[FakeRow]("#", lambda r: r.n), Column[FakeRow]("Label", lambda r: r.label)]


def test_model_passes_qtmodeltester(qtmodeltester: object) -> None:
    model = PagedTableModel(COLUMNS, CountingSource(450), page_size=100)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 450


def test_only_visible_pages_are_loaded_from_half_a_million(qtbot: QtBot) -> None:
    source = CountingSource(500_000)
    model = PagedTableModel(COLUMNS, source, page_size=200)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert model.total() == 500_000
    assert model.loaded_rows() <= 400  # a page or two, never everything
    first_calls = len(source.calls)
    view.scrollToBottom()
    qtbot.wait(10)
    assert len(source.calls) > first_calls  # scrolling pulls the next page
    assert model.loaded_rows() < 5_000
    assert model.data(model.index(0, 1)) == "row 0"


def test_reset_source_forgets_rows(qtbot: QtBot) -> None:
    model = PagedTableModel(COLUMNS, CountingSource(10), page_size=4)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 10
    model.reset_source(CountingSource(3))
    assert model.rowCount() == 0
    model.fetchMore()
    assert model.rowCount() == 3
    assert not model.canFetchMore()
    model.reset_source(None)
    assert model.total() == 0
    assert not model.canFetchMore()


def test_replace_row_updates_in_place(qtbot: QtBot) -> None:
    model = PagedTableModel(COLUMNS, CountingSource(5), page_size=10)
    model.fetchMore()
    with qtbot.waitSignal(model.dataChanged):
        model.replace_row(2, FakeRow(2, "edited"))
    assert model.data(model.index(2, 1)) == "edited"
