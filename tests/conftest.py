"""Shared fixtures: system programs, the Voila server and the browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"


def require_program(name: str, how: str) -> str:
    """Path of a system program; in CI a missing one fails the test, elsewhere it skips with how to install it."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed; install it with: {how}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboards served by ``omnicalc serve`` (standalone Voila, the shipped voila.json) on a free port."""
    port = _free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "omnicalc.cli", "serve", "--notebooks", str(NOTEBOOKS), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        if proc.poll() is not None:
            pytest.fail(f"voila exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as r:
                if r.status < 400:
                    break
        except OSError:
            pass
        if time.time() > deadline:
            proc.kill()
            pytest.fail(f"voila did not answer within 90 s:\n{log.read_text()}")
        time.sleep(0.5)
    yield url
    stop_group(proc.pid)


def stop_group(pgid: int, grace_seconds: float = 20.0) -> None:
    """SIGTERM to the server's process group, then SIGKILL to whatever is left after the grace period
    (a server stuck in a loop never runs its SIGTERM handler and would outlive the tests)."""
    os.killpg(pgid, 15)
    deadline = time.time() + grace_seconds
    while time.time() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    try:
        os.killpg(pgid, 9)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    chromium = require_program("chromium", "sudo apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()
