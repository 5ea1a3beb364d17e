"""One story in the numbers (issue 15): the same gemeente with the same scenario shows the same numbers on
every dashboard, in the command line and in the reports, and the national total adds up the gemeenten.

Every number is read where a user reads it: the widgets' HTML, the CLI's JSON, the report's cells and text.
The scenario is the one example scenario, :func:`omnicalc.presets.standard_scenario_file`.
"""

from __future__ import annotations

import html
import io
import json
import re

import openpyxl
import pytest

import omnicalc as oc
from omnicalc import fmt
from omnicalc.analysis import THEORETICAL_NL
from omnicalc.cli import main
from omnicalc.gemeenten import find_gemeente, gemeenten
from omnicalc.model import LIVE_DIGITAL_FROM_POPULATION
from omnicalc.presets import standard_scenario_file
from omnicalc.report.excel import to_xlsx
from omnicalc.report.html import to_html
from omnicalc.ui.kanaalmix import KanaalmixApp
from omnicalc.ui.landelijk import LandelijkApp
from omnicalc.ui.statusvragen import StatusvragenApp

#: A large city, a middle-sized one and one below the size from which chat and WhatsApp are offered.
GEMEENTEN = ("Utrecht", "Zwolle", "Ameland")
EUR = r"(-?€ \d{1,3}(?:\.\d{3})*)"


def test_the_small_gemeente_is_below_the_live_digital_threshold():
    assert find_gemeente(GEMEENTEN[-1])["population"] < LIVE_DIGITAL_FROM_POPULATION


@pytest.fixture(scope="module")
def landelijk():
    return LandelijkApp()


def theoretical_in(text: str) -> str:
    """The theoretical yearly saving as a page or report says it: '... theoretisch (volle kosten per contact) € X'."""
    m = re.search(re.escape(THEORETICAL_NL) + r":? " + EUR, html.unescape(text))
    assert m, text
    return m.group(1)


def one(pattern: str, text: str) -> str:
    m = re.search(pattern, text)
    assert m, text
    return m.group(1)


def landelijk_saving(nat: LandelijkApp, name: str) -> str:
    """A gemeente's yearly saving in the national table, found as a user finds her: by the search box."""
    nat.search.value = name
    row = re.search(
        rf"<tr><td>{re.escape(html.escape(name))}</td>(?:<td[^>]*>[^<]*</td>){{2}}<td[^>]*>{EUR}</td>",
        nat.table.value,
    )
    assert row, f"{name} not found in the national table"
    return row.group(1)


def cli_json(sf: oc.ScenarioFile, tmp_path, capsys) -> dict:
    """``omnicalc evaluate --json`` of the file ``omnicalc voorbeeld`` writes."""
    path = tmp_path / "voorbeeld.toml"
    assert main(["voorbeeld", "--gemeente", str(sf.gemeente)]) == 0
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == oc.dump_scenario(sf)
    assert main(["evaluate", str(path), "--json", "--draws", "200"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("gemeente", GEMEENTEN)
def test_same_gemeente_same_scenario_same_numbers(gemeente, landelijk, tmp_path, capsys):
    sf = standard_scenario_file(gemeente)
    name = str(find_gemeente(gemeente)["name"])
    # the dashboards, each at its start values
    kanaalmix = KanaalmixApp(gemeente)
    status = StatusvragenApp(gemeente)
    saving = {
        "Kanaalmix": theoretical_in(kanaalmix.kpis.value),
        "Statusvragen": one(r"oc-status-saving'>" + EUR + "<", status.local.value),
        "Landelijk": landelijk_saving(landelijk, name),
    }
    npv = {"Kanaalmix": one(r"oc-kpi-npv'[^>]*>" + EUR + "<", kanaalmix.kpis.value)}
    # the command line
    data = cli_json(sf, tmp_path, capsys)
    saving["CLI"] = fmt.eur(data["summary"]["saving_eur_per_year"])
    npv["CLI"] = fmt.eur(data["business_case"]["npv_eur"])
    # the reports
    report = oc.analyse(sf, draws=200)
    page = to_html(report)
    saving["HTML"] = theoretical_in(page)
    npv["HTML"] = one(r"<div class='t'>Netto contante waarde</div><div class='v'>" + EUR + "<", page)
    summary = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)), data_only=True)["Samenvatting"]
    cells = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value}
    saving["Excel"] = fmt.eur(cells[f"Besparing per jaar, {THEORETICAL_NL}"])
    npv["Excel"] = fmt.eur(cells["Netto contante waarde"])
    # ... and the core
    expected = sf.evaluate().saving_eur_per_year
    assert saving == dict.fromkeys(saving, fmt.eur(expected)), saving
    assert npv == dict.fromkeys(npv, fmt.eur(sf.run().npv_eur)), npv
    # the pages say the same thing about what the number is
    for text in (kanaalmix.kpis.value, status.local.value, landelijk.totals.value):
        assert THEORETICAL_NL in html.unescape(text)


def test_the_national_total_is_the_sum_of_the_gemeenten(landelijk):
    """Reconciliation: the national page's total is the sum over all 342 gemeenten of their own evaluation."""
    total = 0.0
    for code in gemeenten()["code"]:
        sf = standard_scenario_file(code)
        total += oc.evaluate(sf.baseline(), sf.scenario).saving_eur_per_year
    assert len(gemeenten()) == 342
    assert one(r"oc-nat-saving'>" + EUR + "<", landelijk.totals.value) == fmt.eur(total)
    assert landelijk.result.saving_eur_per_year == pytest.approx(total, rel=1e-12)
