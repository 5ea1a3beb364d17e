"""The table *Onderwerpen indelen*: the most frequent subjects no rule classified, each with a reason to choose.

A registration export's subjects are classified by rules declared as data (``defaults/reason_rules.csv``);
what no rule matches stays *niet ingedeeld*, visible with its count, never spread silently. Here the user
chooses a reason for such a subject; :func:`omnicalc.registrations.own_rules` turns the choices into rules
that go before the shipped ones, and the file is measured again with them. Channel totals never change by
reclassifying (``tests/test_registrations.py``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as w

from .. import fmt
from ..domain import REASON_LABELS, REASONS
from ..registrations import UNMAPPED, Measured

#: The choice that leaves a subject as it is.
KEEP = ("niet ingedeeld (laten)", UNMAPPED)


class SubjectMapping(w.VBox):
    """The mapping table of one measured file; ``on_apply(mapping)`` gets every choice made so far
    (subject -> reason), earlier ones included."""

    def __init__(self, on_apply: Callable[[dict[str, str]], None]) -> None:
        self.on_apply = on_apply
        self.mapping: dict[str, str] = {}
        self.choices: dict[str, w.Dropdown] = {}
        self.rows = w.VBox()
        self.summary = w.HTML()
        self.summary.add_class("oc-mapping-summary")
        self.apply = w.Button(
            description="Indeling toepassen",
            tooltip="Meet het bestand opnieuw met deze indeling (de kanaaltotalen blijven gelijk)",
            layout=w.Layout(width="auto"),
        )
        self.apply.add_class("oc-mapping-apply")
        self.apply.on_click(lambda _: self._apply())
        self.forget = w.Button(description="Eigen indeling wissen", layout=w.Layout(width="auto"))
        self.forget.add_class("oc-mapping-forget")
        self.forget.on_click(lambda _: self._forget())
        super().__init__(
            [
                w.HTML(
                    "<b>Onderwerpen indelen</b><br><small>De onderwerpen die geen regel herkende, met hun aantal. "
                    "Kies een contactreden en kies <i>Indeling toepassen</i>; wat u niet indeelt, blijft "
                    "<i>niet ingedeeld</i> en telt niet mee als statusvraag.</small>"
                ),
                self.rows,
                w.HBox([self.apply, self.forget]),
                self.summary,
            ],
            layout=w.Layout(display="none"),
        )
        self.add_class("oc-mapping")

    def show(self, m: Measured | None) -> None:
        """The table for ``m`` (hidden when there is nothing left to classify and no choice was made)."""
        self.choices = {}
        rows = []
        for subject, count in m.unmapped if m is not None else ():
            if not subject.strip():
                continue  # an empty subject cannot be classified by its text
            choice = w.Dropdown(
                options=[KEEP, *((REASON_LABELS[r], r) for r in REASONS)],
                value=UNMAPPED,
                layout=w.Layout(width="190px"),
            )
            choice.add_class("oc-mapping-choice")
            self.choices[subject] = choice
            label = w.HTML(
                f"<span title='{html.escape(subject, quote=True)}'>{html.escape(subject)}</span> "
                f"<small>({fmt.num(count)})</small>",
                layout=w.Layout(width="300px"),
            )
            rows.append(w.HBox([label, choice]))
        self.rows.children = rows
        own = len(self.mapping)
        self.summary.value = (
            f"<small>Zelf ingedeeld: {fmt.num(own)} {'onderwerp' if own == 1 else 'onderwerpen'} "
            f"({html.escape(', '.join(f'{s} → {REASON_LABELS[r]}' for s, r in self.mapping.items()))}).</small>"
            if own
            else ""
        )
        self.forget.layout.display = "" if own else "none"
        self.layout.display = "" if (rows or own) else "none"

    def _apply(self) -> None:
        chosen = {s: c.value for s, c in self.choices.items() if c.value != UNMAPPED}
        if chosen:
            self.mapping.update(chosen)
            self.on_apply(dict(self.mapping))

    def _forget(self) -> None:
        self.mapping = {}
        self.on_apply({})

    def reset(self, mapping: Mapping[str, str] | None = None) -> None:
        """A new file: no choices yet (or ``mapping``)."""
        self.mapping = dict(mapping or {})


__all__ = ["KEEP", "SubjectMapping"]
