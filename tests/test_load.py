"""A small load test on loopback (3 sessions): every page renders, every slider move is answered, and the
kernels of closed sessions are culled. Timings are reported by benchmarks/bench_load.py, not asserted here.

And kernels cannot pile up: plain GETs (no browser, no websocket) start no more kernels than the session cap,
those are shut down within the connect window, and a client beyond its cap, or beyond the server's, gets the
Dutch "Het is druk" page (503, Retry-After) while other clients are still served.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import CAPPED, POOL, require_program

from omnicalc.ui.sessions import KERNEL_NICENESS

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


def test_three_sessions_render_respond_and_are_culled():
    require_program("chromium", "sudo apt-get install chromium")
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "benchmarks" / "bench_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    # the browser contexts close without an unload beacon: their kernels go after the disconnect window
    result = module.run_load(3, presses=3, disconnect_seconds=10, check_seconds=2)
    print(result.report())
    assert result.rendered == 3 and result.refused == 0
    assert len(result.slider_ms) == 9
    assert result.kernels_during > result.pool_size  # the sessions had kernels of their own
    assert result.kernels_after_culling <= result.pool_size  # ... and those are gone after the culling window


RENDER = "/voila/render/kanaalmix.ipynb"


def get(url: str, client: str | None = None) -> tuple[int, dict[str, str], str]:
    """A plain GET (``client``: the address a trusted proxy would put in X-Forwarded-For)."""
    request = urllib.request.Request(url, headers={"X-Forwarded-For": client} if client else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


def test_twenty_plain_gets_leave_at_most_the_cap_of_kernels_and_are_culled_to_the_pool(capped):
    assert capped.wait_for_kernels(POOL, 60) == POOL
    codes, most = [], 0
    for _ in range(20):
        codes.append(get(capped.url + RENDER)[0])
        most = max(most, capped.kernels())
    cap = CAPPED["max_sessions_per_client"]  # all from 127.0.0.1
    assert codes.count(200) >= cap and set(codes) <= {200, 503}, codes
    assert most <= POOL + cap, (most, codes)
    t = time.time()
    # a page that never connects is shut down within the connect window (+ the check interval and a margin)
    assert capped.wait_for_kernels(POOL, CAPPED["connect_seconds"] + 15) == POOL
    assert time.time() - t <= CAPPED["connect_seconds"] + 15
    assert "never connected" in capped.log.read_text()


def test_a_client_beyond_its_cap_is_refused_politely_and_others_are_served(capped):
    assert capped.wait_for_kernels(POOL, CAPPED["connect_seconds"] + 15) == POOL
    per_client, total = CAPPED["max_sessions_per_client"], CAPPED["max_sessions"]
    assert [get(capped.url + RENDER, "10.0.0.1")[0] for _ in range(per_client)] == [200] * per_client
    code, headers, body = get(capped.url + RENDER, "10.0.0.1")
    assert code == 503 and headers["Retry-After"] == "60"
    assert "Het is druk, probeer het over een minuut opnieuw" in body and 'lang="nl"' in body
    assert capped.kernels() <= POOL + per_client  # the refused request started no kernel
    # another client is still served, until the server as a whole is full
    others = [get(capped.url + RENDER, f"10.0.1.{k}")[0] for k in range(total - per_client)]
    assert others == [200] * (total - per_client)
    code, _, body = get(capped.url + RENDER, "10.0.2.1")
    assert code == 503 and "Het is druk" in body
    assert capped.kernels() <= POOL + total
    # the landing page is not a session: it answers while the server is full
    assert get(capped.url + "/")[0] == 200


def test_kernels_run_nicer_than_the_server(capped):
    """A burst of page loads cannot starve the one server thread that serves every session (docs/serveren.md)."""
    import psutil

    server = psutil.Process(capped.process.pid)
    kernels = [k for k in server.children(recursive=True) if "ipykernel_launcher" in " ".join(k.cmdline())]
    assert len(kernels) >= POOL
    assert {k.nice() for k in kernels} == {min(19, server.nice() + KERNEL_NICENESS)}
