"""Dashboard timings in a real browser (Debian's chromium via Playwright), against the served app.

Run: .venv/bin/python benchmarks/bench_dashboard.py
Prints: page -> interactive (first view and with a preheated kernel), bytes per page view
(HTTP responses plus websocket frames), and slider -> KPI text and slider -> chart latency
(p50/p95 over 30 key presses, timed inside the page with performance.now()), and the CPU the
page's kernel process spends per slider move (median over the same presses, from psutil; the kernel
with the most CPU over the presses is the page's), plus, without a browser, the CPU of one
recomputation in this process (model + chart data, median of 30 moves of the same slider).
Goals (issue 5): KPI p95 <= 100 ms, chart p95 <= 150 ms, interactive <= 2 s, <= 3 MiB per view;
(issue 18) kernel CPU per slider move <= 25 ms median.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
WATCH = """() => {
  window.__oc = {kpi: [], chart: []};
  const kpi = document.querySelector('.oc-kpis');
  new MutationObserver(() => window.__oc.kpi.push(performance.now()))
    .observe(kpi, {childList: true, subtree: true, characterData: true});
  const chart = document.querySelector('.oc-chart-waterfall svg');  // drawn by Vega; updated in place
  new MutationObserver(() => window.__oc.chart.push(performance.now()))
    .observe(chart, {attributes: true, childList: true, subtree: true, characterData: true});
}"""
PRESS = """() => {
  const h = document.querySelector('.oc-reach .noUi-handle');
  window.__oc.t0 = performance.now(); window.__oc.kpi = []; window.__oc.chart = [];
  h.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', keyCode: 39, bubbles: true}));
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kernel_cpu(server: psutil.Process) -> dict[int, float]:
    """CPU seconds (user + system) of each kernel process under the server."""
    out = {}
    for c in server.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(c.cmdline()):
                t = c.cpu_times()
                out[c.pid] = t.user + t.system
        except psutil.Error:
            continue
    return out


def callback_cpu(moves: int = 30) -> list[float]:
    """CPU milliseconds of one recomputation after a reach-slider move, in this process (no kernel, no browser)."""
    from omnicalc.ui.kanaalmix import KanaalmixApp

    app = KanaalmixApp()
    app.tabs.selected_index = 1  # the waterfall's tab, as in the browser run
    out = []
    for i in range(moves + 5):
        t = time.process_time()
        app.reach.value = 0.5 + 0.01 * (i % 20)
        if i >= 5:
            out.append((time.process_time() - t) * 1000)
    return out


def main() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "omnicalc.cli", "serve", "--notebooks", str(ROOT / "notebooks"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(8)  # let the preheated kernel pool fill
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            for label in ("first view, empty browser cache", "second view, browser cache warm"):
                page = context.new_page()
                received = {"http": 0, "ws": 0}

                def count(kind: str, n: int, received: dict[str, int] = received) -> None:
                    received[kind] += n

                def on_response(r, count=count) -> None:
                    sizes = r.request.sizes()  # bytes on the wire (encoded body + headers)
                    count("http", sizes["responseBodySize"] + sizes["responseHeadersSize"])

                page.on("response", on_response)
                page.on(
                    "websocket",
                    lambda ws, count=count: ws.on(
                        "framereceived", lambda f: count("ws", len(f if isinstance(f, bytes) else f.encode()))
                    ),
                )
                t = time.perf_counter()
                page.goto(url + "/voila/render/kanaalmix.ipynb", wait_until="domcontentloaded")
                page.wait_for_selector(".oc-kpi-saving", timeout=120_000)
                interactive = time.perf_counter() - t
                page.wait_for_timeout(1500)
                mib = (received["http"] + received["ws"]) / 2**20
                print(
                    f"page -> interactive, {label}: {interactive:.2f} s; received {mib:.2f} MiB "
                    f"(HTTP {received['http'] / 2**20:.2f}, websocket {received['ws'] / 2**20:.2f})"
                )
                time.sleep(10)  # the preheated pool refills
            page.get_by_text("Besparing per hefboom").click()
            page.wait_for_selector(".oc-chart-waterfall svg")
            page.wait_for_timeout(1000)
            page.evaluate(WATCH)
            kpi, chart, cpu = [], [], []
            server = psutil.Process(proc.pid)
            for _ in range(30):
                cpu0 = _kernel_cpu(server)
                page.evaluate(PRESS)
                page.wait_for_function(
                    "() => window.__oc.kpi.length > 0 && window.__oc.chart.length > 0", timeout=10_000
                )
                page.wait_for_timeout(150)
                cpu1 = _kernel_cpu(server)
                cpu.append({pid: cpu1[pid] - t for pid, t in cpu0.items() if pid in cpu1})
                r = page.evaluate("() => window.__oc")
                kpi.append(r["kpi"][0] - r["t0"])
                chart.append(r["chart"][-1] - r["t0"])  # the last change: the chart has settled
            for name, values in (("slider -> KPI text", kpi), ("slider -> chart", chart)):
                print(f"{name}: p50 {np.percentile(values, 50):.0f} ms, p95 {np.percentile(values, 95):.0f} ms")
            pid = max(cpu[0], key=lambda k: sum(c.get(k, 0.0) for c in cpu))
            per_move = [c.get(pid, 0.0) * 1000 for c in cpu]
            print(
                f"kernel process CPU per slider move: median {np.median(per_move):.0f} ms, "
                f"p95 {np.percentile(per_move, 95):.0f} ms"
            )
            browser.close()
    finally:
        proc.terminate()
        proc.wait(15)
    values = callback_cpu()
    print(f"recomputation CPU in process (model + chart data): median {np.median(values):.1f} ms")


if __name__ == "__main__":
    main()
