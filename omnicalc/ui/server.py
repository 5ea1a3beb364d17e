"""The dashboards' server: standalone Voila with a Dutch landing page instead of a file tree, only
the three dashboards renderable, and gzip on every text response.

Run as ``python -m omnicalc.ui.server NOTEBOOK_DIR [voila options]`` (``omnicalc serve`` does this).

* Voila serving a folder shows its file tree at ``/`` and lists it under ``/voila/api/contents``;
  both are replaced by :class:`LandingHandler`, and ``/voila/render/`` answers only for the
  notebooks in :data:`DASHBOARDS` (the analysts' notebooks are for JupyterLab, not for visitors).
* The kernel websocket speaks only the v1 protocol and closes on a malformed frame
  (:class:`KernelSocket`).
* Voila builds its tornado Application before applying ``tornado_settings``, so
  ``compress_response`` in voila.json has no effect; here it goes into the settings the
  Application is built with.
"""

from __future__ import annotations

import html
import re
import sys

import tornado.web
from voila.app import Voila
from voila.handler import VoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

V1 = "v1.kernel.websocket.jupyter.org"

#: (notebook, title, what it is for) — the landing page, in this order.
DASHBOARDS = (
    (
        "kanaalmix.ipynb",
        "Kanaalmix & businesscase",
        "Eén gemeente: volumes per kanaal, statusportaal, herhaalcontact en kanaalsturing, "
        "meerjarige businesscase met onzekerheid; scenario's vergelijken, opslaan en als Excel of PDF exporteren.",
    ),
    (
        "statusvragen.ipynb",
        "Statusvragen",
        "Wat een statusportaal (MijnServices) bespaart op statusvragen, en de landelijke claim "
        "'€ 11 × 30% > € 65 miljoen' nagerekend met invoer die u ziet en kunt wijzigen.",
    ),
    (
        "landelijk_overzicht.ipynb",
        "Landelijk overzicht",
        "Eén scenario voor alle 342 gemeenten: totalen, provincies, een sorteerbare tabel en een kaart.",
    ),
)

_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>omnicalc — dashboards</title>
<style>
body {{ font-family: system-ui, "DejaVu Sans", sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem;
       color: #1f2933; }}
h1 {{ font-size: 1.6rem; margin-bottom: .25rem; }}
a.oc-dashboard {{ display: block; border: 1px solid #cbd2d9; border-radius: 6px; padding: .8rem 1rem;
                  margin: .8rem 0; text-decoration: none; color: inherit; }}
a.oc-dashboard:hover, a.oc-dashboard:focus {{ border-color: #1f6feb; background: #f5f9ff; }}
a.oc-dashboard strong {{ color: #1f6feb; font-size: 1.1rem; }}
p.oc-small {{ color: #52606d; font-size: .9rem; }}
</style></head>
<body>
<h1>omnicalc</h1>
<p>Businesscase en kanaalmix voor het klantcontact van gemeenten. Kies een dashboard:</p>
{items}
<p class="oc-small">Elke standaardwaarde heeft een bron, een jaar, een eenheid en een bandbreedte; aannames
staan als aanname gemarkeerd. Het laden van een dashboard duurt enkele seconden.</p>
</body></html>
"""


class LandingHandler(tornado.web.RequestHandler):
    """``/``: the dashboards with a line on each; no file listing."""

    def get(self) -> None:
        base = self.settings.get("base_url", "/")
        items = "\n".join(
            f'<a class="oc-dashboard" href="{html.escape(base)}voila/render/{html.escape(nb)}">'
            f"<strong>{html.escape(title)}</strong><br>{html.escape(text)}</a>"
            for nb, title, text in DASHBOARDS
        )
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.write(_PAGE.format(items=items))


def well_formed_v1(message: object) -> bool:
    """Whether a websocket frame has the v1 layout: an offset count, that many increasing offsets, the parts."""
    if not isinstance(message, bytes) or len(message) < 8:
        return False
    n = int.from_bytes(message[:8], "little")
    if not 3 <= n <= 1024 or len(message) < 8 * (n + 1):
        return False
    offsets = [int.from_bytes(message[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(n)]
    return (
        offsets[0] == 8 * (n + 1)
        and all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))
        and offsets[-1] == len(message)
    )


class KernelSocket(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket, refusing what could stall the server.

    jupyter_server and Voila read a v1 frame's first 8 bytes as a count of offsets and build a list that long.
    A frame in the legacy layout (a client that did not ask for v1), or a crafted one, makes that count run into
    the billions: the server's single thread spins and its memory grows by tens of MB a second (found by
    ``tests/test_security.py``). The dashboards' pages always speak v1; anything else is refused or closed.
    """

    async def get(self, *args: object, **kwargs: object) -> None:
        offered = [p.strip() for p in self.request.headers.get("Sec-WebSocket-Protocol", "").split(",")]
        if V1 not in offered:
            raise tornado.web.HTTPError(400, f"only the {V1} protocol is served")
        await super().get(*args, **kwargs)

    def on_message(self, message: str | bytes) -> None:
        if not well_formed_v1(message):
            self.log.warning("kernel websocket closed after a malformed frame")
            self.close(1007, "malformed frame")
            return
        super().on_message(message)


class OmnicalcVoila(Voila):
    """Voila with a landing page, a fixed set of dashboards and compressed responses."""

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["compress_response"] = True
        return settings

    def init_handlers(self) -> list:
        names = "|".join(re.escape(nb) for nb, _, _ in DASHBOARDS)
        out: list = []
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if (
                pattern.endswith("/voila/render/(.*)")
                and isinstance(handler, type)
                and issubclass(handler, VoilaHandler)
            ):
                out.append((pattern.replace("(.*)", f"({names})"), *spec[1:]))
            elif handler is VoilaKernelWebsocketHandler:
                out.append((pattern, KernelSocket, *spec[2:]))
            elif "/voila/tree" in pattern or "/voila/api/contents" in pattern:
                continue  # no file tree, no directory listing
            elif pattern == self.server_url:
                out.append((pattern, LandingHandler))
            else:
                out.append(spec)
        return out


def main(argv: list[str] | None = None) -> None:
    OmnicalcVoila.launch_instance(argv if argv is not None else sys.argv[1:])


__all__ = ["KernelSocket", "LandingHandler", "OmnicalcVoila", "main", "well_formed_v1"]


if __name__ == "__main__":
    main()
