"""Command line: ``omnicalc evaluate FILE [--json]``, ``omnicalc voorbeeld [--gemeente X]``, ``omnicalc serve``,
``omnicalc registraties FILE [--acd]`` and ``omnicalc klantcontacten lezen|ophalen``.

Tables for people are in Dutch with nl-NL number formats; ``--json`` gives machine-readable
output with the model's own (English, unit-suffixed) names.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from . import fmt, limits
from .analysis import DEFAULT_DRAWS, THEORETICAL_NL, Analysis, analyse
from .bbv import Meerjarenraming, mkba_vs_bbv_nl
from .business_case import BusinessCaseResult
from .errors import InputError
from .model import Result
from .plausibility import iv3_check
from .registrations import Measured
from .scenario_file import dump_scenario, load_scenario
from .uncertainty import DEFAULT_SEED

#: Internal errors are logged here with their id and traceback (nothing is shown unless the
#: application configures logging); the user sees only the id.
log = logging.getLogger("omnicalc.cli")
log.addHandler(logging.NullHandler())


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def render_result(result: Result) -> str:
    """A result as readable Dutch text."""
    b, s = result.baseline, result.scenario
    pc = result.per_channel
    out = [
        f"Scenario: {s.name or '(zonder naam)'}",
        f"Gemeente: {b.name or '(eigen invoer)'}{f' ({b.code})' if b.code else ''}, {fmt.num(b.population)} inwoners",
        f"Kostenmethode: {'top-down' if b.cost.method == 'top_down' else 'bottom-up'}",
        "",
    ]
    rows = [
        [
            r.label_nl,
            fmt.num(r.volume_before_per_year),
            fmt.num(r.volume_after_per_year),
            fmt.eur(r.cost_eur_per_contact, 2),
            fmt.eur(r.cost_before_eur_per_year),
            fmt.eur(r.cost_after_eur_per_year),
            fmt.eur(r.saving_eur_per_year),
        ]
        for r in pc.itertuples()
    ]
    rows.append(
        [
            "Totaal",
            fmt.num(pc.volume_before_per_year.sum()),
            fmt.num(pc.volume_after_per_year.sum()),
            "",
            fmt.eur(result.cost_before_eur_per_year),
            fmt.eur(result.cost_after_eur_per_year),
            fmt.eur(result.saving_eur_per_year),
        ]
    )
    out.append(
        _table(
            rows,
            ["Kanaal", "Contacten voor", "Contacten na", "Kosten/contact", "Kosten voor", "Kosten na", "Besparing"],
        )
    )
    out.append("")
    out.append(
        _table(
            [[r.label_nl, fmt.eur(r.saving_eur_per_year)] for r in result.per_lever.itertuples()],
            ["Hefboom", "Besparing per jaar"],
        )
    )
    out.append("")
    out.append(f"Besparing per jaar, {THEORETICAL_NL}: {fmt.eur(result.saving_eur_per_year)}")
    out.append(f"Waarvan direct vrij te vallen (variabele kosten): {fmt.eur(result.saving_variable_eur_per_year)}")
    out.append("De rest zit vooral in personeel en valt pas vrij als er medewerkers vertrekken (zie de businesscase).")
    for note in result.inclusion_notes_nl():  # what the inclusion rules kept where it was, never silently
        out.append(f"Let op: {note}")
    return "\n".join(out)


def render_business_case(bc: BusinessCaseResult) -> str:
    """A business case as readable Dutch text: key figures and the cash flows per year."""
    y = bc.years
    case = bc.case
    basis = "realiseerbaar" if case.savings_basis == "realisable" else "theoretisch"
    lines = bc.year_lines_nl()
    out = [
        f"Businesscase over {case.horizon_years} jaar (discontovoet {fmt.pct(case.discount_rate, 2)} reëel, "
        f"besparing {basis}, vrijgespeelde capaciteit: {case.release_mode})",
        "",
        _table([[str(t), *row] for t, row in zip(lines.index, lines.to_numpy().tolist())], ["Jaar", *lines.columns]),
        "",
        bc.release_sentence_nl(),
        bc.staffing_check.sentence_nl(),
        "",
    ]
    out += [
        f"Netto contante waarde: {fmt.eur(bc.npv_eur)}",
        f"Interne rentevoet (IRR): {bc.irr.text_nl}",
        f"Terugverdientijd: {bc.payback.text_nl}",
        f"Rendement (ROI): {fmt.pct(bc.roi) if bc.roi is not None else 'geen kosten ingevuld'}",
        f"Tijdconventie: {bc.timing_convention}",
    ]
    if "resident_cost_change_eur" in y:
        change = y["resident_cost_change_eur"].iloc[-1]
        out.append(
            f"Kosten voor inwoners (tijd en reizen) in het laatste jaar: {fmt.eur(change)} "
            f"({'meer' if change > 0 else 'minder'} dan nu)"
        )
    return "\n".join(out)


def render_bbv(m: Meerjarenraming, discount_rate: float | None = None) -> str:
    """The meerjarenraming (BBV) as readable Dutch text: one row per line and total, one column per jaarschijf."""
    t = m.table_nl()
    return "\n".join(
        [
            "Meerjarenraming (BBV), lopende euro's (+ voordelig, - nadelig):",
            "",
            _table([[label, *row] for label, row in zip(t.index, t.to_numpy().tolist())], ["Regel", *t.columns]),
            "",
            f"Structureel effect vanaf jaar {m.years[-1]}: {fmt.eur(m.structural_effect_eur)} per jaar.",
            m.note_nl,
            mkba_vs_bbv_nl(discount_rate),
        ]
    )


def bbv_json(m: Meerjarenraming) -> dict[str, object]:
    """The meerjarenraming as plain data: its lines (amounts per jaarschijf [EUR]) and the balance per year."""
    return {
        "lines": json.loads(m.lines.to_json(orient="index")),
        "balance": json.loads(m.balance.to_json(orient="index")),
        "structural_effect_eur": m.structural_effect_eur,
        "note_nl": m.note_nl,
    }


def result_json(result: Result) -> dict[str, object]:
    """A result as plain data."""
    return {
        "scenario": result.scenario.name,
        "gemeente": {
            "code": result.baseline.code,
            "name": result.baseline.name,
            "population": result.baseline.population,
        },
        "cost_method": result.baseline.cost.method,
        "summary": {k: float(v) for k, v in result.summary().items()},
        "per_channel": json.loads(result.per_channel.to_json(orient="index")),
        "per_lever": json.loads(result.per_lever.to_json(orient="index")),
        "per_shift": json.loads(result.per_shift.to_json(orient="records")),
        "iv3_check": _iv3_json(result),
    }


def _iv3_json(result: Result) -> dict[str, object] | None:
    """The Iv3 plausibility check of the baseline cost; None without a gemeente code (own volumes only)."""
    b = result.baseline
    return iv3_check(b.code, result.cost_before_eur_per_year, b.population).as_dict() if b.code else None


def business_case_json(bc: BusinessCaseResult) -> dict[str, object]:
    return {
        "npv_eur": bc.npv_eur,
        "irr": bc.irr.rate,
        "irr_note": bc.irr.reason,
        "payback_year": bc.payback.year,
        "payback_note": bc.payback.reason,
        "nothing_to_pay_back": bc.payback.nothing_to_pay_back,
        "roi": bc.roi,
        "timing_convention": "investments at t = 0, yearly flows at the end of year t; constant (real) prices",
        "savings_basis": bc.case.savings_basis,
        "release_mode": bc.case.release_mode,
        "release_sentence_nl": bc.release_sentence_nl(),
        "staffing_check": {
            "fte": bc.staffing_check.fte,
            "staffing_eur_per_year": bc.staffing_check.staffing_eur,
            "top_down_eur_per_year": bc.staffing_check.top_down_eur,
            "ratio": bc.staffing_check.ratio,
            "sentence_nl": bc.staffing_check.sentence_nl(),
        },
        "fte_per_team": json.loads(bc.fte_per_team.to_json(orient="index")),
        "years": json.loads(bc.years.to_json(orient="index")),
    }


def _evaluate(args: argparse.Namespace) -> int:
    try:
        a = analyse(load_scenario(args.file), draws=args.draws, seed=args.seed)
        result, bc = a.result, a.business_case
    except InputError as e:
        print(f"Fout in {args.file}: {e}" if args.json else f"Fout in {args.file}: {e.message_nl}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(
            dict(
                result_json(result),
                business_case=business_case_json(bc),
                uncertainty=_simulation_json(a),
                bbv=bbv_json(a.bbv),
                targets=json.loads(a.targets.drop(columns="text_nl").to_json(orient="records")),
            ),
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        print()
    else:
        print(render_result(result))
        print()
        print(render_business_case(bc))
        print(f"Bandbreedte netto contante waarde: {a.kpis.loc['npv_eur', 'note_nl']} ({a.uncertainty_note_nl})")
        saving = a.kpis.loc["saving_eur_per_year"]
        print(f"Besparing per jaar: {saving.text_nl}, {saving.note_nl}")
        print(a.payback_sentence_nl)
        print()
        print(render_bbv(a.bbv, bc.case.discount_rate))
        if len(a.targets):
            print()
            print("Doelen (KPI's)")
            for text in a.targets["text_nl"]:
                print(f"  {text}")
    return 0


def _simulation_json(a: Analysis) -> dict[str, object]:
    sim, tor = a.simulation, a.sensitivity
    return {
        "seed": sim.seed,
        "draws": sim.draws,
        "distribution": sim.distribution,
        "percentiles": json.loads(sim.percentiles.to_json(orient="index")),
        "payback_percentiles": {k: v.year for k, v in sim.payback_percentiles.items()},
        "probability_of_payback": sim.probability_of_payback,
        "payback_sentence_nl": a.payback_sentence_nl,
        "tornado": json.loads(tor.table.to_json(orient="records")),
    }


def _simulate(args: argparse.Namespace) -> int:
    from .progress import progress_bar

    try:
        a = analyse(
            load_scenario(args.file),
            draws=args.draws,
            seed=args.seed,
            progress=progress_bar("Monte Carlo", unit="trekkingen", disable=args.json or None),
        )
        sim, tor = a.simulation, a.sensitivity
    except InputError as e:
        print(f"Fout in {args.file}: {e}" if args.json else f"Fout in {args.file}: {e.message_nl}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(_simulation_json(a), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    p = sim.percentiles
    rows = [
        [label, fmt.eur(p.loc[key, "P10"]), fmt.eur(p.loc[key, "P50"]), fmt.eur(p.loc[key, "P90"])]
        for key, label in (
            ("npv_eur", "Netto contante waarde"),
            ("yearly_saving_eur", "Besparing per jaar"),
            ("theoretical_saving_eur", "Besparing per jaar (theoretisch)"),
        )
    ]
    rows.append(["Terugverdientijd"] + [v.text_nl for v in sim.payback_percentiles.values()])
    print(f"Onzekerheid: {fmt.num(sim.draws)} trekkingen ({sim.distribution.upper()}), seed {sim.seed}\n")
    print(_table(rows, ["", "P10", "P50", "P90"]))
    print(f"\nKans op terugverdienen binnen {sim.horizon_years} jaar: {sim.probability_of_payback_nl}")
    print(a.payback_sentence_nl)
    print("\n" + tor.reading_nl())
    return 0


def _write_report(report: object, fmt_name: str, out: Path, overwrite: bool, printer: object | None = None) -> None:
    """Render and write one report: a private temporary file in the target folder, then a rename.

    Without ``overwrite`` an existing file is refused, also one that appears meanwhile (the
    temporary file is linked to the name, which fails when the name exists).
    """
    from .report.excel import to_xlsx
    from .report.html import to_html
    from .report.pdf import to_pdf

    if fmt_name == "xlsx":
        data = to_xlsx(report)  # type: ignore[arg-type]
    elif fmt_name == "html":
        data = to_html(report).encode("utf-8")  # type: ignore[arg-type]
    elif printer is not None:
        data = printer.print_html(to_html(report))  # type: ignore[attr-defined,arg-type]
    else:
        data = to_pdf(report)  # type: ignore[arg-type]
    try:
        _write_new(data, out, overwrite)
    except OSError as e:  # a folder without write permission, a full disk ...
        raise _output_error(
            out, f"the file cannot be written ({e.strerror})", f"het bestand kan niet geschreven worden ({e.strerror})"
        ) from e


def _write_new(data: bytes, out: Path, overwrite: bool) -> None:
    """``data`` in a private temporary file beside ``out`` (mkstemp: O_EXCL, never through a symlink), then moved."""
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")  # O_EXCL, mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as any file the user writes
        if overwrite:
            os.replace(tmp, out)
        else:
            try:
                os.link(tmp, out)  # fails when the name exists, also as a (dangling) symlink
            except FileExistsError:
                raise _exists(out) from None
            except OSError:  # a file system without hard links: check, then rename
                if out.exists() or out.is_symlink():
                    raise _exists(out) from None
                os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _exists(out: Path) -> InputError:
    return InputError(
        "--output",
        str(out),
        "the file exists; give --overwrite to replace it",
        allowed_nl="het bestand bestaat al; geef --overwrite om het te vervangen",
        label_nl="Uitvoer",
    )


def _output_error(out: object, en: str, nl: str) -> InputError:
    return InputError("--output", str(out), en, allowed_nl=nl, label_nl="Uitvoer")


def _single_target(output: str | None, fmt_name: str, overwrite: bool) -> Path | None:
    """The file ``-o`` names for a single report, checked before anything is computed.

    None when ``-o`` is missing or names a folder (an existing one, or one to make: ending in ``/``);
    the file is then named after the report.
    """
    if output is None or output.endswith(("/", os.sep)) or Path(output).is_dir():
        return None
    out = Path(output)
    if out.suffix.lower() != f".{fmt_name}":
        raise _output_error(
            out,
            f"the file name must end in .{fmt_name} for --format {fmt_name}",
            f"de bestandsnaam moet eindigen op .{fmt_name} bij --format {fmt_name}",
        )
    if out.parent.exists() and not out.parent.is_dir():
        raise _output_error(out, f"{out.parent} is a file, not a folder", f"{out.parent} is een bestand, geen map")
    if not out.parent.is_dir():
        raise _output_error(out, "the folder of the file does not exist", f"de map {out.parent} bestaat niet")
    if not overwrite and (out.exists() or out.is_symlink()):
        raise _exists(out)
    return out


def _folder(output: str) -> Path:
    """An existing folder, or one made now; a file of that name is refused."""
    folder = Path(output)
    if not folder.is_dir() and folder.suffix.lower() in (".xlsx", ".pdf", ".html"):
        raise _output_error(
            folder,
            "a folder is needed here (one report per gemeente), not a file name",
            "hier hoort een map (één rapport per gemeente), geen bestandsnaam",
        )
    if folder.exists() and not folder.is_dir():
        raise _output_error(
            folder,
            "a folder is needed here (one report per gemeente), not a file",
            "hier hoort een map (één rapport per gemeente), geen bestand",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _output_error(
            folder, f"the folder cannot be made ({e.strerror})", "de map kan niet worden gemaakt"
        ) from e
    return folder


def _codes(args: argparse.Namespace) -> list[str]:
    """The CBS codes of the batch, each checked (a name or code of the shipped division) before any folder is made."""
    from .gemeenten import find_gemeente, gemeenten

    if args.all_gemeenten:
        return list(gemeenten()["code"])
    given = [c.strip() for c in args.gemeenten.split(",") if c.strip()]
    if not given:
        raise InputError(
            "--gemeenten", args.gemeenten, "give one or more CBS codes", allowed_nl="geef een of meer CBS-codes"
        )
    return [str(find_gemeente(limits.text(c, "--gemeenten", label_nl="Gemeente")).name) for c in given]


def _report(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .progress import progress_bar
    from .report.pdf import PdfError, PdfPrinter

    try:
        batch = bool(args.all_gemeenten or args.gemeenten)
        target = None if batch else _single_target(args.output, args.format, args.overwrite)
        codes = _codes(args) if batch else []  # checked before the folder is made
        sf = load_scenario(args.file)
        if not batch:
            report = analyse(sf, draws=args.draws, seed=args.seed)
            name = f"{report.file_stem()}.{args.format}"
            out = target or (_folder(args.output) / name if args.output else Path(name))
            _write_report(report, args.format, out, args.overwrite)
            print(f"Rapport geschreven: {out}")
            return 0
        folder = _folder(args.output or "rapporten")
        bar = progress_bar("Rapporten", unit="gemeenten")
        printer = PdfPrinter().__enter__() if args.format == "pdf" else None
        try:
            for k, code in enumerate(codes, start=1):
                # another gemeente: its own population estimate, the file's levers and case
                one = replace(sf, gemeente=code, volumes_per_year=None, population=None)
                report = analyse(one, draws=args.draws, seed=args.seed)
                out = folder / f"{report.file_stem()}.{args.format}"
                _write_report(report, args.format, out, args.overwrite, printer)
                bar(k, len(codes))
        finally:
            if printer is not None:
                printer.__exit__(None, None, None)
        print(f"{len(codes)} rapporten geschreven in {folder}")
        return 0
    except InputError as e:
        print(f"Fout in {args.file}: {e.message_nl}", file=sys.stderr)
        return 2
    except PdfError as e:
        print(e.message_nl, file=sys.stderr)
        return 3


def _voorbeeld(args: argparse.Namespace) -> int:
    """The example scenario (:func:`omnicalc.presets.standard_scenario_file`) as a scenario file, to start from."""
    from .presets import claim_scenario_file, standard_scenario_file

    try:
        make = claim_scenario_file if args.claim else standard_scenario_file
        sys.stdout.write(dump_scenario(make(limits.text(args.gemeente, "--gemeente", label_nl="Gemeente"))))
    except InputError as e:
        print(f"Fout: {e.message_nl}", file=sys.stderr)
        return 2
    return 0


def _measured(read: Callable[[], Measured], as_json: bool, where: str = "") -> int:
    """Run a reader and print what it measured (Dutch summary or JSON); a refusal is printed in Dutch."""
    try:
        measured = read()
    except OSError as e:
        print(f"Fout: {e.filename or where} is niet te lezen ({e.strerror})", file=sys.stderr)
        return 2
    except InputError as e:
        print(f"Fout{' in ' + where if where else ''}: {e.message_nl}", file=sys.stderr)
        return 2
    print(json.dumps(measured.to_dict(), indent=1, ensure_ascii=False) if as_json else measured.summary_nl())
    return 0


def _registraties(args: argparse.Namespace) -> int:
    """Measure a registration export (one row per contact), or with ``--acd`` a telephony interval report."""
    from .registrations import read_acd, read_registrations

    if args.acd:
        return _measured(lambda: read_acd(args.file), args.json, args.file)
    return _measured(lambda: read_registrations(args.file, repeat_window_days=args.venster), args.json, args.file)


def _monitor(args: argparse.Namespace) -> int:
    """Plan versus actual: a scenario file's projection for one year beside a KCC totals export of that year."""
    from .kcc_import import MAX_BYTES, read_kcc_export
    from .monitor import monitor

    try:
        sf = load_scenario(args.scenario)
        if os.path.getsize(args.meting) > MAX_BYTES:
            print(f"Fout: {args.meting} is groter dan {MAX_BYTES // 2**20} MiB", file=sys.stderr)
            return 2
        with open(args.meting, "rb") as f:
            imported = read_kcc_export(f.read(), os.path.basename(args.meting))
        m = monitor(sf, imported.volumes_per_year, args.jaar)
    except OSError as e:
        print(f"Fout: {e.filename} is niet te lezen ({e.strerror})", file=sys.stderr)
        return 2
    except InputError as e:
        print(f"Fout: {e.message_nl}", file=sys.stderr)
        return 2
    print(f"Plan tegen werkelijkheid, jaar {m.year} van de businesscase ({args.meting}):")
    for r in m.table.itertuples():
        print(
            f"  {r.label_nl:<28} plan {fmt.num(r.planned_per_year):>10}  gemeten {fmt.num(r.actual_per_year):>10}  "
            f"verschil {fmt.num(r.deviation_per_year):>9}"
        )
    for line in (*imported.notes, *m.readings_nl):
        print(line)
    return 0


