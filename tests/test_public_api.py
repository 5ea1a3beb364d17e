"""Every module says what it offers (``__all__``), and every name it lists exists."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import omnicalc

MODULES = sorted(m.name for m in pkgutil.walk_packages(omnicalc.__path__, "omnicalc."))


@pytest.mark.parametrize("name", MODULES)
def test_module_declares_all(name):
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    missing = [n for n in module.__all__ if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ lists names it does not have: {missing}"
