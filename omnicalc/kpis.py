"""The omnichannel KPIs, one formula each, and the gemeente's targets on them.

The KPI set follows the Tilburg omnichannel business case as far as the model computes it: contacts, the
integral cost per contact, the self-service share, contacts per inhabitant and the status-question share;
beside them the two goals gemeenten set in their channel strategy: fewer phone contacts than now, and
applications (*aanvragen*) handled digitally. :meth:`omnicalc.BusinessCaseResult.kpis` (per year),
:func:`omnicalc.goal_seek` (a KPI target at full effect) and :func:`check_targets` use these formulas.

What the model does not compute, and where it comes from instead: first-contact resolution, transfers and
call-backs and contacts per zaak are measured in the gemeente's own registrations
(:func:`omnicalc.read_registrations`); the service level (e.g. 90% within the norm) is an *input* of the
staffing model, which staffs to meet it, and is measured from the telephony report (:func:`omnicalc.read_acd`).

A target is the gemeente's own choice, not a default: ``[[targets]]`` in the scenario file
(``kpi = "self_service_share"``, ``value = 0.6``, ``year = 5``; without a year the final year of the case).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from . import fmt
from .domain import ASSISTED_MASK, CHANNELS, REASONS, STATUS
from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .business_case import BusinessCaseResult

_ASSISTED = np.array(ASSISTED_MASK)
_PHONE = CHANNELS.index("telefoon")
_APPLICATION = REASONS.index("aanvraag")


@dataclass(frozen=True)
class Kpi:
    """One KPI: its Dutch label, unit and which way is better.

    Parameters
    ----------
    key : str
        Column name, e.g. ``"self_service_share"``.
    label_nl : str
        Dutch label.
    unit : str
        ``"fractie"``, ``"EUR/contact"``, ``"contacten/inwoner/jaar"`` or ``"contacten/jaar"``.
    better : {"higher", "lower"}
        Which way a target is met: at least (``higher``) or at most (``lower``) the target value.
    subject_nl : str
        The KPI as the subject of a Dutch sentence (``"het aandeel zelfservice"``).
    """

    key: str
    label_nl: str
    unit: str
    better: Literal["higher", "lower"]
    subject_nl: str

    def shown(self, value: float, decimals: int = 1) -> str:
        """``value`` in Dutch: 60,0%, € 4,12, 1,23 contacten per inwoner."""
        if self.unit == "fractie":
            return fmt.pct(value, decimals)
        if self.unit == "EUR/contact":
            return fmt.eur(value, 2)
        if self.unit == "contacten/inwoner/jaar":
            return fmt.num(value, 2)
        return fmt.num(value)


#: The KPIs the model computes, by key (the columns of :func:`kpi_table`).
KPIS: dict[str, Kpi] = {
    k.key: k
    for k in (
        Kpi("contacts_per_year", "Contacten per jaar", "contacten/jaar", "lower", "het aantal contacten per jaar"),
        Kpi(
            "integral_cost_eur_per_contact",
            "Integrale kosten per contact",
            "EUR/contact",
            "lower",
            "de integrale kosten per contact",
        ),
        Kpi("self_service_share", "Aandeel zelfservice", "fractie", "higher", "het aandeel zelfservice"),
        Kpi(
            "contacts_per_inhabitant_per_year",
            "Contacten per inwoner per jaar",
            "contacten/inwoner/jaar",
            "lower",
            "het aantal contacten per inwoner",
        ),
        Kpi("status_question_share", "Aandeel statusvragen", "fractie", "lower", "het aandeel statusvragen"),
        Kpi(
            "phone_reduction_share",
            "Minder telefonische contacten dan nu",
            "fractie",
            "higher",
            "de daling van de telefonische contacten",
        ),
        Kpi(
            "digital_application_share",
            "Aanvragen digitaal (zelfservice)",
            "fractie",
            "higher",
            "het aandeel digitale aanvragen",
        ),
    )
}


def kpi_table(volumes: np.ndarray, cost_eur_per_contact: np.ndarray, population: float) -> pd.DataFrame:
    """The KPIs of each row of ``volumes``; the first row is *now* (the phone reduction counts from it).

    Parameters
    ----------
    volumes : ndarray
        Contacts per (row, channel, reason), e.g. year 0 (the baseline) then each year [contacts/year].
    cost_eur_per_contact : ndarray
        Cost per contact per channel [EUR/contact].
    population : float
        Inhabitants [-].

    Returns
    -------
    DataFrame
        One row per row of ``volumes``, one column per :data:`KPIS` key; a share of nothing is 0.

    Examples
    --------
    >>> import numpy as np
    >>> v = np.zeros((2, 7, 4)); v[0, 1, 0] = 100.0; v[1, 1, 0] = 70.0; v[1, 5, 0] = 30.0  # phone -> web form
    >>> t = kpi_table(v, np.array([30.0, 12, 6, 5, 5, 1, 15]), population=50)
    >>> t["phone_reduction_share"].round(6).tolist(), t["self_service_share"].round(6).tolist()
    ([0.0, 0.3], [0.0, 0.3])
    """
    v = np.asarray(volumes, dtype=float)
    contacts = v.sum(axis=(-2, -1))
    per_channel = v.sum(axis=-1)
    phone = per_channel[:, _PHONE]
    applications = v[:, :, _APPLICATION]

    def share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # as before: a share of ~nothing
            return np.where(whole > 0, part / np.where(whole > 0, whole, 1.0), 0.0)

    return pd.DataFrame(
        {
            "contacts_per_year": contacts,
            "integral_cost_eur_per_contact": share((per_channel * cost_eur_per_contact).sum(axis=-1), contacts),
            "self_service_share": share(per_channel[:, ~_ASSISTED].sum(axis=-1), contacts),
            "contacts_per_inhabitant_per_year": contacts / population,
            "status_question_share": share(v[:, :, STATUS].sum(axis=-1), contacts),
            "phone_reduction_share": share(phone[0] - phone, np.full_like(phone, phone[0])),
            "digital_application_share": share(applications[:, ~_ASSISTED].sum(axis=-1), applications.sum(axis=-1)),
        }
    )


@dataclass(frozen=True)
class KpiTarget:
    """A gemeente's target on one KPI (``[[targets]]`` in the scenario file).

    Parameters
    ----------
    kpi : str
        A key of :data:`KPIS`, e.g. ``"self_service_share"``.
    value : float
        The target [unit of the KPI]: a share 0-1, EUR per contact or contacts (per inhabitant) per year.
    year : int or None
        The year by which it should be met (1 = the first year of the case); None: the final year.
    """

    kpi: str
    value: float
    year: int | None = None

    def __post_init__(self) -> None:
        if self.kpi not in KPIS:
            raise InputError(
                "targets.kpi",
                self.kpi,
                "allowed is " + ", ".join(KPIS),
                allowed_nl="kies een van: " + ", ".join(k.label_nl for k in KPIS.values()),
                label_nl="Doel: KPI",
            )
        kpi = KPIS[self.kpi]
        high = 1.0 if kpi.unit == "fractie" else 1e9
        ok = isinstance(self.value, (int, float)) and not isinstance(self.value, bool) and 0 <= self.value <= high
        if not ok:
            shown = "0% tot en met 100%" if kpi.unit == "fractie" else "0 of meer"
            raise InputError(
                "targets.value",
                self.value,
                f"a number from 0 to {high:g} [{kpi.unit}]",
                allowed_nl=f"toegestaan is {shown}",
                label_nl=f"Doel: {kpi.label_nl}",
            )
        if self.year is not None and (not isinstance(self.year, int) or isinstance(self.year, bool) or self.year < 1):
            raise InputError(
                "targets.year",
                self.year,
                "a whole number of at least 1 (a year of the case)",
                allowed_nl="een jaar van de businesscase (1 of hoger)",
                label_nl=f"Doel: {kpi.label_nl} (jaar)",
            )


def check_targets(bc: BusinessCaseResult, targets: Sequence[KpiTarget]) -> pd.DataFrame:
    """Each target against the KPI of its year in the business case, with a Dutch reading.

    Parameters
    ----------
    bc : BusinessCaseResult
        The business case (its KPIs per year, year 0 = now).
    targets : sequence of KpiTarget
        The gemeente's targets.

    Returns
    -------
    DataFrame
        One row per target: ``kpi``, ``label_nl``, ``year``, ``target``, ``value`` (the KPI in that year),
        ``now`` (year 0), ``met`` and ``text_nl``.

    Raises
    ------
    InputError
        When a target's year lies beyond the horizon of the case.
    """
    table = bc.kpis
    horizon = len(table) - 1
    rows = []
    for i, t in enumerate(targets):
        year = horizon if t.year is None else t.year
        if year > horizon:
            raise InputError(
                f"targets[{i}].year",
                year,
                f"a year of the case, 1 to {horizon}",
                allowed_nl=f"een jaar van de businesscase, 1 tot en met {horizon}",
                label_nl=f"Doel: {KPIS[t.kpi].label_nl} (jaar)",
            )
        kpi = KPIS[t.kpi]
        value, now = float(table[t.kpi].iloc[year]), float(table[t.kpi].iloc[0])
        met = value >= t.value - 1e-12 if kpi.better == "higher" else value <= t.value + 1e-12
        word = "ten minste" if kpi.better == "higher" else "ten hoogste"
        text = (
            f"{kpi.label_nl}: doel {word} {kpi.shown(t.value)} in jaar {year}; het scenario geeft "
            f"{kpi.shown(value)} (nu {kpi.shown(now)}): {'gehaald' if met else 'niet gehaald'}."
        )
        rows.append(
            {
                "kpi": t.kpi,
                "label_nl": kpi.label_nl,
                "year": year,
                "target": t.value,
                "value": value,
                "now": now,
                "met": met,
                "text_nl": text,
            }
        )
    columns = ["kpi", "label_nl", "year", "target", "value", "now", "met", "text_nl"]
    return pd.DataFrame(rows, columns=columns)


__all__ = ["KPIS", "Kpi", "KpiTarget", "check_targets", "kpi_table"]
