"""Reports: Excel read back and recalculated by LibreOffice, PDF pages checked as pictures, HTML self-contained."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from conftest import require_program

import omnicalc as oc
from omnicalc import fmt
from omnicalc.analysis import analyse as build_report
from omnicalc.bbv import BALANCE_LINES_NL
from omnicalc.report import safe_text
from omnicalc.report.excel import FLOW_COLUMNS, to_xlsx
from omnicalc.report.html import to_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "utrecht_statusportaal.toml"
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="module")
def report():
    return build_report(oc.load_scenario(EXAMPLE), draws=2_000, seed=11)


@pytest.fixture(scope="module")
def xlsx(report, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / f"{report.file_stem()}.xlsx"
    path.write_bytes(to_xlsx(report))
    return path


def values_of(path: Path):
    return openpyxl.load_workbook(path, data_only=True)


def cell_of(ws, label: str, column: int):
    for row in ws.iter_rows():
        if row[0].value == label:
            return row[column]
    raise AssertionError(f"no row {label!r}")


def test_excel_sheets_values_and_formulas(report, xlsx):
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == [
        "Samenvatting",
        "Aannames",
        "Volumes",
        "Bezetting",
        "Per kanaal",
        "Kasstromen",
        "Meerjarenraming (BBV)",
        "Onzekerheid",
        "Inclusieregels",
    ]
    # the BBV view as values, the same numbers as omnicalc's own raming
    raming = report.bbv
    assert cell_of(wb["Meerjarenraming (BBV)"], "Budgettair saldo", 2).value.startswith("=")
    ws = values_of(xlsx)["Meerjarenraming (BBV)"]
    saldo = cell_of(ws, "Budgettair saldo", 2)
    assert saldo.value == pytest.approx(raming.balance["balance_eur"].iloc[0])
    assert cell_of(ws, "Cumulatief saldo", 1 + len(raming.years)).value == pytest.approx(
        raming.balance["cumulative_eur"].iloc[-1]
    )
    # the inclusion rules as declared: an aanvraag not by phone, e-mail, chat or WhatsApp (channel_suitability.csv)
    aanvraag = cell_of(wb["Inclusieregels"], "Aanvraag/transactie", 0).row
    assert [c.value for c in wb["Inclusieregels"][aanvraag][:8]] == [
        "Aanvraag/transactie"
    ] + "ja nee nee nee nee ja ja".split()
    flows = wb["Kasstromen"]
    assert flows["A4"].value == "Jaar" and flows["M4"].value == "Netto kasstroom"
    assert flows["M5"].value == "=J5-K5-L5" and flows["O6"].value.startswith("=1/(1+Aannames!")
    assert cell_of(flows, "Netto contante waarde", 3).value.startswith("=SUM(P5:P")
    assert flows["K5"].value.startswith("=Aannames!") and "€" in flows["K5"].number_format
    assert values_of(xlsx)["Kasstromen"]["K5"].value == 400_000
    # the staff lines are live: loonkosten from the salary inputs, released FTE x that, frictiekosten, dubbele lasten
    assert [flows.cell(4, c).value for c in (4, 5, 6, 7, 8, 9)] == [
        "Fte vrijgespeeld",
        "Fte afgebouwd",
        "Personeelsbesparing",
        "Frictiekosten",
        "Dubbele lasten (vrijgespeeld, nog niet afgebouwd)",
        "Besparing realiseerbaar",
    ]
    assert flows["G3"].value.startswith("=Aannames!") and "*12*(1+Aannames!" in flows["G3"].value
    assert flows["F7"].value == "=IF(A7=0,0,E7*$I$3*(1+Aannames!" + flows["F7"].value.split("(1+Aannames!")[1]
    assert flows["I7"].value == "=C7+F7-G7" and flows["G7"].value.startswith("=MAX(0,MAX(0,E7)-MAX(0,E6))*Aannames!")
    channels = wb["Per kanaal"]
    assert channels["E4"].value == "=B4*D4"
    assert wb["Samenvatting"]["B4"].value == "=NCW"
    aannames = wb["Aannames"]
    assert cell_of(aannames, "Discontovoet", 1).value == pytest.approx(0.0225)
    assert any(c.value == "aanname" for row in aannames.iter_rows() for c in row)
    # cached results are omnicalc's numbers, for readers that do not recalculate
    values = openpyxl.load_workbook(xlsx, data_only=True)
    assert cell_of(values["Kasstromen"], "Netto contante waarde", 3).value == pytest.approx(
        report.business_case.npv_eur
    )
    assert len(values["Kasstromen"]._charts) == 1 and len(values["Samenvatting"]._charts) == 1


def libreoffice_recalculate(path: Path, out_dir: Path) -> Path:
    soffice = require_program("soffice", "sudo apt-get install libreoffice-calc-nogui")
    profile = out_dir / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_PROFILE)
    result = out_dir / "recalculated"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(result),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return result / path.name


def test_libreoffice_recalculates_the_npv(report, xlsx, tmp_path):
    # the file as written, recalculated: LibreOffice's NPV equals omnicalc's within EUR 1
    wb = openpyxl.load_workbook(libreoffice_recalculate(xlsx, tmp_path), data_only=True)
    assert cell_of(wb["Kasstromen"], "Netto contante waarde", 3).value == pytest.approx(
        report.business_case.npv_eur, abs=1.0
    )
    # finance changes the discount rate in Excel: the NPV follows (openpyxl drops all cached results first)
    edited = tmp_path / "edited.xlsx"
    book = openpyxl.load_workbook(xlsx)
    cell_of(book["Aannames"], "Discontovoet", 1).value = 0.035
    book.save(edited)
    wb = openpyxl.load_workbook(libreoffice_recalculate(edited, tmp_path), data_only=True)
    sf = report.scenario_file
    at_35 = dataclasses.replace(sf, business_case=dataclasses.replace(sf.business_case, discount_rate=0.035)).run()
    assert cell_of(wb["Kasstromen"], "Netto contante waarde", 3).value == pytest.approx(at_35.npv_eur, abs=1.0)
    assert wb["Samenvatting"]["B4"].value == pytest.approx(at_35.npv_eur, abs=1.0)
    assert at_35.npv_eur != pytest.approx(report.business_case.npv_eur, abs=1.0)
    # a controller puts in the gemeente's own salary: the staff saving and the NPV follow the model's
    salaried = tmp_path / "salary.xlsx"
    book = openpyxl.load_workbook(xlsx)
    cell_of(book["Aannames"], "Bruto maandsalaris", 1).value = 4_000
    book.save(salaried)
    wb = openpyxl.load_workbook(libreoffice_recalculate(salaried, tmp_path), data_only=True)
    staffing = dataclasses.replace(sf.business_case.staffing, salary_eur_per_month=4_000)
    at_4000 = dataclasses.replace(sf, business_case=dataclasses.replace(sf.business_case, staffing=staffing)).run()
    assert at_4000.years["staff_saving_eur"].sum() > report.business_case.years["staff_saving_eur"].sum()
    assert cell_of(wb["Kasstromen"], "Netto contante waarde", 3).value == pytest.approx(at_4000.npv_eur, abs=1.0)
    # ... and the release rule: whole FTE as formatie-eenheid, 3% attrition, two years' lag
    ruled = tmp_path / "rule.xlsx"
    book = openpyxl.load_workbook(xlsx)
    for label, value in (("Formatie-eenheid", 1.0), ("Natuurlijk verloop", 0.03), ("Vertraging vrijval", 2)):
        cell_of(book["Aannames"], label, 1).value = value
    book.save(ruled)
    wb = openpyxl.load_workbook(libreoffice_recalculate(ruled, tmp_path), data_only=True)
    staffing = dataclasses.replace(
        sf.business_case.staffing, fte_step=1.0, attrition_share=0.03, fte_release_lag_years=2
    )
    ruled_case = dataclasses.replace(sf, business_case=dataclasses.replace(sf.business_case, staffing=staffing)).run()
    assert ruled_case.npv_eur != pytest.approx(report.business_case.npv_eur, abs=1_000)
    assert cell_of(wb["Kasstromen"], "Netto contante waarde", 3).value == pytest.approx(ruled_case.npv_eur, abs=1.0)


def changed_scenario(sf, investment_eur: float, adoption_share: float, phone_eur_per_contact: float):
    """The scenario with the three inputs of the round trip changed, as omnicalc reads it."""
    cost = dataclasses.replace(
        sf.cost, top_down_eur_per_contact={**sf.cost.top_down_eur_per_contact, "telefoon": phone_eur_per_contact}
    )
    investment = dataclasses.replace(sf.business_case.investments[0], amount_eur=investment_eur)
    return dataclasses.replace(
        sf,
        scenario=sf.scenario.with_value("status_portal.adoption_share", adoption_share),
        cost=cost,
        business_case=dataclasses.replace(sf.business_case, investments=(investment,)),
    )


def test_libreoffice_round_trip_of_three_inputs_agrees_to_the_cent(report, xlsx, tmp_path):
    """Issue 17, point 5: investment, adoption and phone cost per contact changed in Aannames, recalculated by
    LibreOffice, read back and compared with omnicalc's own analysis of the changed scenario, to the cent.

    Excluded, because they are values (labelled so in the workbook): the Monte Carlo results (Onzekerheid, the
    probability of payback and the bands on Samenvatting) and the tornado; nothing else is excluded."""
    edited = tmp_path / "three.xlsx"
    book = openpyxl.load_workbook(xlsx)
    a = book["Aannames"]
    cell_of(a, "Eenmalige investering: Implementatie statusportaal en koppelingen", 1).value = 550_000
    cell_of(a, "Adoptie statusportaal", 1).value = 0.65
    cell_of(a, "Kosten per contact – Telefoon", 1).value = 9.5
    book.save(edited)
    wb = openpyxl.load_workbook(libreoffice_recalculate(edited, tmp_path), data_only=True)
    changed = build_report(changed_scenario(report.scenario_file, 550_000, 0.65, 9.5), draws=200, seed=11)
    bc = changed.business_case
    assert bc.npv_eur != pytest.approx(report.business_case.npv_eur, abs=1_000)  # the change matters
    cent = 0.005
    assert cell_of(wb["Kasstromen"], "Netto contante waarde", 3).value == pytest.approx(bc.npv_eur, abs=cent)
    assert wb["Samenvatting"]["B4"].value == pytest.approx(bc.npv_eur, abs=cent)
    # every cash-flow line of every year, the FTE per year and the payback
    flows = wb["Kasstromen"]
    for column, (_, name) in enumerate(FLOW_COLUMNS[:18]):
        if name is None:
            continue
        got = [flows.cell(5 + t, 1 + column).value for t in bc.years.index]
        tol = 1e-6 if name.startswith(("fte", "discount")) else cent
        assert got == pytest.approx(bc.years[name].tolist(), abs=tol), name
    assert cell_of(flows, "Terugverdientijd (jaar)", 3).value == pytest.approx(bc.payback.year, abs=1e-9)
    # the BBV view: every line total and the saldo per jaarschijf
    raming = wb["Meerjarenraming (BBV)"]
    for label, column in BALANCE_LINES_NL:
        row = cell_of(raming, label, 0).row
        got = [raming.cell(row, 3 + i).value for i in range(len(changed.bbv.years))]
        assert got == pytest.approx(changed.bbv.balance[column].tolist(), abs=cent), label
    # per channel: volumes, cost per contact and cost, and the saving per lever
    pc = changed.result.per_channel
    sheet = wb["Per kanaal"]
    for i, r in enumerate(pc.itertuples()):
        row = [c.value for c in sheet[4 + i][:7]]
        assert row[0] == r.label_nl
        assert row[1:] == pytest.approx(
            [
                r.volume_before_per_year,
                r.volume_after_per_year,
                r.cost_eur_per_contact,
                r.cost_before_eur_per_year,
                r.cost_after_eur_per_year,
                r.saving_eur_per_year,
            ],
            abs=cent,
        )
    for r in changed.result.per_lever.itertuples():
        assert cell_of(sheet, r.label_nl, 1).value == pytest.approx(r.saving_eur_per_year, abs=cent), r.label_nl
    summary = wb["Samenvatting"]
    assert cell_of(summary, "IRR", 1).value == pytest.approx(bc.irr.rate, abs=1e-9)
    assert cell_of(summary, "Structureel effect (BBV, laatste jaarschijf)", 1).value == pytest.approx(
        changed.bbv.structural_effect_eur, abs=cent
    )
    # what stays a value says so
    assert any("Monte Carlo" in str(c.value) and "geen formule" in str(c.value) for c in summary["A"])


def test_a_scenario_name_cannot_inject_a_formula(tmp_path):
    sf = oc.load_scenario(EXAMPLE)
    evil = dataclasses.replace(
        sf, scenario=dataclasses.replace(sf.scenario, name='=HYPERLINK("http://x.invalid","klik")')
    )
    path = tmp_path / "evil.xlsx"
    path.write_bytes(to_xlsx(build_report(evil, draws=200)))
    cell = openpyxl.load_workbook(path)["Samenvatting"]["A1"]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
    assert safe_text("+31 6") == "'+31 6" and safe_text("@x") == "'@x" and safe_text("Utrecht") == "Utrecht"
    assert "&lt;" not in to_html(build_report(evil, draws=200)).split("<title>")[0]


def test_html_is_self_contained(report):
    page = to_html(report)
    # both views, with the one line on the difference
    from omnicalc.bbv import mkba_vs_bbv_nl

    assert "<h2>Meerjarenraming (BBV)</h2>" in page and html.escape(mkba_vs_bbv_nl()) in page
    assert oc.fmt.eur(report.bbv.balance["balance_eur"].iloc[0]) in page
    assert not re.search(r"https?://", page)
    assert page.count("data:image/svg+xml;base64,") == 4  # the dashboard's Vega-Lite charts, rendered by vl-convert
    assert page.count("<figcaption") == 4 and "Cumulatieve kasstroom na" in page  # each with its Dutch summary
    assert "aanname" in page and "seed 11" in page and "t = 0" in page


def test_html_shows_the_inclusion_rules_with_their_source(report):
    # issue 14: the UWV model and the suitability matrix are in the report, with the source of each row
    page = to_html(report)
    rules = page.split("<h2>Inclusieregels</h2>")[1].split("</section>")[0]
    assert "UWV-kanaalsturingsmodel" in rules and "Geschikte kanalen per contactreden" in rules
    # header and 9 rows (complexity x segment), header and 6 reasons, header and 7 channels
    assert rules.count("<tr>") == 1 + 9 + 1 + 6 + 1 + 7
    assert "interpretatie" in rules.split("Kanaalrollen")[1].lower()  # post counts as personal: stated
    assert "Awb art. 4:1" in rules and "VNG handreiking omnichannel" in rules
    # the residents' side per segment
    for x in report.residents_per_segment.itertuples():
        assert f"<td>{x.label_nl}</td><td class='n'>{oc.fmt.num(x.residents)}</td>" in page
    # and what they kept in this scenario, in the summary and on the Excel sheet
    notes = report.result.inclusion_notes_nl()
    assert notes and all(html.escape(n) in page for n in notes)
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(report)))
    assert notes[0] in [c.value for c in wb["Inclusieregels"]["A"]]


def test_pdf_pages_are_not_blank(tmp_path):
    require_program("chromium", "sudo apt-get install chromium")
    pdftoppm = require_program("pdftoppm", "sudo apt-get install poppler-utils")
    from PIL import Image

    # as a user makes it: the command line (a browser of its own, outside this test's Playwright)
    pdf = tmp_path / "r.pdf"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "omnicalc.cli",
            "report",
            str(EXAMPLE),
            "--format",
            "pdf",
            "--draws",
            "2000",
            "-o",
            str(pdf),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    subprocess.run([pdftoppm, "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("p-*.png"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(pages) == int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 5
    for page in pages:
        ink = (np.asarray(Image.open(page).convert("L")) < 200).mean()
        assert ink > 0.001, f"{page.name} is blank"


def test_cli_report_and_batch(tmp_path):
    run = lambda *a: subprocess.run(
        [sys.executable, "-m", "omnicalc.cli", *a], capture_output=True, text=True, timeout=300
    )
    p = run("report", str(EXAMPLE), "--format", "xlsx", "--draws", "300", "-o", str(tmp_path))
    assert p.returncode == 0, p.stderr
    written = list(tmp_path.glob("omnicalc_Utrecht_*.xlsx"))
    assert len(written) == 1 and openpyxl.load_workbook(written[0]).sheetnames[0] == "Samenvatting"
    batch = tmp_path / "batch"
    p = run(
        "report", str(EXAMPLE), "--format", "html", "--gemeenten", "GM0088,GM0855", "--draws", "300", "-o", str(batch)
    )
    assert p.returncode == 0, p.stderr
    assert sorted(x.name.split("_")[1] for x in batch.iterdir()) == ["Schiermonnikoog", "Tilburg"]
    p = run("report", str(EXAMPLE), "--gemeenten", "GM9999", "-o", str(batch))
    assert p.returncode == 2 and "CBS-lijst" in p.stderr


@pytest.mark.parametrize(
    "text", [" =1+1", "＝HYPERLINK(1)", "\n=1", "\t1", "\r=1", "  +31", "﹦1", "－1", "＠SUM(A1)", "\u3000=1"]
)
def test_the_formula_guard_looks_past_spaces_and_full_width_signs(text):
    """Only the first character was checked: " =…", "＝…" and "\\n=…" went into the cell as they were."""
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Utrecht", "€ 1.234", "'=al beschermd", "a=b", "31-12-2026", ""])
def test_the_formula_guard_leaves_plain_text(text):
    assert safe_text(text) == text


#: Page margin of the report (``@page`` in omnicalc.report.html.CSS): 14 mm left and right [pt].
SIDE_MARGIN_PT = 14 / 25.4 * 72


@pytest.fixture(scope="module")
def pdf_pages(report, tmp_path_factory, artifacts):
    """The example's PDF as a reader gets it: the file, its text per page, its word boxes, a picture per page."""
    require_program("chromium", "sudo apt-get install chromium")
    pdftoppm = require_program("pdftoppm", "sudo apt-get install poppler-utils")
    pdftotext = require_program("pdftotext", "sudo apt-get install poppler-utils")
    out = tmp_path_factory.mktemp("pdf")
    pdf = out / f"{report.file_stem()}.pdf"
    # as a user makes it, the same analysis as the report fixture (draws 2.000, seed 11): the command line, with a
    # browser of its own (a browser test's Playwright keeps an event loop in this process)
    cli = [sys.executable, "-m", "omnicalc.cli", "report", str(EXAMPLE), "--format", "pdf", "-o", str(pdf)]
    p = subprocess.run([*cli, "--draws", "2000", "--seed", "11"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    for old in artifacts.glob("rapport-pagina-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-r", "60", "-png", str(pdf), str(artifacts / "rapport-pagina")], check=True, timeout=120)
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    bbox = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    return {"pdf": pdf, "pages": pages, "bbox": bbox, "pictures": sorted(artifacts.glob("rapport-pagina-*.png"))}


def test_pdf_main_text_is_at_most_six_pages_then_the_bijlage(report, pdf_pages):
    from PIL import Image

    pages = pdf_pages["pages"]
    assert len(pdf_pages["pictures"]) == len(pages)
    bijlage = next(i for i, p in enumerate(pages) if re.search(r"^\s*Bijlage\b", p, re.MULTILINE))
    assert 1 <= bijlage <= 6, f"the main text runs to {bijlage} pages"
    main = " ".join(" ".join(pages[:bijlage]).split())
    # the summary first, in the order a raad asks: what, costs, savings, payback, how sure, staff, residents
    first = " ".join(pages[0].split())
    heads = ["Samenvatting", "Wat:", "Kosten:", "Besparing:", "Terugverdienen:", "Hoe zeker:", "Personeel:"]
    heads.append("Inwoners die niet digitaal kunnen:")
    assert [first.index(h) for h in heads] == sorted(first.index(h) for h in heads)
    # then the BBV view, the MKBA result, the uncertainty and the assumptions that matter most, all before the Bijlage
    at = main.index("Inwoners die niet digitaal kunnen:")
    for section in ["Meerjarenraming (BBV)", "(MKBA)", "Onzekerheid", "De aannames die het meest uitmaken"]:
        at = main.index(section, at)  # raises if a section is missing or out of order
    top = main.split("De aannames die het meest uitmaken")[1]
    for row in report.sensitivity.table.head(8).itertuples():
        assert " ".join(row.label_nl.split()[:1]) in top
    # one word for the horizon, the gemeente once in the title, the IRR named once
    text = " ".join(" ".join(pages).split())
    assert "horizon" not in text.lower() and "looptijd 6 jaar" in text
    assert text.count(report.title) >= 1 and "Utrecht – Utrecht" not in text and "IRR IRR" not in text
    for picture in pdf_pages["pictures"]:
        ink = (np.asarray(Image.open(picture).convert("L")) < 200).mean()
        assert ink > 0.001, f"{picture.name} is blank"


def test_pdf_has_no_internal_codes_or_file_names(report, pdf_pages):
    from omnicalc.domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
    from omnicalc.params import SPECS

    text = "\n".join(pdf_pages["pages"])
    flat = " ".join(text.split())
    codes = [c for c in (*CHANNEL_LABELS, *REASON_LABELS, *SEGMENT_LABELS, *SPECS) if "_" in c]
    paths = [p for p in report.inputs()["path"] if p]
    for code in [*codes, *paths]:
        assert code not in flat, f"internal code {code!r} in the PDF"
    assert not re.search(r"\b[a-z]+(?:_[a-z]+)+\b", flat), re.search(r"\b[a-z]+(?:_[a-z]+)+\b", flat)
    assert not re.search(r"\b[\w-]+\.(?:csv|md|py|toml|json)\b", flat, re.IGNORECASE)
    assert "REFERENCE" not in flat and "parameters" not in flat
    # a channel code standing alone (a table cell) or as the end of a shift is its label in the report
    lines = {line.strip() for line in text.splitlines()}
    assert not lines & set(CHANNEL_LABELS) - set(CHANNEL_LABELS.values())
    assert not re.search(r"→ (?:" + "|".join(CHANNEL_LABELS) + r")\b", flat)


def test_pdf_pages_are_numbered(pdf_pages):
    pages = pdf_pages["pages"]
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in page


def test_pdf_text_stays_inside_the_page(pdf_pages):
    # every word box inside the printable width: nothing runs off the page or into the side margins
    boxes = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', pdf_pages["bbox"], flags=re.DOTALL)
    assert len(boxes) == len(pdf_pages["pages"])
    for number, (width, height, words) in enumerate(boxes, start=1):
        w, h = float(width), float(height)
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', words
        ):
            assert SIDE_MARGIN_PT - 2 <= float(x0) and float(x1) <= w - SIDE_MARGIN_PT + 2, (number, word, x0, x1)
            assert 0 <= float(y0) and float(y1) <= h, (number, word, y0, y1)


