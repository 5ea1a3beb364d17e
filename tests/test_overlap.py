"""No double counting of status questions and repeat contacts (issue 15, deliver 7).

Status questions are largely chasing calls, so a status portal and fewer repeat contacts overlap.
The levers are chained (omnicalc.model.run_levers): the repeat-contact reduction works on the
contacts the status levers left. Known answers are hand calculations, written out in each test.
"""

from __future__ import annotations

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.domain import REASONS, STATUS
from omnicalc.headline import EVERYONE_SELF_RELIANT
from omnicalc.levers import LEVER_KEYS


def phone_base() -> oc.Baseline:
    # 100,000 calls a year, 30% status questions, 20% repeat contacts, EUR 11 a call, every resident able to
    # use a portal: all given here
    return (
        oc.Baseline.from_channel_volumes(
            {"telefoon": 100_000},
            population=50_000,
            repeat_contact_share={"telefoon": 0.20},
            segments=EVERYONE_SELF_RELIANT,
        )
        .with_status_question_share(0.30, ("telefoon",))
        .with_cost(top_down_eur_per_contact={"telefoon": 11.0})
    )


FULL_PORTAL = oc.StatusPortal(1.0, 1.0, 0.0)
REPEAT = oc.RepeatContacts(0.70)


def test_the_repeat_lever_comes_after_the_status_levers():
    order = list(LEVER_KEYS)
    assert order.index("repeat_contacts") > max(order.index("status_portal"), order.index("proactive_status"))


def test_portal_and_repeat_together_remove_39_8_not_44_percent():
    """By hand: the portal avoids all 100,000 x 0.30 = 30,000 status calls; 70,000 calls remain.
    Repeat contacts on what remains: 70,000 x 0.20 x 0.70 = 9,800 avoided. Together 39,800 calls
    (39,8%), not 30,000 + 100,000 x 0.20 x 0.70 = 44,000 (44%) as when both counted in full.
    Savings: 30,000 x EUR 11 = EUR 330,000 and 9,800 x EUR 11 = EUR 107,800."""
    r = oc.evaluate(phone_base(), oc.Scenario(status_portal=FULL_PORTAL, repeat_contacts=REPEAT))
    before, after = r.volume_before.sum(), r.volume_after.sum()
    assert before == pytest.approx(100_000)
    assert before - after == pytest.approx(39_800)
    assert (before - after) / before == pytest.approx(0.398) and (before - after) / before < 0.44
    assert r.per_lever.loc["status_portal", "saving_eur_per_year"] == pytest.approx(330_000)
    assert r.per_lever.loc["repeat_contacts", "saving_eur_per_year"] == pytest.approx(107_800)
    assert r.saving_eur_per_year == pytest.approx(437_800)


def test_the_overlap_is_counted_once():
    """Each alone: portal 30,000, repeat 100,000 x 0.20 x 0.70 = 14,000. Together 39,800 = 30,000 + 14,000 -
    4,200: the 30,000 x 0.14 repeat reductions that would have fallen on status calls the portal already avoids."""
    base = phone_base()
    removed = {
        name: 100_000 - oc.evaluate(base, s).volume_after.sum()
        for name, s in {
            "portal": oc.Scenario(status_portal=FULL_PORTAL),
            "repeat": oc.Scenario(repeat_contacts=REPEAT),
            "both": oc.Scenario(status_portal=FULL_PORTAL, repeat_contacts=REPEAT),
        }.items()
    }
    assert removed["portal"] == pytest.approx(30_000) and removed["repeat"] == pytest.approx(14_000)
    assert removed["both"] == pytest.approx(removed["portal"] + removed["repeat"] - 30_000 * 0.20 * 0.70)


def test_after_a_full_portal_the_repeat_lever_removes_no_status_question():
    """The repeat reduction falls on the reasons that remain: with every status question gone, the status
    reason stays at zero and the 9,800 come from the other reasons, each x (1 - 0.20 x 0.70) = x 0.86."""
    r = oc.evaluate(phone_base(), oc.Scenario(status_portal=FULL_PORTAL, repeat_contacts=REPEAT))
    phone = oc.CHANNELS.index("telefoon")
    before, after = r.volume_before[phone], r.volume_after[phone]  # by reason
    status = STATUS  # index of the reason statusvraag
    assert after[status] == pytest.approx(0.0)
    others = np.arange(len(REASONS)) != status
    np.testing.assert_allclose(after[others], before[others] * 0.86)


def test_national_and_business_case_chain_the_same_way():
    """evaluate_national and the business case use the same run_levers: the full-effect year's saving of the
    business case (theoretical, no ramp) is the 437,800 of the known answer."""
    scenario = oc.Scenario(status_portal=FULL_PORTAL, repeat_contacts=REPEAT)
    case = oc.BusinessCase(
        horizon_years=1,
        savings_basis="theoretical",
        ramps={"status_portal": oc.Ramp(years_to_full=1), "repeat_contacts": oc.Ramp(years_to_full=1)},
    )
    bc = oc.run_business_case(phone_base(), scenario, case)
    assert bc.years["theoretical_saving_eur"].iloc[-1] == pytest.approx(437_800)
