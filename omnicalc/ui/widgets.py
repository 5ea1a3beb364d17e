"""Widgets generated from the parameter declarations (:data:`omnicalc.params.SPECS`).

Slider readouts of ipywidgets use an en-US format, so sliders hide their readout and a
label beside them shows the value in Dutch. Help texts and sources come from the same
declarations and from the shipped defaults table.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import html
import logging
import math
import os
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import ipywidgets as w
import pandas as pd

from .. import fmt, inclusion
from ..domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
from ..errors import InputError
from ..fmt import format_exact, format_value
from ..params import SPECS, ParamSpec, default_row, default_table

BASIS_NL = {"bron": "bron", "afgeleid": "afgeleid uit bronnen", "aanname": "aanname"}

#: The dashboards' server log (the Voila server's stderr); never the page.
log = logging.getLogger("omnicalc.ui")


def default_note(parameter: str, channel: str = "", reason: str = "", segment: str = "") -> tuple[str, str]:
    """(basis, tooltip text) of a shipped default: value, range, year and source, in Dutch."""
    row = default_row(parameter, channel=channel, reason=reason, segment=segment)
    spec = SPECS[parameter]
    text = (
        f"Standaard {format_value(spec, row.value)} (bandbreedte {format_value(spec, row.low)} – "
        f"{format_value(spec, row.high)}), {row.year}, {BASIS_NL[row.basis]}: {row.source}"
    )
    return str(row.basis), text


#: Units on screen, in Dutch (a field's unit beside it, and in its messages); a percentage's unit is "%".
UNIT_NL = {
    "EUR": "",
    "EUR/FTE": "per fte",
    "EUR/contact": "per contact",
    "EUR/hour": "per uur",
    "EUR/message": "per bericht",
    "EUR/month": "per maand",
    "EUR/year": "per jaar",
    "FTE": "fte",
    "chats/agent": "chats per medewerker",
    "contacts/inhabitant/year": "contacten per inwoner per jaar",
    "contacts/year": "contacten per jaar",
    "factor": "keer",
    "hours/FTE/year": "uur per fte per jaar",
    "inhabitants": "inwoners",
    "min/contact": "minuten per contact",
    "s": "seconden",
    "s/contact": "seconden per contact",
    "year": "(jaar)",
    "years": "jaar",
    "1/year": "per jaar",
}


def unit_nl(spec: ParamSpec) -> str:
    """The unit of ``spec`` after a number on screen: "jaar", "per jaar" (after € or %), "%" for a share."""
    unit = UNIT_NL.get(spec.unit, spec.unit)
    if spec.percent:
        return "%" if spec.unit == "fraction" else f"% {unit}"
    return unit


def _decimals(x: float, least: int = 0) -> int:
    for d in range(least, least + 7):
        if abs(round(x, d) - x) < 1e-9 * max(1.0, abs(x)):
            return d
    return least + 6


def typed_text(spec: ParamSpec, value: float) -> str:
    """``value`` as it stands in its number field: Dutch, no unit, as many decimals as it has (a share in percent)."""
    x = value * 100 if spec.percent else value
    if not math.isfinite(x):
        return ""
    if spec.unit.startswith("EUR") and abs(x - round(x)) > 1e-9:
        return fmt.num(x, max(2, _decimals(x)))
    return fmt.num(x, _decimals(x))


def shown_with_unit(spec: ParamSpec, value: float) -> str:
    """``value`` with its unit, for a message: € 1.000.000.000, 15 jaar, 50%."""
    if spec.unit.startswith("EUR"):
        return f"{fmt.eur(value, _decimals(value) and 2)} {unit_nl(spec)}".strip()
    return f"{typed_text(spec, value)}{'' if spec.percent else ' '}{unit_nl(spec)}".strip()


def read_typed(spec: ParamSpec, text: str, label_nl: str, example: float | None = None) -> tuple[float | None, str]:
    """A typed value of ``spec``: (the value, "") or (None, a Dutch message naming what is wrong).

    Read in Dutch (``400.000``, ``€ 400.000``, ``1.234,56``; a share in percent, ``50`` or ``50%``);
    refused: an empty field (it never becomes 0), text that is no number, a negative or too small
    value, one above the limit (which is named), and a fraction for a count (``12,5`` contacts).
    """
    t = text.strip()
    unit = unit_nl(spec)
    what = "bedrag" if spec.unit.startswith("EUR") else ("heel getal" if spec.whole else "getal")
    shown = shown_with_unit(spec, example if example is not None else (spec.soft_min + spec.soft_max) / 2)
    try:
        x = fmt.parse_number(t, dutch=True)
    except ValueError:
        return None, f"{label_nl}: '{t}' is geen {'bedrag' if what == 'bedrag' else 'getal'}. Typ bijvoorbeeld {shown}."
    if x is None:
        return None, f"{label_nl}: het veld is leeg. Typ een {what} (leeg telt niet als 0)."
    x = x / 100 if spec.percent else x
    if x < spec.hard_min:
        if x < 0 <= spec.hard_min:
            return (
                None,
                f"{label_nl}: '{t}' is negatief; de waarde is ten minste {shown_with_unit(spec, spec.hard_min)}.",
            )
        return None, f"{label_nl}: '{t}' is te laag; de waarde is ten minste {shown_with_unit(spec, spec.hard_min)}."
    if x > spec.hard_max:
        return None, f"{label_nl}: '{t}' is meer dan de grens van {shown_with_unit(spec, spec.hard_max)}."
    if spec.whole and x != round(x):
        return None, f"{label_nl}: '{t}' is geen heel getal; typ een heel aantal {unit}, bijvoorbeeld {fmt.num(x)}."
    return x, ""


class NumberField(w.HBox):
    """A Dutch number field for one declared parameter, its unit beside it and its message under it.

    A valid typed value goes to ``on_value`` (and is shown again in Dutch); an invalid one keeps the
    text, shows what is wrong in :attr:`error` and tells ``on_validity`` (field, message; "" when it is
    valid again), so the page can mark its results *niet bijgewerkt*. :meth:`show` sets a value
    without calling ``on_value``.
    """

    def __init__(self, name: str, label_nl: str, css: str = "", width: str = "110px") -> None:
        self.spec = spec = SPECS[name]
        self.label_nl = label_nl
        self.on_value: Callable[[float], Any] | None = None
        self.on_validity: list[Callable[[NumberField, str], Any]] = []
        self._showing = False
        self.message = ""
        self.last: float | None = None
        unit = unit_nl(spec)
        self.text = w.Text(
            continuous_update=False,
            tooltip=f"{label_nl} ({('€ ' + unit).strip() if spec.unit.startswith('EUR') else unit})",
            layout=w.Layout(width=width),
        )
        self.text.add_class("oc-number")
        before = w.Label("€" if spec.unit.startswith("EUR") else "")
        after = w.Label(unit if not spec.unit.startswith("EUR") or unit else "")
        self.error = w.HTML()
        self.error.add_class("oc-number-error")
        self.text.observe(self._typed, "value")
        super().__init__([before, self.text, after], layout=w.Layout(align_items="center"))
        if css:
            self.add_class(css)

    def show(self, value: float) -> None:
        """Show ``value`` (valid by definition: it comes from the file); clears a message."""
        self._showing = True
        try:
            self.text.value = typed_text(self.spec, value)
        finally:
            self._showing = False
        self.last = value
        self._set_message("")

    def reset_message(self) -> None:
        """Forget a refused text's message (the caller shows the value in effect next)."""
        self._set_message("")

    def _set_message(self, message: str) -> None:
        changed = message != self.message
        self.message = message
        self.error.value = error_html(message) if message else ""
        if changed:
            for tell in self.on_validity:
                tell(self, message)

    def _typed(self, change: dict[str, Any]) -> None:
        if self._showing:
            return
        value, message = read_typed(self.spec, str(change["new"]), self.label_nl, self.last)
        if value is None:
            self._set_message(message)
            return
        self.show(value)
        if self.on_value is not None:
            self.on_value(value)