def test_the_kept_scenarios_are_one_table_in_the_report():
    from dataclasses import replace

    sf = oc.load_scenario(EXAMPLE)
    careful = sf.scenario.with_value("status_portal.adoption_share", 0.3)
    careful = oc.Scenario("Voorzichtig", levers=careful.levers)
    no_shift = oc.Scenario("Zonder kanaalverschuiving", levers={**sf.scenario.levers, "channel_shifts": ()})
    kept = (sf, replace(sf, scenario=careful), replace(sf, scenario=no_shift))
    page = to_html(build_report(replace(sf, kept=kept), draws=200, seed=11))
    section = page.split("<h2>Vergelijking van scenario's</h2>", 1)[1].split("</section>", 1)[0]
    for name in ("Statusportaal Utrecht", "Voorzichtig", "Zonder kanaalverschuiving"):
        assert f"<th>{name}</th>" in section
    assert "Statusportaal: Adoptie" in section and "30%" in section  # the inputs that differ, in Dutch
    assert "Kanaalverschuiving 1" in section and "Telefoon" in section and "telefoon" not in section
    for kept_sf in kept:
        bc = kept_sf.run()
        assert fmt.eur(bc.npv_eur) in section  # each one's own business case
    # the section comes before the Bijlage, and only when scenarios were kept
    assert page.index("Vergelijking van scenario's") < page.index("Bijlage")
    assert "Vergelijking van scenario" not in to_html(build_report(sf, draws=200, seed=11))


