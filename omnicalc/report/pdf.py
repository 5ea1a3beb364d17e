"""The PDF report: the HTML report printed by headless Chromium (Debian's), through Playwright.

nbconvert's webpdf cannot use a system Chromium, so the page is printed here directly.
One browser can print many reports (:class:`PdfPrinter`), which the batch command uses.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Collection
from pathlib import Path
from types import TracebackType

from ..analysis import Analysis
from ..errors import OmnicalcError
from .html import to_html

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


#: Chromium's print footer: "pagina X van Y" on every page (the header stays empty). The template has its own
#: font size (Chromium's default is too small to read) and sits in the bottom margin of the page (``@page``).
FOOTER_TEMPLATE = (
    "<div style=\"font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8pt; color: #555; width: 100%;"
    ' text-align: center;">pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>'
)
HEADER_TEMPLATE = "<div></div>"


class PdfError(OmnicalcError):
    """A PDF could not be made (message in English; ``message_nl`` in Dutch)."""

    def __init__(self, message: str, message_nl: str) -> None:
        super().__init__(message)
        self.message_nl = message_nl


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise PdfError(
            "PDF needs Chromium: install it with 'sudo apt-get install chromium'",
            "Voor PDF is Chromium nodig: installeer het met 'sudo apt-get install chromium'",
        )
    return path


class PdfPrinter:
    """A headless Chromium that prints HTML reports to PDF (use as a context manager)."""

    def __enter__(self) -> PdfPrinter:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._browser.close()
        self._pw.stop()

    def print_html(self, page_html: str) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.html"
            path.write_text(page_html, encoding="utf-8")
            page = self._browser.new_page()
            try:
                page.goto(path.as_uri(), wait_until="load")
                page.emulate_media(media="print")
                return page.pdf(
                    format="A4",
                    print_background=True,
                    prefer_css_page_size=True,
                    display_header_footer=True,
                    header_template=HEADER_TEMPLATE,
                    footer_template=FOOTER_TEMPLATE,
                )
            finally:
                page.close()


def to_pdf(report: Analysis, parts: Collection[str] | None = None) -> bytes:
    """The report as PDF bytes (starts and stops a browser; use :class:`PdfPrinter` for many).

    Parameters
    ----------
    report : Analysis
        What to report.
    parts : collection of str or None
        Which optional parts to include (:data:`omnicalc.report.html.PARTS_NL`); None: all.
    """
    with PdfPrinter() as printer:
        return printer.print_html(to_html(report, parts))


__all__ = [
    "CHROMIUM_ARGS",
    "FOOTER_TEMPLATE",
    "HEADER_TEMPLATE",
    "PdfError",
    "PdfPrinter",
    "chromium_path",
    "to_pdf",
]
