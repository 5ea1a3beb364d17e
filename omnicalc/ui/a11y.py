"""What the widgets do not do for a keyboard or screen-reader user, done in the page (WCAG 2.1 AA).

ipywidgets and Voila leave gaps that an automated audit (axe-core, ``tests/test_browser.py``) reports as
*serious* or *critical*: slider handles without a name and with an English ``aria-valuetext`` (``0.5``),
accordion headers that cannot get focus, images without ``alt``, scroll boxes the keyboard cannot reach,
grey-on-grey headers (contrast 4,45 : 1), and a page that says ``lang="en"``. One invisible widget per
dashboard fixes them in the browser, with a ``MutationObserver`` (the widgets redraw themselves):

- the page is ``lang="nl"`` with a Dutch title;
- each slider handle gets its label as name and the Dutch value beside it as ``aria-valuetext``
  ("50 procent", "250.000 euro");
- accordion headers are buttons in the tab order (Enter and space open them, ``aria-expanded`` says so);
- an image gets the Dutch text alternative its widget's CSS class names in :attr:`PageHelper.alts`;
- a scroll box gets ``tabindex=0`` so the arrow keys can scroll it;
- a field whose only label is its tooltip (the number fields beside the sliders) gets it as ``aria-label``;
- headers and tab titles get dark text, and every focusable element a visible focus ring;
- a Dutch banner (:data:`LOST_NL`) when the kernel stops answering the page's ping (every 5 s; after 20 s
  without an answer): the sliders would still move, but nothing would be computed.

Nothing is loaded from elsewhere: the script is this module's text.
"""

from __future__ import annotations

import anywidget
import traitlets as t

