"""Write docs/bronnen.md ("Waar komen de getallen vandaan") from the shipped defaults, and
docs/invoer.md ("Alle invoer") from the input declarations and the lever registry.

Run ``python docs/make_sources_page.py``; ``tests/test_docs.py`` fails while the pages and
the code disagree.
"""

from __future__ import annotations

import importlib.util
import io
from functools import cache
from pathlib import Path
from types import ModuleType

import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from omnicalc import fmt, inclusion
from omnicalc.domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
from omnicalc.inputs import DECLARATIONS
from omnicalc.levers import LEVERS
from omnicalc.params import SPECS, ParamSpec, default_table
from omnicalc.plausibility import IV3_YEAR, RATIO_BAND

PAGE = Path(__file__).resolve().parent / "bronnen.md"
INPUTS_PAGE = Path(__file__).resolve().parent / "invoer.md"
CHART = Path(__file__).resolve().parent / "contacten_per_inwoner.svg"
DERIVE = Path(__file__).resolve().parent.parent / "data" / "derive_defaults.py"
#: Channels in the chart, in the order of its panels.
CHART_CHANNELS = ("telefoon", "balie", "email", "whatsapp_social", "webformulier", "post")


@cache
def _derive() -> ModuleType:
    """``data/derive_defaults.py``: the published points and the dependence tests come from there."""
    spec = importlib.util.spec_from_file_location("derive_defaults", DERIVE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rate_section() -> list[str]:
    """Every published point per inhabitant of its own year, the chart, and the dependence tests."""
    d = _derive()
    points = d.read_points()
    tests = d.read_dependence_tests()
    lines = [
        "## Contacten per inwoner: elk gepubliceerd punt",
        "",
        "Elk gepubliceerd jaarvolume van een kanaal, gedeeld door het aantal inwoners van die gemeente op 1 januari "
        "van **hetzelfde jaar** (CBS Kerncijfers wijken en buurten van dat jaar). Voor een jaar zonder telling in "
        "de bronbestanden (2016, 2020, 2021) geldt het dichtstbijzijnde jaar; de kolom *inwoners op* zegt welk. "
        "Per gemeente en kanaal telt het laatste jaar buiten covid (2020–2021); de standaardwaarde is de mediaan "
        "over de gemeenten, de bandbreedte min–max over de gemeenten (bij minder dan "
        f"{d.MIN_POINTS_FOR_SPREAD} gemeenten ten minste de mediaan −50%/+50%, *aanname*). Zeist: de rekenkamer "
        "noemt de periode van haar tellingen niet; als één jaar (2018) genomen, *aanname*. Weggelaten: Utrechts "
        "telefoontjes via 14030 (een deel van alle telefoontjes), aantallen per dag, week, maand of kwartaal "
        "(Het Hogeland, Barendrecht, WhatsApp 2017), kpi's, producten en registraties. Bronnen per rij: "
        "`data/contact_examples.csv`, `data/contact_examples_extra.csv`; inwoners: "
        "`data/gemeenten_population_by_year.csv` (zie `data/SOURCES.md`).",
        "",
        "| Gemeente | Jaar | Kanaal | Volume | Inwoners | Inwoners op | Per inwoner | Gebruikt |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for g in points.itertuples():
        on = f"1-1-{g.population_year}" + ("" if g.population_year == g.year else " (dichtstbijzijnde jaar)")
        used = "ja" if not g.excluded else f"nee: {g.excluded}"
        lines.append(
            f"| {g.municipality} | {g.year} | {CHANNEL_LABELS[g.omni_channel]} | {fmt.num(g.volume)} | "
            f"{fmt.num(g.population)} | {on} | {fmt.num(g.rate, 3)} | {used} |"
        )
    lines += [
        "",
        "![Contacten per inwoner per gemeente en kanaal, tegen het aantal inwoners in het jaar van het volume]"
        f"({CHART.name})",
        "",
        "*Gevulde punten: gebruikt (laatste jaar buiten covid); open punten: oudere jaren; kruisjes: covid-jaar. "
        "Lijn: de standaardwaarde (mediaan); band: de bandbreedte. Inwoners op 1 januari van het jaar van het "
        "volume. Geen lijn per kenmerk: geen verband is aangetoond (hieronder).*",
        "",
        "### Hangt het aantal contacten per inwoner af van de gemeente?",
        "",
        "Kleinste-kwadratenlijn van log(contacten per inwoner) op een kenmerk, één punt per gemeente (de gebruikte "
        "punten). Inwoners: van het jaar van het volume; stedelijkheid en aandeel 65+: CBS Kerncijfers wijken en "
        "buurten 2024 (`data/gemeenten_kenmerken_2024.csv`). Een verband geldt als aangetoond bij p < "
        f"{fmt.num(d.SUPPORT_P_VALUE, 2)} en ten minste {d.SUPPORT_MIN_POINTS} gemeenten; dan rekent omnicalc "
        "met een tarief per gemeente.",
        "",
        "| Kanaal | Kenmerk | Gemeenten (n) | Helling | Standaardfout | p-waarde | Aangetoond |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in tests.itertuples():
        lines.append(
            f"| {CHANNEL_LABELS[t.channel]} | {t.characteristic} | {t.n} | {fmt.num(t.slope, 3)} | "
            f"{fmt.num(t.stderr, 3)} | {fmt.num(t.p_value, 2)} | {'ja' if t.supported else 'nee'} |"
        )
    verdict = (
        "Geen verband is aangetoond: met zo weinig gemeenten is elke helling kleiner dan twee keer haar "
        "standaardfout of rust op te weinig punten. omnicalc rekent daarom met één tarief per kanaal, met een "
        "bandbreedte die de spreiding tussen de gemeenten dekt."
        if not tests["supported"].any()
        else "Een verband is aangetoond; zie de tarieven per gemeente."
    )
    return [*lines, "", verdict, ""]


def render_chart() -> bytes:
    """The SVG of the points per inhabitant (byte for byte the same on every run)."""
    d = _derive()
    points = d.read_points()
    table = default_table().query("parameter == 'contacts_per_inhabitant_per_year'").set_index("channel")
    with matplotlib.rc_context({"svg.hashsalt": "omnicalc", "svg.fonttype": "none", "font.size": 8}):
        fig = Figure(figsize=(9, 5.6), dpi=100)
        fig.subplots_adjust(left=0.08, right=0.98, top=0.93, bottom=0.1, hspace=0.45, wspace=0.28)
        for k, channel in enumerate(CHART_CHANNELS):
            ax = fig.add_subplot(2, 3, k + 1)
            ax.spines[["top", "right"]].set_visible(False)
            row = table.loc[channel]
            ax.axhspan(row["low"], row["high"], color="#9ecae1", alpha=0.35, lw=0)
            ax.axhline(row["value"], color="#1f5f8b", lw=1)
            group = points[points["omni_channel"] == channel]
            _scatter(ax, group)
            used = group[group["excluded"] == ""]
            ax.set_title(f"{CHANNEL_LABELS[channel]} ({len(used)} gem.)", fontsize=9)
            ax.set_xscale("log")
            ax.set_xlim(4e4, 6e5)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.num(x / 1000) + "k"))
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.set_xticks([5e4, 1e5, 2e5, 4e5])
            digits = 3 if row["high"] < 0.2 else 2
            ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _, digits=digits: fmt.num(y, digits)))
            ax.set_ylim(0, max(group["rate"].max(), row["high"]) * 1.15)
        fig.supxlabel("inwoners op 1 januari van het jaar van het volume (log-schaal)", fontsize=8)
        fig.supylabel("contacten per inwoner per jaar", fontsize=8)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def _scatter(ax: object, group: pd.DataFrame) -> None:
    used = group[group["excluded"] == ""]
    older = group[group["excluded"] == "ouder jaar"]
    covid = group[group["excluded"] == "covid-jaar"]
    ax.scatter(older["population"], older["rate"], s=14, facecolors="none", edgecolors="#7f8c8d", lw=0.8)  # type: ignore[attr-defined]
    ax.scatter(covid["population"], covid["rate"], s=16, marker="x", color="#c0392b", lw=0.9)  # type: ignore[attr-defined]
    ax.scatter(used["population"], used["rate"], s=20, color="#1f5f8b", zorder=3)  # type: ignore[attr-defined]
    for g in used.itertuples():
        ax.annotate(  # type: ignore[attr-defined]
            f"{g.municipality} {g.year}", (g.population, g.rate), xytext=(3, 3), textcoords="offset points", fontsize=6
        )


