"""The lever protocol: what a lever declares and how it changes the contact volumes.

A lever is one object (a subclass of :class:`Lever`) registered in
:mod:`omnicalc.levers.registry`. Everything else — the scenario and its file section, the
waterfall, the Monte Carlo and tornado, goal seek, the dashboards and the reports —
iterates the registry, so a new lever needs its own module and one line there.

Volumes reach a lever as an array ``(..., segment, channel, reason)`` with any leading
batch shape (draws, gemeenten); its numeric inputs arrive as arrays of that batch shape,
keyed by their path in the scenario file (``status_portal.adoption_share``,
``channel_shifts[0].share``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from .. import params
from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ModelArrays

Values = Mapping[str, np.ndarray]


@dataclass(frozen=True, kw_only=True)
class LeverInput:
    """One numeric input of a lever: its path, its declaration and its value in this scenario.

    Parameters
    ----------
    path : str
        Dotted path in the scenario file, e.g. ``"status_portal.adoption_share"``.
    spec : str
        Name of its declaration in :data:`omnicalc.params.SPECS` (unit, bounds, slider range, label).
    value : float
        Its value in the scenario [unit of the spec].
    label_nl : str
        Dutch label, e.g. ``"Adoptie statusportaal"``.
    """

    path: str
    spec: str
    value: float
    label_nl: str


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What a lever did to the volumes, and what it costs to run (beside the avoided contact cost).

    Parameters
    ----------
    volume : ndarray
        Volumes after the lever, (..., segment, channel, reason) [contacts/year].
    running_cost_eur : ndarray or float
        Yearly cost of running the lever at this effect (messages sent, ...) [EUR/year].
    details : mapping of str to ndarray
        Lever-specific figures, e.g. requested and moved contacts per shift [contacts/year].
    """

    volume: np.ndarray
    running_cost_eur: np.ndarray | float = 0.0
    details: Mapping[str, np.ndarray] | None = None


