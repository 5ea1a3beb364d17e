"""Imports point one way: the core loads no UI or plotting library."""

from __future__ import annotations

import subprocess
import sys


def test_core_import_loads_no_ui_or_plotting():
    code = (
        "import sys, omnicalc, omnicalc.cli; "
        "bad = [m for m in ('ipywidgets', 'IPython', 'matplotlib', 'plotly', 'bqplot', 'voila', 'ipykernel') "
        "if m in sys.modules]; print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_import_is_quick_and_lazy():
    # loading the defaults is done on first use, not at import
    code = "import sys, omnicalc; from omnicalc import params; print(params.default_table.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "0"