def _inclusion_section() -> list[str]:
    """The inclusion rules as declared (``uwv_channel_model.csv``, ``channel_suitability.csv``), one table each."""
    out = [
        "## Inclusieregels",
        "",
        "Geen hefboom stuurt contacten naar een kanaal dat een inwonersgroep volgens het UWV-kanaalsturingsmodel "
        "niet mag gebruiken of dat de contactreden niet kan afhandelen, of onder de inclusievloer van een groep "
        "(`omnicalc/defaults/uwv_channel_model.csv`, `omnicalc/defaults/channel_suitability.csv`).",
        "",
    ]
    for title, table in inclusion.rules_nl().items():
        out += [f"### {title}", "", "| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
        out += [
            "| " + " | ".join(str(v).replace("|", "/") for v in row) + " |" for row in table.itertuples(index=False)
        ]
        out.append("")
    return out


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
    lines += ["", *_rate_section()]
    lines += _inclusion_section()
    lines += [
        "## Plausibiliteitscheck met Iv3",
        "",
        "Het dashboard en `omnicalc evaluate --json` zetten de berekende kosten van klantcontact per inwoner naast "
        f"de lasten van taakveld 0.2 Burgerzaken per inwoner uit de jaarrekening {IV3_YEAR} van de gemeente (CBS "
        "Iv3, CC BY 4.0; `data/gemeenten_iv3_burgerzaken.csv`). Een verhouding buiten "
        f"{fmt.num(RATIO_BAND[0], 1)}–{fmt.num(RATIO_BAND[1], 0)} heet *sterk afwijkend* (**aanname**). Dit is een "
        "plausibiliteitscheck, geen kalibratie: Burgerzaken omvat meer dan klantcontact (reisdocumenten, BRP, "
        "verkiezingen) en klantcontact gebeurt ook buiten Burgerzaken. Gemeenten die € 0 op taakveld 0.2 boekten "
        "(Vijfheerenlanden in 2023) krijgen *niet beschikbaar*.",
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
    CHART.write_bytes(render_chart())
    print(f"wrote {PAGE}, {INPUTS_PAGE} and {CHART}")