class SpecSlider(w.VBox):
    """A slider for one declared parameter, with a Dutch readout, the help text and source as tooltip,
    and a badge saying whether the starting value is a sourced default, an assumption or a choice.

    ``source`` names the shipped default the value comes from (parameter, channel, reason);
    without it the value is the user's choice, or an example when ``example`` is set.
    """

    def __init__(
        self,
        name: str,
        value: float,
        css: str = "",
        description: str | None = None,
        source: tuple[str, ...] | None = None,
        example: bool = False,
    ) -> None:
        self.spec = spec = SPECS[name]
        if source is not None:
            basis, note = default_note(*source)
            badge = ("aanname", "#b35c00") if basis == "aanname" else (BASIS_NL[basis], "#666")
        elif example:
            basis, note = "aanname", "Voorbeeldwaarde (aanname): vul de waarde van uw eigen gemeente in."
            badge = ("voorbeeld", "#b35c00")
        else:
            basis, note, badge = "keuze", "Keuze voor het scenario.", ("keuze", "#666")
        self.basis = basis
        self.slider = w.FloatSlider(
            value=value,
            min=spec.soft_min,
            max=spec.soft_max,
            step=spec.step,
            readout=False,
            continuous_update=False,
            description=description or spec.label_nl,
            tooltip=f"{spec.help_nl} {note}",
            style={"description_width": "180px"},
            layout=w.Layout(width="400px"),
        )
        self.readout = w.Label(format_exact(spec, value), layout=w.Layout(min_width="90px"))
        self.readout.add_class("oc-readout")
        self.badge = w.HTML(
            f"<span title='{html.escape(note, quote=True)}' style='font-size:10px;color:{badge[1]};"
            f"border:1px solid {badge[1]};border-radius:3px;padding:0 3px'>{badge[0]}</span>"
        )
        self.badge.add_class("oc-badge")
        #: Amounts and counts are typed too: a Dutch number field with its unit instead of the readout.
        self.number: NumberField | None = None
        #: A Dutch warning for an allowed but implausible value (:func:`omnicalc.plausibility.input_advice_nl`).
        self.advise: Callable[[float], str] | None = None
        self.advice = w.HTML()
        self.advice.add_class("oc-advice")
        row: list[w.Widget] = [self.slider, self.readout, self.badge]
        if not spec.percent:
            self.slider.layout.width = "330px"
            self.number = NumberField(name, description or spec.label_nl, width="100px")
            self.number.show(value)
            self.number.on_value = self.show
            self.readout.layout.display = "none"
            row = [self.slider, self.number, self.badge]
        self.slider.observe(self._moved, "value")
        self.note = w.HTML(layout=w.Layout(display="none"))
        self.note.add_class("oc-slider-note")
        under = [self.number.error] if self.number is not None else []
        super().__init__([w.HBox(row, layout=w.Layout(align_items="center")), *under, self.advice, self.note])
        if css:
            self.add_class(css)

    def _moved(self, change: dict[str, Any]) -> None:
        self.readout.value = format_exact(self.spec, change["new"])
        if self.number is not None:
            self.number.show(change["new"])
        self._advise(change["new"])

    def _advise(self, v: float) -> None:
        text = self.advise(v) if self.advise is not None else ""
        self.advice.value = (
            f"<div role='status' style='font-size:12px;color:#7a4a00;background:#fff4d6;padding:3px 6px;"
            f"border-radius:4px'>⚠ {html.escape(text)}</div>"
            if text
            else ""
        )

    @property
    def value(self) -> float:
        return float(self.slider.value)

    @value.setter
    def value(self, v: float) -> None:
        self.slider.value = v

    def show(self, v: float) -> None:
        """Show ``v`` as it is: the slider's range widens when ``v`` lies outside it (a value from a file),
        and goes back to the plausible range otherwise."""
        spec = self.spec
        lo, hi = min(spec.soft_min, v), max(spec.soft_max, v)
        if lo > self.slider.max:
            self.slider.max = hi
            self.slider.min = lo
        else:
            self.slider.min = lo
            self.slider.max = hi
        self.slider.value = v
        self.readout.value = format_exact(spec, v)
        if self.number is not None:
            self.number.show(v)
        self._advise(v)

    def lock(self, note: str | None) -> None:
        """Disable the slider with a short Dutch note (``None``: enable it again, no note)."""
        self.slider.disabled = note is not None
        if self.number is not None:
            self.number.text.disabled = note is not None
        self.note.value = "" if note is None else f"<small style='color:#8a5a00'>{html.escape(note)}</small>"
        self.note.layout.display = "none" if note is None else None