class Lever:
    """Base class of a lever. Subclasses set the class attributes and implement :meth:`apply`.

    ``key`` names the lever in ramps and the waterfall; ``section`` is its attribute on
    :class:`omnicalc.Scenario` and its section in the scenario file (the same unless the
    section holds a list, like ``channel_shifts``); ``settings`` is the frozen dataclass of
    its settings (a tuple of them when ``many``); ``ramped`` names the settings that grow
    with the lever's ramp in a business case.

    A lever that scales each (channel, reason) cell alike for every resident segment
    implements :meth:`factor` (the kernel then works on totals, which is faster); a lever
    that treats segments differently sets ``per_segment = True`` and implements :meth:`apply`.
    """

    key: ClassVar[str]
    section: ClassVar[str]
    label_nl: ClassVar[str]
    #: a short Dutch name in running text, e.g. "statusportaal"
    short_nl: ClassVar[str]
    explanation_nl: ClassVar[str]
    settings: ClassVar[type]
    many: ClassVar[bool] = False
    per_segment: ClassVar[bool] = False
    ramped: ClassVar[tuple[str, ...]] = ()
    #: settings field -> name of its declaration in params.SPECS
    specs: ClassVar[dict[str, str]] = {}
    #: settings field -> Dutch label
    labels_nl: ClassVar[dict[str, str]] = {}
    #: settings fields that are residents' behaviour, not the gemeente's decision: the Monte Carlo
    #: draws them by default, with the relative range of their declared default (parameters.csv)
    behaviour: ClassVar[tuple[str, ...]] = ()
    #: what an avoiding lever's ``kept_by_inclusion_per_year`` counts, in Dutch (plural)
    kept_nl: ClassVar[str] = "statusvragen"

    # -- settings -----------------------------------------------------------------------
    def default(self) -> Any:
        """The lever switched off."""
        return () if self.many else self.settings()

    def items(self, settings: Any) -> list[tuple[str, Any]]:
        """(path prefix, one settings object) pairs: one, or one per list item."""
        if self.many:
            return [(f"{self.section}[{k}]", s) for k, s in enumerate(settings)]
        return [(self.section, settings)]

    def inputs(self, settings: Any) -> list[LeverInput]:
        """Every numeric input of this lever in the scenario, by path."""
        return [
            LeverInput(
                path=f"{prefix}.{name}",
                spec=spec,
                value=float(getattr(item, name)),
                label_nl=self.item_label_nl(item, name),
            )
            for prefix, item in self.items(settings)
            for name, spec in self.specs.items()
        ]

    def behaviour_inputs(self, settings: Any) -> list[LeverInput]:
        """The inputs of :meth:`inputs` that are behaviour (uncertain by default)."""
        names = {f".{n}" for n in self.behaviour}
        return [i for i in self.inputs(settings) if any(i.path.endswith(n) for n in names)]

    def item_label_nl(self, item: Any, name: str) -> str:
        return self.labels_nl[name]

    def ramped_paths(self, settings: Any) -> list[str]:
        return [f"{prefix}.{name}" for prefix, _ in self.items(settings) for name in self.ramped]

    def with_value(self, settings: Any, path: str, value: float) -> Any:
        """The settings with the input at ``path`` replaced (validated)."""
        for prefix, item in self.items(settings):
            if path.startswith(prefix + "."):
                name = path[len(prefix) + 1 :]
                if name in self.specs:
                    new = replace(item, **{name: value})
                    if not self.many:
                        return new
                    k = int(prefix[prefix.index("[") + 1 : -1])
                    return tuple(new if i == k else s for i, s in enumerate(settings))
        raise InputError(
            "lever",
            path,
            "one of " + ", ".join(i.path for i in self.inputs(settings)),
            allowed_nl="kies een hefboom van het scenario",
            label_nl="Hefboom",
        )

    def check(self, settings: Any) -> Any:
        """Validate the settings object(s) given for this lever's section."""
        if self.many:
            try:
                items = tuple(settings)
            except TypeError:
                items = (settings,)
            for s in items:
                if not isinstance(s, self.settings):
                    raise InputError(self.section, s, f"each item must be a {self.settings.__name__}")
            return items
        if not isinstance(settings, self.settings):
            raise InputError(self.section, settings, f"a {self.settings.__name__} is required")
        return settings

    def active(self, settings: Any, x: Values) -> bool:
        """Whether the lever can change anything with these inputs (``x`` by path, possibly drawn)."""
        if self.many:
            return bool(settings)
        return any(x[f"{self.section}.{name}"].any() for name in self.specs)

    def needs_segments(self, settings: Any) -> bool:
        """Whether :meth:`apply` needs the volumes split over resident segments."""
        return False

    def idle_details(self, batch_shape: tuple[int, ...]) -> dict[str, np.ndarray]:
        """The lever's own figures when it is off (same keys and shapes as :meth:`apply` gives)."""
        return {}

    def one_off_eur(self, x: Values, settings: Any) -> np.ndarray | float:
        """One-off cost of the lever itself at t = 0 [EUR] (beside the case's investments)."""
        return 0.0

    # -- the model ----------------------------------------------------------------------
    def factor(self, total: np.ndarray, x: Values, m: ModelArrays, settings: Any) -> Outcome:
        """For a cell lever: the factor on each (channel, reason) cell, (..., channel, reason) or
        broadcastable to it, in ``Outcome.volume``; ``total`` is the volume (..., C, R) before it."""
        raise NotImplementedError

    def apply(self, v: np.ndarray, x: Values, m: ModelArrays, settings: Any) -> Outcome:
        """For a ``per_segment`` lever: the volumes (..., S, C, R) after it; ``x`` holds the inputs by
        path (ramped where relevant). ``v`` is the lever's own array: it may change it in place."""
        raise NotImplementedError


def check_fields(obj: object, specs: Mapping[str, str], where: str) -> None:
    """Check each numeric settings field against its declaration (in place, on a frozen dataclass)."""
    for f in fields(obj):  # type: ignore[arg-type]
        if f.name in specs:
            value = getattr(obj, f.name)
            object.__setattr__(obj, f.name, params.SPECS[specs[f.name]].check(value, f"{where}.{f.name}"))


def avoid_status(v: np.ndarray, share: np.ndarray, role: str, floor: np.ndarray) -> tuple[np.ndarray, ...]:
    """Avoid ``share`` (...) of the status contacts of segment volumes ``v`` (..., S, C, R), in place, by
    replacing them with ``role`` (a portal: self-service; a message: digitally assisted), within the UWV
    model and the floors (:func:`omnicalc.inclusion.avoidable_share`).

    Returns the volumes, the avoided contacts (...) and the contacts the rules kept (asked - avoided, ...).
    """
    from .. import inclusion
    from ..domain import STATUS

    share = np.asarray(share, dtype=float)
    status = v[..., STATUS]  # (..., S, C)
    allowed = inclusion.avoidable_share(v, STATUS, role, floor, share)  # (..., S, C)
    asked = share * status.sum(axis=(-2, -1))
    avoided = (status * allowed).sum(axis=(-2, -1))
    v[..., STATUS] = status * (1.0 - allowed)
    return v, avoided, np.maximum(0.0, asked - avoided)


__all__ = ["Lever", "LeverInput", "Outcome", "Values", "avoid_status", "check_fields"]
