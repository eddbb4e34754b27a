from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import update

from financehub_desktop.domain.bank_errors import ConsentExpiredError
from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.services.connections import ConnectionsService
from financehub_desktop.services.events import EventBus
from financehub_desktop.services.read_models import ConnectionView
from financehub_desktop.store import Store
from financehub_desktop.store.schema import items


def test_consent_expiry_is_warned_ahead() -> None:
    view = ConnectionView("i", 600, "Banco OF", "UPDATED", "SUCCESS", None,
                          consent_expires_at=datetime(2026, 12, 10, tzinfo=UTC), is_open_finance=True)  # fmt: skip
    today = datetime(2026, 12, 4, tzinfo=UTC)
    assert view.consent_days_left(today.date()) == 6
    assert view.consent_warning(today.date(), 14)
    assert not view.consent_warning(today.date(), 3)
    assert ConnectionsService.consent_error(view, datetime(2026, 12, 11, tzinfo=UTC)) is not None


def test_an_expired_consent_is_shown_as_the_connections_error(store: Store, bus: EventBus) -> None:
    with store.write() as conn:
        conn.execute(update(items).values(consent_expires_at=datetime(2020, 1, 1, tzinfo=UTC)))
    service = ConnectionsService(store, PluggyClient("http://127.0.0.1:9", "id", "secret"), bus)
    (view,) = service.connections()
    assert isinstance(view.error, ConsentExpiredError)
    assert "Reconectar" in " ".join(view.error.help("pt_BR").steps)
