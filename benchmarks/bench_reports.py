"""Report timings: one Excel (goal <= 1 s) and one PDF (goal <= 3 s), and a batch of all 342 gemeenten to Excel.

Run: .venv/bin/python benchmarks/bench_reports.py [--skip-batch]
Times are wall clock, best of three; "build" is the computation (10,000 Monte Carlo draws),
"render" the file itself. The batch runs the command line as a user would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import omnicalc as oc
from omnicalc.analysis import analyse as build_report
from omnicalc.report.excel import to_xlsx
from omnicalc.report.html import to_html
from omnicalc.report.pdf import PdfPrinter, to_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "utrecht_statusportaal.toml"


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pdf_pages(pdf: bytes) -> str:
    """Pages of the PDF, and where the Bijlage starts (poppler's pdftotext; empty if it is not installed)."""
    if shutil.which("pdftotext") is None:
        return "page count needs pdftotext (poppler-utils)"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    bijlage = next((i for i, page in enumerate(pages) if "Bijlage" in page), len(pages))
    return f"{len(pages)} pages, main text {bijlage} (goal <= 6), Bijlage from page {bijlage + 1}"


def main() -> None:
    sf = oc.load_scenario(EXAMPLE)
    build_report(sf)
    b = best(lambda: build_report(sf))
    report = build_report(sf)
    x = best(lambda: to_xlsx(report))
    h = best(lambda: to_html(report))
    print(f"build (evaluation, business case, 10,000 draws, tornado): {b:6.2f} s")
    print(f"Excel: render {x:6.2f} s; build + render {b + x:6.2f} s (goal <= 1 s)")
    print(f"HTML:  render {h:6.2f} s")
    p = best(lambda: to_pdf(report), 2)
    print(f"PDF:   render incl. starting Chromium {p:6.2f} s; build + render {b + p:6.2f} s (goal <= 3 s)")
    print(f"PDF:   {pdf_pages(to_pdf(report))}")
    with PdfPrinter() as printer:
        page = to_html(report)
        printer.print_html(page)
        q = best(lambda: printer.print_html(page))
    print(f"PDF:   print only, browser already running {q:6.2f} s")
    if "--skip-batch" in sys.argv:
        return
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "omnicalc.cli",
                "report",
                str(EXAMPLE),
                "--all-gemeenten",
                "--format",
                "xlsx",
                "-o",
                out,
            ],
            check=True,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        n = len(list(Path(out).glob("*.xlsx")))
        print(f"batch: {n} gemeenten to Excel in {time.perf_counter() - t:6.1f} s (10,000 draws each)")


if __name__ == "__main__":
    main()
