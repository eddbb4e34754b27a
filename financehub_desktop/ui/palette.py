"""The app's colours for meaning, in one place: money out or overdue, money in or done, muted, warning."""

from __future__ import annotations

from PySide6.QtGui import QColor

#: Money out, overdue, an error.
NEGATIVE = QColor("#c0392b")
#: Money in, paid, healthy.
POSITIVE = QColor("#1e8449")
#: Pending, projected, secondary.
MUTED = QColor("#8a8f98")
#: Paid off and settled (quieter than MUTED).
SETTLED = QColor("#7f8c8d")
#: Due today, a warning, cancelled.
WARNING = QColor("#b9770e")
#: Secondary text under a heading (style sheets).
NOTE_TEXT = "#4a5568"

__all__ = ["MUTED", "NEGATIVE", "NOTE_TEXT", "POSITIVE", "SETTLED", "WARNING"]
