"""Reminders of due dates: which obligations to remind of now, each at most once a day.

The app asks when it opens and after each sync. An obligation is reminded of when it is overdue or falls due within
``Settings.due_reminder_days`` days (0 turns reminders off), and only if it was not already shown that day. What was
shown lives in a small JSON file in the profile's data folder (``ProfilePaths.due_reminders_file``): the obligations'
keys ("bill:<id>", "loan:<id>:12") and the day, nothing else (no names, no amounts). A damaged or unreadable file
only means a reminder may be shown again; failing to write it is logged, never raised at the user.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from financehub_desktop.config.files import atomic_write_text
from financehub_desktop.config.logs import get_logger
from financehub_desktop.domain.errors import FinanceHubError

from .due_dates import DueDatesService, DueEntry

log = get_logger("services")

FORMAT_VERSION = 1


class DueReminders:
    def __init__(self, due_dates: DueDatesService, path: Path, today: Callable[[], date] = date.today) -> None:
        self.due_dates = due_dates
        self.path = path
        self.today = today

    def pending(self, reminder_days: int) -> list[DueEntry]:
        """What to remind of now (overdue first, then by date), leaving out what was already shown today.
        Does not record anything: call ``mark_shown`` once the reminder is on screen."""
        if reminder_days <= 0:
            return []
        today = self.today()
        shown = self._shown(today)
        entries = self.due_dates.upcoming(reminder_days, today=today)
        return [e for e in entries if e.key not in shown]

    def mark_shown(self, entries: Sequence[DueEntry]) -> None:
        """Remember that these were shown today (the file keeps only today's keys)."""
        if not entries:
            return
        today = self.today()
        keys = sorted(self._shown(today) | {e.key for e in entries})
        body = json.dumps({"version": FORMAT_VERSION, "day": today.isoformat(), "shown": keys}, indent=1)
        try:
            atomic_write_text(self.path, body + "\n")
        except FinanceHubError as exc:  # a reminder may come again; nothing else is lost
            log.warning("could not record the due-date reminders shown: %s", exc)

    def take(self, reminder_days: int) -> list[DueEntry]:
        """``pending`` then ``mark_shown``: what to show now, recorded as shown."""
        entries = self.pending(reminder_days)
        self.mark_shown(entries)
        return entries

    def _shown(self, today: date) -> set[str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return set()
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            log.warning("ignoring the due-date reminders file %s: %s", self.path, type(exc).__name__)
            return set()
        if not isinstance(data, dict) or data.get("day") != today.isoformat():
            return set()
        keys = data.get("shown")
        return {k for k in keys if isinstance(k, str)} if isinstance(keys, list) else set()
