from __future__ import annotations

from pathlib import Path

import pytest

from financehub_desktop.config.settings import Settings, load_settings, save_settings


def test_missing_file_gives_defaults_without_problems(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "settings.toml", {})
    assert loaded.settings == Settings()
    assert loaded.problems == []
    assert not (tmp_path / "settings.toml").exists()  # loading never writes


def test_round_trip_keeps_only_changed_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    wanted = Settings().replace(language="en", sync_interval_hours=12.0, relay_url="https://relay.example.org")
    save_settings(path, wanted)
    text = path.read_text()
    assert "language" in text and "log_level" not in text
    assert load_settings(path, {}).settings == wanted


def test_malformed_file_names_file_and_line_and_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    original = '[financehub]\nlanguage = "en"\nsync_interval_hours = = 3\n'
    path.write_text(original)
    before = path.stat().st_mtime_ns
    loaded = load_settings(path, {})
    assert loaded.settings == Settings()  # defaults
    (problem,) = loaded.problems
    assert str(path) in problem.detail and "line 3" in problem.detail
    assert path.read_text() == original and path.stat().st_mtime_ns == before


def test_wrong_type_names_the_line_of_the_key(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[financehub]\nlanguage = "en"\n\nsync_interval_hours = "often"\n')
    loaded = load_settings(path, {})
    assert loaded.settings.language == "en"  # the good value is kept
    assert loaded.settings.sync_interval_hours == 6.0
    assert "line 4" in loaded.problems[0].detail


def test_out_of_range_values_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[financehub]\nsync_interval_hours = 0.1\nlanguage = 'klingon'\n")
    loaded = load_settings(path, {})
    assert loaded.settings == Settings()
    assert len(loaded.problems) == 2


def test_environment_overrides_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[financehub]\nlanguage = "en"\n')
    env = {"FINANCEHUB_LANGUAGE": "pt_BR", "PLUGGY_API_URL": "http://127.0.0.1:9999"}
    loaded = load_settings(path, env)
    assert loaded.settings.language == "pt_BR"
    assert loaded.settings.pluggy_api_url == "http://127.0.0.1:9999"


def test_bad_environment_value_is_reported_not_fatal(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "none.toml", {"FINANCEHUB_SYNC_INTERVAL_HOURS": "soon"})
    assert loaded.settings.sync_interval_hours == 6.0
    assert "FINANCEHUB_SYNC_INTERVAL_HOURS" in loaded.problems[0].detail


def test_saving_over_a_broken_file_keeps_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("language = [oops\n")
    kept = save_settings(path, Settings().replace(language="en"))
    assert kept is not None and kept.read_text() == "language = [oops\n"
    assert load_settings(path, {}).settings.language == "en"


def test_invalid_replace_raises() -> None:
    with pytest.raises(ValueError, match="sync_interval_hours"):
        Settings().replace(sync_interval_hours=0)
