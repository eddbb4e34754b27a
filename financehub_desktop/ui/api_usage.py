"""Settings → "Pluggy API usage": this session's calls to Pluggy per endpoint, with failures, retries and latency
percentiles (``PluggyClient.metrics_snapshot()``), for a user wondering why a sync is slow or keeps failing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ApiUsagePanel(QGroupBox):
    COLUMNS = 6

    def __init__(self, usage: Callable[[], dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Pluggy API usage (this session)"))
        self.usage = usage
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Endpoint"), self.tr("Calls"), self.tr("Failed"), self.tr("Retries"), "p50", "p90"]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(160)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()

    def _ms(self, value: object) -> str:
        return f"{QLocale().toString(float(value or 0), 'f', 1)} ms"  # type: ignore[arg-type]

    def refresh(self) -> None:
        snapshot = self.usage()
        endpoints: dict[str, dict[str, Any]] = snapshot.get("endpoints", {})
        totals = snapshot.get("totals", {})
        if not snapshot:
            self.summary.setText(self.tr("No Pluggy credentials: the app is offline and calls nothing."))
        elif not totals.get("calls"):
            self.summary.setText(self.tr("No calls to Pluggy yet in this session."))
        else:
            parts = [self.tr("%n call(s) to Pluggy in this session", "", int(totals.get("calls", 0)))]
            for key, text in (
                ("failures", self.tr("%n failed", "", int(totals.get("failures", 0)))),
                ("retries", self.tr("%n retried", "", int(totals.get("retries", 0)))),
                ("reauths", self.tr("%n key renewal(s)", "", int(totals.get("reauths", 0)))),
            ):
                if totals.get(key):  # only what happened: "0 falhou" reads oddly
                    parts.append(text)
            self.summary.setText(" · ".join(parts))
        rows = sorted(endpoints.items(), key=lambda kv: (-int(kv[1].get("calls", 0)), kv[0]))
        self.table.setRowCount(len(rows))
        for row, (name, stats) in enumerate(rows):
            latency = stats.get("latency_ms", {})
            cells = (
                name,
                str(stats.get("calls", 0)),
                str(stats.get("failures", 0)),
                str(stats.get("retries", 0)),
                self._ms(latency.get("p50")),
                self._ms(latency.get("p90")),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
