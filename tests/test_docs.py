"""The documentation site builds without a warning, and its sources page matches the shipped defaults."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sources_page_matches_the_defaults():
    spec = importlib.util.spec_from_file_location("make_sources_page", ROOT / "docs" / "make_sources_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "bronnen.md").read_text(encoding="utf-8") == module.render(), (
        "run: python docs/make_sources_page.py"
    )


def test_docs_build_strict(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    p = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    assert "WARNING" not in p.stderr, p.stderr
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("run_business_case", "evaluate_national", "simulate", "goal_seek", "read_kcc_export"):
        assert name in api
