"""The dashboards' layout at 1280 and 1920 pixels wide: no text cut off, the width used.

ipywidgets give tab titles a fixed width (144 px), buttons one width (148 px) and labels one line, each
ending in "…" when the text is longer ("Besparing per hefbo", "Bewaar in vergel…",
"Webformulier/MijnOmgevin…"); text in an HTML widget gets the 28-pixel line height of a one-line field.
One style sheet per page, in an invisible widget (nothing loaded from elsewhere), changes that:

- a tab title is as wide as its text, and the tab bar wraps when the titles do not fit on one line;
- a button is at least its usual width and as wide as its text; in a narrow column its text wraps;
- a label wraps onto a second line instead of being cut off;
- the KPI cards share the width of the results column (two beside each other at 1280, four at 1920);
- paragraphs, lists and tables in an HTML widget get an ordinary line height;
- the tables of the *Aannames en bronnen* tab are as wide as their column, their source column wraps,
  their scroll box is most of the window high (:data:`TABLE_HEIGHT`) and their header stays in view.

``tests/test_browser.py`` checks at both sizes that no tab title, button or label is cut off.
"""

from __future__ import annotations

import ipywidgets as w

#: The height of a scroll box holding a long table: most of the window, at least 320 px.
TABLE_HEIGHT = "max(320px, 75vh)"

CSS = f"""
.jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-content {{ flex-wrap: wrap; }}
.jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab {{
  flex: 0 0 auto !important; max-width: none !important; min-width: 0 !important;
}}
.jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tabLabel {{ overflow: visible; text-overflow: clip; }}
.jupyter-widgets.jupyter-button:not([style*="width"]) {{
  width: auto; min-width: var(--jp-widgets-inline-width-short);
}}
.jupyter-widgets.jupyter-button {{
  max-width: 100%;
  white-space: normal; text-overflow: clip; height: auto; min-height: var(--jp-widgets-inline-height);
  line-height: 1.25; padding-top: 4px; padding-bottom: 4px;
}}
.jupyter-widgets .widget-label, .jupyter-widgets.widget-label {{
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere;
  height: auto; line-height: 1.25;
}}
.widget-inline-hbox > .widget-label {{ align-self: center; }}
.widget-vbox > .jupyter-button {{ align-self: flex-start; }}
.widget-html-content p, .widget-html-content li, .widget-html-content table, .widget-html-content small,
.widget-html-content div, .widget-html-content details {{ line-height: 1.4; }}
.oc-kpi-card {{ flex: 1 1 260px; }}
.oc-inputs, .oc-assumptions, .oc-rules {{ max-height: {TABLE_HEIGHT} !important; }}
.oc-inputs table, .oc-assumptions table, .oc-rules table {{
  width: 100%; table-layout: fixed; border-collapse: collapse;
}}
.oc-inputs td, .oc-assumptions td, .oc-rules td, .oc-inputs th, .oc-assumptions th, .oc-rules th {{
  overflow-wrap: anywhere; vertical-align: top; padding: 2px 4px; text-align: left;
}}
.oc-inputs th, .oc-assumptions th, .oc-rules th {{ position: sticky; top: 0; background: #fff; }}
.oc-tabs .widget-vbox, .oc-tabs .widget-html, .oc-tabs .widget-html-content {{ min-width: 0; max-width: 100%; }}
.oc-years {{ width: 100%; border-collapse: collapse; }}
.oc-years th {{ white-space: normal; vertical-align: bottom; padding: 2px 3px; }}
.oc-years td {{ white-space: nowrap; padding: 1px 3px; }}
.oc-about-text p {{ margin: 0 0 6px; font-size: 12px; }}
"""


def page_style() -> w.HTML:
    """The invisible widget holding :data:`CSS`, for the root box of a dashboard."""
    style = w.HTML(f"<style>{CSS}</style>", layout=w.Layout(display="none"))
    style.add_class("oc-layout-style")
    return style


__all__ = ["CSS", "TABLE_HEIGHT", "page_style"]
