"""Calendar months as bills, installments and loan payments count them."""

from __future__ import annotations

from datetime import date

import pytest

from financehub_desktop.domain.dates import shift_months


def test_months_shift_to_the_last_day_of_a_shorter_month() -> None:
    assert shift_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert shift_months(date(2026, 3, 15), -3) == date(2025, 12, 15)


@pytest.mark.parametrize(
    ("day", "before"),
    [
        ("2026-03-25", "2026-02-25"),
        ("2026-03-31", "2026-02-28"),
        ("2026-01-10", "2025-12-10"),
        ("2024-03-30", "2024-02-29"),
    ],
)
def test_the_month_before(day: str, before: str) -> None:
    assert shift_months(date.fromisoformat(day), -1) == date.fromisoformat(before)
