"""The dashboards' server: standalone Voila with gzip on every text response.

Voila builds its tornado Application before applying ``tornado_settings``, so
``compress_response`` in voila.json has no effect; here it goes into the settings the
Application is built with. Run as ``python -m omnicalc.ui.server NOTEBOOK_DIR [voila options]``
(``omnicalc serve`` does this).
"""

from __future__ import annotations

import sys

from voila.app import Voila


class OmnicalcVoila(Voila):
    """Voila with compressed responses (the JavaScript of a first page view shrinks about fourfold)."""

    def init_settings(self) -> dict:
        settings = super().init_settings()
        settings["compress_response"] = True
        return settings


def main(argv: list[str] | None = None) -> None:
    OmnicalcVoila.launch_instance(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