def error_html(message_nl: str) -> str:
    """A visible Dutch error message; the text is escaped."""
    return (
        "<div class='oc-error' style='background:#fdecea;border:1px solid #e0a0a0;border-radius:4px;"
        f"padding:6px 10px;margin:4px 0'>⚠ {html.escape(message_nl)}</div>"
    )


class ServerLog(logging.Handler):
    """Writes to the server's own stderr, never to the page.

    In a kernel, ipykernel points file descriptor 2 at a pipe whose contents go to the browser
    as well; it keeps a copy of the original descriptor, which is the Voila server's log.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            fd = getattr(sys.stderr, "_original_stdstream_copy", None)
            if fd is None:
                stream = sys.__stderr__
                if stream is None:
                    return
                fd = stream.fileno()
            os.write(fd, (self.format(record) + "\n").encode("utf-8", "replace"))
        except Exception:
            pass  # a log that cannot be written must not reach the page either


if not any(isinstance(h, ServerLog) for h in log.handlers):
    _handler = ServerLog()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)


class FieldErrors:
    """The error line next to each field: an :class:`~omnicalc.errors.InputError` is shown beside
    the widget of its field (a path, or the start of one), not only at the top of the page."""

    def __init__(self) -> None:
        self._lines: dict[str, w.HTML] = {}

    def line(self, field: str) -> w.HTML:
        """The (empty) error line of ``field``, to put next to its widget."""
        html_line = w.HTML()
        html_line.add_class("oc-field-error")
        html_line.add_class("oc-field-error-" + field.replace(".", "-").replace("_", "-"))
        self._lines[field] = html_line
        return html_line

    def __getitem__(self, field: str) -> w.HTML:
        return self._lines[field]

    def show(self, field: str, message_nl: str) -> bool:
        """Show the message on the line of ``field`` (or of the longest field it starts with)."""
        for known in sorted(self._lines, key=len, reverse=True):
            if field == known or field.startswith((known + ".", known + "[")):
                self._lines[known].value = error_html(message_nl)
                return True
        return False

    def clear(self) -> None:
        for html_line in self._lines.values():
            html_line.value = ""


class HasMessage(Protocol):
    message: w.HTML


M = TypeVar("M", bound=Callable[..., Any])


def guarded(method: M | None = None, *, near: str | None = None) -> Any:
    """Run a dashboard callback so that no error vanishes (every widget callback goes through this).

    An :class:`~omnicalc.errors.InputError` shows its Dutch message next to its field when the
    app has a :class:`FieldErrors` ``field_errors`` with a line for it (``near`` names the line
    for every error of this callback, e.g. an upload button's), else in the app's ``message``
    area. Any other exception shows "Er ging iets mis (fout-id XXXXXXXX)." and goes to the
    server log with its traceback under that id; the page never gets a traceback.
    """
    if method is None:
        return functools.partial(guarded, near=near)

    @functools.wraps(method)
    def run(self: HasMessage, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except InputError as e:
            errors = getattr(self, "field_errors", None)
            if not (isinstance(errors, FieldErrors) and errors.show(near or e.field, e.message_nl)):
                self.message.value = error_html(e.message_nl)
        except Exception:
            error_id = secrets.token_hex(4).upper()
            log.error("fout-id %s in %s", error_id, method.__qualname__, exc_info=True)
            self.message.value = error_html(f"Er ging iets mis (fout-id {error_id}).")
        return None

    return run


def inputs_table(inputs: pd.DataFrame) -> str:
    """The inputs of the scenario on screen (:meth:`omnicalc.analysis.Analysis.inputs`), assumptions marked."""
    rows = []
    for r in inputs.itertuples():
        if isinstance(r.value, str):
            value = html.escape(r.value)
        elif r.unit == "fractie":
            value = fmt.pct(float(r.value), 1)
        elif r.unit.startswith("EUR"):
            value = fmt.eur(float(r.value), 2 if abs(float(r.value)) < 100 else 0)
        else:
            value = fmt.num(float(r.value), 2 if abs(float(r.value)) < 100 else 0)
        style = "background:#fff4d6;font-weight:bold" if r.basis == "aanname" else ""
        rows.append(
            f"<tr title='{html.escape(r.path, quote=True)}'><td>{html.escape(r.input)}</td>"
            f"<td style='text-align:right'>{value}</td>"
            f"<td>{html.escape(r.unit)}</td><td style='{style}'>{html.escape(BASIS_NL.get(r.basis, r.basis))}</td>"
            f"<td style='font-size:11px'>{html.escape(r.source)}</td></tr>"
        )
    return (
        "<h4 style='margin:4px 0'>Invoer van dit scenario</h4>"
        "<div class='oc-inputs' style='max-height:420px;overflow:auto'><table style='font-size:12px'>"
        "<colgroup><col style='width:25%'><col style='width:13%'><col style='width:14%'><col style='width:11%'>"
        "<col style='width:37%'></colgroup>"
        "<tr><th>Invoer</th><th>Waarde</th><th>Eenheid</th><th>Basis</th><th>Bron of onderbouwing</th></tr>"
        + "".join(rows)
        + "</table></div>"
        + rules_tables()
        + "<h4 style='margin:12px 0 4px'>Alle standaardwaarden</h4>"
    )


def data_link(data: bytes, mime: str, filename: str, label: str, css: str) -> str:
    """A download link holding the file itself (no file on the server, nothing shared between users)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"<a download='{html.escape(filename, quote=True)}' href='data:{mime};base64,{encoded}' class='{css}' "
        f"style='font-weight:bold'>⬇ {html.escape(label)}</a>"
    )


