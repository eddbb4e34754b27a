"""Pluggy's categories in the UI language: one place for the pt-BR-or-English choice."""

from __future__ import annotations

from sqlalchemy import select

from financehub_desktop.store import Store
from financehub_desktop.store.schema import categories

from .read_models import CategoryView


def localized(name_pt: str | None, name_en: str | None, language: str) -> str:
    """Pluggy's pt-BR translation when the UI speaks Portuguese (English when it has none)."""
    return (name_pt or name_en or "") if language == "pt_BR" else (name_en or "")


def load_categories(store: Store, language: str) -> list[CategoryView]:
    c = categories.c
    with store.read() as conn:
        rows = list(conn.execute(select(c.id, c.name_en, c.name_pt, c.parent_id).where(c.removed_at.is_(None))))
    views = [CategoryView(r.id, localized(r.name_pt, r.name_en, language), r.parent_id) for r in rows]
    return sorted(views, key=lambda v: v.name.casefold())
