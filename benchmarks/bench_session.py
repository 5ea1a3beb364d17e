"""What one new dashboard session costs: CPU and memory of its kernel, CPU of the server, time to the page.

Run: .venv/bin/python benchmarks/bench_session.py [PAGE_VIEWS]   (default 5)
Serves the dashboards without preheated kernels and GETs the Kanaalmix page that many times, one after
the other (no browser: the kernel starts and executes the dashboard, the page is not connected). Prints
medians over the page views. Only 127.0.0.1 is contacted. docs/serveren.md uses these figures.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import ROOT, server_command, wait_until_up


def _kernels(server: psutil.Process) -> dict[int, psutil.Process]:
    return {c.pid: c for c in server.children(recursive=True) if "ipykernel_launcher" in " ".join(c.cmdline())}


def measure(page_views: int = 5) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    proc = subprocess.Popen(
        server_command(port, "--VoilaConfiguration.preheat_kernel=False"),
        cwd=ROOT / "notebooks",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = psutil.Process(proc.pid)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        kernel_cpu, kernel_rss, server_cpu, wall = [], [], [], []
        for _ in range(page_views):
            before, cpu0, t = set(_kernels(server)), sum(server.cpu_times()[:2]), time.perf_counter()
            urllib.request.urlopen(url + "/voila/render/kanaalmix.ipynb", timeout=300).read()
            wall.append(time.perf_counter() - t)
            server_cpu.append(sum(server.cpu_times()[:2]) - cpu0)
            for pid, kernel in _kernels(server).items():
                if pid not in before:
                    times = kernel.cpu_times()
                    kernel_cpu.append(times.user + times.system)
                    kernel_rss.append(kernel.memory_info().rss / 2**20)
        return (
            f"new session ({page_views} page views): kernel CPU {statistics.median(kernel_cpu):.1f} s, "
            f"server CPU {statistics.median(server_cpu):.2f} s, page {statistics.median(wall):.1f} s, "
            f"kernel RSS {statistics.median(kernel_rss):.0f} MiB; server RSS {server.memory_info().rss / 2**20:.0f} MiB"
        )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


if __name__ == "__main__":
    print(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