def rules_tables() -> str:
    """The inclusion rules on screen (:func:`omnicalc.inclusion.rules_nl`): the UWV model and suitability."""
    out = []
    for title, table in inclusion.rules_nl().items():
        head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td style='font-size:11px'>{html.escape(str(v))}</td>"
                if c == "Bron en interpretatie"
                else f"<td>{html.escape(str(v))}</td>"
                for c, v in zip(table.columns, row)
            )
            + "</tr>"
            for row in table.itertuples(index=False)
        )
        out.append(
            f"<h4 style='margin:12px 0 4px'>{html.escape(title)}</h4><div class='oc-rules' style='max-height:320px;"
            f"overflow:auto'><table style='font-size:12px'><tr>{head}</tr>{body}</table></div>"
        )
    return "".join(out)


#: A recomputation waits at least this long after the previous one ended [s]: a burst of slider updates (a
#: client may send any number) becomes a recomputation for the last value instead of a queue of them, and a
#: session keeps at most about half a core busy (a recomputation takes ~0.2 s).
RECOMPUTE_PAUSE_SECONDS = 0.2


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of the IPython kernel this code runs in; None outside a kernel (tests, scripts).

    Only a kernel's loop is sure to run between two widget messages; a loop of another library (Playwright's
    sync API keeps one "running" in the main thread) would never fire a delayed call.
    """
    kernelapp = sys.modules.get("ipykernel.kernelapp")
    if kernelapp is None or not kernelapp.IPKernelApp.initialized():
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


@dataclass
class _Pending:
    ended: float = float("-inf")
    timer: asyncio.TimerHandle | None = None
    call: Callable[[], Any] | None = None


def coalesced(method: M) -> M:
    """Rate-limit a recomputing method: a call within :data:`RECOMPUTE_PAUSE_SECONDS` of the end of the previous
    run is not run at once; the last such call runs when the pause is over, the ones before it not at all.

    In a kernel the delayed call runs on the kernel's event loop, after the updates that arrived meanwhile;
    outside a kernel (:func:`kernel_loop` is None: headless tests, scripts) every call runs at once.
    :func:`flush` runs a waiting call now, for what must read the current result.
    """
    name = method.__name__

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        state = self.__dict__.setdefault("_coalesced", {}).setdefault(name, _Pending())

        def call() -> Any:
            state.timer = None
            try:
                return method(self, *args, **kwargs)
            finally:
                state.ended = time.monotonic()

        loop = kernel_loop()
        if loop is None:
            return call()
        wait = state.ended + RECOMPUTE_PAUSE_SECONDS - time.monotonic()
        if wait <= 0 and state.timer is None:
            return call()
        state.call = call  # the latest call wins
        if state.timer is None:
            state.timer = loop.call_later(max(wait, 0.0), lambda: state.call and state.call())
        return None

    return run  # type: ignore[return-value]


def flush(obj: object) -> None:
    """Run now the calls of ``obj``'s :func:`coalesced` methods that are waiting for their pause to end."""
    for state in getattr(obj, "_coalesced", {}).values():
        if state.timer is not None and state.call is not None:
            state.timer.cancel()
            state.call()


