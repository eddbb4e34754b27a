from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from financehub_desktop.ui.charts import ChartCanvas, MonthFlow, _compact_money, month_label

from .conftest import save_screenshot


def _colours(canvas: ChartCanvas) -> set[str]:
    canvas.draw()
    image = canvas.grab().toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}


def test_month_labels_and_money_ticks() -> None:
    assert month_label(date(2025, 3, 1), "pt_BR") == "mar/25"
    assert month_label(date(2025, 3, 1), "en") == "Mar/25"
    assert _compact_money(12500.4, "pt_BR") == "R$ 12.500"
    assert _compact_money(-3000, "en") == "-R$3,000"


def test_cash_flow_draws_income_and_spending_bars(qtbot: QtBot) -> None:
    canvas = ChartCanvas("pt_BR")
    qtbot.addWidget(canvas)
    canvas.resize(640, 320)
    months = [MonthFlow(date(2025, m, 1), Decimal("8500.00"), Decimal(str(5000 + 300 * m))) for m in range(1, 7)]
    canvas.plot_cash_flow(months, "Entradas e saídas", ("Entradas", "Saídas"), "Sem dados")
    colours = _colours(canvas)
    assert "#2bb673" in colours and "#e4572e" in colours
    labels = [t.get_text() for t in canvas.axes.get_xticklabels()]
    assert labels[0] == "jan/25"
    save_screenshot(canvas, "chart-cash-flow")


def test_empty_chart_says_so(qtbot: QtBot) -> None:
    canvas = ChartCanvas("pt_BR")
    qtbot.addWidget(canvas)
    canvas.plot_net_worth([], "Patrimônio", "Sincronize um banco para ver seu patrimônio")
    texts = [t.get_text() for t in canvas.axes.texts]
    assert texts == ["Sincronize um banco para ver seu patrimônio"]


def test_categories_are_ranked_with_the_rest_grouped(qtbot: QtBot) -> None:
    canvas = ChartCanvas("pt_BR")
    qtbot.addWidget(canvas)
    canvas.resize(640, 360)
    items = [(f"Categoria {i}", Decimal(100 * i)) for i in range(1, 12)] + [("Estorno", Decimal("-50"))]
    canvas.plot_spending_by_category(items, "Gastos por categoria", "Sem gastos")
    names = [t.get_text() for t in canvas.axes.get_yticklabels()]
    assert names[-1] == "Categoria 11"  # largest on top
    assert names[0] == "…"  # the smaller ones grouped
    assert "Estorno" not in names
    assert any("R$ 1.100,00" in t.get_text() for t in canvas.axes.texts)
    # the title over the whole chart (not cut after the names); no money ticks repeating the bars' labels
    assert canvas.figure.get_suptitle() == "Gastos por categoria"
    assert canvas.axes.get_xticks().size == 0
    save_screenshot(canvas, "chart-categories")


def test_net_worth_line(qtbot: QtBot) -> None:
    canvas = ChartCanvas("en")
    qtbot.addWidget(canvas)
    canvas.resize(640, 320)
    points = [(date(2025, m, 1), Decimal(10000 + 750 * m)) for m in range(1, 13)]
    canvas.plot_net_worth(points, "Net worth", "No data")
    assert "#1f2a44" in _colours(canvas)
