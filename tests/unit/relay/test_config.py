"""Relay configuration: TOML + environment + flags; secrets only from the environment or owner-only files."""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from pathlib import Path

import pytest

from financehub_desktop.relay.config import RelayConfigError, generate_secret, load_config

from .conftest import OLD_SECRET, SECRET, TOKEN

ENV = {"FINANCEHUB_RELAY_SECRET": SECRET, "FINANCEHUB_RELAY_TOKEN": TOKEN}


def _secret_file(path: Path, value: str, mode: int = 0o600) -> Path:
    path.write_text(value + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


def test_environment_only(tmp_path: Path) -> None:
    config = load_config({**ENV, "FINANCEHUB_RELAY_PREVIOUS_SECRET": OLD_SECRET, "FINANCEHUB_RELAY_PORT": "9000"})
    assert config.delivery_secrets == (SECRET, OLD_SECRET)
    assert config.feed_tokens == (TOKEN,)
    assert config.port == 9000
    assert config.host == "127.0.0.1"
    assert config.db_path == Path("financehub-relay.sqlite3")


def test_systemd_state_directory_is_the_default_home(tmp_path: Path) -> None:
    config = load_config({**ENV, "STATE_DIRECTORY": str(tmp_path)})
    assert config.db_path == tmp_path / "financehub-relay.sqlite3"


def test_toml_file_with_secret_files(tmp_path: Path) -> None:
    secret = _secret_file(tmp_path / "secret", SECRET)
    token = _secret_file(tmp_path / "token", TOKEN)
    hmac_key = _secret_file(tmp_path / "hmac", "an-hmac-key-of-some-length")
    toml = tmp_path / "relay.toml"
    toml.write_text(
        f"""
[relay]
host = "0.0.0.0"
port = 8080
db = "{tmp_path / "ev.sqlite3"}"
secret_file = "{secret}"
token_file = "{token}"
hmac_key_file = "{hmac_key}"
client_id = "client-1"
allowed_ips = ["177.71.238.212"]
trusted_proxies = ["127.0.0.1", "::1"]
rate_limit_per_minute = 120
retention_days = 7
max_event_age_seconds = 3600
prune_interval_seconds = 60
""",
        encoding="utf-8",
    )
    config = load_config({"FINANCEHUB_RELAY_PORT": "8181"}, toml)
    assert config.host == "0.0.0.0"
    assert config.port == 8181  # the environment wins over the file
    assert config.db_path == tmp_path / "ev.sqlite3"
    assert config.delivery_secrets == (SECRET,)
    assert config.feed_tokens == (TOKEN,)
    assert config.signing_keys == ("an-hmac-key-of-some-length",)
    assert config.client_id == "client-1"
    assert config.allowed_sources == (ipaddress.ip_network("177.71.238.212/32"),)
    assert len(config.trusted_proxies) == 2
    assert config.rate_limit_per_minute == 120
    assert config.retention == timedelta(days=7)
    assert config.max_event_age == timedelta(hours=1)
    overridden = config.with_overrides(host="127.0.0.1", port=0, db=tmp_path / "other.sqlite3")
    assert (overridden.host, overridden.port, overridden.db_path) == ("127.0.0.1", 0, tmp_path / "other.sqlite3")


def test_config_file_from_the_environment_and_lists_from_env(tmp_path: Path) -> None:
    toml = tmp_path / "relay.toml"
    toml.write_text("port = 7000\n", encoding="utf-8")
    config = load_config(
        {**ENV, "FINANCEHUB_RELAY_CONFIG": str(toml), "FINANCEHUB_RELAY_ALLOWED_IPS": "1.2.3.4, 10.0.0.0/8"}
    )
    assert config.port == 7000
    assert config.allowed_sources == (ipaddress.ip_network("1.2.3.4/32"), ipaddress.ip_network("10.0.0.0/8"))


def test_secret_file_named_in_the_environment(tmp_path: Path) -> None:
    secret = _secret_file(tmp_path / "s", SECRET)
    config = load_config({"FINANCEHUB_RELAY_SECRET_FILE": str(secret), "FINANCEHUB_RELAY_TOKEN": TOKEN})
    assert config.delivery_secrets == (SECRET,)


def test_inline_secrets_in_toml_are_refused_without_echoing_them(tmp_path: Path) -> None:
    toml = tmp_path / "relay.toml"
    toml.write_text(f'secret = "{SECRET}"\n', encoding="utf-8")
    with pytest.raises(RelayConfigError, match="secret_file") as caught:
        load_config(ENV, toml)
    assert SECRET not in str(caught.value)


def test_a_secret_file_readable_by_others_is_refused(tmp_path: Path) -> None:
    secret = _secret_file(tmp_path / "s", SECRET, mode=0o644)
    with pytest.raises(RelayConfigError, match="chmod 600"):
        load_config({"FINANCEHUB_RELAY_SECRET_FILE": str(secret), "FINANCEHUB_RELAY_TOKEN": TOKEN})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FINANCEHUB_RELAY_TOKEN": TOKEN}, "no delivery secret"),
        ({"FINANCEHUB_RELAY_SECRET": SECRET}, "no feed token"),
        ({**ENV, "FINANCEHUB_RELAY_SECRET": "short"}, "shorter than 16"),
        ({**ENV, "FINANCEHUB_RELAY_TOKEN": "has spaces in the token value"}, "printable ASCII"),
        ({**ENV, "FINANCEHUB_RELAY_TOKEN": SECRET}, "must differ"),
        ({"FINANCEHUB_RELAY_TOKEN": TOKEN, "FINANCEHUB_RELAY_PREVIOUS_SECRET": OLD_SECRET}, "without a current"),
        ({**ENV, "FINANCEHUB_RELAY_PORT": "eighty"}, "must be a number"),
        ({**ENV, "FINANCEHUB_RELAY_PORT": "70000"}, "port"),
        ({**ENV, "FINANCEHUB_RELAY_ALLOWED_IPS": "pluggy.ai"}, "not an IP"),
        ({**ENV, "FINANCEHUB_RELAY_RETENTION_DAYS": "0.5"}, "retention_days must cover"),
        ({**ENV, "FINANCEHUB_RELAY_SECRET_HEADER": "Bad Header"}, "header name"),
        ({**ENV, "FINANCEHUB_RELAY_SECRET_FILE": "/nonexistent/secret", "FINANCEHUB_RELAY_SECRET": ""}, "cannot read"),
    ],
)
def test_unsafe_or_broken_configurations_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(RelayConfigError, match=message) as caught:
        load_config(env)
    for value in env.values():
        if len(value) >= 16 and "/" not in value:
            assert value not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [("prot = 1\n", "unknown setting"), ("port = 'x'\n", "must be an integer"), ("port = [\n", "not valid TOML")],
)
def test_bad_toml_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    toml = tmp_path / "relay.toml"
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(RelayConfigError, match=message):
        load_config(ENV, toml)


def test_a_missing_toml_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RelayConfigError, match="cannot read the configuration file"):
        load_config(ENV, tmp_path / "absent.toml")


def test_repr_never_shows_a_secret() -> None:
    config = load_config({**ENV, "FINANCEHUB_RELAY_HMAC_KEY": "hmac-key-value-1234567"})
    text = repr(config)
    for secret in (SECRET, TOKEN, "hmac-key-value-1234567"):
        assert secret not in text
    assert set(config.secrets) == {SECRET, TOKEN, "hmac-key-value-1234567"}


def test_generated_secrets_are_long_random_and_accepted() -> None:
    first, second = generate_secret(), generate_secret()
    assert first != second
    assert len(first) >= 40
    assert load_config({"FINANCEHUB_RELAY_SECRET": first, "FINANCEHUB_RELAY_TOKEN": second}).feed_tokens == (second,)


def test_the_configuration_example_in_the_docs_loads(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parents[3] / "docs" / "relay.md").read_text(encoding="utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    toml = tmp_path / "relay.toml"
    toml.write_text(example, encoding="utf-8")
    config = load_config(ENV, toml)
    assert config.port == 8787
    assert len(config.trusted_proxies) == 2
    assert config.retention == timedelta(days=30)
