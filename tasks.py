#!/usr/bin/env python3
"""Bootstrap for a fresh machine with only Python 3.11: ``python3 tasks.py serve`` or ``python3 tasks.py test``.

Creates ``.venv`` beside this file, installs omnicalc into it (again only when
pyproject.toml changed), then serves the dashboards or runs every test. Standard
library only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"

#: System programs the tests need, with how to get them on Debian/Ubuntu.
SYSTEM = {
    "chromium": (
        "browser tests of the dashboards (Playwright drives Debian's Chromium)",
        "sudo apt-get install chromium",
    ),
}


def ensure_env(extra: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py may be started by an older python3
        sys.exit(f"omnicalc needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = VENV / f".installed-{extra}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing omnicalc[{extra}] into {VENV} ...", flush=True)
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    subprocess.check_call([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extra}]"])
    stamp.write_text(digest)


def missing_system() -> list[str]:
    lines = []
    for program, (why, how) in SYSTEM.items():
        if shutil.which(program) is None:
            lines.append(f"  - {program}: needed for {why}. Install it with: {how}")
    return lines


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("serve", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    os.chdir(ROOT)
    if command == "serve":
        ensure_env("ui")
        return subprocess.call([str(BIN / "omnicalc"), "serve", *rest])
    ensure_env("test")
    missing = missing_system()
    if missing:
        print(
            "MISSING system programs; the tests that need them will "
            + ("FAIL (CI=true)" if os.environ.get("CI") else "be skipped")
            + ":\n"
            + "\n".join(missing),
            flush=True,
        )
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
