"""Inputs from a scenario file that no widget on the screen controls, in Dutch, read-only.

Labels and values come from :mod:`omnicalc.describe` (one place for a path's Dutch name).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from ..describe import describe, show_value

HEADING = "Uit het bestand, niet te wijzigen op dit scherm"


def readonly_html(items: Iterable[tuple[str, Any]]) -> str:
    """A table of (path, value): section, Dutch label and value; the path, for who edits the file, is the
    row's tooltip (no programmer's words on the page itself)."""
    rows = []
    for path, value in items:
        section, label, parameter = describe(path)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        rows.append(
            f"<tr data-path='{html.escape(path, quote=True)}' title='{html.escape(path, quote=True)}'>"
            f"<td style='padding:2px 6px'>{html.escape(section)}</td>"
            f"<td style='padding:2px 6px'>{html.escape(label)}</td>"
            f"<td style='padding:2px 6px;text-align:{'right' if number else 'left'}'>"
            f"{html.escape(show_value(value, parameter))}</td></tr>"
        )
    if not rows:
        return ""
    return (
        f"<div class='oc-readonly' style='line-height:1.3'><h4 style='margin:8px 0 4px'>{HEADING}</h4>"
        "<table style='font-size:12px;width:100%;border-collapse:collapse'><tr style='text-align:left'>"
        "<th style='padding:2px 6px'>Onderdeel</th><th style='padding:2px 6px'>Invoer</th>"
        "<th style='padding:2px 6px'>Waarde</th></tr>" + "".join(rows) + "</table><small>Deze waarden gaan "
        "ongewijzigd mee bij opslaan en tellen mee in de berekening; wijzig ze in het bestand.</small></div>"
    )


__all__ = ["HEADING", "readonly_html"]