def test_the_targets_are_a_table_in_the_report():
    text = EXAMPLE.read_text(encoding="utf-8") + '\n[[targets]]\nkpi = "phone_reduction_share"\nvalue = 0.3\nyear = 3\n'
    a = build_report(oc.read_scenario(text), draws=200, seed=11)
    section = to_html(a).split("<h2>Doelen (KPI's)</h2>", 1)[1].split("</section>", 1)[0]
    row = a.targets.iloc[0]
    assert "Minder telefonische contacten dan nu" in section and "30,0%" in section
    assert fmt.pct(row.value, 1) in section and ("niet gehaald" in section) != bool(row.met)


def test_the_optional_parts_can_be_left_out_and_an_unknown_part_is_refused(report):
    from omnicalc.report.html import PARTS_NL

    whole = to_html(report)
    short = to_html(report, parts=[])
    assert "Alle standaardwaarden en hun bronnen" in whole and "Alle standaardwaarden en hun bronnen" not in short
    for fixed in ("Samenvatting", "Meerjarenraming (BBV)", "(MKBA)", "Onzekerheid", "Aannames van dit scenario"):
        assert fixed in short
    rows = len(oc.default_table())
    assert whole.count("<tr>") - short.count("<tr>") >= rows  # every default's row is gone
    assert set(PARTS_NL) == {"targets", "comparison", "defaults"}
    with pytest.raises(oc.InputError, match="allowed are targets, comparison, defaults"):
        to_html(report, parts=["bijlage"])


