"""The served app runs no code sent over the kernel websocket, serves no file outside the dashboards, sends no
traceback to the browser, answers only its own host names, and sets its security headers on every response."""

from __future__ import annotations

import platform
import re
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import ipykernel
import IPython
import pytest
from conftest import CAPPED, POOL, PUBLIC_NAME

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


def leave(page) -> None:
    """Navigate away (the page's unload beacon shuts its kernel down), then close the page."""
    page.goto("about:blank")
    page.close()


def test_an_execute_request_over_the_kernel_websocket_runs_nothing(browser, voila_url, tmp_path):
    """From inside the served page (same origin and cookies as a user), open the kernel's websocket, show that it
    answers, send code to run, and prove it did not run."""
    page, url = open_kanaalmix(browser, voila_url)
    marker = tmp_path / "ran.txt"
    result = page.evaluate(SEND, [url, f"open({str(marker)!r}, 'w').write('ran')"])
    leave(page)
    assert any("kernel_info_reply" in m for m in result["got"]), (
        "the kernel channel did not answer, so the test would prove nothing",
        result,
    )
    info = next(m for m in result["got"] if "kernel_info_reply" in m)
    for version in (platform.python_version(), IPython.__version__, ipykernel.__version__, "IPython "):
        assert version not in info, version  # no version banner over the websocket
    assert '"protocol_version"' in info
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
    leave(page)
    assert not result["legacy"]["opened"]  # no v1 subprotocol: refused before the upgrade
    assert result["crafted"] == {"opened": True, "code": 1007}  # closed on the malformed frame
    for _ in range(3):
        t = time.perf_counter()
        assert status(voila_url + "/") == 200
        assert time.perf_counter() - t < 5


BOOM = SEND.replace(
    """  const before = got.length;
  ws.send(mk('execute_request', {code, silent: false, store_history: false, user_expressions: {},
                                 allow_stdin: false}));""",
    """  const before = got.length;
  // every widget gets a custom message that is not a dict: ipywidgets' Button handler calls .get on it, and
  // ipywidgets shows the AttributeError with showtraceback: an iopub 'error' message with the full traceback
  ws.send(mk('comm_info_request', {}));
  const replied = () => got.find(m => m.includes('comm_info_reply'));
  for (let i = 0; i < 150 && !replied(); i++) await new Promise(r => setTimeout(r, 100));
  const reply = replied();
  const comms = JSON.parse(reply.slice(Math.max(reply.lastIndexOf('{"status"'), reply.lastIndexOf('{"comms"')))).comms;
  for (const id of Object.keys(comms)) {
    ws.send(mk('comm_msg', {comm_id: id, data: {method: 'custom', content: code}}));
  }""",
)
assert BOOM != SEND


def test_the_websocket_carries_no_traceback(browser, capped):
    assert capped.wait_for_kernels(POOL, CAPPED["connect_seconds"] + 15) == POOL
    page, url = open_kanaalmix(browser, capped.url)
    result = page.evaluate(BOOM, [url, "boom"])
    leave(page)
    errors = [m for m in result["got"] if '"msg_type": "error"' in m]
    assert errors, "no error message came back, so the test would prove nothing"
    assert all("Er ging iets mis (fout-id " in m for m in errors)
    everything = "".join(result["got"])
    for leak in ("Traceback", "AttributeError", "site-packages", str(ROOT), '.py", line', '.py\\", line'):
        assert leak not in everything, leak
    fault = errors[0].split("fout-id ")[1][:8]
    log = capped.log.read_text()
    assert f"fout-id {fault}" in log and "AttributeError" in log.split(f"fout-id {fault}")[1][:2000]


def test_a_page_that_is_left_shuts_its_kernel_down(browser, capped):
    assert capped.wait_for_kernels(POOL, CAPPED["connect_seconds"] + 15) == POOL
    page, url = open_kanaalmix(browser, capped.url)
    kernel_id = url.split("/api/kernels/")[1].split("/")[0]
    assert capped.kernels() == POOL + 1
    page.goto("about:blank")  # the unload beacon: at once, not after the disconnect window
    assert capped.wait_for_kernels(POOL, CAPPED["disconnect_seconds"] + 10) == POOL
    assert f"kernel {kernel_id} shut down: its page was closed" in capped.log.read_text()
    page.close()


