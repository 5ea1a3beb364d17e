"""The served app runs no code sent over the kernel websocket and serves no file outside the dashboards."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import uuid
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
        "/voila/tree",
        "/voila/tree/analyse",
        "/voila/api/contents",
        "/voila/api/contents/analyse",
        "/voila/render/analyse/01_aan_de_slag.ipynb",
        "/voila/render/voila.json",
        "/voila/render/../README.md",
    ],
)
def test_no_file_outside_the_dashboards_is_served(voila_url, path):
    code = status(voila_url + path)
    assert code in (403, 404, 405), f"{path} answered {code}"


V1 = "v1.kernel.websocket.jupyter.org"
SEND = (
    """async ([url, code]) => {
  // the v1 framing of jupyter_server: offset count, offsets (8 bytes little-endian each), channel, message parts
  const enc = new TextEncoder(), dec = new TextDecoder();
  const frame = (channel, parts) => {
    const chunks = [channel, ...parts.map(p => JSON.stringify(p))].map(x => enc.encode(x));
    const n = chunks.length + 1, offsets = [8 * (n + 1)];
    for (const c of chunks) offsets.push(offsets[offsets.length - 1] + c.length);
    const out = new Uint8Array(offsets[offsets.length - 1]), view = new DataView(out.buffer);
    view.setBigUint64(0, BigInt(n), true);
    offsets.forEach((o, i) => view.setBigUint64(8 * (i + 1), BigInt(o), true));
    chunks.forEach((c, i) => out.set(c, offsets[i]));
    return out;
  };
  const mk = (t, content) => frame('shell', [{msg_id: t + Math.random(), username: 'x', session: 's' + Math.random(),
      msg_type: t, version: '5.3', date: '2026-01-01T00:00:00Z'}, {}, {}, content]);
  const ws = new WebSocket(url, ['"""
    + V1
    + """']);
  ws.binaryType = 'arraybuffer';
  const got = [];
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; setTimeout(rej, 10000); });
  ws.onmessage = (e) => got.push(typeof e.data === 'string' ? e.data : dec.decode(e.data));
  ws.send(mk('kernel_info_request', {}));
  const answered = () => got.some(m => m.includes('kernel_info_reply'));
  for (let i = 0; i < 150 && !answered(); i++) await new Promise(r => setTimeout(r, 100));
  const before = got.length;
  ws.send(mk('execute_request', {code, silent: false, store_history: false, user_expressions: {},
                                 allow_stdin: false}));
  await new Promise(r => setTimeout(r, 3000));
  const state = ws.readyState; ws.close();
  return {before, state, got};
}"""
)


def open_kanaalmix(browser, voila_url) -> tuple[object, str]:
    """The dashboard in a page, and the URL of its kernel's websocket."""
    page = browser.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(voila_url + "/voila/render/kanaalmix.ipynb", wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector(".oc-ready", state="attached", timeout=60_000)
    kernel_urls = [u for u in sockets if "/api/kernels/" in u and "/channels" in u]
    assert kernel_urls, sockets
    # a session of its own: the page's session id would make the server replace the page's own connection
    return page, kernel_urls[0].split("?")[0] + f"?session_id={uuid.uuid4()}"


def test_an_execute_request_over_the_kernel_websocket_runs_nothing(browser, voila_url, tmp_path):
    """From inside the served page (same origin and cookies as a user), open the kernel's websocket, show that it
    answers, send code to run, and prove it did not run."""
    page, url = open_kanaalmix(browser, voila_url)
    marker = tmp_path / "ran.txt"
    result = page.evaluate(SEND, [url, f"open({str(marker)!r}, 'w').write('ran')"])
    page.close()
    assert any("kernel_info_reply" in m for m in result["got"]), (
        "the kernel channel did not answer, so the test would prove nothing",
        result,
    )
    time.sleep(1)
    assert not marker.exists(), "code sent over the websocket was executed"
    assert not any("execute_reply" in m and '"ok"' in m for m in result["got"])


ATTACK = (
    """async (url) => {
  const attempt = (protocols, payload) => new Promise(res => {
    const ws = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
    let opened = false;
    ws.onopen = () => { opened = true; if (payload) ws.send(payload); };
    ws.onclose = (e) => res({opened, code: e.code});
    setTimeout(() => res({opened, code: 'still open'}), 10000);
  });
  const legacy = await attempt(null, null);
  const header = new Uint8Array(16).fill(255);  // claims 2^64 - 1 offsets
  const crafted = await attempt(['"""
    + V1
    + """'], header);
  return {legacy, crafted};
}"""
)


def test_legacy_and_malformed_websocket_frames_do_not_stall_the_server(browser, voila_url):
    """jupyter_server reads a frame's first 8 bytes as a count of offsets; a legacy-protocol client or a crafted
    frame made the server spin and fill its memory. Both are now refused, and the server keeps answering."""
    page, url = open_kanaalmix(browser, voila_url)
    result = page.evaluate(ATTACK, url)
    page.close()
    assert not result["legacy"]["opened"]  # no v1 subprotocol: refused before the upgrade
    assert result["crafted"] == {"opened": True, "code": 1007}  # closed on the malformed frame
    for _ in range(3):
        t = time.perf_counter()
        assert status(voila_url + "/") == 200
        assert time.perf_counter() - t < 5