def _klantcontacten(args: argparse.Namespace) -> int:
    """Klantcontacten of the Klantinteracties API: saved pages (``lezen``) or live (``ophalen``)."""
    from .klantinteracties import fetch_klantcontacten, read_klantcontacten
    from .progress import progress_bar

    if args.actie == "lezen":
        return _measured(lambda: read_klantcontacten(args.pages, os.path.basename(args.pages[0])), args.json)
    token = os.environ.get(args.token_env, "")
    if not token:
        print(f"Fout: de omgevingsvariabele {args.token_env} met het token is leeg of ontbreekt", file=sys.stderr)
        return 2

    def live() -> Measured:
        pages = fetch_klantcontacten(args.url, token, progress=progress_bar("Klantcontacten", "stuks", file=sys.stderr))
        return read_klantcontacten(pages, args.url)

    return _measured(live, args.json)


def voila_command(notebooks: Path, port: int, open_browser: bool, public_name: str | None = None) -> list[str]:
    """The command that serves the dashboards: standalone Voila (config in ``voila.json`` beside them).

    ``public_name``: the host names served besides 127.0.0.1 and localhost (the Host allow-list); None leaves
    them to ``$OMNICALC_PUBLIC_NAME``."""
    return [
        sys.executable,
        "-m",
        "omnicalc.ui.server",
        str(notebooks),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        *([] if open_browser else ["--no-browser"]),
        *([] if public_name is None else [f"--OmnicalcVoila.public_name={public_name}"]),
    ]


