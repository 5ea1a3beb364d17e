"""Plan versus actual: a saved scenario's projection for one year beside the contacts measured that year.

The PDCA loop of the seeds ("registreer, meet, analyseer en verbeter"): the gemeente imports this year's actual
volumes per channel (the totals import, :func:`omnicalc.read_kcc_export`, or a mapping), omnicalc sets them beside
the business case's projection for that year (the volumes after the levers at that year's ramp), reads the
deviation per channel in Dutch, and re-estimates the status portal's adoption: the adoption at which the projection
of that year meets the measured total on the measured channels.

Declared rule: only the channels in the measurement are compared (a channel missing from the file is not a zero).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from . import fmt
from .business_case import run_business_case
from .domain import CHANNEL_LABELS, CHANNELS
from .errors import InputError
from .scenario_file import ScenarioFile

#: A deviation within this share of plan is read as "volgens plan" [-] (aanname: the noise of one year's count).
ON_PLAN_SHARE = 0.02
ADOPTION = "status_portal.adoption_share"


@dataclass(frozen=True, eq=False)
class Monitor:
    """One year's plan against the actual contacts.

    Parameters
    ----------
    year : int
        Business-case year compared, 1..horizon [year].
    table : DataFrame
        Indexed by the measured channels: ``label_nl``, ``planned_per_year``, ``actual_per_year``,
        ``deviation_per_year`` [contacts/year] and ``deviation_share`` [-] of plan.
    planned_adoption : float
        The scenario's portal adoption setting [-].
    adoption : float or None
        The re-estimated portal adoption [-]: the setting at which the projection, with the same ramp, meets
        the measurement; None when the scenario has no portal or no adoption in 0-100% does.
    readings_nl : tuple of str
        The reading in Dutch, one sentence per channel and one on the adoption [-].
    """

    year: int
    table: pd.DataFrame
    planned_adoption: float
    adoption: float | None
    readings_nl: tuple[str, ...]


def _planned(sf: ScenarioFile, year: int, adoption: float | None = None) -> np.ndarray:
    """(C,) contacts per channel the business case projects for ``year``."""
    scenario = sf.scenario if adoption is None else sf.scenario.with_value(ADOPTION, adoption)
    bc = run_business_case(sf.baseline(), scenario, sf.business_case)
    return np.asarray(bc.outcome.volume_after)[year - 1].sum(axis=-1)


def monitor(sf: ScenarioFile, actual: Mapping[str, float], year: int) -> Monitor:
    """Compare the projection of ``sf`` for business-case year ``year`` (1 = the first year) with ``actual``.

    Parameters
    ----------
    sf : ScenarioFile
        The saved scenario (its baseline, levers, ramps and horizon).
    actual : mapping of str to float
        Measured contacts per channel in that year [contacts/year]; channels not given are not compared.
    year : int
        Business-case year, 1..horizon [year].

    Examples
    --------
    >>> import omnicalc as oc
    >>> sf = oc.read_scenario('schema_version = 2\\ngemeente = "Zwolle"\\n[status_portal]\\nreach_share = 0.6\\n'
    ...                       'adoption_share = 0.6\\nresidual_contact_share = 0.25\\n')
    >>> m = monitor(sf, {"telefoon": 1.0}, 1)
    >>> m.readings_nl[0].startswith("Telefoon")
    True
    """
    horizon = sf.business_case.horizon_years
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or not 1 <= year <= horizon:
        raise InputError(
            "year",
            year,
            f"a whole year 1-{horizon} of the business case is required",
            allowed_nl=f"kies een jaar van 1 tot en met {horizon}",
            label_nl="Jaar",
        )
    measured: dict[str, float] = {}
    for channel, value in actual.items():
        if channel not in CHANNELS:
            raise InputError("actual", channel, "one of " + ", ".join(CHANNELS), label_nl="Kanaal")
        v = float(value)
        if not np.isfinite(v) or v < 0:
            raise InputError(f"actual.{channel}", value, "a number of contacts >= 0 is required", label_nl="Gemeten")
        measured[channel] = v
    if not measured:
        raise InputError("actual", {}, "at least one channel is required", label_nl="Gemeten")
    idx = [CHANNELS.index(c) for c in measured]
    planned = _planned(sf, int(year))[idx]
    got = np.array(list(measured.values()))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(planned > 0, (got - planned) / planned, np.nan)
    table = pd.DataFrame(
        {
            "label_nl": [CHANNEL_LABELS[c] for c in measured],
            "planned_per_year": planned,
            "actual_per_year": got,
            "deviation_per_year": got - planned,
            "deviation_share": share,
        },
        index=pd.Index(list(measured), name="channel"),
    )
    portal = sf.scenario.status_portal
    planned_adoption = float(portal.adoption_share)
    adoption = _reestimate(sf, int(year), idx, float(got.sum())) if portal.reach_share > 0 else None
    return Monitor(int(year), table, planned_adoption, adoption, _readings(table, planned_adoption, adoption))


def _reestimate(sf: ScenarioFile, year: int, idx: list[int], total: float) -> float | None:
    """The portal adoption (0-1) at which the year's projection on the measured channels equals ``total``."""

    def gap(a: float) -> float:
        return float(_planned(sf, year, a)[idx].sum() - total)

    lo, hi = gap(0.0), gap(1.0)
    if lo * hi > 0:
        return None
    if lo == 0:
        return 0.0
    return float(brentq(gap, 0.0, 1.0, xtol=1e-10))


def _readings(table: pd.DataFrame, planned_adoption: float, adoption: float | None) -> tuple[str, ...]:
    out = []
    for r in table.itertuples():
        if not np.isfinite(r.deviation_share):
            out.append(f"{r.label_nl}: {fmt.num(r.actual_per_year)} contacten, het plan verwachtte er geen.")
        elif abs(r.deviation_share) <= ON_PLAN_SHARE:
            out.append(f"{r.label_nl} volgens plan ({fmt.pct(r.deviation_share, 1)}).")
        else:
            where = "boven" if r.deviation_share > 0 else "onder"
            out.append(f"{r.label_nl} {fmt.pct(abs(r.deviation_share), 0)} {where} plan.")
    if adoption is not None and abs(adoption - planned_adoption) > 0.005:
        pace = "langzamer" if adoption < planned_adoption else "sneller"
        out.append(
            f"De statusvragen dalen {pace} dan aangenomen: de gemeten contacten passen bij een adoptie van het "
            f"statusportaal van {fmt.pct(adoption, 0)} bij dezelfde ingroei (plan: {fmt.pct(planned_adoption, 0)})."
        )
    elif adoption is None and table["deviation_per_year"].sum() > 0 and planned_adoption > 0:
        out.append(
            "Ook zonder statusportaal verwacht het plan minder contacten dan gemeten: de afwijking komt niet alleen "
            "van de adoptie van het portaal (kijk naar de volumes van de basis en de andere hefbomen)."
        )
    return tuple(out)


__all__ = ["ADOPTION", "ON_PLAN_SHARE", "Monitor", "monitor"]
