"""Scenario files: read, validate, write, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

import omnicalc as oc
from omnicalc.gemeenten import INDELING_YEAR

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "utrecht_statusportaal.toml"
DATA = ROOT / "tests" / "data"


def test_example_file_evaluates():
    sf = oc.load_scenario(EXAMPLE)
    assert sf.gemeente == "GM0344"
    r = sf.evaluate()
    assert r.baseline.name == "Utrecht" and r.baseline.population == 374_238
    assert r.per_channel.loc["telefoon", "volume_before_per_year"] == pytest.approx(299_136)
    assert r.saving_eur_per_year > 0


def test_round_trip_is_stable(tmp_path):
    sf = oc.load_scenario(EXAMPLE)
    text = oc.dump_scenario(sf)
    again = oc.read_scenario(text)
    assert oc.dump_scenario(again) == text
    assert again.evaluate().saving_eur_per_year == pytest.approx(sf.evaluate().saving_eur_per_year)
    out = tmp_path / "s.toml"
    oc.write_scenario(again, out)
    assert out.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]  # no temporary file left behind


def test_changed_cost_is_written_and_read_back():
    sf = oc.ScenarioFile(
        scenario=oc.Scenario(name="x"),
        population=10_000,
        cost=oc.CostModel(method="bottom_up", top_down_eur_per_contact={"telefoon": 14.5}),
    )
    text = oc.dump_scenario(sf)
    assert "telefoon = 14.5" in text and 'method = "bottom_up"' in text and "balie" not in text
    back = oc.read_scenario(text)
    assert back.cost.method == "bottom_up" and back.cost.top_down_eur_per_contact["telefoon"] == 14.5


@pytest.mark.parametrize(
    "text, field",
    [
        ("schema_version = 2\nstatus_portaal = {}\n", "status_portaal"),
        ("schema_version = 2\n[status_portal]\nreach = 0.5\n", "status_portal.reach"),
        (
            "schema_version = 2\n[[channel_shifts]]\nfrom_channel='telefoon'\nto='email'\nshare=0.1\n",
            "channel_shifts[0].to",
        ),
        ("schema_version = 2\n[cost]\ncolour = 'red'\n", "cost.colour"),
    ],
)
def test_unknown_keys_are_named(text, field):
    with pytest.raises(oc.ScenarioFileError) as e:
        oc.read_scenario(text)
    assert e.value.field == field
    assert "unknown key" in str(e.value)


def test_wrong_or_missing_schema_version():
    for text in ("name = 'x'\n", "schema_version = 0\n", "schema_version = '2'\n", "schema_version = true\n"):
        with pytest.raises(oc.ScenarioFileError, match="schema_version") as e:
            oc.read_scenario(text)
        assert e.value.field == "schema_version" and "geheel getal" in e.value.message_nl
    with pytest.raises(oc.ScenarioFileError, match="newer omnicalc") as e:
        oc.read_scenario("schema_version = 99\n")
    assert "nieuwere versie" in e.value.message_nl


def test_version_1_file_is_migrated(tmp_path):
    """tests/data/scenario_v1.toml was written by omnicalc 0.1 (schema 1); it reads to the same scenario and
    is written back in the current schema, after which save -> load -> save is byte-stable."""
    v1 = oc.load_scenario(DATA / "scenario_v1.toml")
    current = oc.load_scenario(EXAMPLE)
    assert v1.gemeente == current.gemeente == "GM0344"
    assert v1.evaluate().saving_eur_per_year == pytest.approx(current.evaluate().saving_eur_per_year, rel=1e-12)
    assert v1.run().npv_eur == pytest.approx(current.run().npv_eur, rel=1e-12)
    text = oc.dump_scenario(v1)
    assert text.startswith(f"schema_version = {oc.SCHEMA_VERSION}\n")
    assert "cbs_indeling_year = 2024" in text
    oc.write_scenario(oc.read_scenario(text), tmp_path / "s.toml")
    assert (tmp_path / "s.toml").read_text(encoding="utf-8") == text
    assert set(oc.MIGRATIONS) == set(range(1, oc.SCHEMA_VERSION))  # every older version has a step


def test_other_municipal_division_is_refused():
    with pytest.raises(oc.ScenarioFileError) as e:
        oc.read_scenario("schema_version = 2\ngemeente = 'Zwolle'\ncbs_indeling_year = 2026\n")
    assert e.value.field == "cbs_indeling_year" and "CBS-indeling 2024" in e.value.message_nl
    assert set(oc.gemeenten()["year"]) == {INDELING_YEAR}  # the constant names the shipped division


def test_invalid_toml_and_values():
    with pytest.raises(oc.ScenarioFileError, match="not valid TOML"):
        oc.read_scenario("schema_version = = 1")
    with pytest.raises(oc.InputError) as e:
        oc.read_scenario("schema_version = 2\n[status_portal]\nadoption_share = 2\n")
    assert e.value.field == "status_portal.adoption_share"
    with pytest.raises(oc.InputError, match="gemeente"):
        oc.read_scenario("schema_version = 2\ngemeente = 'Atlantis'\n")


def test_population_or_gemeente_is_required():
    sf = oc.read_scenario("schema_version = 2\n")
    with pytest.raises(oc.ScenarioFileError, match="population"):
        sf.baseline()


def test_unreadable_file(tmp_path):
    with pytest.raises(oc.ScenarioFileError, match="cannot be read"):
        oc.load_scenario(tmp_path / "missing.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("name = 'Súdwest'\n".encode("latin-1"))
    with pytest.raises(oc.ScenarioFileError):
        oc.load_scenario(bad)


def test_business_case_section_is_read_and_round_trips():
    sf = oc.load_scenario(EXAMPLE)
    case = sf.business_case
    assert case.horizon_years == 6 and case.ramps["status_portal"].kind == "s_curve"
    assert case.investments[0].amount_eur == 400_000
    assert case.recurring_costs[0].amount_eur_per_year == 80_000 and case.recurring_costs[0].start_year == 1
    assert case.residents is not None and case.residents.value_of_time_eur_per_hour == 10
    again = oc.read_scenario(oc.dump_scenario(sf))
    assert again.run().npv_eur == pytest.approx(sf.run().npv_eur)


def test_weekly_profile_in_the_file():
    text = (
        "schema_version = 2\ngemeente = 'Zwolle'\n[business_case.staffing]\n"
        "profile_shares = [0.5, 0.25, 0.25]\ninterval_minutes = 60\n"
    )
    sf = oc.read_scenario(text)
    assert sf.business_case.staffing.profile.shares == (0.5, 0.25, 0.25)
    assert oc.read_scenario(oc.dump_scenario(sf)).business_case.staffing.profile.interval_minutes == 60
    with pytest.raises(oc.InputError, match="profile"):
        oc.read_scenario("schema_version = 2\n[business_case.staffing]\nprofile_shares = [0.5, 0.4]\n")


@pytest.mark.parametrize(
    "text, field",
    [
        ("schema_version = 2\n[business_case]\nhorizon = 5\n", "business_case.horizon"),
        ("schema_version = 2\n[business_case.ramps.portal]\nkind = 'linear'\n", "business_case.ramps.portal"),
        (
            "schema_version = 2\n[[business_case.investments]]\nlabel='x'\namount=5\n",
            "business_case.investments[0].amount",
        ),
    ],
)
def test_unknown_business_case_keys_are_named(text, field):
    with pytest.raises(oc.ScenarioFileError) as e:
        oc.read_scenario(text)
    assert e.value.field == field


def test_bad_business_case_value():
    with pytest.raises(oc.InputError) as e:
        oc.read_scenario("schema_version = 2\n[business_case]\nhorizon_years = 40\n")
    assert e.value.field == "business_case.horizon_years"
    assert "Looptijd" in e.value.message_nl


@pytest.mark.parametrize(
    "section, path",
    [
        ("[cost]\ntop_down_eur_per_contact = { telefoon = -1 }", "cost.top_down_eur_per_contact.telefoon"),
        ("[baseline]\nvolumes_per_year = { telefoon = -5 }", "baseline.volumes_per_year.telefoon"),
        ("[baseline]\nrepeat_contact_share = { balie = 1.5 }", "baseline.repeat_contact_share.balie"),
        ('[[business_case.investments]]\nlabel = "x"\namount_eur = -1', "business_case.investments[0].amount_eur"),
        ("[status_portal]\nreach_share = 'veel'", "status_portal.reach_share"),
        ('[[channel_shifts]]\nfrom_channel = "telefoon"\nto_channel = "chat"\nshare = 3', "channel_shifts[0].share"),
    ],
)
def test_a_bad_value_is_named_by_its_path(section, path):
    """The reader checks every declared input by its path (inputs.DECLARATIONS and the lever registry)."""
    with pytest.raises(oc.InputError) as e:
        oc.read_scenario(f'schema_version = 2\ngemeente = "Zwolle"\n{section}\n')
    assert e.value.field == path
    label = oc.inputs.resolve(path).label_nl if oc.inputs.lever_for_path(path) is None else ""
    assert label in e.value.message_nl and "toegestaan is 0" in e.value.message_nl


def test_ranges_in_the_file_narrow_or_widen_the_shipped_ones_and_survive_a_round_trip():
    # issue 15: behaviour is drawn by default; a [ranges] section replaces a range, by input path
    import omnicalc as oc

    text = oc.dump_scenario(oc.standard_scenario_file("Zwolle"))
    sf = oc.read_scenario(text + '\n[ranges]\n"status_portal.adoption_share" = [0.5, 0.6, 0.65]\n')
    assert sf.ranges == {"status_portal.adoption_share": oc.Range(0.5, 0.6, 0.65)}
    drawn = oc.analyse(sf, draws=300).simulation.input_draws["status_portal.adoption_share"]
    assert drawn.min() >= 0.5 and drawn.max() <= 0.65
    assert oc.read_scenario(oc.dump_scenario(sf)).ranges == sf.ranges
    for bad, field in (
        ('"status_portal.adoption_share" = [0.7, 0.6, 0.9]', "ranges.status_portal.adoption_share"),
        ('"status_portal.adoption" = [0.5, 0.6, 0.7]', "ranges.status_portal.adoption"),
        ('"status_portal.adoption_share" = [0.5, 0.6, 1.7]', "ranges.status_portal.adoption_share"),
        ('"status_portal.adoption_share" = 0.5', "ranges.status_portal.adoption_share"),
    ):
        with pytest.raises(oc.InputError) as e:
            oc.read_scenario(text + "\n[ranges]\n" + bad + "\n")
        assert e.value.field == field and e.value.message_nl
