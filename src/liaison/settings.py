"""One settings object, read from the environment (prefix ``LIAISON_``).

Development is the embedded default: a SQLite file and a secret generated once
and kept in the data directory. Production refuses to start without a real
secret, because a guessable key would let anyone forge sessions and tokens.
"""

from __future__ import annotations

import math
import os
import secrets
from collections import Counter
from functools import cached_property
from ipaddress import IPv4Network, IPv6Network, ip_network
from itertools import pairwise
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from liaison.domain.codes import Mode
from liaison.domain.errors import ConfigurationError

SECRET_FILE_NAME = "secret_key"  # noqa: S105 (a file name, not a secret)
MINIMUM_SECRET_LENGTH = 32
# Values people paste from examples; never acceptable as a production secret.
UNSAFE_SECRETS = frozenset({"", "changeme", "change-me", "secret", "development", "liaison"})


class Settings(BaseSettings):
    """Everything Liaison reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="LIAISON_", extra="ignore", frozen=True)

    mode: Mode = Mode.DEVELOPMENT
    data_dir: Path = Field(default=Path("var"), description="Where the embedded default keeps its files.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: a SQLite file in the data directory."
    )
    secret_key: SecretStr | None = None
    broker_url: str | None = Field(default=None, description="NATS URL; unset runs in-process.")
    broker_stream: str = Field(
        default="LIAISON", pattern=r"^[A-Z][A-Z0-9_]{0,31}$", description="JetStream stream of receipts"
    )
    max_processing_attempts: int = Field(
        default=5,
        ge=1,
        le=100,
        description="failed processing attempts after which a pushed message is set aside as failed",
    )
    max_upload_bytes: int = Field(
        default=50 * 2**20, ge=1024, description="largest register file or message accepted"
    )
    max_attachment_bytes: int = Field(
        default=200 * 2**20, ge=1024, description="largest file attached to an exchange message"
    )
    name_count_min_persons: int = Field(
        default=5,
        ge=1,
        description="travellers who must bear a name part before its count is stored (name_part_counts); "
        "rarer parts are counted in memory only, so the table never lists one traveller's rare name",
    )
    freeze_heap: bool = Field(
        default=True,
        description="after building register indexes, keep them out of the cyclic garbage collector's "
        "full collections (a served app otherwise pauses ~0.4 s now and then), and so again in a worker "
        "every 2,000 travellers screened; off in the test suite, where one process runs many apps",
    )
    rescreen_past_hours: int = Field(default=24, ge=0, description="re-screen flights departed this recently")
    rescreen_future_hours: int = Field(default=72, ge=0, description="and flights departing this soon")
    base_url: str | None = Field(
        default=None,
        description="the site's public address (https://liaison.example.org): absolute links and "
        "redirects are built from it, never from a request's Host header; required in production",
    )
    max_json_bytes: int = Field(
        default=2**20,
        ge=1024,
        description="largest JSON or form body; files and raw messages have their own limits",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    # --- identity: sessions, sign-in throttling and tokens -------------------
    session_idle_minutes: int = Field(
        default=30, ge=1, le=24 * 60, description="a signed-in session unused this long ends"
    )
    session_lifetime_hours: int = Field(
        default=12,
        ge=1,
        le=7 * 24,
        description="a signed-in session ends this long after sign-in, used or not",
    )
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="addresses or networks (CIDR) of the reverse proxies whose X-Forwarded-For is "
        "believed, comma-separated; none by default, so the peer's own address is used",
    )
    personal_token_max_days: int = Field(
        default=90, ge=1, le=366, description="longest validity of a token a person issues for a script"
    )
    machine_token_max_days: int = Field(
        default=365, ge=1, le=2 * 366, description="longest validity of a machine client's token"
    )

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxies_are_networks(cls, value: object) -> tuple[str, ...]:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ValueError("expected addresses or CIDR networks separated by commas")
        networks = []
        for item in items:
            text = str(item).strip()
            if not text:
                continue
            try:
                networks.append(str(ip_network(text, strict=False)))
            except ValueError:
                raise ValueError(f"{text!r} is not an IP address or CIDR network") from None
        return tuple(networks)

    @field_validator("database_url")
    @classmethod
    def _database_url_is_sqlalchemy_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if "://" not in value:
            raise ValueError("expected a URL such as sqlite:///var/liaison.db or postgresql+psycopg://…")
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url_is_an_origin(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parts = urlsplit(value)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.path.strip("/")
            or parts.query
        ):
            raise ValueError("expected a scheme and host only, such as https://liaison.example.org")
        return f"{parts.scheme}://{parts.netloc}"

    def public_base_url(self) -> str | None:
        """The configured public address; production refuses to serve pages without an https one."""
        if self.mode is Mode.PRODUCTION and (
            self.base_url is None or not self.base_url.startswith("https://")
        ):
            raise ConfigurationError(
                "LIAISON_BASE_URL must be the site's https:// address in production mode "
                "(links are built from it, not from the Host header)"
            )
        return self.base_url

    @cached_property
    def trusted_proxy_networks(self) -> tuple[IPv4Network | IPv6Network, ...]:
        return tuple(ip_network(proxy) for proxy in self.trusted_proxies)

    @cached_property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'liaison.db').as_posix()}"

    def secret(self) -> str:
        """The installation secret, generated once in development if unset."""
        if self.secret_key is not None:
            value = self.secret_key.get_secret_value()
            if self.mode is Mode.PRODUCTION:
                _refuse_unsafe_secret(value)
            return value
        if self.mode is Mode.PRODUCTION:
            raise ConfigurationError("LIAISON_SECRET_KEY must be set in production mode")
        return _development_secret(self.data_dir)

    def check(self) -> None:
        """Fail early, with one line, on settings that cannot work."""
        self.secret()


def _refuse_unsafe_secret(value: str) -> None:
    if value.strip().lower() in UNSAFE_SECRETS or len(value) < MINIMUM_SECRET_LENGTH:
        raise ConfigurationError(
            "LIAISON_SECRET_KEY is a default or too short for production "
            f"(use at least {MINIMUM_SECRET_LENGTH} random characters)"
        )
    if _looks_predictable(value):
        raise ConfigurationError(
            "LIAISON_SECRET_KEY is too predictable for production (few distinct characters, a repeated "
            "pattern or a sequence); use a random value such as `openssl rand -base64 48`"
        )


MINIMUM_DISTINCT_CHARACTERS = 8
MINIMUM_SECRET_BITS = 80.0  # the characters' Shannon entropy times the length


def _looks_predictable(value: str) -> bool:
    """64 x 'a', '0123…' repeated, 'abcdef…': long enough, yet guessable. A random
    32-character hex or base64 value passes all three tests."""
    if len(set(value)) < MINIMUM_DISTINCT_CHARACTERS:
        return True
    counts = Counter(value)
    bits = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values()) * len(value)
    if bits < MINIMUM_SECRET_BITS:
        return True
    if any(
        value == (value[:period] * (len(value) // period + 1))[: len(value)]
        for period in range(1, len(value) // 2 + 1)
    ):
        return True
    steps = [ord(b) - ord(a) for a, b in pairwise(value)]
    return sum(1 for step in steps if abs(step) <= 1) > len(steps) * 3 // 4


def _development_secret(data_dir: Path) -> str:
    """Read the data directory's secret, creating it (mode 0600) on first use."""
    path = data_dir / SECRET_FILE_NAME
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value


def load_settings(**overrides: object) -> Settings:
    """Build settings, turning validation errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"LIAISON_{'_'.join(str(part) for part in error['loc']).upper()}: {error['msg']}"
            for error in exc.errors()
        )
        raise ConfigurationError(f"invalid settings: {problems}") from None
