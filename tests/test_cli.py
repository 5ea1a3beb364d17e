"""The command line, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import omnicalc as oc
from omnicalc.analysis import THEORETICAL_NL

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "utrecht_statusportaal.toml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "omnicalc.cli", *args], capture_output=True, text=True, timeout=120)


def test_evaluate_prints_a_dutch_table():
    p = run("evaluate", str(EXAMPLE))
    assert p.returncode == 0, p.stderr
    saving = oc.load_scenario(EXAMPLE).evaluate().saving_eur_per_year
    expected = f"€ {round(saving):,}".replace(",", ".")
    assert f"Besparing per jaar, {THEORETICAL_NL}: {expected}" in p.stdout
    assert "Telefoon" in p.stdout and "299.136" in p.stdout
    npv = oc.load_scenario(EXAMPLE).run().npv_eur
    assert f"Netto contante waarde: € {round(npv):,}".replace(",", ".") in p.stdout
    assert "Tijdconventie: Investeringen vallen op t = 0" in p.stdout
    a = oc.analyse(oc.load_scenario(EXAMPLE))  # every point estimate with its P10-P90 and where it lies
    assert a.simulation.band_nl("npv_eur", npv) in p.stdout
    assert a.kpis.loc["saving_eur_per_year", "note_nl"] in p.stdout and "deze raming ligt op P" in p.stdout


def test_voorbeeld_prints_the_standard_scenario(tmp_path):
    from omnicalc.presets import claim_scenario_file, standard_scenario_file

    p = run("voorbeeld", "--gemeente", "Zwolle")
    assert p.returncode == 0, p.stderr
    assert p.stdout == oc.dump_scenario(standard_scenario_file("Zwolle"))
    assert oc.read_scenario(p.stdout).run().npv_eur == pytest.approx(standard_scenario_file("Zwolle").run().npv_eur)
    assert run("voorbeeld", "--claim").stdout == oc.dump_scenario(claim_scenario_file("Utrecht"))
    p = run("voorbeeld", "--gemeente", "Atlantis")
    assert p.returncode == 2 and "kies een gemeente uit de CBS-lijst" in p.stderr and "Traceback" not in p.stderr


def test_evaluate_json():
    p = run("evaluate", str(EXAMPLE), "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["gemeente"]["code"] == "GM0344"
    assert data["summary"]["saving_eur_per_year"] == pytest.approx(
        oc.load_scenario(EXAMPLE).evaluate().saving_eur_per_year
    )
    assert data["business_case"]["npv_eur"] == pytest.approx(oc.load_scenario(EXAMPLE).run().npv_eur)
    assert data["business_case"]["years"]["0"]["investment_eur"] == 400_000
    # Iv3 check: Utrecht's Burgerzaken lasten 2023, 15,151 x EUR 1,000 / 367,947 (data/gemeenten_iv3_burgerzaken.csv)
    iv3 = data["iv3_check"]
    assert iv3["iv3_eur_per_inhabitant"] == pytest.approx(15_151_000 / 367_947)
    cost = oc.load_scenario(EXAMPLE).evaluate().cost_before_eur_per_year
    assert iv3["model_eur_per_inhabitant"] == pytest.approx(cost / data["gemeente"]["population"])
    assert iv3["ratio_band"] == [0.5, 2.0] and "Burgerzaken" in iv3["note_nl"]


def test_bad_file_gives_a_dutch_message_and_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 2\ngemeente = 'Utrecht'\n[status_portal]\nreach_share = 1.5\n")
    p = run("evaluate", str(bad))
    assert p.returncode == 2
    assert "Bereik statusportaal" in p.stderr and "1,5" in p.stderr and "Traceback" not in p.stderr
    p = run("evaluate", str(bad), "--json")
    assert p.returncode == 2 and "status_portal.reach_share" in p.stderr


def test_simulate_prints_percentiles_and_the_tornado_reading():
    p = run("simulate", str(EXAMPLE), "--draws", "2000", "--seed", "5")
    assert p.returncode == 0, p.stderr
    sim = oc.simulate(
        oc.load_scenario(EXAMPLE).baseline(),
        oc.load_scenario(EXAMPLE).scenario,
        oc.load_scenario(EXAMPLE).business_case,
        draws=2000,
        seed=5,
    )
    p50 = f"€ {round(sim.percentiles.loc['npv_eur', 'P50']):,}".replace(",", ".")
    assert "2.000 trekkingen (PERT), seed 5" in p.stdout and p50 in p.stdout
    assert "De businesscase hangt vooral af van" in p.stdout
    j = run("simulate", str(EXAMPLE), "--draws", "500", "--json")
    data = json.loads(j.stdout)
    assert data["draws"] == 500 and 0 <= data["probability_of_payback"] <= 1 and data["tornado"]


# --------------------------------------------------------------------------------------
# one error contract: InputError in Dutch, anything else an id without a traceback
# --------------------------------------------------------------------------------------
from omnicalc import cli  # noqa: E402


def main(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("simulate", str(EXAMPLE), "--seed", "-1"), "Startwaarde (seed): de waarde -1"),
        (("evaluate", str(EXAMPLE), "--draws", "0"), "Aantal trekkingen"),
        (("serve", "--port", "99999"), "Poort: de waarde 99999"),
        (("serve", "--port", "0"), "Poort"),
        (("report", str(EXAMPLE), "-o", "/nonexistent/dir/x.xlsx"), "bestaat niet"),
        (("report", str(EXAMPLE), "--format", "xlsx", "-o", "x.pdf"), "moet eindigen op .xlsx"),
        (("report", str(EXAMPLE), "-o", "rapport"), "moet eindigen op .xlsx"),
        (("report", str(EXAMPLE), "--gemeenten", "GM0088,Atlantis"), "Atlantis"),
    ],
)
def test_bad_arguments_are_refused_in_dutch_with_exit_2(capsys, args, fragment):
    code, err = main(capsys, *args)
    assert code == 2 and fragment in err and "Traceback" not in err, err


def test_an_integer_investment_label_is_an_input_error(tmp_path, capsys):
    bad = tmp_path / "label.toml"
    bad.write_text(
        "schema_version = 2\ngemeente = 'Utrecht'\n[[business_case.investments]]\nlabel = 12\namount_eur = 1\n"
    )
    code, err = main(capsys, "report", str(bad), "-o", str(tmp_path / "x.xlsx"), "--draws", "20")
    assert code == 2 and "Omschrijving investering" in err and "tekst" in err, err
    assert not (tmp_path / "x.xlsx").exists()


def test_an_internal_error_shows_an_id_and_logs_the_traceback(monkeypatch, capsys, caplog):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("deep inside")

    monkeypatch.setattr(cli, "analyse", broken)
    code, err = main(capsys, "evaluate", str(EXAMPLE))
    assert code == 70 and "interne fout (id " in err and "Traceback" not in err and "deep inside" not in err
    incident = err.split("interne fout (id ", 1)[1].split(")", 1)[0]
    record = next(r for r in caplog.records if r.name == "omnicalc.cli")
    assert incident in record.getMessage() and record.exc_info[0] is ZeroDivisionError
    with pytest.raises(ZeroDivisionError):
        cli.main(["evaluate", str(EXAMPLE), "--debug"])


# --------------------------------------------------------------------------------------
# file hygiene of `report`
# --------------------------------------------------------------------------------------
def test_report_refuses_to_overwrite_and_replaces_with_overwrite(tmp_path, capsys):
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"mine")
    code, err = main(capsys, "report", str(EXAMPLE), "-o", str(out), "--draws", "20")
    assert code == 2 and "--overwrite" in err and out.read_bytes() == b"mine"
    code, err = main(capsys, "report", str(EXAMPLE), "-o", str(out), "--draws", "20", "--overwrite")
    assert code == 0, err
    assert out.read_bytes()[:2] == b"PK" and oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]  # no temporary file left


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_report_writes_through_no_symlink(tmp_path, capsys):
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / ".r.xlsx.tmp").symlink_to(victim)  # the temporary name the old code used
    (folder / "s.xlsx").symlink_to(victim)
    code, err = main(capsys, "report", str(EXAMPLE), "-o", str(folder / "r.xlsx"), "--draws", "20")
    assert code == 0, err
    code, err = main(capsys, "report", str(EXAMPLE), "-o", str(folder / "s.xlsx"), "--draws", "20")
    assert code == 2 and "bestaat al" in err
    code, err = main(capsys, "report", str(EXAMPLE), "-o", str(folder / "s.xlsx"), "--draws", "20", "--overwrite")
    assert code == 0, err
    assert victim.read_bytes() == b"precious"
    assert not (folder / "s.xlsx").is_symlink() and (folder / "r.xlsx").read_bytes()[:2] == b"PK"


def test_output_ending_in_a_slash_is_a_folder(tmp_path, capsys):
    code, err = main(capsys, "report", str(EXAMPLE), "-o", f"{tmp_path / 'nieuw'}/", "--draws", "20")
    assert code == 0, err
    assert (tmp_path / "nieuw").is_dir() and len(list((tmp_path / "nieuw").glob("omnicalc_Utrecht_*.xlsx"))) == 1


def test_a_batch_needs_a_folder_and_valid_codes_before_anything_is_made(tmp_path, capsys):
    file = tmp_path / "bestand"
    file.write_text("x")
    code, err = main(capsys, "report", str(EXAMPLE), "--gemeenten", "GM0088", "-o", str(file), "--draws", "20")
    assert code == 2 and "map" in err and file.read_text() == "x"
    code, err = main(capsys, "report", str(EXAMPLE), "--gemeenten", "GM0088", "-o", str(tmp_path / "b.xlsx"))
    assert code == 2 and "map" in err and not (tmp_path / "b.xlsx").exists()
    code, err = main(capsys, "report", str(EXAMPLE), "--gemeenten", "GM0088,GM9999", "-o", str(tmp_path / "nieuw"))
    assert code == 2 and "GM9999" in err and not (tmp_path / "nieuw").exists()


def test_a_report_into_a_folder_that_cannot_be_written_is_refused_without_a_traceback(tmp_path, capsys):
    """Tests run as root, for whom no permission bit stops a write: the folders here refuse everyone."""
    file = tmp_path / "somefile.txt"
    file.write_text("x")
    # a file where the folder should be: refused before anything is computed, the file untouched
    p = run("report", str(EXAMPLE), "-o", str(file / "x.xlsx"), "--draws", "20")
    assert p.returncode == 2 and "Traceback" not in p.stderr + p.stdout, p.stderr
    assert f"{file} is een bestand, geen map" in p.stderr and file.read_text() == "x"
    code, err = main(capsys, "report", str(EXAMPLE), "-o", f"{file / 'sub'}/", "--draws", "20")
    assert code == 2 and "de map kan niet worden gemaakt" in err and "Traceback" not in err, err
    code, err = main(capsys, "report", str(EXAMPLE), "--gemeenten", "GM0088", "-o", str(file / "sub"), "--draws", "20")
    assert code == 2 and "de map kan niet worden gemaakt" in err, err
    if sys.platform.startswith("linux") and Path("/proc").is_dir():
        # a folder that exists, in which not even root can make a file: the write itself fails
        code, err = main(capsys, "report", str(EXAMPLE), "-o", "/proc/x.xlsx", "--draws", "20")
        assert code == 2 and "Uitvoer" in err and "kan niet geschreven worden" in err and "/proc/x.xlsx" in err, err
        assert "Traceback" not in err and not Path("/proc/x.xlsx").exists()


# --------------------------------------------------------------------------------------
# serve
# --------------------------------------------------------------------------------------
def test_serve_passes_the_public_name_to_the_server(monkeypatch, capsys):
    from omnicalc.ui.server import OmnicalcVoila

    commands: list[list[str]] = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command, cwd=None: commands.append(command) or 0)
    notebooks = str(ROOT / "notebooks")
    assert cli.main(["serve", "--notebooks", notebooks, "--public-name", "dashboards.gemeente.nl"]) == 0
    assert "--OmnicalcVoila.public_name=dashboards.gemeente.nl" in commands[-1]
    assert cli.main(["serve", "--notebooks", notebooks]) == 0  # without the flag: $OMNICALC_PUBLIC_NAME decides
    assert not any("public_name" in part for part in commands[-1])
    # the server takes the option as the Host allow-list's public name, over the environment
    monkeypatch.setenv("OMNICALC_PUBLIC_NAME", "elders.example")
    app = OmnicalcVoila()
    app.parse_command_line([part for part in commands[0] if part.startswith("--OmnicalcVoila.")])
    assert app.allowed_hosts() == {"127.0.0.1", "localhost", "dashboards.gemeente.nl"}
