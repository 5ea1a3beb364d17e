"""The served app runs no code sent over the kernel websocket and serves no file outside the dashboards."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.parametrize(
    "path",
    [
        "/voila/files/../pyproject.toml",
        "/voila/files/%2e%2e/pyproject.toml",
        "/voila/files/voila.json",
        "/voila/files/kanaalmix.ipynb",
        "/voila/static/../../pyproject.toml",
        "/files/pyproject.toml",
        "/api/contents/",
        "/api/kernels",
        "/tree",
        "/voila/render/../README.md",
    ],
)
def test_no_file_outside_the_dashboards_is_served(voila_url, path):
    code = status(voila_url + path)
    assert code in (403, 404, 405), f"{path} answered {code}"


SEND = """async ([url, code]) => {
  const ws = new WebSocket(url);
  const got = [];
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; setTimeout(rej, 10000); });
  ws.onmessage = (e) => got.push(typeof e.data === 'string' ? e.data : 'binary');
  const mk = (t, content) => JSON.stringify({header: {msg_id: t + Math.random(), username: 'x',
     session: 's' + Math.random(), msg_type: t, version: '5.3', date: '2026-01-01T00:00:00Z'},
     parent_header: {}, metadata: {}, channel: 'shell', content});
  ws.send(mk('kernel_info_request', {}));
  await new Promise(r => setTimeout(r, 1500));
  const before = got.length;
  ws.send(mk('execute_request', {code, silent: false, store_history: false, user_expressions: {},
                                 allow_stdin: false}));
  await new Promise(r => setTimeout(r, 3000));
  const state = ws.readyState; ws.close();
  return {before, state, got};
}"""


def test_an_execute_request_over_the_kernel_websocket_runs_nothing(browser, voila_url, tmp_path):
    """From inside the served page (same origin and cookies as a user), open the kernel's websocket, show that it
    answers, send code to run, and prove it did not run."""
    page = browser.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(voila_url + "/voila/render/kanaalmix.ipynb", wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector(".oc-ready", state="attached", timeout=60_000)
    kernel_urls = [u for u in sockets if "/api/kernels/" in u and "/channels" in u]
    assert kernel_urls, sockets
    marker = tmp_path / "ran.txt"
    result = page.evaluate(SEND, [kernel_urls[0], f"open({str(marker)!r}, 'w').write('ran')"])
    page.close()
    assert result["before"] >= 1, "the kernel channel did not answer at all, so the test would prove nothing"
    assert any('"msg_type": "status"' in m or '"msg_type":"status"' in m for m in result["got"])
    time.sleep(1)
    assert not marker.exists(), "code sent over the websocket was executed"
    assert not any("execute_reply" in m and '"ok"' in m for m in result["got"])
