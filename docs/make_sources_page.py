"""Write docs/bronnen.md ("Waar komen de getallen vandaan") from the shipped defaults, and
docs/invoer.md ("Alle invoer") from the input declarations and the lever registry.

Run ``python docs/make_sources_page.py``; ``tests/test_docs.py`` fails while the pages and
the code disagree.
"""

from __future__ import annotations

from pathlib import Path

from omnicalc.domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
from omnicalc.inputs import DECLARATIONS
from omnicalc.levers import LEVERS
from omnicalc.params import SPECS, ParamSpec, default_table

PAGE = Path(__file__).resolve().parent / "bronnen.md"
INPUTS_PAGE = Path(__file__).resolve().parent / "invoer.md"


def render() -> str:
    lines = [
        "# Waar komen de getallen vandaan",
        "",
        "Elke standaardwaarde van omnicalc met waarde, bandbreedte, eenheid, jaar, basis en bron. "
        "**bron**: gepubliceerd; **afgeleid**: berekend uit gepubliceerde cijfers (de afleiding staat erbij); "
        "**aanname**: geen (Nederlandse) bron — controleer de waarde voor uw gemeente. De tabel is gemaakt uit "
        "`omnicalc/defaults/parameters.csv`, dat `data/derive_defaults.py` afleidt uit de ruwe bestanden in `data/`.",
        "",
        "| Parameter | Kanaal / reden / groep | Waarde | Bandbreedte | Eenheid | Jaar | Basis | Bron |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in default_table().itertuples():
        label = SPECS[r.parameter].label_nl if r.parameter in SPECS else r.parameter
        detail = " – ".join(
            x
            for x in (
                CHANNEL_LABELS.get(r.channel, ""),
                REASON_LABELS.get(r.reason, ""),
                SEGMENT_LABELS.get(r.segment, ""),
            )
            if x
        )
        basis = f"**{r.basis}**" if r.basis == "aanname" else r.basis
        source = str(r.source).replace("|", "/")
        lines.append(
            f"| {label} | {detail} | {r.value:g} | {r.low:g} – {r.high:g} | {r.unit} | {r.year} | {basis} | {source} |"
        )
    lines += [
        "",
        "Gemeenten en inwoners: CBS Kerncijfers wijken en buurten 2024 (85984NED) en CBS "
        "Gebiedsindelingen, CC BY 4.0; zie `data/SOURCES.md`.",
        "",
    ]
    return "\n".join(lines)


def _bounds(spec: ParamSpec, soft: bool) -> str:
    lo, hi = (spec.soft_min, spec.soft_max) if soft else (spec.hard_min, spec.hard_max)
    if spec.percent:
        lo, hi = lo * 100, hi * 100
    unit = "%" if spec.percent else ""
    return f"{lo:g}{unit} – {hi:g}{unit}".replace(".", ",")


def render_inputs() -> str:
    """Every input path of a scenario file: unit, what the model accepts, the plausible (slider) range."""
    lines = [
        "# Alle invoer",
        "",
        "Elke getalsinvoer van een scenariobestand met zijn pad: het pad is het adres van de invoer in het "
        "scenariobestand, in het dashboard, in de Monte Carlo (`ranges`), in de gevoeligheidsanalyse en bij "
        "doelzoeken (`goal_seek`). `{kanaal}` staat voor een kanaal, `{groep}` voor een inwonersgroep en `{k}` "
        "voor het volgnummer in een lijst (vanaf 0). **Toegestaan**: daarbuiten weigert omnicalc de waarde; "
        "**plausibel**: het bereik van de schuifregelaar, daarbuiten volgt een waarschuwing. Standaardwaarden en "
        "bronnen: [Waar komen de getallen vandaan](bronnen.md). De tabel is gemaakt uit `omnicalc/inputs.py` "
        "(`DECLARATIONS`) en de hefbomen in `omnicalc/levers/`.",
        "",
        "| Pad | Invoer | Eenheid | Toegestaan | Plausibel | Toelichting |",
        "|---|---|---|---|---|---|",
    ]
    rows: list[tuple[str, str, ParamSpec, str]] = [
        (
            f"`{d.path.replace('{channel}', '{kanaal}').replace('{segment}', '{groep}')}`"
            + ("" if d.in_file else " (alleen onzekerheid)"),
            d.label_nl.format(label="…", k="{k}"),
            SPECS[d.spec],
            d.help_nl or SPECS[d.spec].help_nl,
        )
        for d in DECLARATIONS
    ]
    for lv in LEVERS:
        prefix = f"{lv.section}[{{k}}]" if lv.many else lv.section
        rows += [
            (f"`{prefix}.{name}`", f"{lv.label_nl}: {lv.labels_nl[name]}", SPECS[spec], SPECS[spec].help_nl)
            for name, spec in lv.specs.items()
        ]
    for path, label, spec, help_nl in rows:
        unit = "fractie" if spec.percent else spec.unit
        bounds = f"{_bounds(spec, False)} | {_bounds(spec, True)}"
        lines.append(f"| {path} | {label} | {unit} | {bounds} | {help_nl.replace('|', '/')} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    INPUTS_PAGE.write_text(render_inputs(), encoding="utf-8")
    print(f"wrote {PAGE} and {INPUTS_PAGE}")
