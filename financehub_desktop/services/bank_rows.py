"""The query the read services share: a connection's rows (accounts, investments, loans...) still at the bank,
each with its bank's name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, Table, select

from financehub_desktop.store.schema import connectors, items


def rows_still_at_the_bank(table: Table, bank_label: str) -> Select[Any]:
    """Every column of ``table`` (which has ``item_id`` and ``removed_at``) plus the connector's name as
    ``bank_label``; rows removed at the bank, or of a connection deleted here, are left out."""
    t, i, c = table.c, items.c, connectors.c
    return (
        select(*table.columns, c.name.label(bank_label))
        .select_from(table.join(items, i.id == t.item_id).outerjoin(connectors, c.id == i.connector_id))
        .where(t.removed_at.is_(None), i.removed_at.is_(None))
    )


__all__ = ["rows_still_at_the_bank"]
