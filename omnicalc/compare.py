"""Scenarios side by side: their results, and every input in which they differ.

A comparison reads whole scenario files (as kept in ``[[kept]]``, :attr:`omnicalc.ScenarioFile.kept`),
so it shows *why* two scenarios differ, not only that their NPV does: each input that is set in one file
and not (or otherwise) in another is a row, with its Dutch section and label (:func:`omnicalc.describe.
describe`). An input a file leaves out has its default; the row says *standaard*. The results come from
each scenario's own business case (deterministic, at the base values); the Monte Carlo band is not part of
a comparison.

Examples
--------
>>> from omnicalc import read_scenario
>>> a = read_scenario('schema_version = 2\\ngemeente = "Zwolle"\\nname = "A"\\n[status_portal]\\nreach_share = 0.5\\n')
>>> b = read_scenario('schema_version = 2\\ngemeente = "Zwolle"\\nname = "B"\\n[status_portal]\\nreach_share = 0.7\\n')
>>> compare([a, b]).inputs[["Invoer", "A", "B"]].to_dict("records")
[{'Invoer': 'Bereik statusportaal', 'A': '50%', 'B': '70%'}]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import fmt
from .bbv import meerjarenraming
from .describe import describe, show_value
from .errors import InputError
from .scenario_doc import leaves, parse_path
from .scenario_file import ScenarioFile, _dump_data

#: Keys of a file that are not inputs of the calculation (or are shown as a result row instead).
_NOT_INPUTS = ("schema_version", "name", "cbs_indeling_year", "measured", "kept")

#: The result rows: Dutch label, unit.
RESULTS_NL: tuple[tuple[str, str], ...] = (
    ("Gemeente", ""),
    ("Besparing per jaar (laatste jaar)", "EUR/jaar"),
    ("Netto contante waarde", "EUR"),
    ("Terugverdientijd", ""),
    ("Formatie vrij (laatste jaar)", "fte"),
    ("Cumulatief budgettair saldo (BBV)", "EUR"),
)


@dataclass(frozen=True)
class Comparison:
    """Kept scenarios side by side.

    Parameters
    ----------
    names : tuple of str
        The scenarios' names, in order (made unique: ``"B (2)"`` for a second ``"B"``).
    results : DataFrame
        One column per scenario, one row per :data:`RESULTS_NL` label; numbers as numbers (EUR, fte),
        texts as texts.
    results_nl : DataFrame
        The same, as Dutch texts (€ 1.234.567; 3,2 fte).
    inputs : DataFrame
        One row per input in which the scenarios differ: ``Onderdeel``, ``Invoer``, ``path`` and one column
        per scenario with its value as a Dutch text (*standaard* where the file leaves it out, *geen* where
        it has no such item: no second investment). Empty when
        they differ in nothing but their name.
    """

    names: tuple[str, ...]
    results: pd.DataFrame
    results_nl: pd.DataFrame
    inputs: pd.DataFrame

    def table_nl(self) -> pd.DataFrame:
        """Results, then the differing inputs, as one Dutch table (first column: what; then one per scenario)."""
        head = self.results_nl.reset_index(names="")
        rows = self.inputs.assign(**{"": self.inputs["Onderdeel"] + ": " + self.inputs["Invoer"]})
        return pd.concat([head, rows[["", *self.names]]], ignore_index=True)


def _names(files: Sequence[ScenarioFile]) -> tuple[str, ...]:
    out: list[str] = []
    for i, sf in enumerate(files):
        name = sf.scenario.name or f"Scenario {i + 1}"
        base, n = name, 2
        while name in out:
            name, n = f"{base} ({n})", n + 1
        out.append(name)
    return tuple(out)


def _inputs(files: Sequence[ScenarioFile], names: tuple[str, ...]) -> pd.DataFrame:
    per_file = []
    for sf in files:
        data = {k: v for k, v in _dump_data(sf).items() if k not in _NOT_INPUTS}
        per_file.append(dict(leaves(data)))
    paths: list[str] = []
    for found in per_file:
        paths += [p for p in found if p not in paths]
    rows = []
    for path in paths:
        values = [found.get(path, _DEFAULT) for found in per_file]
        if all(_same(v, values[0]) for v in values[1:]):
            continue
        parts = parse_path(path)
        if parts[0] == "gemeente":
            continue  # a result row already names the gemeente
        section, label, parameter = describe(path)
        missing = "geen" if any(isinstance(p, int) for p in parts) else "standaard"  # no such item / its default
        rows.append(
            {
                "Onderdeel": section,
                "Invoer": label,
                "path": path,
                **{n: missing if v is _DEFAULT else show_value(v, parameter) for n, v in zip(names, values)},
            }
        )
    return pd.DataFrame(rows, columns=["Onderdeel", "Invoer", "path", *names])


_DEFAULT = object()


def _same(a: Any, b: Any) -> bool:
    if a is _DEFAULT or b is _DEFAULT:
        return a is b
    return bool(a == b)


def compare(files: Sequence[ScenarioFile]) -> Comparison:
    """Compare scenarios: their results and every input in which they differ.

    Parameters
    ----------
    files : sequence of ScenarioFile
        Two or more scenarios (one is allowed: a table of its results), e.g. ``sf.kept``.

    Returns
    -------
    Comparison

    Raises
    ------
    InputError
        When ``files`` is empty.
    """
    if not files:
        raise InputError("files", 0, "give at least one scenario", allowed_nl="bewaar eerst een scenario")
    names = _names(files)
    numbers: dict[str, list[Any]] = {}
    texts: dict[str, list[str]] = {}
    for name, sf in zip(names, files):
        bc = sf.run()
        base = bc.baseline
        saving = float(bc.years["savings_used_eur"].iloc[-1])
        fte = float(bc.years["fte_released"].iloc[-1])
        cumulative = float(meerjarenraming(bc, sf.bbv).balance["cumulative_eur"].iloc[-1])
        gemeente = base.name or "eigen invoer"
        numbers[name] = [gemeente, saving, bc.npv_eur, bc.payback.text_nl, fte, cumulative]
        texts[name] = [
            gemeente,
            fmt.eur(saving),
            fmt.eur(bc.npv_eur),
            bc.payback.text_nl,
            f"{fmt.num(fte, 1)} fte",
            fmt.eur(cumulative),
        ]
    index = [label for label, _ in RESULTS_NL]
    return Comparison(
        names=names,
        results=pd.DataFrame(numbers, index=index),
        results_nl=pd.DataFrame(texts, index=index),
        inputs=_inputs(files, names),
    )


__all__ = ["RESULTS_NL", "Comparison", "compare"]
