from __future__ import annotations

from datetime import UTC, datetime

from financehub_desktop.services.connections import ConnectionsService
from financehub_desktop.services.read_models import ConnectionView


def test_consent_expiry_is_warned_ahead() -> None:
    view = ConnectionView("i", 600, "Banco OF", "UPDATED", "SUCCESS", None,
                          consent_expires_at=datetime(2026, 12, 10, tzinfo=UTC), is_open_finance=True)  # fmt: skip
    today = datetime(2026, 12, 4, tzinfo=UTC)
    assert view.consent_days_left(today.date()) == 6
    assert view.consent_warning(today.date(), 14)
    assert not view.consent_warning(today.date(), 3)
    assert ConnectionsService.consent_error(view, datetime(2026, 12, 11, tzinfo=UTC)) is not None
