"""Progress bars for long runs (Monte Carlo, batch work), for the ``progress`` callbacks of the core.

tqdm is imported only when a bar is made; in a notebook ``tqdm.auto`` draws a widget bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def progress_bar(
    description: str = "Monte Carlo", unit: str = "stuks", **tqdm_kwargs: Any
) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback that draws a tqdm bar (closed when done == total).

    >>> bar = progress_bar(disable=True)
    >>> bar(5, 10); bar(10, 10)
    """
    from tqdm.auto import tqdm

    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            state["bar"] = tqdm(total=total, desc=description, unit=unit, **tqdm_kwargs)
        bar = state["bar"]
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


__all__ = [
    "progress_bar",
]
