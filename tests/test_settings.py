from __future__ import annotations

import secrets
import stat
from pathlib import Path

import pytest

from liaison.domain.codes import Mode
from liaison.domain.errors import ConfigurationError
from liaison.settings import Settings, load_settings


def test_default_database_is_a_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    assert settings.effective_database_url == f"sqlite:///{(tmp_path / 'var' / 'liaison.db').as_posix()}"
    assert settings.broker_url is None
    assert settings.mode is Mode.DEVELOPMENT


def test_environment_prefix_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LIAISON_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LIAISON_BROKER_URL", "nats://127.0.0.1:4222")
    monkeypatch.setenv("LIAISON_MODE", "production")
    settings = load_settings()
    assert settings.data_dir == tmp_path
    assert settings.broker_url == "nats://127.0.0.1:4222"
    assert settings.mode is Mode.PRODUCTION


def test_development_secret_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = settings.secret()
    assert len(first) >= 32
    assert Settings(data_dir=tmp_path).secret() == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_production_refuses_a_missing_secret(tmp_path: Path) -> None:
    settings = Settings(mode=Mode.PRODUCTION, data_dir=tmp_path)
    with pytest.raises(ConfigurationError, match="LIAISON_SECRET_KEY must be set"):
        settings.check()
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("secret", ["changeme", "secret", "short-but-random-7f3a"])
def test_production_refuses_default_or_short_secrets(tmp_path: Path, secret: str) -> None:
    settings = Settings(mode=Mode.PRODUCTION, data_dir=tmp_path, secret_key=secret)
    with pytest.raises(ConfigurationError, match="default or too short"):
        settings.check()


@pytest.mark.parametrize(
    "secret",
    [
        "a" * 64,
        "0123456789" * 7,
        "ab" * 32,
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "passwordpasswordpasswordpassword",
    ],
)
def test_production_refuses_long_but_predictable_secrets(tmp_path: Path, secret: str) -> None:
    settings = Settings(mode=Mode.PRODUCTION, data_dir=tmp_path, secret_key=secret)
    with pytest.raises(ConfigurationError, match="too predictable"):
        settings.check()


def test_production_accepts_random_hex_and_base64_secrets(tmp_path: Path) -> None:
    for secret in [secrets.token_hex(16) for _ in range(200)] + [
        secrets.token_urlsafe(32) for _ in range(200)
    ]:
        assert Settings(mode=Mode.PRODUCTION, data_dir=tmp_path, secret_key=secret).secret() == secret


@pytest.mark.parametrize(
    "base_url", ["liaison.example.org", "https://liaison.example.org/app", "ftp://x.org"]
)
def test_base_url_must_be_an_origin(base_url: str) -> None:
    with pytest.raises(ConfigurationError, match="LIAISON_BASE_URL"):
        load_settings(base_url=base_url)


def test_production_accepts_a_long_random_secret(tmp_path: Path) -> None:
    secret = "k" * 8 + "9f2c1e7a5b3d4c6e8f0a1b2c3d4e5f6a"
    settings = Settings(mode=Mode.PRODUCTION, data_dir=tmp_path, secret_key=secret)
    assert settings.secret() == secret


def test_bad_settings_give_one_line_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIAISON_PORT", "eighty")
    monkeypatch.setenv("LIAISON_MODE", "staging")
    with pytest.raises(ConfigurationError) as caught:
        load_settings()
    message = caught.value.message
    assert "\n" not in message
    assert "LIAISON_PORT" in message
    assert "LIAISON_MODE" in message


def test_database_url_must_be_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIAISON_DATABASE_URL", "var/liaison.db")
    with pytest.raises(ConfigurationError, match="LIAISON_DATABASE_URL"):
        load_settings()
