"""A small load test on loopback (3 sessions): every page renders, every slider move is answered, and the
kernels of closed sessions are culled. Timings are reported by benchmarks/bench_load.py, not asserted here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import require_program

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.browser


def test_three_sessions_render_respond_and_are_culled():
    require_program("chromium", "sudo apt-get install chromium")
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "benchmarks" / "bench_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    # The idle window must outlast a page's connect time under load, or a kernel is culled before its page connects.
    result = module.run_load(3, presses=3, cull_idle_seconds=30, cull_interval_seconds=5)
    print(result.report())
    assert result.rendered == 3
    assert len(result.slider_ms) == 9
    assert result.kernels_during > result.pool_size  # the sessions had kernels of their own
    assert result.kernels_after_culling <= result.pool_size  # ... and those are gone after the culling window