def test_the_excel_report_has_the_targets_and_the_kept_scenarios_as_labelled_values(tmp_path):
    from dataclasses import replace

    text = EXAMPLE.read_text(encoding="utf-8") + '\n[[targets]]\nkpi = "self_service_share"\nvalue = 0.6\n'
    sf = oc.read_scenario(text)
    careful = oc.Scenario("Voorzichtig", levers=sf.scenario.with_value("status_portal.adoption_share", 0.3).levers)
    sf = replace(sf, kept=(sf, replace(sf, scenario=careful)))
    a = build_report(sf, draws=200, seed=11)
    path = tmp_path / "v.xlsx"
    path.write_bytes(to_xlsx(a))
    ws = openpyxl.load_workbook(path)["Vergelijking en doelen"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert "waarde uit omnicalc (geen formule)" in rows[1][0]
    target = next(r for r in rows if r[0] == "Aandeel zelfservice")
    assert target[1] == a.business_case.case.horizon_years and target[2] == 0.6 and target[5] == "nee"
    npv = next(r for r in rows if r[0] == "Netto contante waarde")
    assert npv[1:3] == [pytest.approx(sf.run().npv_eur), pytest.approx(sf.kept[1].run().npv_eur)]
    assert any(r[1] == "Adoptie" and r[2:4] == ["50%", "30%"] for r in rows)
    plain = openpyxl.load_workbook(io.BytesIO(to_xlsx(build_report(oc.load_scenario(EXAMPLE), draws=200))))
    assert "Vergelijking en doelen" not in plain.sheetnames  # only when the file has them
