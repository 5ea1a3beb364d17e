"""Widgets generated from the parameter declarations (:data:`omnicalc.params.SPECS`).

Slider readouts of ipywidgets use an en-US format, so sliders hide their readout and a
label beside them shows the value in Dutch.
"""

from __future__ import annotations

import ipywidgets as w

from .. import fmt
from ..params import SPECS, ParamSpec


def format_value(spec: ParamSpec, value: float) -> str:
    if spec.percent:
        return fmt.pct(value, 0)
    if spec.unit.startswith("EUR"):
        return fmt.eur(value, 2)
    return fmt.num(value, 2 if spec.step < 1 else 0)


class SpecSlider(w.HBox):
    """A slider for one declared parameter, with a Dutch readout and help as tooltip."""

    def __init__(self, name: str, value: float, css: str = "") -> None:
        self.spec = spec = SPECS[name]
        self.slider = w.FloatSlider(
            value=value,
            min=spec.soft_min,
            max=spec.soft_max,
            step=spec.step,
            readout=False,
            continuous_update=False,
            description=spec.label_nl,
            description_allow_html=False,
            tooltip=spec.help_nl,
            style={"description_width": "180px"},
            layout=w.Layout(width="420px"),
        )
        self.readout = w.Label(format_value(spec, value))
        self.readout.add_class("oc-readout")
        self.slider.observe(lambda ch: setattr(self.readout, "value", format_value(spec, ch["new"])), "value")
        super().__init__([self.slider, self.readout])
        if css:
            self.add_class(css)

    @property
    def value(self) -> float:
        return float(self.slider.value)