def _serve(args: argparse.Namespace) -> int:
    limits.whole_number(args.port, "--port", 1, limits.PORT, label_nl="Poort")
    notebooks = Path(args.notebooks).resolve()
    if not (notebooks / "voila.json").is_file():
        print(
            f"Geen dashboards gevonden in {notebooks} (voila.json ontbreekt). Start vanuit de map van omnicalc "
            "of geef de map met --notebooks.",
            file=sys.stderr,
        )
        return 2
    print(f"Dashboards op http://127.0.0.1:{args.port}/  (stoppen met Ctrl+C)", flush=True)
    # voila reads voila.json from its working directory
    return subprocess.call(voila_command(notebooks, args.port, args.open, args.public_name), cwd=notebooks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="omnicalc", description="Businesscase klantcontact voor gemeenten")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="toon bij een interne fout de volledige foutmelding")
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="reken een scenariobestand (TOML) door", parents=[common])
    ev.add_argument("file")
    ev.add_argument("--json", action="store_true", help="uitvoer als JSON voor machines")
    ev.add_argument(
        "--draws", type=int, default=DEFAULT_DRAWS, help=f"trekkingen voor de onzekerheid ({DEFAULT_DRAWS})"
    )
    ev.add_argument("--seed", type=int, default=DEFAULT_SEED, help="startwaarde van de toevalsgenerator")
    ev.set_defaults(func=_evaluate)
    si = sub.add_parser("simulate", help="Monte Carlo en tornado van een scenariobestand", parents=[common])
    si.add_argument("file")
    si.add_argument("--draws", type=int, default=DEFAULT_DRAWS, help=f"aantal trekkingen (standaard {DEFAULT_DRAWS})")
    si.add_argument("--seed", type=int, default=DEFAULT_SEED, help="startwaarde van de toevalsgenerator")
    si.add_argument("--json", action="store_true", help="uitvoer als JSON voor machines")
    si.set_defaults(func=_simulate)
    rp = sub.add_parser(
        "report", help="maak een rapport (Excel, PDF of HTML) van een scenariobestand", parents=[common]
    )
    rp.add_argument("file")
    rp.add_argument("--format", choices=["xlsx", "pdf", "html"], default="xlsx")
    rp.add_argument("-o", "--output", help="bestand (extensie als --format), of map (eindigt op /; bij --gemeenten)")
    rp.add_argument("--overwrite", action="store_true", help="vervang bestaande rapporten")
    rp.add_argument("--all-gemeenten", action="store_true", help="één rapport per gemeente (alle 342)")
    rp.add_argument("--gemeenten", help="alleen deze gemeenten (CBS-codes, komma's ertussen)")
    rp.add_argument("--draws", type=int, default=DEFAULT_DRAWS, help="trekkingen voor de onzekerheid")
    rp.add_argument("--seed", type=int, default=DEFAULT_SEED)
    rp.set_defaults(func=_report)
    vb = sub.add_parser(
        "voorbeeld",
        help="schrijf het voorbeeldscenario (het startpunt van de dashboards) als scenariobestand",
        parents=[common],
    )
    vb.add_argument("--gemeente", default="Utrecht", help="CBS-naam of -code (standaard: Utrecht)")
    vb.add_argument("--claim", action="store_true", help="de voorinstelling claim uit de pilot in plaats daarvan")
    vb.set_defaults(func=_voorbeeld)
    rg = sub.add_parser(
        "registraties", help="meet een export van contactregistraties (een rij per contact)", parents=[common]
    )
    rg.add_argument("file")
    rg.add_argument("--acd", action="store_true", help="het bestand is een intervalrapport van de telefonie (ACD)")
    rg.add_argument("--venster", type=int, default=7, help="dagen voor herhaalcontact (standaard 7)")
    rg.add_argument("--json", action="store_true", help="uitvoer als JSON voor machines")
    rg.set_defaults(func=_registraties)
    mo = sub.add_parser(
        "monitor",
        help="plan tegen werkelijkheid: een scenario naast de gemeten contacten van een jaar",
        parents=[common],
    )
    mo.add_argument("scenario", help="het scenariobestand (TOML) met het plan")
    mo.add_argument("meting", help="de gemeten contacten per kanaal van dat jaar (KCC-export, CSV of XLSX)")
    mo.add_argument("--jaar", type=int, required=True, help="jaar van de businesscase (1 = het eerste jaar)")
    mo.set_defaults(func=_monitor)
    kc = sub.add_parser("klantcontacten", help="klantcontacten uit de Klantinteracties-API (Open Klant)")
    kc_sub = kc.add_subparsers(dest="actie", required=True)
    kl = kc_sub.add_parser("lezen", help="opgeslagen pagina's (JSON) meten", parents=[common])
    kl.add_argument("pages", nargs="+")
    kl.add_argument("--json", action="store_true", help="uitvoer als JSON voor machines")
    kl.set_defaults(func=_klantcontacten)
    ko = kc_sub.add_parser("ophalen", help="live ophalen van de API en meten", parents=[common])
    ko.add_argument("--url", required=True, help="de basis van de API, bv. https://…/klantinteracties/api/v1")
    ko.add_argument("--token-env", required=True, metavar="NAAM", help="omgevingsvariabele met het token")
    ko.add_argument("--json", action="store_true", help="uitvoer als JSON voor machines")
    ko.set_defaults(func=_klantcontacten)
    sv = sub.add_parser("serve", help="start de dashboards (Voila)", parents=[common])
    sv.add_argument("--notebooks", default="notebooks", help="map met de dashboards (standaard: ./notebooks)")
    sv.add_argument("--port", type=int, default=8866)
    sv.add_argument("--open", action="store_true", help="open een browser")
    sv.add_argument(
        "--public-name",
        metavar="NAAM",
        help="publieke hostnaam achter de proxy, naast 127.0.0.1 en localhost (komma's ertussen voor meer); "
        "standaard $OMNICALC_PUBLIC_NAME",
    )
    sv.set_defaults(func=_serve)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as e:  # what a command did not catch itself (e.g. --port)
        print(f"Fout: {e.message_nl}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return 130
    except Exception:
        if args.debug:
            raise
        incident = uuid.uuid4().hex[:12]
        log.exception("internal error (id %s) in omnicalc %s", incident, args.command)
        print(
            f"Er ging iets mis in omnicalc: interne fout (id {incident}). Dit ligt niet aan uw invoer; "
            "meld het met dit id, of start opnieuw met --debug voor de details.",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE


__all__ = [
    "bbv_json",
    "business_case_json",
    "main",
    "render_bbv",
    "render_business_case",
    "render_result",
    "result_json",
    "voila_command",
]


if __name__ == "__main__":
    raise SystemExit(main())
