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
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# no per-example time limit: speed is measured by benchmarks/, not asserted in tests (a shared 2-CPU machine
# takes 400 ms for what takes 20 ms alone)
settings.register_profile("omnicalc", deadline=None)
settings.load_profile("omnicalc")

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


@dataclass
class Served:
    """A dashboard server started by the tests: its URL, its log and its process."""

    url: str
    log: Path
    process: subprocess.Popen

    def kernels(self) -> int:
        """Kernels the server runs now (preheated pools included)."""
        import psutil

        count = 0
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                count += "ipykernel_launcher" in " ".join(child.cmdline())
            except psutil.Error:
                continue
        return count

    def wait_for_kernels(self, at_most: int, timeout: float) -> int:
        """Wait until the server runs at most ``at_most`` kernels (or ``timeout`` passes); the count then."""
        deadline = time.time() + timeout
        while (n := self.kernels()) > at_most and time.time() < deadline:
            time.sleep(0.5)
        return n


def serve(log: Path, command: list[str], env: dict[str, str] | None = None) -> Served:
    """Start a dashboard server with ``command`` (``{port}`` filled in) and wait until ``/`` answers."""
    port = _free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [part.format(port=port) for part in command],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=NOTEBOOKS,
            env={**os.environ, **(env or {})},
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
            stop_group(proc.pid)
            pytest.fail(f"voila did not answer within 90 s:\n{log.read_text()}")
        time.sleep(0.5)
    return Served(url, log, proc)


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The dashboards served by ``omnicalc serve`` (standalone Voila, the shipped voila.json) on a free port."""
    server = serve(
        tmp_path_factory.mktemp("voila") / "voila.log",
        [sys.executable, "-m", "omnicalc.cli", "serve", "--notebooks", str(NOTEBOOKS), "--port", "{port}"],
    )
    yield server
    stop_group(server.process.pid)


@pytest.fixture(scope="session")
def voila_url(served: Served) -> str:
    return served.url


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


#: The limits of the :func:`capped` server: small, so that the tests reach them with a few page views.
CAPPED = {"max_sessions": 4, "max_sessions_per_client": 2, "connect_seconds": 30, "disconnect_seconds": 8}
#: The public name the :func:`capped` server is configured with (through OMNICALC_PUBLIC_NAME).
PUBLIC_NAME = "dashboards.example.nl"
#: Preheated kernels: one per dashboard (voila.json).
POOL = 3


@pytest.fixture(scope="session")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The dashboards with small session limits and short windows, checked every second, and a public name;
    its preheated pools are full when the tests get it."""
    server = serve(
        tmp_path_factory.mktemp("capped") / "voila.log",
        [
            sys.executable,
            "-m",
            "omnicalc.ui.server",
            str(NOTEBOOKS),
            "--port={port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            "--no-browser",
            "--OmnicalcVoila.check_seconds=1",
            *(f"--OmnicalcVoila.{k}={v}" for k, v in CAPPED.items()),
        ],
        env={"OMNICALC_PUBLIC_NAME": PUBLIC_NAME},
    )
    deadline = time.time() + 120
    while server.kernels() < POOL and time.time() < deadline:
        time.sleep(0.5)
    yield server
    stop_group(server.process.pid)
