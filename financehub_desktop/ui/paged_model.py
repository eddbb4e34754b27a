"""A table model that pages rows lazily from a source (SQL keyset pages), for lists of any length.

Qt asks ``canFetchMore``/``fetchMore`` as the user scrolls; each call loads one page. Rows are never loaded
whole, so 500k transactions open as fast as 500. ``reset_source`` swaps filters/search without leaking rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


class PageSource(Protocol[Row]):  # type: ignore[misc]
    """Where rows come from. ``fetch_page(after, limit)`` returns rows after the given row (``None``: from the
    start), in display order; ``count()`` is the total (for the status line)."""

    def fetch_page(self, after: Row | None, limit: int) -> Sequence[Row]: ...

    def count(self) -> int: ...


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    value: Callable[[Row], Any]  # DisplayRole text
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    sort_value: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str | None] | None = None
    foreground: Callable[[Row], Any] | None = None  # a QColor/QBrush or None
    font: Callable[[Row], Any] | None = None


class ColumnsTableModel(QAbstractTableModel, Generic[Row]):
    """Rows shown through ``Column`` specs: titles, text, alignment, tooltip, colour and font per cell. The row object
    itself is under ``ROW_ROLE``. Subclasses decide how ``_rows`` fill (all at once, or page by page)."""

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, columns: list[Column[Row]]) -> None:
        super().__init__()
        self.columns = columns
        self._rows: list[Row] = []

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: PLR0911 (one per role)
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self.columns)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(row)
        if role == Qt.ItemDataRole.FontRole and column.font is not None:
            return column.font(row)
        if role == self.ROW_ROLE:
            return row
        return None


class PagedTableModel(ColumnsTableModel[Row]):
    def __init__(self, columns: list[Column[Row]], source: PageSource[Row] | None = None, page_size: int = 200) -> None:
        super().__init__(columns)
        self.page_size = page_size
        self._source: PageSource[Row] | None = source
        self._exhausted = source is None
        self._total: int | None = None
        self._fetching = False  # views and model testers may re-enter fetchMore from the insert signals

    # ------------------------------------------------------------------ source
    def reset_source(self, source: PageSource[Row] | None) -> None:
        """Swap the source; views that ask for rows while the reset is in flight get them right after it."""
        self._fetching = True
        try:
            self.beginResetModel()
            self._source = source
            self._rows = []
            self._exhausted = source is None
            self._total = None
            self.endResetModel()
        finally:
            self._fetching = False

    def total(self) -> int:
        if self._source is None:
            return 0
        if self._total is None:
            self._total = self._source.count()
        return self._total

    def loaded_rows(self) -> int:
        return len(self._rows)

    def replace_row(self, row: int, value: Row) -> None:
        """After an edit (re-categorise, note), put the fresh row in place without reloading the page."""
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # ------------------------------------------------------------------ Qt model API
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._exhausted or self._source is None or self._fetching:
            return
        self._fetching = True
        try:
            after = self._rows[-1] if self._rows else None
            page = list(self._source.fetch_page(after, self.page_size))
            if len(page) < self.page_size:
                self._exhausted = True
            if not page:
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._fetching = False
