"""Expected-result cases: scenario files with outputs computed by hand (``tests/cases``).

Each case is a pair of files in ``tests/cases``:

- ``NN_name.toml``: a scenario file (what ``omnicalc.read_scenario`` reads);
- ``NN_name.expected.toml``: ``how`` (the hand calculation in words and arithmetic),
  ``[outputs]`` (key = value), optional ``[tolerance]`` (absolute, per key) and optional
  ``xfail_reason`` (the code is believed wrong; the case then runs as a strict xfail, so
  it fails as soon as the code gives the hand-computed numbers).

Output keys (dotted; TOML nests them, :func:`flatten` joins them again):

- ``saving_eur_per_year``, ``cost_before_eur_per_year``, ``cost_after_eur_per_year``,
  ``saving_variable_eur_per_year``: the one-year evaluation at full effect;
- ``per_lever.<lever>``: saving per lever [EUR/year];
- ``cost_eur_per_contact.<channel>``: the cost per contact the model uses [EUR/contact];
- ``volume_before.<channel>``, ``volume_after.<channel>``: contacts per year before and after;
- ``shift_requested.<k>``, ``shift_moved.<k>``: contacts asked to move and moved by shift k (0-based);
- ``npv_eur``, ``payback_year`` (a number, or ``"none"`` for no payback within the horizon);
- ``years.<column>.<t>``: any column of the business case's year table at year t;
- ``fte_before.<team>``: staffed FTE per team before the levers (``kcc``, ``balie``).

Default tolerance: 1e-6 for shares, factors, FTE and years (see :func:`default_tolerance`),
0.01 for amounts in EUR and for contacts.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

import omnicalc as oc

CASES = Path(__file__).resolve().parent / "cases"
EXPECTED_SUFFIX = ".expected.toml"
EXPECTED_KEYS = {"how", "outputs", "tolerance", "xfail_reason"}
#: Keys that need the multi-year business case (the others come from the one-year evaluation).
CASE_KEYS = ("npv_eur", "payback_year", "years", "fte_before")
#: Words of a key (split at "." and "_") that mark a value in shares, factors, FTE or years.
SMALL_UNITS = frozenset({"share", "ramp", "factor", "fte", "payback", "capped"})


def case_files() -> list[Path]:
    return sorted(CASES.glob(f"*{EXPECTED_SUFFIX}"))


def case_name(expected: Path) -> str:
    return expected.name.removesuffix(EXPECTED_SUFFIX)


def read_expected(expected: Path) -> dict[str, Any]:
    return tomllib.loads(expected.read_text(encoding="utf-8"))


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested TOML tables to dotted keys: ``{"years": {"npv": {"0": 1}}}`` -> ``{"years.npv.0": 1}``."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def default_tolerance(key: str) -> float:
    """1e-6 for shares, factors, FTE and years; 0.01 for EUR and contacts."""
    return 1e-6 if SMALL_UNITS & set(re.split(r"[._]", key)) else 0.01


def extract(key: str, result: oc.Result, business_case: Callable[[], oc.BusinessCaseResult]) -> float | str:
    """The value of one output key; the only place that knows where each output lives.

    ``business_case`` is called only for the keys that need the multi-year case.
    """
    head, _, rest = key.partition(".")
    if head in ("saving_eur_per_year", "cost_before_eur_per_year", "cost_after_eur_per_year") and not rest:
        return float(getattr(result, head))
    if head == "saving_variable_eur_per_year" and not rest:
        return float(result.saving_variable_eur_per_year)
    if head == "per_lever":
        return float(result.per_lever.loc[rest, "saving_eur_per_year"])
    if head == "cost_eur_per_contact":
        return float(result.cost_eur_per_contact[oc.CHANNELS.index(rest)])
    if head in ("volume_before", "volume_after"):
        return float(result.per_channel.loc[rest, f"{head}_per_year"])
    if head in ("shift_requested", "shift_moved"):
        column = "requested_per_year" if head == "shift_requested" else "moved_per_year"
        return float(result.per_shift[column].iloc[int(rest)])
    if head not in CASE_KEYS:
        raise KeyError(f"unknown output key {key!r}")
    bc = business_case()
    if head == "npv_eur" and not rest:
        return bc.npv_eur
    if head == "payback_year" and not rest:
        return "none" if bc.payback.year is None else float(bc.payback.year)
    if head == "years":
        column, _, year = rest.rpartition(".")
        return float(bc.years.loc[int(year), column])
    if head == "fte_before":
        return float(bc.fte_per_team.loc[rest, "fte_before"])
    raise KeyError(f"unknown output key {key!r}")


def _params() -> list[Any]:
    params = []
    for path in case_files():
        reason = read_expected(path).get("xfail_reason")
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(path, id=case_name(path), marks=marks))
    return params


@pytest.mark.parametrize("expected_file", _params())
def test_case(expected_file: Path) -> None:
    name = case_name(expected_file)
    expected = read_expected(expected_file)
    outputs = flatten(expected.get("outputs", {}))
    if not outputs:
        pytest.fail(f"{name}: {expected_file.name} has no [outputs]; a case must check at least one number")
    tolerance = flatten(expected.get("tolerance", {}))
    scenario = oc.read_scenario((CASES / f"{name}.toml").read_text(encoding="utf-8"))
    result = scenario.evaluate()
    cache: list[oc.BusinessCaseResult] = []

    def business_case() -> oc.BusinessCaseResult:
        if not cache:
            cache.append(scenario.run())
        return cache[0]

    wrong = []
    for key, want in outputs.items():
        got = extract(key, result, business_case)
        if isinstance(want, str) or isinstance(got, str):
            if want != got:
                wrong.append(f"  {key}: expected {want!r}, got {got!r}")
            continue
        tol = float(tolerance.get(key, default_tolerance(key)))
        diff = got - float(want)
        if not (math.isfinite(got) and abs(diff) <= tol):
            wrong.append(f"  {key}: expected {float(want)!r}, got {got!r} (difference {diff:.6g}, tolerance {tol:g})")
    header = f"{name}: {len(wrong)} of {len(outputs)} outputs differ from the hand calculation"
    assert not wrong, header + ":\n" + "\n".join(wrong)


def test_case_files_are_complete() -> None:
    files = case_files()
    assert len(files) >= 12, f"expected at least 12 cases in {CASES}, found {len(files)}"
    problems = []
    for path in files:
        name = case_name(path)
        expected = read_expected(path)
        if not (CASES / f"{name}.toml").is_file():
            problems.append(f"{name}: no scenario file {name}.toml")
        if not str(expected.get("how", "")).strip():
            problems.append(f"{name}: empty or missing 'how'")
        outputs = flatten(expected.get("outputs", {}))
        if not outputs:
            problems.append(f"{name}: no [outputs]")
        unknown = set(expected) - EXPECTED_KEYS
        if unknown:
            problems.append(f"{name}: unknown key(s) {', '.join(sorted(unknown))}")
        extra = set(flatten(expected.get("tolerance", {}))) - set(outputs)
        if extra:
            problems.append(f"{name}: tolerance for keys that are not outputs: {', '.join(sorted(extra))}")
    scenarios = {p.name.removesuffix(".toml") for p in CASES.glob("*.toml") if not p.name.endswith(EXPECTED_SUFFIX)}
    orphans = scenarios - {case_name(p) for p in files}
    if orphans:
        problems.append(f"scenario files without an expected file: {', '.join(sorted(orphans))}")
    assert not problems, "\n".join(problems)
