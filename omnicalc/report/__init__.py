"""Scenario reports for programme managers: Excel (with live formulas), HTML and PDF.

The renderers in :mod:`.excel`, :mod:`.html` and :mod:`.pdf` lay out one
:class:`omnicalc.analysis.Analysis` (made by :func:`omnicalc.analyse`) and never recompute.
"""

from __future__ import annotations

import unicodedata

#: Characters that make a spreadsheet cell a formula (and so a way to inject one): first in the
#: text, or first after leading spaces once the text is NFKC-normalised (``"＝"`` is ``"="``).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(text: object) -> str:
    """Text for a report cell, with an apostrophe before it when a spreadsheet could read it as a formula.

    >>> [safe_text(t) for t in ("=1+1", " =1", "＝1", "\\n=1", "+31 6", "Utrecht")]
    ["'=1+1", "' =1", "'＝1", "'\\n=1", "'+31 6", 'Utrecht']
    """
    s = str(text)
    if s.startswith(FORMULA_STARTS) or unicodedata.normalize("NFKC", s).strip().startswith(FORMULA_STARTS):
        return "'" + s
    return s


__all__ = ["FORMULA_STARTS", "safe_text"]