def assumptions_table() -> str:
    """Every shipped default with value, range, unit, year, basis and source; assumptions marked."""
    t = default_table()
    rows = []
    for r in t.itertuples():
        spec = SPECS.get(r.parameter)
        what = spec.label_nl if spec else r.parameter
        detail = " – ".join(
            x
            for x in (
                CHANNEL_LABELS.get(r.channel, ""),
                REASON_LABELS.get(r.reason, ""),
                SEGMENT_LABELS.get(r.segment, ""),
            )
            if x
        )
        basis = BASIS_NL.get(r.basis, r.basis)
        style = "background:#fff4d6;font-weight:bold" if r.basis == "aanname" else ""
        rng = f"{fmt.num(r.low, 2)} – {fmt.num(r.high, 2)}"
        rows.append(
            f"<tr><td>{html.escape(what)}"
            + (f"<br><small style='color:#555'>{html.escape(detail)}</small>" if detail else "")
            + f"</td><td style='text-align:right'>{fmt.num(r.value, 2)} <small>{html.escape(r.unit)}</small>"
            f"<br><small style='color:#555'>{rng}</small></td><td>{r.year}</td><td style='{style}'>{basis}</td>"
            f"<td style='font-size:11px'>{html.escape(r.source)}</td></tr>"
        )
    return (
        "<div class='oc-assumptions' style='max-height:520px;overflow:auto'><table style='font-size:12px'>"
        "<colgroup><col style='width:24%'><col style='width:19%'><col style='width:7%'><col style='width:11%'>"
        "<col style='width:39%'></colgroup>"
        "<tr><th>Parameter (kanaal, reden, groep)</th><th>Waarde en bandbreedte</th><th>Jaar</th><th>Basis</th>"
        "<th>Bron of onderbouwing</th></tr>" + "".join(rows) + "</table></div>"
    )


__all__ = [
    "BASIS_NL",
    "FieldErrors",
    "RECOMPUTE_PAUSE_SECONDS",
    "HasMessage",
    "M",
    "NumberField",
    "ServerLog",
    "UNIT_NL",
    "SpecSlider",
    "assumptions_table",
    "coalesced",
    "default_note",
    "error_html",
    "flush",
    "format_exact",
    "format_value",
    "guarded",
    "data_link",
    "inputs_table",
    "rules_tables",
    "kernel_loop",
    "read_typed",
    "shown_with_unit",
    "typed_text",
    "unit_nl",
]
