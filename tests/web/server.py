"""The real app served by uvicorn on a free port of 127.0.0.1, in a thread of the test process."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn

from liaison.app import create_app
from liaison.services.runtime import Runtime

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def serving(runtime: Runtime) -> Iterator[str]:
    """Yields the base URL while the app answers; stops it (and its live streams) after."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(runtime=runtime),
        log_level="warning",
        timeout_graceful_shutdown=1,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def chromium_path() -> str:
    """Debian's chromium, installed when missing and we may (root with apt-get); else skip."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium, as root)")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=environment, timeout=600)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=environment, timeout=1200
    )
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"apt-get could not install chromium at {CHROMIUM}")
    return CHROMIUM
