"""Paths to the files under ``resources/`` (style sheets, translations, icons, the Connect bridge page)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)


def style_sheet() -> str:
    path = resource("styles", "app.qss")
    return path.read_text(encoding="utf-8") if path.exists() else ""
