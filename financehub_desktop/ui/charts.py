"""Dashboard charts drawn with matplotlib inside Qt: net worth over time, monthly income vs spending, and
spending by category. Money labels follow the UI language (``R$ 1.234,56`` in pt-BR)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import matplotlib

matplotlib.use("QtAgg")

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from PySide6.QtWidgets import QSizePolicy, QWidget

from financehub_desktop.domain.money import Locale, format_money

from .chart_data import MonthFlow, month_label

INCOME = "#2bb673"
SPENDING = "#e4572e"
LINE = "#1f2a44"
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
__all__ = ["ChartCanvas", "MonthFlow", "month_label"]


def _compact_money(value: float, locale: Locale) -> str:
    """Axis ticks: whole reais, no cents (``R$ 12.500``)."""
    text = format_money(Decimal(round(value)), "BRL", locale)
    return text.rsplit("," if locale == "pt_BR" else ".", 1)[0]


class ChartCanvas(FigureCanvasQTAgg):
    def __init__(self, locale: Locale = "pt_BR", parent: QWidget | None = None) -> None:
        self.figure = Figure(figsize=(6, 3.2), dpi=100, layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.locale: Locale = locale
        self.axes = self.figure.add_subplot(111)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def _money_axis(self) -> None:
        self.axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _compact_money(v, self.locale)))
        self.axes.grid(axis="y", alpha=0.3)
        for side in ("top", "right"):
            self.axes.spines[side].set_visible(False)

    def _empty(self, message: str) -> None:
        self.axes.text(0.5, 0.5, message, ha="center", va="center", transform=self.axes.transAxes, color="#777")
        self.axes.set_xticks([])
        self.axes.set_yticks([])

    def plot_net_worth(self, points: Sequence[tuple[date, Decimal]], title: str, empty_message: str) -> None:
        self.axes.clear()
        self.axes.set_title(title, loc="left", fontsize=11)
        if not points:
            self._empty(empty_message)
        else:
            xs = [float(date2num(d)) for d, _ in points]
            days = [d for d, _ in points]
            ys = [float(v) for _, v in points]  # plotting only: the stored values stay Decimal
            self.axes.plot(xs, ys, color=LINE, linewidth=2)
            self.axes.fill_between(xs, ys, alpha=0.08, color=LINE)
            self._money_axis()
            step = max(1, len(xs) // 6)
            self.axes.set_xticks(xs[::step], [month_label(d, self.locale) for d in days[::step]])
        self.draw_idle()

    def plot_cash_flow(
        self, months: Sequence[MonthFlow], title: str, labels: tuple[str, str], empty_message: str
    ) -> None:
        self.axes.clear()
        self.axes.set_title(title, loc="left", fontsize=11)
        if not months:
            self._empty(empty_message)
        else:
            positions = list(range(len(months)))
            width = 0.38
            self.axes.bar([p - width / 2 for p in positions], [float(m.income) for m in months], width,
                          color=INCOME, label=labels[0])  # fmt: skip
            self.axes.bar([p + width / 2 for p in positions], [float(m.spending) for m in months], width,
                          color=SPENDING, label=labels[1])  # fmt: skip
            self.axes.set_xticks(positions, [month_label(m.month, self.locale) for m in months])
            if len(months) > 6:
                self.axes.tick_params(axis="x", labelrotation=45, labelsize=8)
            self.axes.legend(frameon=False, loc="upper left")
            self._money_axis()
        self.draw_idle()

    def plot_spending_by_category(
        self, items: Sequence[tuple[str, Decimal]], title: str, empty_message: str, top: int = 8, others: str = "…"
    ) -> None:
        self.axes.clear()
        # The title starts at the figure's left edge: over the axes it began after the category names and was cut.
        self.figure.suptitle(title, x=0.01, ha="left", fontsize=11)
        ranked = sorted(((name, value) for name, value in items if value > 0), key=lambda kv: kv[1], reverse=True)
        if not ranked:
            self._empty(empty_message)
        else:
            shown = ranked[:top]
            rest = sum((v for _, v in ranked[top:]), Decimal(0))
            if rest > 0:
                shown.append((others, rest))
            names = [n for n, _ in shown][::-1]
            values = [float(v) for _, v in shown][::-1]
            colours = [PALETTE[i % len(PALETTE)] for i in range(len(shown))][::-1]
            bars = self.axes.barh(names, values, color=colours)
            self.axes.set_xlim(0, max(values) * 1.25)  # room for the value labels
            for bar, (_, value) in zip(bars, shown[::-1], strict=True):
                self.axes.text(bar.get_width(), bar.get_y() + bar.get_height() / 2,
                               " " + format_money(value, "BRL", self.locale), va="center", fontsize=8)  # fmt: skip
            # Every bar carries its amount: money ticks below would only repeat them (and crowd a narrow chart).
            self.axes.set_xticks([])
            for side in ("top", "right", "bottom"):
                self.axes.spines[side].set_visible(False)
        self.draw_idle()
