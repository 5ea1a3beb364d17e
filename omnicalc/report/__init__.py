"""Scenario reports for programme managers: Excel (with live formulas), HTML and PDF.

The renderers in :mod:`.excel`, :mod:`.html` and :mod:`.pdf` lay out one
:class:`omnicalc.analysis.Analysis` (made by :func:`omnicalc.analyse`) and never recompute.
"""

from __future__ import annotations

#: Characters that make a spreadsheet cell a formula (and so a way to inject one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: object) -> str:
    """Text for a report cell: a leading =, +, -, @, tab or CR is neutralised with an apostrophe."""
    s = str(text)
    return "'" + s if s.startswith(FORMULA_STARTS) else s


__all__ = ["FORMULA_STARTS", "safe_text"]