_ESM = """
const CSS = `
.jupyter-widget-Collapse-header, .jupyter-widget-Collapse-header span,
.lm-TabBar-tab, .lm-TabBar-tabLabel { color: #1f1f1f !important; }
.oc-gemeten input { border: 2px solid #2e7d32 !important; background: #eef7ef !important; }
.jupyter-widget-Collapse-header:focus-visible, .lm-TabBar-tab:focus-visible, button:focus-visible,
input:focus-visible, select:focus-visible, .noUi-handle:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #1a5fb4 !important; outline-offset: 1px;
}`;

function spoken(text) {
  let s = (text || "").trim();
  if (!s) return null;
  s = s.replace(/%$/, " procent").replace("\\u2212", "min ");
  if (s.startsWith("€")) s = s.slice(1).trim() + " euro";
  return s;
}

function labelOf(el) {
  const box = el.closest(".widget-slider, .widget-hslider");
  const label = box && box.querySelector(".widget-label");
  return label ? label.textContent.trim() : null;
}

function readoutOf(el) {
  const box = el.closest(".widget-slider, .widget-hslider");
  const row = box && box.parentElement;
  const readout = row && row.querySelector(".oc-readout");
  if (readout && readout.offsetParent !== null) return readout.textContent;
  const typed = row && row.querySelector(".oc-number input");
  if (typed) {
    const unit = row.querySelector(".oc-number-unit");
    return typed.value + (unit ? " " + unit.textContent : "");
  }
  return null;
}

function set(el, name, value) {
  if (value !== null && value !== undefined && el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function fix(model) {
  document.documentElement.lang = "nl";
  const title = model.get("title");
  if (title && document.title !== title) document.title = title;
  for (const h of document.querySelectorAll(".noUi-handle[role=slider]")) {
    set(h, "aria-label", labelOf(h));
    set(h, "aria-valuetext", spoken(readoutOf(h)));
  }
  for (const head of document.querySelectorAll(".jupyter-widget-Collapse-header")) {
    set(head, "tabindex", "0");
    set(head, "role", "button");
    const open = head.parentElement && head.parentElement.classList.contains("jupyter-widget-Collapse-open");
    set(head, "aria-expanded", open ? "true" : "false");
    if (!head.dataset.ocKeys) {
      head.dataset.ocKeys = "1";
      head.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); head.click(); }
      });
    }
  }
  for (const input of document.querySelectorAll("input[title]:not([aria-label]), select[title]:not([aria-label])")) {
    const box = input.closest(".widget-inline-hbox");
    const label = box && box.querySelector(".widget-label");
    if (!(label && label.textContent.trim())) input.setAttribute("aria-label", input.getAttribute("title"));
  }
  const alts = model.get("alts");
  for (const img of document.querySelectorAll("img")) {
    const key = [...img.classList].find((c) => c in alts);
    if (key) set(img, "alt", alts[key]);
    else if (!img.hasAttribute("alt")) img.setAttribute("alt", "");
  }
  for (const box of document.querySelectorAll(".widget-box, .widget-html-content div, .jp-OutputArea-output")) {
    const style = getComputedStyle(box);
    const scrolls = /(auto|scroll)/.test(style.overflowY + style.overflowX);
    if (scrolls && (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)) {
      set(box, "tabindex", "0");
    }
  }
}

function render({ model, el }) {
  el.style.display = "none";
  if (!document.getElementById("oc-a11y-style")) {
    const style = document.createElement("style");
    style.id = "oc-a11y-style";
    style.textContent = CSS;
    document.head.append(style);
  }
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => { queued = false; fix(model); }, 100);
  };
  const observer = new MutationObserver(later);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true,
                                     attributeFilter: ["class", "aria-valuetext", "value", "src"] });
  document.addEventListener("input", later, true);
  window.addEventListener("resize", later);
  model.on("change:alts", later);
  fix(model);
  // the connection: the kernel answers a ping every few seconds; no answer for a while is a lost connection
  // (the widgets would still move, but nothing would be computed any more)
  const banner = document.createElement("div");
  banner.className = "oc-connection-lost";
  banner.setAttribute("role", "alert");
  banner.style.cssText = "display:none;position:fixed;top:0;left:0;right:0;z-index:10000;padding:10px 16px;" +
    "background:#8b1a1a;color:#fff;font-weight:bold;font-size:14px;text-align:center";
  banner.textContent = model.get("lost_nl");
  document.body.append(banner);
  let answered = Date.now();
  model.on("msg:custom", (msg) => {
    if (msg && msg.type === "pong") { answered = Date.now(); banner.style.display = "none"; }
  });
  const every = model.get("ping_seconds") * 1000;
  const timer = setInterval(() => {
    try { model.send({ type: "ping" }); } catch (e) { /* a closed connection: the banner says so */ }
    if (Date.now() - answered > model.get("lost_after_seconds") * 1000) banner.style.display = "block";
  }, every);
  return () => { observer.disconnect(); clearInterval(timer); banner.remove(); };
}
export default { render };
"""


#: The banner when the page has lost its kernel (a restarted server, a network cut, a culled session).
LOST_NL = (
    "De verbinding met de server is verbroken: wijzigingen worden niet meer doorgerekend. Herlaad de pagina om "
    "verder te gaan; wat na de laatste keer opslaan is gewijzigd, moet u opnieuw invoeren."
)


class PageHelper(anywidget.AnyWidget):
    """The invisible widget that makes a dashboard's page accessible (see the module docstring).

    Parameters
    ----------
    title : str
        The page's title in the browser tab, e.g. ``"omnicalc — Kanaalmix"``.
    alts : dict of str to str
        Text alternative per CSS class of an image widget (``{"oc-map": "Kaart van ..."}``); set it again
        when an image changes.
    """

    _esm = t.Unicode(_ESM).tag(sync=True)
    title = t.Unicode("omnicalc").tag(sync=True)
    alts = t.Dict(t.Unicode()).tag(sync=True)
    #: how often the page asks the kernel whether it is there, and after how long without an answer it says so
    ping_seconds = t.Float(5.0).tag(sync=True)
    lost_after_seconds = t.Float(20.0).tag(sync=True)
    lost_nl = t.Unicode(LOST_NL).tag(sync=True)

    def __init__(self, title: str, alts: dict[str, str] | None = None) -> None:
        super().__init__(title=title, alts=dict(alts or {}))
        self.add_class("oc-page-helper")
        self.on_msg(self._ping)

    def _ping(self, _: object, content: dict[str, object], buffers: object) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            self.send({"type": "pong"})


__all__ = ["LOST_NL", "PageHelper"]
