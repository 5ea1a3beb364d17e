"""A file upload button that refuses too-large files in the browser, with a Dutch message.

ipywidgets' ``FileUpload`` sends the whole file in one websocket message; a file above the
server's ``websocket_max_message_size`` is dropped without a word (VOILA-NOTES §3.8). This
button reads the file's size first: a file over ``max_bytes`` never leaves the browser and
the app gets an :class:`~omnicalc.errors.InputError` naming the file, its size and the limit.
Accepted files arrive as one binary buffer (no base64), so the limit is the file size.

The browser's check is a courtesy: any client can send any message. The server checks again, on the
bytes it received (never on the size the message claims), before anything reads them.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets as t

from .. import fmt
from ..errors import InputError

_ESM = """
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button oc-upload-button";
  const input = document.createElement("input");
  input.type = "file";
  input.accept = model.get("accept");
  input.style.display = "none";
  const text = document.createElement("span");
  text.textContent = model.get("description");
  button.append(text);
  button.addEventListener("click", () => input.click());
  el.append(button, input);
  input.addEventListener("change", async () => {
    const file = input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > model.get("max_bytes")) {
      model.send({ name: file.name, size: file.size, refused: true });
      return;
    }
    text.textContent = "Bezig met lezen…";
    try {
      const buffer = await file.arrayBuffer();
      model.send({ name: file.name, size: file.size, refused: false }, undefined, [buffer]);
    } finally {
      text.textContent = model.get("description");
    }
  });
}
export default { render };
"""


def shown_bytes(n: int) -> tuple[str, str]:
    """A byte limit in English and Dutch: whole MiB/MB from 1 MiB on, else KiB/kB (``256 KiB``, ``256 kB``)."""
    if n >= 2**20:
        return f"{fmt.num(n / 2**20, 0)} MiB", f"{fmt.num(n / 2**20, 0)} MB"
    return f"{fmt.num(n / 2**10, 0)} KiB", f"{fmt.num(n / 2**10, 0)} kB"


class Upload(anywidget.AnyWidget):
    """Button for one file; ``on_file(name, data)`` for accepted files, ``on_error(InputError)`` otherwise."""

    _esm = t.Unicode(_ESM).tag(sync=True)
    description = t.Unicode("Bestand laden").tag(sync=True)
    accept = t.Unicode("").tag(sync=True)
    max_bytes = t.Int(20 * 2**20).tag(sync=True)

    def __init__(
        self,
        description: str,
        accept: str,
        max_bytes: int,
        on_file: Callable[[str, bytes], None],
        on_error: Callable[[InputError], None],
    ) -> None:
        super().__init__(description=description, accept=accept, max_bytes=max_bytes)
        self._on_file, self._on_error = on_file, on_error
        self.on_msg(lambda _, content, buffers: self.receive(content, buffers))

    def receive(self, content: object, buffers: list) -> None:
        """Handle one message from the browser (also what the headless tests call)."""
        content = content if isinstance(content, dict) else {}
        name = str(content.get("name", ""))[:200]
        received = memoryview(buffers[0]).nbytes if buffers else 0
        claimed = content.get("size")
        if not isinstance(claimed, int) or isinstance(claimed, bool):
            claimed = 0
        size = max(received, min(claimed, 2**53))  # the larger: a refused file's claim, a received file's bytes
        if content.get("refused") is not False or size > self.max_bytes or not buffers:
            limit_en, limit_nl = shown_bytes(self.max_bytes)
            self._on_error(
                InputError(
                    "file",
                    f"{name} ({fmt.num(size / 2**20, 1)} MB)",
                    f"files up to {limit_en} are accepted",
                    allowed_nl=f"bestanden tot {limit_nl} worden geaccepteerd",
                    label_nl="Bestand",
                )
            )
            return
        self._on_file(name, bytes(buffers[0]))


__all__ = [
    "Upload",
    "shown_bytes",
]
