"""Due-date reminders: what is reminded of, once a day per obligation, 0 = off, and a damaged state file."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from financehub_desktop.config.settings import Settings
from financehub_desktop.services.card_bills import CardBillsService
from financehub_desktop.services.due_dates import DueDatesService, DueStatus
from financehub_desktop.services.due_reminders import DueReminders
from financehub_desktop.services.loans import LoansService
from financehub_desktop.store import Store
from tests.support.due_dates_store import TODAY, due_store
from tests.support.sample_loans import PERSONAL

__all__ = ["due_store"]


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


@pytest.fixture
def reminders(due_store: Store, tmp_path: Path, clock: Clock) -> DueReminders:
    service = DueDatesService(due_store, CardBillsService(due_store), LoansService(due_store), today=clock)
    return DueReminders(service, tmp_path / "profile" / "due-reminders.json", today=clock)


def test_overdue_and_due_within_the_days_are_reminded_of(reminders: DueReminders) -> None:
    entries = reminders.pending(Settings().due_reminder_days)  # 3 days: 15/03 is 5 days away
    assert entries and all(e.status is DueStatus.OVERDUE for e in entries)
    assert len(entries) == 7
    week = reminders.pending(5)
    assert [e.key for e in week if e.status is not DueStatus.OVERDUE] == [f"loan:{PERSONAL}:14"]


def test_zero_days_means_no_reminders(reminders: DueReminders) -> None:
    assert reminders.pending(0) == []
    assert reminders.take(0) == []
    assert not reminders.path.exists()


def test_each_obligation_once_a_day(reminders: DueReminders, clock: Clock) -> None:
    first = reminders.take(3)
    assert len(first) == 7
    assert reminders.take(3) == []  # a sync later the same day: nothing again
    # a wider window the same day brings only what was not shown yet
    assert [e.key for e in reminders.take(5)] == [f"loan:{PERSONAL}:14"]
    clock.day = TODAY + timedelta(days=1)  # the next day, everything still due comes back
    again = reminders.take(5)
    assert {e.key for e in again} == {e.key for e in first} | {f"loan:{PERSONAL}:14"}


def test_the_state_file_keeps_only_keys_and_the_day(reminders: DueReminders) -> None:
    reminders.take(3)
    data = json.loads(reminders.path.read_text(encoding="utf-8"))
    assert data["day"] == TODAY.isoformat() and len(data["shown"]) == 7
    text = reminders.path.read_text(encoding="utf-8")
    assert "Cartão" not in text and "310" not in text and "Crédito" not in text  # no names, no amounts
    assert (reminders.path.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"day": "2026-03-10", "shown": "x"}', "\udcff"])
def test_a_damaged_file_means_shown_again_not_a_crash(reminders: DueReminders, content: str) -> None:
    reminders.path.parent.mkdir(parents=True)
    reminders.path.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert len(reminders.take(3)) == 7
    assert reminders.take(3) == []  # and the file is sound again


def test_a_file_that_cannot_be_written_does_not_stop_the_reminder(reminders: DueReminders) -> None:
    reminders.path.mkdir(parents=True)  # a folder where the file should be: it can be neither read nor replaced
    assert len(reminders.take(3)) == 7  # shown, and logged that it could not be recorded
    assert len(reminders.take(3)) == 7  # so it may be shown again: nothing else goes wrong


def test_the_setting_defaults_to_three_days_and_is_checked(tmp_path: Path) -> None:
    from financehub_desktop.config.settings import load_settings, save_settings

    assert Settings().due_reminder_days == 3
    with pytest.raises(ValueError, match="due_reminder_days"):
        Settings().replace(due_reminder_days=-1)
    with pytest.raises(ValueError, match="due_reminder_days"):
        Settings().replace(due_reminder_days=31)
    path = tmp_path / "settings.toml"
    save_settings(path, Settings().replace(due_reminder_days=0))
    assert load_settings(path, {}).settings.due_reminder_days == 0
    loaded = load_settings(path, {"FINANCEHUB_DUE_REMINDER_DAYS": "7"})
    assert loaded.settings.due_reminder_days == 7 and not loaded.problems
    bad = load_settings(path, {"FINANCEHUB_DUE_REMINDER_DAYS": "soon"})
    assert bad.settings.due_reminder_days == 0 and "FINANCEHUB_DUE_REMINDER_DAYS" in bad.problems[0].detail
