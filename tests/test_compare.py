"""Kept scenarios: in the scenario file, compared input by input, with each one's own results."""

from __future__ import annotations

from dataclasses import replace

import pytest

import omnicalc as oc
from omnicalc import fmt
from omnicalc.compare import compare
from omnicalc.errors import InputError, ScenarioFileError
from omnicalc.scenario_doc import ScenarioDocument

A = 'schema_version = 2\ngemeente = "Zwolle"\nname = "A"\n[status_portal]\nreach_share = 0.5\nadoption_share = 0.4\n'
B = (
    'schema_version = 2\ngemeente = "Zwolle"\nname = "B"\n[status_portal]\nreach_share = 0.7\nadoption_share = 0.4\n'
    '[[business_case.investments]]\nlabel = "Portaal"\namount_eur = 300000\n'
)


def test_each_result_is_the_scenarios_own_business_case():
    a, b = oc.read_scenario(A), oc.read_scenario(B)
    c = compare([a, b])
    for name, sf in zip(("A", "B"), (a, b)):
        bc = oc.run_business_case(sf.baseline(), sf.scenario, sf.business_case)
        assert c.results.loc["Netto contante waarde", name] == pytest.approx(bc.npv_eur, rel=1e-12)
        assert c.results_nl.loc["Netto contante waarde", name] == fmt.eur(bc.npv_eur)
        assert c.results.loc["Besparing per jaar (laatste jaar)", name] == pytest.approx(
            bc.years["savings_used_eur"].iloc[-1], rel=1e-12
        )
    assert c.results.loc["Gemeente", "A"] == "Zwolle"


def test_every_differing_input_is_a_row_and_nothing_else():
    c = compare([oc.read_scenario(A), oc.read_scenario(B)])
    rows = {r["path"]: (r["A"], r["B"]) for _, r in c.inputs.iterrows()}
    assert rows == {
        "status_portal.reach_share": ("50%", "70%"),  # the adoption (40% in both) is not a row
        "business_case.investments[0].label": ("geen", "Portaal"),  # A has no investment at all
        "business_case.investments[0].amount_eur": ("geen", "€ 300.000"),
    }
    assert set(c.inputs["Onderdeel"]) == {"Statusportaal", "Investering 1"}


def test_an_input_left_to_its_default_says_standaard():
    own_cost = A + "[cost.top_down_eur_per_contact]\ntelefoon = 15.0\n"
    c = compare([oc.read_scenario(A), oc.read_scenario(own_cost)])
    row = c.inputs.set_index("path").loc["cost.top_down_eur_per_contact.telefoon"]
    assert (row["A"], row["A (2)"]) == ("standaard", "€ 15,00")  # names made unique
    assert row["Invoer"] == "Kosten per contact (Telefoon)"


def test_kept_scenarios_round_trip_through_the_file():
    a, b = oc.read_scenario(A), oc.read_scenario(B)
    text = oc.dump_scenario(replace(a, kept=(a, b)))
    assert text.count("[[kept]]") == 2
    back = oc.read_scenario(text)
    assert [k.scenario.name for k in back.kept] == ["A", "B"]
    assert back.kept[1].business_case.investments[0].amount_eur == 300000
    assert oc.dump_scenario(back) == text


def test_an_error_in_a_kept_scenario_names_it():
    text = oc.dump_scenario(replace(oc.read_scenario(A), kept=(oc.read_scenario(B),)))
    with pytest.raises(InputError) as e:
        oc.read_scenario(text.replace("reach_share = 0.7", "reach_share = 1.7"))
    assert e.value.field == "kept[0].status_portal.reach_share"
    assert e.value.message_nl.startswith("Bewaard scenario 1: ")


def test_a_kept_scenario_keeps_none_and_has_no_version_of_its_own():
    with pytest.raises(ScenarioFileError, match="cannot keep scenarios"):
        oc.read_scenario(A + '[[kept]]\nname = "x"\n[[kept.kept]]\nname = "y"\n')
    with pytest.raises(ScenarioFileError, match="schema version of its file"):
        oc.read_scenario(A + '[[kept]]\nname = "x"\nschema_version = 2\n')


def test_at_most_ten_kept_scenarios_in_a_file():
    text = A + "".join(f'[[kept]]\nname = "k{i}"\n' for i in range(11))
    with pytest.raises(InputError, match="at most 10 kept scenarios"):
        oc.read_scenario(text)


def test_the_document_keeps_drops_and_renames():
    doc = ScenarioDocument(A)
    doc.keep(doc.scenario_file())
    doc.set("status_portal.reach_share", 0.6)
    doc.keep(doc.scenario_file())
    doc.set("kept[1].name", "Zestig")
    assert [k.scenario.name for k in doc.scenario_file().kept] == ["A", "Zestig"]
    assert [k.scenario.status_portal.reach_share for k in doc.scenario_file().kept] == [0.5, 0.6]
    doc.drop_kept(0)
    doc.drop_kept(0)
    assert "kept" not in doc.text and doc.scenario_file().kept == ()
    with pytest.raises(KeyError):
        doc.drop_kept(0)


def test_no_scenarios_is_a_clear_error():
    with pytest.raises(InputError, match="at least one scenario"):
        compare([])
