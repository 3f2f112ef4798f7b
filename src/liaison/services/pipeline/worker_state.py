"""What a running worker reports about itself, and how it waits after a failure.

`liaison worker --health-file FILE` keeps FILE up to date (written whole, then
renamed into place, so a reader never sees half of it); `liaison workers status
FILE` reads it for an operator or a container's health probe. A file is the
simplest real thing: no port to open on a machine that runs several workers.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from liaison.domain.errors import ConfigurationError

log = logging.getLogger(__name__)

STARTING = "starting"
READY = "ready"
WAITING_FOR_DATABASE = "waiting for the database"
WAITING_FOR_BROKER = "waiting for the broker"
STOPPED = "stopped"

# A worker that is alive rewrites its file at least this often, even when idle.
HEARTBEAT_SECONDS = 5.0
# A file older than this belongs to a worker that hangs or is gone.
STALE_AFTER_SECONDS = 30.0


@dataclass
class Backoff:
    """Capped exponential delays: 0.5 s, 1 s, 2 s … up to `cap`; `reset` after a success."""

    initial: float = 0.5
    cap: float = 30.0
    _next: float = 0.0

    def delay(self) -> float:
        self._next = min(self.cap, self._next * 2 if self._next else self.initial)
        return self._next

    def reset(self) -> None:
        self._next = 0.0


@dataclass
class WorkerHealth:
    """The worker's state and counts; written to `path` (if any) on every change and heartbeat."""

    path: Path | None = None
    state: str = STARTING
    processed: int = 0
    set_aside: int = 0
    last_error: str | None = None
    since: datetime = field(default_factory=lambda: datetime.now(UTC))
    _written: float = 0.0

    def update(self, state: str, error: str | None = None) -> None:
        if state != self.state:
            self.state, self.since = state, datetime.now(UTC)
        if error is not None:
            self.last_error = error
        self.write()

    def heartbeat(self) -> None:
        if time.monotonic() - self._written >= HEARTBEAT_SECONDS:
            self.write()

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "since": self.since.isoformat(),
            "updated_at": datetime.now(UTC).isoformat(),
            "pid": os.getpid(),
            "processed": self.processed,
            "set_aside": self.set_aside,
            "last_error": self.last_error,
        }

    def write(self) -> None:
        self._written = time.monotonic()
        if self.path is None:
            return
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            partial.write_text(json.dumps(self.as_dict()) + "\n", encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as exc:  # a full disk must not stop the work; the file's age tells
            log.warning("cannot write the health file %s: %s", self.path, exc.strerror)


@dataclass(frozen=True)
class Status:
    report: dict[str, Any]
    healthy: bool
    summary: str


def read_status(path: Path, now: datetime | None = None) -> Status:
    """A worker's last report; healthy when it is ready and wrote recently."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        updated = datetime.fromisoformat(report["updated_at"])
    except FileNotFoundError:
        raise ConfigurationError(
            f"{path}: no worker health file (is the worker started with --health-file?)"
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigurationError(f"{path}: not a worker health file ({type(exc).__name__})") from None
    age = ((now or datetime.now(UTC)) - updated).total_seconds()
    state = str(report.get("state"))
    if age > STALE_AFTER_SECONDS and state != STOPPED:
        summary = f"not responding: last report {age:.0f} s ago, state {state}"
        return Status(report, False, summary)
    summary = f"{state} since {report.get('since')}; processed {report.get('processed')}, "
    summary += f"set aside {report.get('set_aside')}"
    if report.get("last_error") and state != READY:
        summary += f"; last error: {report['last_error']}"
    return Status(report, state == READY, summary)