def test_a_page_closed_without_a_beacon_loses_its_kernel_after_the_disconnect_window(browser, capped):
    assert capped.wait_for_kernels(POOL, CAPPED["connect_seconds"] + 15) == POOL
    page, _ = open_kanaalmix(browser, capped.url)
    page.close()  # Playwright closes without beforeunload: no beacon, only the websocket closes
    time.sleep(2)
    assert capped.kernels() == POOL + 1
    assert capped.wait_for_kernels(POOL, CAPPED["disconnect_seconds"] + 10) == POOL


def request(url: str, host: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], str]:
    r = urllib.request.Request(url, headers={"Host": host} if host else {}, method=method)
    try:
        with urllib.request.urlopen(r, timeout=120) as answer:
            return answer.status, dict(answer.headers), answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


@pytest.mark.parametrize("path", ["/", "/voila/render/kanaalmix.ipynb", "/voila/static/voila.js", "/nope"])
def test_only_the_configured_host_names_are_answered(capped, path):
    """Against DNS rebinding: a page of evil.example that resolves to this server gets nothing, and no kernel."""
    before = capped.kernels()
    code, _, body = request(capped.url + path, host="evil.example")
    assert code == 400 and "Onbekend adres" in body
    code, _, _ = request(capped.url + path, host="evil.example:80")
    assert code == 400
    assert capped.kernels() <= before
    for host in ("127.0.0.1", "localhost", PUBLIC_NAME, PUBLIC_NAME.upper() + ":8866"):
        assert request(capped.url + "/", host=host)[0] == 200, host


def upgrade(url: str, path: str, host: str) -> int:
    """The status of a websocket upgrade request for ``path`` with ``Host: host``."""
    import base64
    import http.client
    import os
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {
        "Host": host,
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
        "Sec-WebSocket-Protocol": V1,
    }
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_kernel_websocket_refuses_a_foreign_host(capped):
    """A page of evil.example resolving to this server could otherwise talk to a kernel."""
    _, _, page = request(capped.url + "/voila/render/kanaalmix.ipynb")
    kernel_id = re.search(r'"kernelId": "([0-9a-f-]{36})"', page).group(1)
    path = f"/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
    assert upgrade(capped.url, path, "evil.example") == 400
    assert upgrade(capped.url, path, "127.0.0.1") == 101  # the same request for this host opens the websocket


@pytest.mark.parametrize(
    "path", ["/", "/nope", "/voila/render/kanaalmix.ipynb", "/voila/static/voila.js", "/voila/templates/lab"]
)
def test_every_response_has_the_security_headers_and_no_version_banner(capped, path):
    code, headers, body = request(capped.url + path)
    assert code in (200, 404, 503), code
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Server" not in headers
    if path.endswith(".ipynb") and code == 200:
        import voila

        assert voila.__version__ not in body and "appVersion" not in body


def test_the_busy_and_host_pages_have_the_headers_too(capped):
    _, headers, _ = request(capped.url + "/", host="evil.example")
    assert headers["X-Content-Type-Options"] == "nosniff" and "Server" not in headers


@pytest.mark.parametrize(
    "path",
    [
        "/voila/templates/",
        "/voila/templates/lab",
        "/voila/templates/lab/",
        "/voila/templates/x/y",
        "/voila/templates/%2e%2e/",
        "/voila/templates/lab/..%2f..%2fx",
        "/voila/templates/lab/static/..%2f..%2f..%2fpyproject.toml",
        "/voila/templates/lab/nostatic/voila.js",
    ],
)
def test_odd_template_paths_are_404_not_500(capped, path):
    assert request(capped.url + path)[0] == 404


@pytest.mark.parametrize(
    "path",
    ["/nonexistent", "/voila/render/bestaatniet.ipynb", "/voila/render/analyse/01_aan_de_slag.ipynb", "/voila/tree"],
)
def test_an_unknown_address_gets_a_dutch_error_page(voila_url, path):
    code, headers, body = request(voila_url + path)
    assert code == 404, code
    assert headers["Content-Type"].startswith("text/html")
    assert '<html lang="nl">' in body and "Pagina niet gevonden" in body and "Naar de startpagina" in body
    assert "Not Found" not in body and "404:" not in body
